import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f1Score } from '../../src/eval/metrics';
import { resolveThresholds, toDecisions, tunePerLabelThresholds } from '../../src/eval/thresholds';
import {
  averagePrecision,
  column,
  perLabelAveragePrecision,
  perLabelPrecisionRecallCurves,
  precisionRecallCurve,
} from '../../src/eval/metrics';
import { assertArrayClose, assertClose, assertInputError } from '../support/close';
import { randomFixture } from '../support/sklearn-fixture';
import { SKLEARN } from '../support/sklearn-reference';

const R = randomFixture(40, 7, 42);

// ---------------------------------------------------------------------------------------------
// toDecisions

test('toDecisions uses p >= threshold (a probability equal to the threshold is positive)', () => {
  const probs = [
    [0.5, 0.49, 0.51],
    [0, 1, 0.5],
  ];
  assert.deepEqual(toDecisions(probs), [
    [1, 0, 1],
    [0, 1, 1],
  ]);
  assert.deepEqual(toDecisions(probs, 0.51), [
    [0, 0, 1],
    [0, 1, 0],
  ]);
  assert.deepEqual(toDecisions(probs, 0), [
    [1, 1, 1],
    [1, 1, 1],
  ]);
  // per-label thresholds
  assert.deepEqual(toDecisions(probs, [0.6, 0.4, 1]), [
    [0, 1, 0],
    [0, 1, 0],
  ]);
});

test('toDecisions rejects bad probabilities and thresholds', () => {
  const probs = [[0.2, 0.8]];
  assertInputError(
    () => toDecisions(probs, 1.5),
    /threshold must be a number in \[0, 1\], got 1\.5/,
  );
  assertInputError(
    () => toDecisions(probs, -0.01),
    /threshold must be a number in \[0, 1\], got -0\.01/,
  );
  assertInputError(
    () => toDecisions(probs, NaN),
    /threshold must be a number in \[0, 1\], got NaN/,
  );
  assertInputError(
    () => toDecisions(probs, [0.5]),
    /threshold must have one entry per label \(numLabels = 2\), got an array of length 1/,
  );
  assertInputError(
    () => toDecisions(probs, [0.5, 2]),
    /threshold\[1\] must be a number in \[0, 1\], got 2/,
  );
  assertInputError(
    () => toDecisions(probs, '0.5' as unknown as number),
    /threshold must be a number in \[0, 1\] or an array of 2 such numbers/,
  );
  assertInputError(
    () => toDecisions([[0.2, 1.2]]),
    /^probs\[0\]\[1\] must be a probability in \[0, 1\], got 1\.2: a decision threshold such as 0\.5 is meaningful only for probabilities \(for logits, pass sigmoid\(logits\)\)$/,
  );
  assertInputError(() => toDecisions([[-0.3, 0.2]]), /got -0\.3: .*pass sigmoid\(logits\)/);
  assertInputError(() => toDecisions([[0.2, 0.3], [0.1]]), /probs is ragged/);
  assertInputError(() => toDecisions([]), /probs must have at least one row/);
  assertInputError(
    () => resolveThresholds('t', 0.5, 0),
    /numLabels must be an integer >= 1, got 0/,
  );
});

// ---------------------------------------------------------------------------------------------
// tunePerLabelThresholds

test('tunePerLabelThresholds picks the F1-maximising threshold (hand-computed)', () => {
  // one label: y = [1, 1, 0, 0, 1], p = [0.9, 0.3, 0.4, 0.2, 0.35]
  // t=0.2: tp3 fp2 -> 6/8; t=0.3: tp3 fp1 -> 6/7 (best); t=0.35: 4/6; t=0.4: 2/5;
  // t=0.5 and 0.9: 2/4
  const yTrue = [[1], [1], [0], [0], [1]];
  const probs = [[0.9], [0.3], [0.4], [0.2], [0.35]];
  assert.deepEqual(tunePerLabelThresholds(yTrue, probs), [0.3]);
  // restricted to a grid (0.5 is always added): 0.25 -> same decisions as 0.3 -> 6/7
  assert.deepEqual(
    tunePerLabelThresholds(yTrue, probs, { candidates: [0.25, 0.45, 0.75] }),
    [0.25],
  );
  // only 0.95 offered: predicts nothing, F1 0 < 0.5's 2/4, so 0.5 is kept
  assert.deepEqual(tunePerLabelThresholds(yTrue, probs, { candidates: [0.95] }), [0.5]);
});

