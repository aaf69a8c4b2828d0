import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  Average,
  MetricSummary,
  PAPER_METRICS,
  SUMMARY_METRICS,
  SummaryMetric,
  ZeroDivision,
  binaryAccuracy,
  categoricalAccuracy,
  coverageError,
  f1Score,
  fbetaScore,
  hammingLoss,
  jaccardScore,
  labelRankingAveragePrecision,
  labelRankingLoss,
  metricSummary,
  multilabelConfusionMatrix,
  oneError,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  rocAucScore,
  subsetAccuracy,
  summaryRows,
  SCORE_METRICS,
} from '../../src/eval/metrics';
import { toDecisions } from '../../src/eval/thresholds';
import { assertArrayClose, assertClose, assertInputError } from '../support/close';
import { randomFixture } from '../support/sklearn-fixture';
import { SKLEARN } from '../support/sklearn-reference';

// ---------------------------------------------------------------------------------------------
// Fixtures and scikit-learn's values for them: test/support/sklearn-reference.json, made by
// test/support/sklearn_reference.py, which defines the fixtures and says how each value is made.

// A: 4 samples x 6 labels, built so that every edge case appears once:
//   label 3 is never true and never predicted, label 4 is predicted but never true,
//   label 5 is true but never predicted, row 3 has no true and no predicted labels.
const { yTrue: A_TRUE, yPred: A_PRED } = SKLEARN.decisions.A;
// Ties on purpose: row 1 ties a true and a false label at 0.8, row 2 ties two true labels at 0.45.
const A_PROBS = SKLEARN.ranking.A.scores;
// Z: nothing is ever true (all supports 0); Z0: nothing predicted either; C: all correct.
const { yTrue: Z_TRUE, yPred: Z_PRED } = SKLEARN.decisions.Z;
const Z0_PRED = SKLEARN.decisions.Z0.yPred;

// R: 40 x 7 from the generator the script ports; decisions.R holds R_true and R_probs >= 0.5.
const R = randomFixture(40, 7, 42);
const R_PRED = R.probs.map((row) => row.map((p) => (p >= 0.5 ? 1 : 0)));

const METRICS = ['p', 'r', 'f1', 'f2', 'fhalf', 'j'] as const;
const AVERAGES: (Average | null)[] = [null, 'micro', 'macro', 'weighted', 'samples'];
const ZERO_DIVISIONS: [string, ZeroDivision][] = [
  ['0', 0],
  ['1', 1],
  ['nan', 'nan'],
];

function ours(
  metric: (typeof METRICS)[number],
  yTrue: number[][],
  yPred: number[][],
  average: Average | null,
  zeroDivision: ZeroDivision,
): number | number[] {
  switch (metric) {
    case 'p':
      return precisionScore(yTrue, yPred, { average, zeroDivision });
    case 'r':
      return recallScore(yTrue, yPred, { average, zeroDivision });
    case 'f1':
      return f1Score(yTrue, yPred, { average, zeroDivision });
    case 'f2':
      return fbetaScore(yTrue, yPred, { beta: 2, average, zeroDivision });
    case 'fhalf':
      return fbetaScore(yTrue, yPred, { beta: 0.5, average, zeroDivision });
    case 'j':
      return jaccardScore(yTrue, yPred, { average, zeroDivision });
  }
}

// ---------------------------------------------------------------------------------------------
// Reference comparisons

test('the TS random fixture reproduces the rows scikit-learn saw', () => {
  // the script's port of the generator made decisions.R and summaries.R05
  assert.deepEqual(R.yTrue, SKLEARN.decisions.R.yTrue);
  assert.deepEqual(R.probs, SKLEARN.summaries.R05.probs);
  assert.deepEqual(R_PRED, SKLEARN.decisions.R.yPred);
  // R_true.sum(0) is sklearn's support
  assert.deepEqual(
    R.yTrue.reduce((acc, row) => acc.map((v, j) => v + row[j])),
    SKLEARN.decisions.R.support,
  );
});

