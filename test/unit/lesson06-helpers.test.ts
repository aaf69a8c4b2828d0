/**
 * Lesson 06's helpers: each repetition's validation rows, the per-label networks' share of the
 * hidden units, and the validation rows and scores its decodings are tuned on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ApproachRun,
  perLabelHiddenUnits,
  repetitionRows,
  validationOf,
  YEAST_BUDGET,
} from '../../src/lessons/06-real-data-yeast';
import { isInputError } from '../support/close';

test('repetitionRows: a seeded shuffle per seed, its last fifth held out', () => {
  const rows = repetitionRows([5, 6], 10, 0.2);
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.train.length, 8);
    assert.equal(r.validation.length, 2);
    assert.deepEqual(r.order.slice(8), r.validation);
    assert.deepEqual(
      [...r.train, ...r.validation].sort((a, b) => a - b),
      [...Array(10).keys()],
    );
  }
  assert.notDeepEqual(rows[0].order, rows[1].order);
  assert.deepEqual(repetitionRows([5], 10, 0.2)[0], rows[0]);
  assert.throws(() => repetitionRows([1], 10, 0.05), isInputError(/must leave both parts/));
});

test('perLabelHiddenUnits shares the units out; validationOf pairs rows with scores', () => {
  assert.equal(perLabelHiddenUnits(YEAST_BUDGET, 14), 9);
  assert.equal(perLabelHiddenUnits({ ...YEAST_BUDGET, hiddenUnits: 4 }, 14), 1);
  const rows = repetitionRows([5, 6], 10, 0.2);
  const yTrain = Array.from({ length: 10 }, (_, i) => [i % 2, 1 - (i % 2)]);
  const run = {
    validationScores: [
      [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      [
        [0.5, 0.6],
        [0.7, 0.8],
      ],
    ],
  };
  const validation = validationOf(run as unknown as ApproachRun, yTrain, rows);
  assert.deepEqual(
    validation[1].yTrue,
    rows[1].validation.map((i) => yTrain[i]),
  );
  assert.deepEqual(validation[1].probs, run.validationScores[1]);
});