test('tunePerLabelThresholds breaks ties towards 0.5, then towards the smaller threshold', () => {
  // y = [1, 0], p = [0.8, 0.2]: every t in (0.2, 0.8] gives F1 = 1 -> 0.5 is the closest
  assert.deepEqual(tunePerLabelThresholds([[1], [0]], [[0.8], [0.2]]), [0.5]);
  assert.deepEqual(
    tunePerLabelThresholds([[1], [0]], [[0.8], [0.2]], { candidates: [0.3, 0.7] }),
    [0.5],
  );
  // y = [1, 0, 1, 0], p = [0.95, 0.6, 0.3, 0.55]: F1(0.25) = 4/6 = F1(0.75) = 2/3 > F1(0.5) = 2/5;
  // 0.25 and 0.75 are equally far from 0.5 -> the smaller wins
  const yTrue = [[1], [0], [1], [0]];
  const probs = [[0.95], [0.6], [0.3], [0.55]];
  assert.deepEqual(tunePerLabelThresholds(yTrue, probs, { candidates: [0.25, 0.75] }), [0.25]);
  assert.deepEqual(tunePerLabelThresholds(yTrue, probs, { candidates: [0.75, 0.25] }), [0.25]);
});

test('a label never true on the validation split keeps 0.5', () => {
  const yTrue = [
    [0, 1],
    [0, 0],
    [0, 1],
  ];
  const probs = [
    [0.7, 0.9],
    [0.1, 0.2],
    [0.3, 0.6],
  ];
  assert.deepEqual(tunePerLabelThresholds(yTrue, probs), [0.5, 0.5]);
});

/** F1 of each label at the given thresholds, computed by metrics.ts (independent of the tuner). */
function perLabelF1(yTrue: number[][], probs: number[][], threshold: number | number[]): number[] {
  return f1Score(yTrue, toDecisions(probs, threshold), { average: null });
}

test('tuned thresholds never lose validation F1 against 0.5 and reach the best candidate', () => {
  const big = randomFixture(2000, 10, 2024);
  const grid = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
  for (const [yTrue, probs] of [
    [R.yTrue, R.probs],
    [big.yTrue, big.probs],
  ]) {
    const at05 = perLabelF1(yTrue, probs, 0.5);
    for (const options of [
      {},
      { candidates: grid },
      { candidates: [0.95], metric: 'f1' as const },
    ]) {
      const tuned = tunePerLabelThresholds(yTrue, probs, options);
      const f1Tuned = perLabelF1(yTrue, probs, tuned);
      for (let j = 0; j < tuned.length; j++)
        assert.ok(f1Tuned[j] >= at05[j], `label ${j}: ${f1Tuned[j]} < ${at05[j]}`);
    }
  }
  // brute force on R: no probability gives a better F1 than the tuned threshold
  const tuned = perLabelF1(R.yTrue, R.probs, tunePerLabelThresholds(R.yTrue, R.probs));
  const values = [...new Set(R.probs.flat())];
  for (const t of values) {
    const f1 = perLabelF1(R.yTrue, R.probs, t);
    for (let j = 0; j < f1.length; j++)
      assert.ok(tuned[j] >= f1[j], `label ${j} at ${t}: ${f1[j]} > tuned ${tuned[j]}`);
  }
});