for (const [name, sk] of Object.entries(SKLEARN.decisions)) {
  const { yTrue, yPred } = sk;
  test(`fixture ${name}: confusion matrix, Hamming loss, subset, binary accuracy = sklearn`, () => {
    const mcm = multilabelConfusionMatrix(yTrue, yPred).map((c) => [
      [c.tn, c.fp],
      [c.fn, c.tp],
    ]);
    assert.deepEqual(mcm, sk.mcm);
    assertClose(hammingLoss(yTrue, yPred), sk.hamming);
    assertClose(subsetAccuracy(yTrue, yPred), sk.subset);
    assertClose(binaryAccuracy(yTrue, yPred), 1 - sk.hamming);
  });

  for (const metric of METRICS) {
    test(`fixture ${name}: ${metric} matches sklearn for every average and zero_division`, () => {
      let compared = 0;
      for (const average of AVERAGES) {
        for (const [zdKey, zeroDivision] of ZERO_DIVISIONS) {
          const expected = sk.scores[`${metric}|${average ?? 'None'}|${zdKey}`];
          if (expected === undefined) continue;
          const label = `${metric} average=${average} zeroDivision=${zdKey}`;
          assertArrayClose(
            ours(metric, yTrue, yPred, average, zeroDivision),
            expected,
            1e-12,
            label,
          );
          compared++;
        }
      }
      assert.equal(compared, metric === 'j' ? 10 : 15);
    });
  }

  test(`fixture ${name}: precisionRecallFscoreSupport is consistent with the single scores`, () => {
    const perLabel = precisionRecallFscoreSupport(yTrue, yPred);
    assertArrayClose(perLabel.support, sk.support, 0);
    assertArrayClose(perLabel.precision, sk.scores['p|None|0'], 1e-12);
    assertArrayClose(perLabel.fScore, sk.scores['f1|None|0'], 1e-12);
    const macro = precisionRecallFscoreSupport(yTrue, yPred, {
      average: 'macro',
      beta: 2,
      zeroDivision: 1,
    });
    assert.equal(macro.support, null);
    assertClose(macro.fScore, sk.scores['f2|macro|1'] as number, 1e-12);
    assertClose(macro.recall, sk.scores['r|macro|1'] as number, 1e-12);
    // beta = 0 is precision
    assertClose(fbetaScore(yTrue, yPred, { beta: 0, average: 'macro' }), sk.f0Macro, 1e-12);
  });
}

// ---------------------------------------------------------------------------------------------
// Hand-computed values and edge cases

test('hand-computed counts on fixture A', () => {
  // 5 of the 24 entries differ: (0,4), (0,2), (1,2), (2,1), (2,5)
  assertClose(hammingLoss(A_TRUE, A_PRED), 5 / 24);
  assertClose(binaryAccuracy(A_TRUE, A_PRED), 19 / 24);
  // only row 3 (empty vs empty) matches exactly
  assertClose(subsetAccuracy(A_TRUE, A_PRED), 1 / 4);
  assert.deepEqual(multilabelConfusionMatrix(A_TRUE, A_PRED)[1], { tn: 2, fp: 0, fn: 1, tp: 1 });
  // micro: tp = 2 + 1 = 3, fp = 1 + 1 = 2, fn = 1 + 1 + 1 = 3
  assertClose(precisionScore(A_TRUE, A_PRED, { average: 'micro' }), 3 / 5);
  assertClose(recallScore(A_TRUE, A_PRED, { average: 'micro' }), 3 / 6);
  assertClose(f1Score(A_TRUE, A_PRED, { average: 'micro' }), 6 / 11);
  assertClose(jaccardScore(A_TRUE, A_PRED, { average: 'micro' }), 3 / 8);
  // label 1: tp 1, fn 1 -> F1 = 2/3; F2 = 5*1 / (5*1 + 4*1 + 0) = 5/9
  assertClose(f1Score(A_TRUE, A_PRED, { average: null })[1], 2 / 3);
  assertClose(fbetaScore(A_TRUE, A_PRED, { beta: 2, average: null })[1], 5 / 9);
});

test('a label never true and never predicted: zeroDivision for precision, recall, F1', () => {
  // label 3 of fixture A
  for (const [zd, value] of [
    [0, 0],
    [1, 1],
    ['nan', NaN],
  ] as [ZeroDivision, number][]) {
    const r = precisionRecallFscoreSupport(A_TRUE, A_PRED, { zeroDivision: zd });
    assertClose(r.precision[3], value, 0, `precision zd=${zd}`);
    assertClose(r.recall[3], value, 0, `recall zd=${zd}`);
    assertClose(r.fScore[3], value, 0, `F1 zd=${zd}`);
    assertClose(
      jaccardScore(A_TRUE, A_PRED, { average: null, zeroDivision: zd })[3],
      value,
      0,
      `jaccard zd=${zd}`,
    );
  }
});

test('F1 is 0 when only precision or only recall is ill-defined (sklearn >= 1.3)', () => {
  const r = precisionRecallFscoreSupport(A_TRUE, A_PRED, { zeroDivision: 1 });
  // label 4: predicted once, never true -> precision 0, recall ill-defined, F1 = 0/(0+1+0) = 0
  assert.deepEqual([r.precision[4], r.recall[4], r.fScore[4]], [0, 1, 0]);
  // label 5: true once, never predicted -> precision ill-defined, recall 0, F1 = 0
  assert.deepEqual([r.precision[5], r.recall[5], r.fScore[5]], [1, 0, 0]);
});

test("'samples' average: a row with no true and no predicted labels scores zeroDivision", () => {
  // per-row precision: row0 1/2, row1 1/2, row2 1/1, row3 0/0
  assertClose(
    precisionScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 0 }),
    (0.5 + 0.5 + 1 + 0) / 4,
  );
  assertClose(
    precisionScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 1 }),
    (0.5 + 0.5 + 1 + 1) / 4,
  );
  // 'nan' leaves the row out of the mean
  assertClose(
    precisionScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 'nan' }),
    (0.5 + 0.5 + 1) / 3,
  );
  // per-row recall: 1/2, 1/1, 1/3, 0/0
  assertClose(
    recallScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 1 }),
    (0.5 + 1 + 1 / 3 + 1) / 4,
  );
});

