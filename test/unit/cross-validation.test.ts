/**
 * Cross-validation helpers (src/eval/cross-validation.ts): fold rows, the papers' five measures
 * (coverage = scikit-learn's coverage_error - 1), mean and sample standard deviation over folds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  foldComparison,
  foldRows,
  foldSpread,
  PAPER_MEASURES,
  paperScores,
  paperScoresOf,
  publishedComparison,
} from '../../src/eval/cross-validation';
import { summarizeDecisions } from '../../src/eval/decodings';
import { studentTQuantile } from '../../src/eval/uncertainty';
import { assertClose, isInputError } from '../support/close';

test('foldRows: the fold as test rows, the others as training rows, ascending', () => {
  assert.deepEqual(foldRows([1, 0, 1, 2, 0], 0), { train: [0, 2, 3], test: [1, 4] });
  assert.throws(() => foldRows([0, 0], 1), isInputError(/no row is in fold 1/));
  assert.throws(() => foldRows([0, 0.5], 0), isInputError(/folds\[1\]/));
});

test('paperScores: the five measures by hand', () => {
  const yTrue = [
    [1, 0, 1],
    [0, 1, 0],
  ];
  const scores = [
    [0.9, 0.8, 0.1], // ranks 1, 2, 3: top label true; true labels at ranks 1 and 3
    [0.2, 0.7, 0.4], // ranks 3, 1, 2: top label true
  ];
  const decisions = [
    [1, 1, 0],
    [0, 1, 0],
  ];
  const s = paperScores(yTrue, scores, decisions);
  assert.deepEqual(Object.keys(s), [...PAPER_MEASURES]);
  assertClose(s.hammingLoss, 2 / 6, 1e-12);
  assertClose(s.oneError, 0, 1e-12);
  // Row 1 must go 3 deep (2 counting from 0), row 2 one deep (0): mean 1.
  assertClose(s.coverage, 1, 1e-12);
  // Row 1: one of its 2 (true, false) pairs misordered (label 3 below label 2): 1/2; row 2: 0.
  assertClose(s.rankingLoss, 0.25, 1e-12);
  // Row 1: precision at label 1 is 1, at label 3 is 2/3: 5/6; row 2: 1. Mean 11/12.
  assertClose(s.averagePrecision, 11 / 12, 1e-12);
  assert.deepEqual(paperScoresOf(summarizeDecisions(yTrue, scores, decisions)), s);
});

test('foldSpread: mean and sample standard deviation (n - 1)', () => {
  const s = foldSpread([1, 2, 3, 4]);
  assert.equal(s.mean, 2.5);
  assertClose(s.sd, Math.sqrt(5 / 3), 1e-12);
  assert.equal(s.folds, 4);
  assert.throws(() => foldSpread([1]), isInputError(/at least 2/));
  assert.throws(() => foldSpread([1, NaN]), isInputError(/values/));
});

test('foldComparison: the corrected resampled t interval (Nadeau & Bengio) by hand', () => {
  // Differences 1, 2, 3, 4: mean 2.5, sd sqrt(5/3); variance factor 1/4 + 1/3 on 3 df.
  const c = foldComparison([1, 2, 3, 4], [0, 0, 0, 0]);
  const half = studentTQuantile(0.975, 3) * Math.sqrt(1 / 4 + 1 / 3) * Math.sqrt(5 / 3);
  assertClose(c.difference.mean, 2.5, 1e-12);
  assertClose(c.difference.halfWidth, half, 1e-12);
  assertClose(half, 3.1379, 1e-4);
  assert.equal(c.verdict, 'within noise');
  assert.equal(foldComparison([5, 6, 5, 6], [1, 1, 1, 1]).verdict, 'A better');
  assert.equal(
    foldComparison([5, 6, 5, 6], [1, 1, 1, 1], { higherIsBetter: false }).verdict,
    'B better',
  );
  assert.throws(() => foldComparison([1, 2], [1]), isInputError(/one value per fold/));
});

test('publishedComparison: Welch interval of two corrected fold means by hand', () => {
  // Ours: mean 2.5, sd sqrt(5/3), 4 folds; published 2 ± 1 over 10 folds.
  const va = (1 / 4 + 1 / 3) * (5 / 3);
  const vb = 1 / 10 + 1 / 9;
  const df = (va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 9);
  assertClose(df, 4.3756, 1e-4);
  const c = publishedComparison([1, 2, 3, 4], { mean: 2, sd: 1, folds: 10 });
  assertClose(c.difference.mean, 0.5, 1e-12);
  // Welch's 4.38 degrees of freedom, rounded down to 4.
  assertClose(c.difference.halfWidth, studentTQuantile(0.975, 4) * Math.sqrt(va + vb), 1e-12);
  assert.equal(c.verdict, 'within noise');
  const far = publishedComparison(
    [0.1, 0.11, 0.1, 0.11],
    { mean: 0.2, sd: 0.01, folds: 10 },
    {
      higherIsBetter: false,
    },
  );
  assert.equal(far.verdict, 'A better');
  assert.throws(
    () => publishedComparison([1, 2], { mean: 1, sd: -1, folds: 10 }),
    isInputError(/sd must be >= 0/),
  );
  assert.throws(
    () => publishedComparison([1, 2], { mean: 1, sd: 1, folds: 1 }),
    isInputError(/folds/),
  );
});