test('tunePerLabelThresholds rejects bad input', () => {
  const yTrue = [[1], [0]];
  const probs = [[0.8], [0.2]];
  assertInputError(
    () => tunePerLabelThresholds(yTrue, [[0.8]]),
    /yTrueValidation and probsValidation must have the same shape, got \[2, 1\] and \[1, 1\]/,
  );
  assertInputError(
    () => tunePerLabelThresholds([[1], [2]], probs),
    /yTrueValidation\[1\]\[0\] must be 0 or 1/,
  );
  assertInputError(
    () => tunePerLabelThresholds(yTrue, [[0.8], [NaN]]),
    /probsValidation\[1\]\[0\] must be a finite number, got NaN/,
  );
  assertInputError(
    () => tunePerLabelThresholds(yTrue, [[2.3], [-1.1]]),
    /^probsValidation\[0\]\[0\] must be a probability in \[0, 1\], got 2\.3: .*pass sigmoid\(logits\)\)$/,
  );
  assertInputError(
    () => tunePerLabelThresholds(yTrue, probs, { candidates: [] }),
    /options\.candidates must be a non-empty array of thresholds in \[0, 1\], got an array of length 0/,
  );
  assertInputError(
    () => tunePerLabelThresholds(yTrue, probs, { candidates: [0.2, 1.1] }),
    /options\.candidates\[1\] must be a number in \[0, 1\], got 1\.1/,
  );
  assertInputError(
    () => tunePerLabelThresholds(yTrue, probs, { metric: 'accuracy' as 'f1' }),
    /options\.metric must be 'f1', got the string "accuracy"/,
  );
  assertInputError(
    () => tunePerLabelThresholds(yTrue, probs, null as unknown as object),
    /^options must be an object like \{ candidates, metric \}, got null$/,
  );
});

// ---------------------------------------------------------------------------------------------
// precision-recall curves and average precision

test('precisionRecallCurve matches sklearn, including ties and the final (1, 0) point', () => {
  // column 1 of fixture A: precision_recall_curve([0, 1, 1, 0], [0.2, 0.8, 0.45, 0.2])
  const sk = SKLEARN.curves.A1;
  assert.deepEqual(sk.yTrue, column(SKLEARN.ranking.A.yTrue, 1));
  assert.deepEqual(sk.scores, column(SKLEARN.ranking.A.scores, 1));
  const curve = precisionRecallCurve(sk.yTrue, sk.scores);
  assertArrayClose(curve.precision, sk.precision);
  assertArrayClose(curve.recall, sk.recall);
  assertArrayClose(curve.thresholds, sk.thresholds);
  // average_precision_score of the same column
  assertClose(averagePrecision(sk.yTrue, sk.scores), sk.averagePrecision);
});

test('a label with no positives: recall 1 everywhere and average precision 0 (as sklearn)', () => {
  // precision_recall_curve([0, 0, 0], [0.2, 0.7, 0.2]) -> ([0, 0, 1], [1, 1, 0], [0.2, 0.7])
  const sk = SKLEARN.curves.noPositives;
  assert.ok(sk.yTrue.every((y) => y === 0));
  const curve = precisionRecallCurve(sk.yTrue, sk.scores);
  const { precision, recall, thresholds } = sk;
  assert.deepEqual(curve, { precision, recall, thresholds });
  assert.ok(recall.slice(0, -1).every((r) => r === 1));
  // average_precision_score of the same column: 0
  assert.equal(averagePrecision(sk.yTrue, sk.scores), sk.averagePrecision);
});

test('per-label curves and average precision match sklearn on the random fixture', () => {
  // precision_recall_curve(R_true[:, 0], R_probs[:, 0])
  const sk = SKLEARN.ranking.R;
  assert.deepEqual([sk.yTrue, sk.scores], [R.yTrue, R.probs]);
  const { precision: p0, recall: r0, thresholds: t0 } = sk.precisionRecallCurves[0];
  const curves = perLabelPrecisionRecallCurves(R.yTrue, R.probs);
  assert.equal(curves.length, 7);
  assertArrayClose(curves[0].precision, p0, 1e-12);
  assertArrayClose(curves[0].recall, r0, 1e-12);
  assertArrayClose(curves[0].thresholds, t0, 0);
  for (let j = 0; j < 7; j++) {
    assert.deepEqual(curves[j], precisionRecallCurve(column(R.yTrue, j), column(R.probs, j)));
    assert.equal(curves[j].precision.length, curves[j].thresholds.length + 1);
  }
  // average_precision_score(R_true, R_probs, average=None)
  const ap = sk.averagePrecision;
  assertArrayClose(perLabelAveragePrecision(R.yTrue, R.probs), ap, 1e-12);
  assertClose(averagePrecision(column(R.yTrue, 2), column(R.probs, 2)), ap[2], 1e-12);
});