test("'weighted' average with all-zero support falls back to the unweighted mean", () => {
  // Z: no label is ever true; per-label precision with zd=1 is [0, 0, 1] (label 2 never predicted)
  assertClose(precisionScore(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 1 }), 1 / 3);
  assertClose(f1Score(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 1 }), 1 / 3);
  assertClose(jaccardScore(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 1 }), 1 / 3);
  assertClose(recallScore(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 0 }), 0);
  // everything ill-defined and 'nan': NaN
  assert.ok(Number.isNaN(f1Score(Z_TRUE, Z0_PRED, { average: 'weighted', zeroDivision: 'nan' })));
});

test('all-zero yTrue and predictions: perfect subset accuracy, scores are zeroDivision', () => {
  assertClose(subsetAccuracy(Z_TRUE, Z0_PRED), 1);
  assertClose(hammingLoss(Z_TRUE, Z0_PRED), 0);
  for (const average of ['micro', 'macro', 'weighted', 'samples'] as Average[]) {
    assertClose(f1Score(Z_TRUE, Z0_PRED, { average }), 0, 0, average);
    assertClose(f1Score(Z_TRUE, Z0_PRED, { average, zeroDivision: 1 }), 1, 0, average);
  }
});

test('all-correct predictions score 1 except where a label or row is empty', () => {
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'micro' }), 1);
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'weighted' }), 1);
  // labels 3 and 4 are empty (zd 0) -> macro 4/6; row 3 is empty -> samples 3/4
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'macro' }), 4 / 6);
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'samples' }), 3 / 4);
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'macro', zeroDivision: 1 }), 1);
  assertClose(subsetAccuracy(A_TRUE, A_TRUE), 1);
});

test("jaccardScore accepts zeroDivision 'nan' (an extension; averages skip NaN entries)", () => {
  assertArrayClose(jaccardScore(A_TRUE, A_PRED, { average: null, zeroDivision: 'nan' }), [
    1,
    0.5,
    0,
    NaN,
    0,
    0,
  ]);
  assertClose(jaccardScore(A_TRUE, A_PRED, { average: 'macro', zeroDivision: 'nan' }), 1.5 / 5);
});

// ---------------------------------------------------------------------------------------------
// Ranking metrics and categorical accuracy

test('LRAP, coverage, categorical accuracy with tied scores (hand-computed = sklearn)', () => {
  // LRAP per row ("max" ranks for ties):
  //   row0 true {0,2}: label0 rank 1 -> 1/1; label2 (0.4) has 0.9, 0.6, 0.4 above -> 2/3; mean 5/6
  //   row1 true {1}: 0.8 ties with false label 2 -> rank 2 -> 1/2
  //   row2 true {0,1,5}: 0.45 tie between two true labels -> 3/3; all 1
  //   row3 no true labels -> 1 (sklearn's rule)
  const sk = SKLEARN.ranking.A;
  assertClose(labelRankingAveragePrecision(A_TRUE, A_PROBS), (5 / 6 + 1 / 2 + 1 + 1) / 4, 1e-12);
  assertClose(
    labelRankingAveragePrecision(A_TRUE, A_PROBS),
    sk.labelRankingAveragePrecision,
    1e-12,
  );
  // coverage per row: 3, 2 (tie counts), 3, 0 (no true labels) -> 2, as coverage_error
  assertClose(coverageError(A_TRUE, A_PROBS), 2);
  assertClose(coverageError(A_TRUE, A_PROBS), sk.coverageError);
  // argmax rows: true 0/1/0/0, probs 0/1 (tie 1 vs 2, first wins)/0/5 -> 3/4, as numpy's argmax
  assertClose(categoricalAccuracy(A_TRUE, A_PROBS), 3 / 4);
  assertClose(categoricalAccuracy(A_TRUE, A_PROBS), sk.categoricalAccuracy);
});

test('ranking metrics match sklearn on the random fixture', () => {
  const sk = SKLEARN.ranking.R;
  assertClose(
    labelRankingAveragePrecision(R.yTrue, R.probs),
    sk.labelRankingAveragePrecision,
    1e-12,
  );
  assertClose(coverageError(R.yTrue, R.probs), sk.coverageError, 1e-12);
  assertClose(categoricalAccuracy(R.yTrue, R.probs), sk.categoricalAccuracy, 1e-12);
});

