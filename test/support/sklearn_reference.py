"""Writes test/support/sklearn-reference.json, every scikit-learn value the tests compare with:
the scores on 0/1 decisions (confusion matrices, Hamming loss, subset accuracy, precision, recall,
F-beta and Jaccard for every average and zero_division), metricSummary's metrics, the ranking
metrics, ROC AUC, precision-recall curves and F-beta at extreme beta. Read through
test/support/sklearn-reference.ts by test/unit/metrics.test.ts and test/unit/thresholds.test.ts.

Run from the repository root with scikit-learn and numpy installed (the versions are those in the
file's "versions" field), for instance:

    python3 -m venv /tmp/sk && /tmp/sk/bin/pip install scikit-learn==1.9.1 numpy==2.4.6
    /tmp/sk/bin/python test/support/sklearn_reference.py

The inputs are stored next to the values, so the tests use exactly what scikit-learn saw.
NaN is stored as the string "NaN" (JSON has no NaN); a NaN from roc_auc_score means scikit-learn
found the score undefined (one class only) and warned.
"""

import json
import math
import platform
import sys
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    coverage_error,
    f1_score,
    fbeta_score,
    hamming_loss,
    jaccard_score,
    label_ranking_average_precision_score,
    label_ranking_loss,
    multilabel_confusion_matrix,
    precision_recall_curve,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
    roc_auc_score,
)

OUT = Path(__file__).with_name("sklearn-reference.json")


def lcg(seed):
    """The generator of test/support/sklearn-fixture.ts, bit for bit."""
    s = seed & 0xFFFFFFFF

    def nxt():
        nonlocal s
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        return s >> 8

    return nxt


def random_fixture(n, num_labels, seed):
    """randomFixture: probabilities, multiples of 0.01, true labels shifted up by 0.3."""
    nxt = lcg(seed)
    y, p = [], []
    for _ in range(n):
        yr, pr = [], []
        for _ in range(num_labels):
            t = 1 if nxt() % 100 < 30 else 0
            k = nxt() % 101
            if t:
                k = min(100, k + 30)
            yr.append(t)
            pr.append(k / 100)
        y.append(yr)
        p.append(pr)
    return y, p


def random_logits(n, num_labels, seed):
    """Logits in [-5, 6.5], multiples of 0.05 (ties are common), true labels shifted up by 1.5."""
    nxt = lcg(seed)
    y, s = [], []
    for _ in range(n):
        yr, sr = [], []
        for _ in range(num_labels):
            t = 1 if nxt() % 100 < 30 else 0
            k = nxt() % 201 - 100 + (30 if t else 0)
            yr.append(t)
            sr.append(k / 20)
        y.append(yr)
        s.append(sr)
    return y, s


def enc(v):
    """Plain JSON values: NaN as "NaN", numpy scalars and arrays as numbers and lists."""
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, np.ndarray)):
        return [enc(x) for x in v]
    if isinstance(v, str):
        return v
    f = float(v)
    if math.isnan(f):
        return "NaN"
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def one_error(y, s):
    # Not in scikit-learn: the fraction of rows whose top-scored label (np.argmax: first maximum)
    # is not relevant.
    return float(np.mean(y[np.arange(len(y)), np.argmax(s, axis=1)] == 0))