for (const [name, c] of Object.entries(SKLEARN.ranking)) {
  test(`ranking case ${name}: every label's curve and average precision = sklearn`, () => {
    const curves = perLabelPrecisionRecallCurves(c.yTrue, c.scores);
    assert.equal(curves.length, c.precisionRecallCurves.length);
    curves.forEach((curve, j) => {
      const ref = c.precisionRecallCurves[j];
      assertArrayClose(curve.precision, ref.precision, 1e-12, `label ${j} precision`);
      assertArrayClose(curve.recall, ref.recall, 1e-12, `label ${j} recall`);
      // thresholds are the observed scores themselves: exact
      assertArrayClose(curve.thresholds, ref.thresholds, 0, `label ${j} thresholds`);
    });
    assertArrayClose(perLabelAveragePrecision(c.yTrue, c.scores), c.averagePrecision, 1e-12);
  });
}

test('curves and average precision accept logits: the same as on sigmoid(logits)', () => {
  const { yTrue, scores } = SKLEARN.ranking.RL;
  assert.ok(scores.flat().some((v) => v < 0));
  const probs = scores.map((row) => row.map((v) => 1 / (1 + Math.exp(-v))));
  const onLogits = perLabelPrecisionRecallCurves(yTrue, scores);
  const onProbs = perLabelPrecisionRecallCurves(yTrue, probs);
  for (let j = 0; j < onLogits.length; j++) {
    assert.deepEqual(onLogits[j].precision, onProbs[j].precision);
    assert.deepEqual(onLogits[j].recall, onProbs[j].recall);
    // the thresholds stay on the scale of the scores given
    assert.deepEqual(
      onLogits[j].thresholds.map((v) => 1 / (1 + Math.exp(-v))),
      onProbs[j].thresholds,
    );
  }
  assertArrayClose(
    perLabelAveragePrecision(yTrue, scores),
    perLabelAveragePrecision(yTrue, probs),
    1e-12,
  );
  // a single column of logits
  assertClose(averagePrecision([0, 1, 1, 0], [-2, 3.5, 0.25, -2]), 1);
  assert.deepEqual(
    precisionRecallCurve([0, 1, 1, 0], [-2, 3.5, 0.25, -2]).thresholds,
    [-2, 0.25, 3.5],
  );
});

test('curve, average precision and column helpers reject bad input', () => {
  assertInputError(
    () => precisionRecallCurve([], []),
    /yTrueColumn must have at least one label, got an empty array/,
  );
  assertInputError(
    () => precisionRecallCurve([1, 0], [0.5]),
    /yTrueColumn and scoresColumn must have the same length, got 2 and 1/,
  );
  assertInputError(
    () => precisionRecallCurve([1, 2], [0.5, 0.5]),
    /yTrueColumn\[1\] must be 0 or 1 \(a label\), got 2/,
  );
  assertInputError(
    () => averagePrecision([1, 0], [0.5, NaN]),
    /scoresColumn\[1\] must be a finite number, got NaN/,
  );
  assertInputError(
    () => averagePrecision([1, 0], [0.5, -Infinity]),
    /scoresColumn\[1\] must be a finite number, got -Infinity/,
  );
  assertInputError(
    () => averagePrecision([[1]] as unknown as number[], [0.5]),
    /yTrueColumn\[0\] must be a finite number, got an array of length 1/,
  );
  assertInputError(
    () =>
      perLabelAveragePrecision(
        [[1, 0]],
        [
          [0.5, 0.5],
          [0.1, 0.1],
        ],
      ),
    /yTrue and scores must have the same shape/,
  );
  assertInputError(
    () =>
      perLabelPrecisionRecallCurves(
        [[1, 0], [1]],
        [
          [0.5, 0.5],
          [0.1, 0.1],
        ],
      ),
    /yTrue is ragged/,
  );
  assertInputError(() => column([[1, 2]], 2), /j must be an integer in \[0, 1\], got 2/);
  assertInputError(() => column([], 0), /matrix must have at least one row/);
  assert.deepEqual(
    column(
      [
        [1, 2],
        [3, 4],
      ],
      1,
    ),
    [2, 4],
  );
});