test('all labels true or all scores tied', () => {
  const yTrue = [
    [1, 1, 1],
    [0, 1, 0],
  ];
  const tied = [
    [0.2, 0.2, 0.2],
    [0.3, 0.3, 0.3],
  ];
  // row 0: every label relevant -> 1; row 1: one relevant label tied with 2 others -> 1/3
  assertClose(labelRankingAveragePrecision(yTrue, tied), (1 + 1 / 3) / 2);
  // ties make every label count: 3 and 3
  assertClose(coverageError(yTrue, tied), 3);
  // tied probs -> argmax 0; true argmax 0 and 1 -> 1/2
  assertClose(categoricalAccuracy(yTrue, tied), 0.5);
  // a tie for the top score goes to the first index even when the second one is the true label
  assertClose(categoricalAccuracy([[0, 1]], [[0.4, 0.4]]), 0);
  // an all-zero yTrue row has argmax 0, as in Keras
  assertClose(categoricalAccuracy([[0, 0, 0]], [[0.9, 0.1, 0.1]]), 1);
});

test('categoricalAccuracy and binaryAccuracy agree with tf.metrics (Keras semantics)', () => {
  const yTrueT = tf.tensor2d(R.yTrue);
  const probsT = tf.tensor2d(R.probs);
  const keras = tf.metrics.categoricalAccuracy(yTrueT, probsT).mean().dataSync()[0];
  assertClose(categoricalAccuracy(R.yTrue, R.probs), keras, 1e-6);
  // tf.metrics.binaryAccuracy thresholds with p > 0.5: pass 0/1 decisions to compare like with like
  const decisions = toDecisions(R.probs, 0.5);
  const kerasBinary = tf.metrics
    .binaryAccuracy(yTrueT, tf.tensor2d(decisions))
    .mean()
    .dataSync()[0];
  assertClose(binaryAccuracy(R.yTrue, decisions), kerasBinary, 1e-6);
  tf.dispose([yTrueT, probsT]);
});

const sigmoid = (m: number[][]) => m.map((row) => row.map((v) => 1 / (1 + Math.exp(-v))));

test('the reference file holds the random fixture the TS generator makes', () => {
  assert.equal(SKLEARN.versions['scikit-learn'], '1.9.1');
  assert.deepEqual(SKLEARN.ranking.R.yTrue, R.yTrue);
  assert.deepEqual(SKLEARN.ranking.R.scores, R.probs);
});

test("scores may be logits: [[1,0,1]] scored [[3.98,-3.9,3.92]] has LRAP 1 (sklearn's)", () => {
  const { yTrue, scores } = SKLEARN.ranking.example;
  assert.deepEqual(scores, [[3.98, -3.9, 3.92]]);
  assert.equal(SKLEARN.ranking.example.labelRankingAveragePrecision, 1);
  assert.equal(labelRankingAveragePrecision(yTrue, scores), 1);
  assert.equal(coverageError(yTrue, scores), 2);
  assert.equal(labelRankingLoss(yTrue, scores), 0);
  assert.equal(oneError(yTrue, scores), 0);
});

for (const [name, c] of Object.entries(SKLEARN.ranking)) {
  test(`ranking case ${name}: LRAP, coverage, ranking loss, one-error, argmax = sklearn`, () => {
    assertClose(
      labelRankingAveragePrecision(c.yTrue, c.scores),
      c.labelRankingAveragePrecision,
      1e-12,
    );
    assertClose(coverageError(c.yTrue, c.scores), c.coverageError, 1e-12);
    assertClose(labelRankingLoss(c.yTrue, c.scores), c.labelRankingLoss, 1e-12);
    assertClose(oneError(c.yTrue, c.scores), c.oneError, 1e-12);
    assertClose(categoricalAccuracy(c.yTrue, c.scores), c.categoricalAccuracy, 1e-12);
  });
}

test('ranking loss and one-error by hand, ties included', () => {
  // sklearn's docstring example: label_ranking_loss([[1, 0, 0], [0, 0, 1]], ...) == 0.75
  const { yTrue, scores, labelRankingLoss: skLoss } = SKLEARN.ranking.docstring;
  assert.deepEqual(yTrue, [
    [1, 0, 0],
    [0, 0, 1],
  ]);
  assertClose(labelRankingLoss(yTrue, scores), skLoss);
  // one true label tied with one false label: the pair counts as misordered
  assert.equal(labelRankingLoss([[1, 0]], [[-2, -2]]), 1);
  // rows with every label true, or none, count 0
  assert.equal(
    labelRankingLoss(
      [
        [1, 1],
        [0, 0],
      ],
      [
        [0, 5],
        [5, 0],
      ],
    ),
    0,
  );
  // one-error: a tie for the top score goes to the first label (argmax), whatever is true
  assert.equal(oneError([[0, 1]], [[3, 3]]), 1);
  assert.equal(oneError([[1, 0]], [[3, 3]]), 0);
  // a row with no true label is always an error
  assert.equal(oneError([[0, 0, 0]], [[0.9, 0.1, -4]]), 1);
});

test('ranking metrics of logits equal those of sigmoid(logits) (only the order matters)', () => {
  const { yTrue, scores } = SKLEARN.ranking.RL;
  assert.ok(scores.flat().some((v) => v < 0) && scores.flat().some((v) => v > 1));
  const probs = sigmoid(scores);
  for (const fn of [
    labelRankingAveragePrecision,
    coverageError,
    labelRankingLoss,
    oneError,
    categoricalAccuracy,
  ]) {
    assertClose(fn(yTrue, scores), fn(yTrue, probs), 1e-12, fn.name);
  }
  assertArrayClose(
    rocAucScore(yTrue, scores, { average: null }),
    rocAucScore(yTrue, probs, { average: null }),
    1e-12,
  );
});