# A: 4 samples x 6 labels, built so that every edge case appears once:
#   label 3 is never true and never predicted, label 4 is predicted but never true,
#   label 5 is true but never predicted, row 3 has no true and no predicted labels.
A_TRUE = [
    [1, 0, 1, 0, 0, 0],
    [0, 1, 0, 0, 0, 0],
    [1, 1, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0],
]
A_PRED = [
    [1, 0, 0, 0, 1, 0],
    [0, 1, 1, 0, 0, 0],
    [1, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
]
# Ties on purpose: row 1 ties a true and a false label at 0.8, row 2 ties two true labels at 0.45.
A_PROBS = [
    [0.9, 0.2, 0.4, 0.1, 0.6, 0.3],
    [0.3, 0.8, 0.8, 0.1, 0.2, 0.05],
    [0.7, 0.45, 0.3, 0.2, 0.1, 0.45],
    [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
]
# Z: nothing is ever true (all supports 0); Z0: nothing predicted either; C (A_TRUE predicted
# exactly): all correct.
Z_TRUE = [[0, 0, 0], [0, 0, 0], [0, 0, 0]]
Z_PRED = [[0, 1, 0], [0, 0, 0], [1, 0, 0]]
Z0_PRED = [[0, 0, 0], [0, 0, 0], [0, 0, 0]]
# Logits with ties between true and false labels, a row with every label true, one with none,
# one with every score tied, and negative top scores.
TIES_TRUE = [
    [1, 0, 1, 0],
    [0, 1, 0, 0],
    [1, 1, 1, 1],
    [0, 0, 0, 0],
    [0, 1, 1, 0],
    [1, 0, 0, 1],
    [0, 0, 1, 0],
]
TIES_SCORES = [
    [2.5, -1.0, 2.5, 0.0],
    [-3.0, -3.0, -3.0, -3.0],
    [0.1, -0.2, 5.0, 1.0],
    [1.0, 2.0, 3.0, 4.0],
    [-0.5, -0.5, -2.0, -0.5],
    [-7.0, 3.0, 3.0, -7.0],
    [-4.25, -9.5, -4.25, -12.0],
]
# An AUC case where every label and every row has both classes (so every average is defined),
# with ties across rows and logits of both signs.
AUC_TRUE = [
    [1, 0, 1],
    [0, 1, 1],
    [1, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
]
AUC_SCORES = [
    [2.0, -1.0, 0.5],
    [-0.5, 0.5, 0.5],
    [0.5, 3.0, -2.0],
    [-0.5, -1.0, 1.5],
    [0.5, 0.5, -1.0],
]

R_TRUE, R_PROBS = random_fixture(40, 7, 42)
R_PRED = [[1 if p >= 0.5 else 0 for p in row] for row in R_PROBS]
R_ZEROS = [[0.0] * 7 for _ in R_TRUE]
RL_TRUE, RL_SCORES = random_logits(40, 7, 7)

# Scores on 0/1 decisions: (yTrue, yPred).
DECISIONS = {
    "A": (A_TRUE, A_PRED),
    "Z": (Z_TRUE, Z_PRED),
    "Z0": (Z_TRUE, Z0_PRED),
    "C": (A_TRUE, A_TRUE),
    "R": (R_TRUE, R_PRED),
}

CASES = {
    "example": ([[1, 0, 1]], [[3.98, -3.9, 3.92]]),
    "A": (A_TRUE, A_PROBS),
    "ties": (TIES_TRUE, TIES_SCORES),
    "auc": (AUC_TRUE, AUC_SCORES),
    "R": (R_TRUE, R_PROBS),
    # The all-zeros baseline of metricSummary's tests: every score tied.
    "Rzeros": (R_TRUE, R_ZEROS),
    "RL": (RL_TRUE, RL_SCORES),
    # label_ranking_loss's docstring example (0.75).
    "docstring": ([[1, 0, 0], [0, 0, 1]], [[0.75, 0.5, 1], [1, 0.2, 0.1]]),
}

# metricSummary's inputs: (yTrue, probs, threshold), threshold one number or one per label.
SUMMARIES = {
    "R05": (R_TRUE, R_PROBS, 0.5),
    "RT": (R_TRUE, R_PROBS, [0.3, 0.4, 0.5, 0.6, 0.7, 0.5, 0.5]),
    "Rzeros": (R_TRUE, R_ZEROS, 0.5),
}

# Single columns for precision_recall_curve and average_precision_score: (yTrue, scores).
CURVES = {
    # column 1 of fixture A, [0, 1, 1, 0] scored [0.2, 0.8, 0.45, 0.2]: two negatives tied
    "A1": ([row[1] for row in A_TRUE], [row[1] for row in A_PROBS]),
    # a label with no positives
    "noPositives": ([0, 0, 0], [0.2, 0.7, 0.2]),
}

AVERAGES = (None, "micro", "macro", "weighted", "samples")
ZERO_DIVISIONS = (("0", 0), ("1", 1), ("nan", np.nan))


def decisions(y_list, yp_list):
    """Every score on 0/1 decisions, keyed `${metric}|${average}|${zero_division}` in `scores`."""
    y = np.array(y_list)
    yp = np.array(yp_list)
    scores = {}
    for zd_name, zd in ZERO_DIVISIONS:
        for avg in AVERAGES:
            key = f"{avg}|{zd_name}"
            kw = {"average": avg, "zero_division": zd}
            scores[f"p|{key}"] = quiet(precision_score, y, yp, **kw)
            scores[f"r|{key}"] = quiet(recall_score, y, yp, **kw)
            scores[f"f1|{key}"] = quiet(f1_score, y, yp, **kw)
            scores[f"f2|{key}"] = quiet(fbeta_score, y, yp, beta=2, **kw)
            scores[f"fhalf|{key}"] = quiet(fbeta_score, y, yp, beta=0.5, **kw)
            if zd_name != "nan":  # jaccard_score rejects zero_division=nan
                scores[f"j|{key}"] = quiet(jaccard_score, y, yp, **kw)
    return {
        "yTrue": y_list,
        "yPred": yp_list,
        "mcm": multilabel_confusion_matrix(y, yp),
        "hamming": hamming_loss(y, yp),
        "subset": accuracy_score(y, yp),
        "support": quiet(precision_recall_fscore_support, y, yp, average=None)[3],
        "f0Macro": quiet(fbeta_score, y, yp, beta=0, average="macro", zero_division=0),
        "scores": scores,
    }


def summary(y_list, p_list, threshold):
    """metricSummary's metrics, zero_division=0, on yp = (probs >= threshold)."""
    y = np.array(y_list)
    p = np.array(p_list, dtype=float)
    yp = (p >= np.array(threshold)).astype(int)
    values = {
        "binaryAccuracy": np.mean(y == yp),
        "hammingLoss": hamming_loss(y, yp),
        "subsetAccuracy": accuracy_score(y, yp),
    }
    for name, fn in (("precision", precision_score), ("recall", recall_score), ("f1", f1_score)):
        for avg in ("micro", "macro", "weighted", "samples"):
            values[name + avg.capitalize()] = quiet(fn, y, yp, average=avg, zero_division=0)
    for avg in ("micro", "macro"):
        values["jaccard" + avg.capitalize()] = quiet(
            jaccard_score, y, yp, average=avg, zero_division=0
        )
    values.update(
        {
            "labelRankingAveragePrecision": label_ranking_average_precision_score(y, p),
            "coverageError": coverage_error(y, p),
            "labelRankingLoss": label_ranking_loss(y, p),
            "oneError": one_error(y, p),
            "categoricalAccuracy": np.mean(np.argmax(y, 1) == np.argmax(p, 1)),
        }
    )
    return {"yTrue": y_list, "probs": p_list, "threshold": threshold, "values": values}


def curve(y_list, s_list):
    p, r, t = quiet(precision_recall_curve, y_list, s_list)
    return {
        "yTrue": y_list,
        "scores": s_list,
        "precision": p,
        "recall": r,
        "thresholds": t,
        "averagePrecision": quiet(average_precision_score, y_list, s_list),
    }


def ranking(y_list, s_list):
    y = np.array(y_list)
    s = np.array(s_list, dtype=float)
    out = {
        "yTrue": y_list,
        "scores": s_list,
        "labelRankingAveragePrecision": label_ranking_average_precision_score(y, s),
        "coverageError": coverage_error(y, s),
        "labelRankingLoss": label_ranking_loss(y, s),
        "oneError": one_error(y, s),
        "categoricalAccuracy": float(np.mean(np.argmax(y, 1) == np.argmax(s, 1))),
        "averagePrecision": quiet(average_precision_score, y, s, average=None),
        "rocAuc": {
            str(avg): quiet(roc_auc_score, y, s, average=avg)
            for avg in AVERAGES
        },
        "precisionRecallCurves": [],
    }
    for j in range(y.shape[1]):
        p, r, t = quiet(precision_recall_curve, y[:, j], s[:, j])
        out["precisionRecallCurves"].append({"precision": p, "recall": r, "thresholds": t})
    return out


def fbeta_limits():
    """fbeta_score at beta = inf and at large finite beta, on fixture A's decisions
    (decisions.A in the file)."""
    y = np.array(A_TRUE)
    yp = np.array(A_PRED)
    out = {}
    for zd_name, zd in ZERO_DIVISIONS:
        for avg in AVERAGES:
            key = f"{avg}|{zd_name}"
            kw = {"average": avg, "zero_division": zd}
            # sklearn: `if np.isposinf(beta): f_score = recall`
            out[f"inf|{key}"] = quiet(fbeta_score, y, yp, beta=np.inf, **kw)
            out[f"recall|{key}"] = quiet(recall_score, y, yp, **kw)
            out[f"1e150|{key}"] = quiet(fbeta_score, y, yp, beta=1e150, **kw)
    # Where beta**2 overflows scikit-learn gives no usable value; recorded to document it.
    raw = {}
    for beta in (1.3e154, 1.35e154, 1e300):
        for kind, b in (("float", float(beta)), ("float64", np.float64(beta))):
            try:
                raw[f"{beta:g}|{kind}"] = quiet(fbeta_score, y, yp, beta=b, average=None)
            except OverflowError as e:
                raw[f"{beta:g}|{kind}"] = f"OverflowError: {e}"
    out["overflow"] = raw
    return out


def main():
    data = {
        "madeBy": "python test/support/sklearn_reference.py",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "decisions": {name: decisions(y, yp) for name, (y, yp) in DECISIONS.items()},
        "summaries": {name: summary(y, p, t) for name, (y, p, t) in SUMMARIES.items()},
        "ranking": {name: ranking(y, s) for name, (y, s) in CASES.items()},
        "curves": {name: curve(y, s) for name, (y, s) in CURVES.items()},
        "fbeta": fbeta_limits(),
    }
    OUT.write_text(dump(enc(data)) + "\n")
    print(f"wrote {OUT} with scikit-learn {sklearn.__version__}", file=sys.stderr)


def dump(v, depth=0):
    """JSON with one key per line and each list of numbers (or matrix row) on one line."""
    pad = "  " * (depth + 1)
    if isinstance(v, dict):
        items = [f"{pad}{json.dumps(k)}: {dump(x, depth + 1)}" for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v):
        items = [pad + dump(x, depth + 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"
    return json.dumps(v, separators=(", ", ": "))


if __name__ == "__main__":
    main()
