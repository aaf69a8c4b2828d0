/**
 * F1 against the threshold: each point equals the F1 of the decisions at that threshold.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { f1AgainstThreshold } from '../../src/eval/f1-curves';
import { InputError } from '../../src/core/validate';
import { precisionRecallFscoreSupport } from '../../src/eval/metrics';
import { toDecisions } from '../../src/eval/thresholds';
import { assertClose } from '../support/close';

test('F1 against the threshold equals F1 of the decisions at each threshold', () => {
  const yTrue = [
    [1, 0],
    [1, 0],
    [0, 1],
    [0, 0],
  ];
  const probs = [
    [0.9, 0.2],
    [0.4, 0.6],
    [0.6, 0.7],
    [0.1, 0.3],
  ];
  const grid = [0, 0.35, 0.5, 0.65, 0.95, 1];
  const f1 = f1AgainstThreshold(yTrue, probs, grid);
  // Label 0 at 0.5: one true positive (0.9), one false positive (0.6), one miss (0.4).
  assertClose(f1[0][2], 2 / (2 + 1 + 1));
  // Nothing predicted and one positive: F1 0.
  assert.equal(f1[1][5], 0);
  grid.forEach((t, i) => {
    const expected = precisionRecallFscoreSupport(yTrue, toDecisions(probs, t)).fScore;
    expected.forEach((f, j) => assertClose(f1[j][i], f, 1e-12, `label ${j} at ${t}`));
  });
  assert.throws(() => f1AgainstThreshold(yTrue, probs, [0.5, 1.5]), /thresholds\[1\]/);
  assert.throws(() => f1AgainstThreshold(yTrue, [[0.5, 0.5]], [0.5]), InputError);
});