// ---------------------------------------------------------------------------------------------
// ROC AUC

const AUC_AVERAGES: ['None' | Average, Average | null][] = [
  ['None', null],
  ['micro', 'micro'],
  ['macro', 'macro'],
  ['weighted', 'weighted'],
  ['samples', 'samples'],
];

for (const [name, c] of Object.entries(SKLEARN.ranking)) {
  test(`ranking case ${name}: rocAucScore = sklearn, or InputError where sklearn gives NaN`, () => {
    for (const [key, average] of AUC_AVERAGES) {
      const expected = c.rocAuc[key];
      const undefinedBySklearn = Array.isArray(expected)
        ? expected.some(Number.isNaN)
        : Number.isNaN(expected);
      if (undefinedBySklearn) {
        assertInputError(
          () => rocAucScore(c.yTrue, c.scores, { average }),
          /must contain both 0s and 1s/,
        );
      } else {
        assertArrayClose(rocAucScore(c.yTrue, c.scores, { average }), expected, 1e-12, key);
      }
    }
  });
}

test('rocAucScore: default macro, every average defined on the "auc" case, ties count 1/2', () => {
  const { yTrue, scores, rocAuc } = SKLEARN.ranking.auc;
  assertClose(rocAucScore(yTrue, scores), rocAuc.macro, 1e-12);
  assertClose(rocAucScore(yTrue, scores, {}), rocAuc.macro, 1e-12);
  // one positive and one negative with the same score: AUC 1/2
  assert.equal(rocAucScore([[1], [0]], [[0.3], [0.3]], { average: null })[0], 0.5);
  // perfectly separated logits: 1; reversed: 0
  assert.equal(rocAucScore([[1], [0], [1]], [[4], [-4], [2]]), 1);
  assert.equal(rocAucScore([[1], [0], [1]], [[-4], [4], [-2]]), 0);
});

test('rocAucScore names the label or row with one class', () => {
  const yTrue = [
    [1, 0, 1],
    [0, 0, 1],
    [1, 0, 1],
  ];
  const scores = [
    [0.2, 0.1, 3],
    [-1, 0.4, 2],
    [0.5, 0.3, 1],
  ];
  // label 1 is never true, label 2 always true
  assertInputError(
    () => rocAucScore(yTrue, scores, { average: null }),
    /^yTrue column 1 \(label 1\) must contain both 0s and 1s for its ROC AUC to be defined, got only 0s in 3 rows \(average 'weighted' leaves such labels out\)$/,
  );
  assertInputError(
    () => rocAucScore(yTrue, scores, { average: 'weighted' }),
    /^yTrue column 2 \(label 2\) must contain both 0s and 1s .*got only 1s in 3 rows$/,
  );
  assertInputError(
    () =>
      rocAucScore(
        [
          [1, 0],
          [0, 0],
        ],
        [
          [0.2, 0.1],
          [0.3, 0.4],
        ],
        { average: 'samples' },
      ),
    /^yTrue row 1 must contain both 0s and 1s for average 'samples' .*got only 0s$/,
  );
  assertInputError(
    () => rocAucScore([[1, 1]], [[0.2, 0.3]], { average: 'micro' }),
    /^yTrue must contain both 0s and 1s for a micro-averaged ROC AUC, got only 1s$/,
  );
  // sklearn returns 0 for 'weighted' when nothing is true; here it is an error
  assertInputError(
    () => rocAucScore([[0, 0]], [[0.2, 0.3]], { average: 'weighted' }),
    /^yTrue must contain at least one 1 for average 'weighted'/,
  );
  assertInputError(
    () => rocAucScore(yTrue, scores, { average: 'binary' as Average }),
    /^options\.average must be one of/,
  );
  assertInputError(
    () => rocAucScore(yTrue, scores, 'macro' as unknown as { average: Average }),
    /^options must be an object like \{ average \}, got the string "macro"$/,
  );
  assertInputError(
    () => rocAucScore(yTrue, [[0.2, 0.1, Infinity], ...scores.slice(1)]),
    /^scores\[0\]\[2\] must be a finite number, got Infinity$/,
  );
});

// ---------------------------------------------------------------------------------------------
// F-beta at extreme beta

const ZD_KEYS: [string, ZeroDivision][] = [
  ['0', 0],
  ['1', 1],
  ['nan', 'nan'],
];

