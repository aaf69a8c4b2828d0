"""Writes test/support/sklearn-reference.json: scikit-learn's values for the ranking metrics,
ROC AUC and F-beta at extreme beta, read by test/unit/metrics.test.ts and test/unit/thresholds.test.ts.

Run from the repository root with scikit-learn and numpy installed:

    python test/support/sklearn_reference.py

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
    average_precision_score,
    coverage_error,
    fbeta_score,
    label_ranking_average_precision_score,
    label_ranking_loss,
    precision_recall_curve,
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
A_PROBS = [
    [0.9, 0.2, 0.4, 0.1, 0.6, 0.3],
    [0.3, 0.8, 0.8, 0.1, 0.2, 0.05],
    [0.7, 0.45, 0.3, 0.2, 0.1, 0.45],
    [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
]
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
RL_TRUE, RL_SCORES = random_logits(40, 7, 7)

CASES = {
    "example": ([[1, 0, 1]], [[3.98, -3.9, 3.92]]),
    "A": (A_TRUE, A_PROBS),
    "ties": (TIES_TRUE, TIES_SCORES),
    "auc": (AUC_TRUE, AUC_SCORES),
    "R": (R_TRUE, R_PROBS),
    # The all-zeros baseline of metricSummary's tests: every score tied.
    "Rzeros": (R_TRUE, [[0.0] * 7 for _ in R_TRUE]),
    "RL": (RL_TRUE, RL_SCORES),
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
            for avg in (None, "micro", "macro", "weighted", "samples")
        },
        "precisionRecallCurves": [],
    }
    for j in range(y.shape[1]):
        p, r, t = quiet(precision_recall_curve, y[:, j], s[:, j])
        out["precisionRecallCurves"].append({"precision": p, "recall": r, "thresholds": t})
    return out


def fbeta_limits():
    """fbeta_score at beta = inf and at large finite beta, on fixture A's decisions."""
    y = np.array(A_TRUE)
    yp = np.array(A_PRED)
    out = {}
    for zd_name, zd in (("0", 0), ("1", 1), ("nan", np.nan)):
        for avg in (None, "micro", "macro", "weighted", "samples"):
            key = f"{avg}|{zd_name}"
            # sklearn: `if np.isposinf(beta): f_score = recall`
            out[f"inf|{key}"] = quiet(fbeta_score, y, yp, beta=np.inf, average=avg, zero_division=zd)
            out[f"recall|{key}"] = quiet(recall_score, y, yp, average=avg, zero_division=zd)
            out[f"1e150|{key}"] = quiet(fbeta_score, y, yp, beta=1e150, average=avg, zero_division=zd)
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
        "ranking": {name: ranking(y, s) for name, (y, s) in CASES.items()},
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