test('fbetaScore with beta = Infinity is recall, as sklearn (np.isposinf(beta) -> recall)', () => {
  for (const [zdKey, zeroDivision] of ZD_KEYS) {
    for (const [avgKey, average] of AUC_AVERAGES) {
      const key = `${avgKey}|${zdKey}`;
      const ours = fbetaScore(A_TRUE, A_PRED, { beta: Infinity, average, zeroDivision });
      assertArrayClose(ours, SKLEARN.fbeta[`inf|${key}`], 1e-12, `inf|${key}`);
      assertArrayClose(ours, recallScore(A_TRUE, A_PRED, { average, zeroDivision }), 0, key);
    }
  }
  const prfs = precisionRecallFscoreSupport(A_TRUE, A_PRED, { beta: Infinity });
  assert.deepEqual(prfs.fScore, prfs.recall);
});

test('fbetaScore at a huge finite beta takes the limit instead of overflowing to NaN', () => {
  // sklearn 1.9.1 still computes beta = 1e150; from ~1.34e154 on, beta**2 overflows and sklearn
  // returns NaN (numpy float) or raises OverflowError (Python float), see SKLEARN.fbeta.overflow.
  assert.match(String(SKLEARN.fbeta.overflow['1e+300|float']), /^OverflowError/);
  assert.ok((SKLEARN.fbeta.overflow['1e+300|float64'] as number[]).every(Number.isNaN));
  for (const beta of [1e150, 1.3e154, 1.35e154, 1e200, 1e300, Number.MAX_VALUE]) {
    for (const [zdKey, zeroDivision] of ZD_KEYS) {
      for (const [avgKey, average] of AUC_AVERAGES) {
        const key = `1e150|${avgKey}|${zdKey}`;
        const ours = fbetaScore(A_TRUE, A_PRED, { beta, average, zeroDivision });
        assertArrayClose(ours, SKLEARN.fbeta[key], 1e-12, `beta ${beta}: ${key}`);
      }
    }
  }
  // label 4 is predicted but never true: 0 at every finite beta; recall (beta = Infinity) gives
  // zeroDivision there. Every other label's limit is its recall.
  const huge = fbetaScore(A_TRUE, A_PRED, { beta: 1e300, average: null, zeroDivision: 1 });
  const recall = recallScore(A_TRUE, A_PRED, { average: null, zeroDivision: 1 });
  assert.deepEqual(huge, [...recall.slice(0, 4), 0, recall[5]]);
  // a finite beta just below the overflow keeps its exact value
  assertClose(fbetaScore([[1, 1, 0]], [[1, 0, 1]], { beta: 1e150, average: 'micro' }), 0.5, 1e-15);
});

// ---------------------------------------------------------------------------------------------
// Summaries

// SKLEARN.summaries: metricSummary's metrics by sklearn at a threshold of 0.5 (R05), at per-label
// thresholds (RT) and on all-zero probabilities (Rzeros), from yp = (probs >= threshold).
const SK_SUMMARIES = SKLEARN.summaries;
const PER_LABEL_T = SK_SUMMARIES.RT.threshold as number[];

test('metricSummary = sklearn at 0.5, at per-label thresholds, and for all zeros', () => {
  const { R05, RT, Rzeros } = SK_SUMMARIES;
  // R05 checks the default threshold, 0.5
  assert.equal(R05.threshold, 0.5);
  assert.ok(Rzeros.probs.flat().every((p) => p === 0));
  const cases: [string, MetricSummary][] = [
    ['R05', metricSummary(R05.yTrue, R05.probs)],
    ['RT', metricSummary(RT.yTrue, RT.probs, { thresholds: PER_LABEL_T })],
    [
      'Rzeros',
      metricSummary(Rzeros.yTrue, Rzeros.probs, { threshold: Rzeros.threshold as number }),
    ],
  ];
  for (const [key, summary] of cases) {
    assert.deepEqual(Object.keys(summary).sort(), [...SUMMARY_METRICS].sort());
    for (const m of SUMMARY_METRICS)
      assertClose(summary[m], SK_SUMMARIES[key].values[m], 1e-12, `${key}.${m}`);
  }
});

test('summaryRows turns named summaries into one row per metric', () => {
  const zeros = R.probs.map((row) => row.map(() => 0));
  const rows = summaryRows({
    'all zeros': metricSummary(R.yTrue, zeros),
    'model @0.5': metricSummary(R.yTrue, R.probs),
  });
  assert.equal(rows.length, SUMMARY_METRICS.length);
  assert.deepEqual(rows[0], {
    metric: 'binaryAccuracy',
    'all zeros': SK_SUMMARIES.Rzeros.values.binaryAccuracy,
    'model @0.5': SK_SUMMARIES.R05.values.binaryAccuracy,
  });
  assert.deepEqual(
    rows.map((r) => r.metric),
    [...SUMMARY_METRICS],
  );
});

test("summaryRows(summaries, PAPER_METRICS) gives a multi-label paper's table", () => {
  const rows = summaryRows({ model: metricSummary(R.yTrue, R.probs) }, PAPER_METRICS);
  assert.deepEqual(
    rows.map((r) => r.metric),
    [
      'hammingLoss',
      'subsetAccuracy',
      'f1Micro',
      'f1Macro',
      'f1Samples',
      'oneError',
      'coverageError',
      'labelRankingLoss',
      'labelRankingAveragePrecision',
    ],
  );
  const ref = SKLEARN.ranking.R;
  assertClose(rows[5].model as number, ref.oneError, 1e-12);
  assertClose(rows[6].model as number, ref.coverageError, 1e-12);
  assertClose(rows[7].model as number, ref.labelRankingLoss, 1e-12);
  assertClose(rows[8].model as number, ref.labelRankingAveragePrecision, 1e-12);
  // only the requested metrics need to be present in a summary
  assert.deepEqual(summaryRows({ old: { hammingLoss: 0.25 } as MetricSummary }, ['hammingLoss']), [
    { metric: 'hammingLoss', old: 0.25 },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Errors

test('bad matrices throw InputError naming the argument', () => {
  assertInputError(
    () =>
      hammingLoss(
        [[1, 0], [1]],
        [
          [1, 0],
          [1, 0],
        ],
      ),
    /yTrue is ragged: row 0 has 2 columns but row 1 has 1/,
  );
  assertInputError(
    () => f1Score([[1, 0]], [[1, 2]], { average: 'micro' }),
    /yPred\[0\]\[1\] must be 0 or 1.*got 2/,
  );
  assertInputError(
    () => subsetAccuracy([[1, 0.5]], [[1, 0]]),
    /yTrue\[0\]\[1\] must be 0 or 1.*got 0\.5/,
  );
  assertInputError(
    () => precisionScore([[1, NaN]], [[1, 0]], { average: 'macro' }),
    /yTrue\[0\]\[1\] must be a finite number, got NaN/,
  );
  assertInputError(
    () => recallScore([[1, 0]], [[1, Infinity]], { average: 'macro' }),
    /yPred\[0\]\[1\] must be a finite number, got Infinity/,
  );
  assertInputError(
    () => binaryAccuracy([], []),
    /yTrue must have at least one row, got an empty array/,
  );
  assertInputError(
    () => multilabelConfusionMatrix([[]], [[]]),
    /yTrue must have at least one column/,
  );
  assertInputError(
    () => hammingLoss([[1, 0]], [[1, 0, 0]]),
    /yTrue and yPred must have the same shape, got \[1, 2\] and \[1, 3\]/,
  );
  assertInputError(
    () =>
      jaccardScore(
        [[1, 0]],
        [
          [1, 0],
          [0, 1],
        ],
        { average: 'micro' },
      ),
    /yTrue and yPred must have the same shape, got \[1, 2\] and \[2, 2\]/,
  );
  assertInputError(
    () => labelRankingAveragePrecision([[1, 0]], [[0.5, NaN]]),
    /^scores\[0\]\[1\] must be a finite number, got NaN$/,
  );
  assertInputError(
    () => coverageError([[1, 0]], [[0.5]]),
    /^yTrue and scores must have the same shape, got \[1, 2\] and \[1, 1\]$/,
  );
  assertInputError(
    () => categoricalAccuracy('nope' as unknown as number[][], [[0.5]]),
    /yTrue must be an array of rows \(number\[\]\[\]\), got the string "nope"/,
  );
});

test('bad options throw InputError', () => {
  const bad = (o: unknown) => () => f1Score(A_TRUE, A_PRED, o as { average: Average });
  assertInputError(
    bad({ average: 'binary' }),
    /options\.average must be one of 'micro', 'macro', 'weighted', 'samples' or null, got the string "binary"/,
  );
  assertInputError(bad({}), /options\.average must be one of .* got undefined/);
  assertInputError(
    bad(undefined),
    /options must be an object like \{ average, zeroDivision \}, got undefined/,
  );
  assertInputError(
    bad({ averge: 'micro' }),
    /options\.averge is not an option: did you mean average\?/,
  );
  assertInputError(
    bad({ average: 'macro', zero_division: 1 }),
    /^options\.zero_division is not an option: did you mean zeroDivision\? \(the options are average, zeroDivision\)$/,
  );
  assertInputError(
    bad({ average: 'macro', zeroDivision: 'warn' }),
    /options\.zeroDivision must be 0, 1 or 'nan', got the string "warn"/,
  );
  assertInputError(
    bad({ average: 'macro', zeroDivision: NaN }),
    /options\.zeroDivision must be 0, 1 or 'nan', got NaN/,
  );
  assertInputError(
    () => fbetaScore(A_TRUE, A_PRED, { beta: -1, average: 'macro' }),
    /^options\.beta must be a number >= 0 \(Infinity gives recall\), got -1$/,
  );
  assertInputError(
    () => fbetaScore(A_TRUE, A_PRED, { beta: NaN, average: 'macro' }),
    /^options\.beta must be a number >= 0 \(Infinity gives recall\), got NaN$/,
  );
  assertInputError(
    () => fbetaScore(A_TRUE, A_PRED, { beta: -Infinity, average: 'macro' }),
    /^options\.beta must be a number >= 0 .*got -Infinity$/,
  );
  assertInputError(
    () => precisionRecallFscoreSupport(A_TRUE, A_PRED, { beta: '2' as unknown as number }),
    /^options\.beta must be a number >= 0 .*got the string "2"$/,
  );
  assertInputError(
    () => precisionRecallFscoreSupport(A_TRUE, A_PRED, { average: 'Macro' as Average }),
    /options\.average must be one of/,
  );
  assertInputError(
    () => jaccardScore(A_TRUE, A_PRED, { average: 'all' as Average }),
    /options\.average must be one of/,
  );
});

test('metricSummary and summaryRows reject bad thresholds and names', () => {
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { threshold: 1.5 }),
    /options\.threshold must be a number in \[0, 1\], got 1\.5/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { threshold: -0.1 }),
    /options\.threshold must be a number in \[0, 1\], got -0\.1/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { thresholds: [0.5, 0.5] }),
    /options\.thresholds must have one entry per label \(numLabels = 6\), got an array of length 2/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { thresholds: [0.5, 0.5, 0.5, 0.5, 0.5, 2] }),
    /options\.thresholds\[5\] must be a number in \[0, 1\], got 2/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { threshold: 0.5, thresholds: PER_LABEL_T }),
    /either threshold or thresholds, not both/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { zeroDivision: 2 as ZeroDivision }),
    /options\.zeroDivision must be 0, 1 or 'nan', got 2/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PRED.slice(1)),
    /yTrue and probs must have the same shape, got \[4, 6\] and \[3, 6\]/,
  );
  const s = metricSummary(A_TRUE, A_PROBS);
  assertInputError(() => summaryRows({}), /summaries must name at least one summary/);
  assertInputError(() => summaryRows({ metric: s }), /must not use the name "metric"/);
  assertInputError(
    () => summaryRows({ x: { ...s, f1Macro: undefined } as unknown as MetricSummary }),
    /summaries\["x"\]\.f1Macro must be a number, got undefined/,
  );
  assertInputError(
    () => summaryRows({ x: s }, []),
    /^metrics must be a non-empty array of SUMMARY_METRICS names, got an array of length 0$/,
  );
  assertInputError(
    () => summaryRows({ x: s }, ['f1Micro', 'accuracy' as SummaryMetric]),
    /^metrics\[1\] must be one of SUMMARY_METRICS, got the string "accuracy"$/,
  );
});

test('metricSummary rejects logits and says why (its thresholds need probabilities)', () => {
  const logits = A_PROBS.map((row) => row.map((p) => Math.log(p / (1 - p))));
  assertInputError(
    () => metricSummary(A_TRUE, logits),
    /^probs\[0\]\[0\] must be a probability in \[0, 1\], got 2\.197\d*: a decision threshold such as 0\.5 is meaningful only for probabilities \(for logits, pass sigmoid\(logits\)\)$/,
  );
  const s = metricSummary(A_TRUE, sigmoid(logits));
  assertClose(s.labelRankingAveragePrecision, labelRankingAveragePrecision(A_TRUE, logits), 1e-12);
  assertClose(s.f1Micro, metricSummary(A_TRUE, A_PROBS).f1Micro, 1e-12);
});

test('no threshold changes SCORE_METRICS; the other metrics follow the decisions', () => {
  const { yTrue, probs } = randomFixture(300, 7, 11);
  const low = metricSummary(yTrue, probs, { threshold: 0.3 });
  const high = metricSummary(yTrue, probs, { threshold: 0.7 });
  for (const m of SUMMARY_METRICS) {
    if (SCORE_METRICS.includes(m)) {
      assert.equal(low[m], high[m], m);
    } else {
      // Decisions as 0/1 "probabilities" give the same value as thresholding inside.
      const decided = metricSummary(yTrue, toDecisions(probs, 0.3));
      assertClose(decided[m], low[m], 1e-12);
    }
  }
  assert.ok(
    SUMMARY_METRICS.some((m) => !SCORE_METRICS.includes(m) && low[m] !== high[m]),
    'some decision metric moves with the threshold',
  );
});

test('one signature per score: the result type follows `average`', () => {
  const yTrue = [
    [1, 0],
    [0, 1],
  ];
  const yPred = [
    [1, 1],
    [0, 1],
  ];
  // Each line fails to type-check if `average` stops deciding the result type.
  const perLabel: number[] = f1Score(yTrue, yPred, { average: null });
  const one: number = precisionScore(yTrue, yPred, { average: 'micro' });
  const auc: number = rocAucScore(yTrue, [
    [0.9, 0.2],
    [0.1, 0.8],
  ]);
  const prfsPerLabel: number[] = precisionRecallFscoreSupport(yTrue, yPred).precision;
  const prfsOne: number = precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro' }).recall;
  const either = (average: Average | null) => jaccardScore(yTrue, yPred, { average });
  assert.deepEqual(perLabel, [1, 2 / 3]);
  assert.equal(one, 2 / 3);
  assert.equal(auc, 1);
  assert.deepEqual(prfsPerLabel, [1, 0.5]);
  assert.equal(prfsOne, 1);
  assert.deepEqual(either(null), [1, 0.5]);
  assert.equal(either('samples'), 0.75);
});
