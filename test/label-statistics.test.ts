/**
 * Label statistics on hand-computed fixtures: frequencies, co-occurrence counts, Pearson's
 * correlation of two label columns, and the rows whose label set another set of rows never has.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  coOccurrence,
  labelCorrelation,
  labelFrequencies,
  unseenLabelSetRows,
} from '../src/core/label-statistics';
import { InputError } from '../src/core/validate';
import { assertClose } from './support/close';

const isInputError = (pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && pattern.test(e.message);

test('labelFrequencies, coOccurrence and labelCorrelation', () => {
  const y = [
    [1, 1, 0],
    [1, 0, 0],
    [1, 1, 1],
    [0, 0, 1],
  ];
  assert.deepEqual(labelFrequencies(y), [0.75, 0.5, 0.5]);
  assert.deepEqual(coOccurrence(y), [
    [3, 2, 1],
    [2, 2, 1],
    [1, 1, 2],
  ]);
  // Labels 0 and 1: means 0.75 and 0.5; cov sum 0.5, variance sums 0.75 and 1.
  assertClose(labelCorrelation(y, 0, 1), 0.5 / Math.sqrt(0.75), 1e-12);
  assert.throws(() => labelCorrelation([[1], [1]], 0, 0), isInputError(/must both vary/));
});

test('unseenLabelSetRows: the rows whose label set the reference rows never have', () => {
  const yTrain = [
    [1, 0, 0],
    [0, 1, 0],
    [1, 1, 0],
  ];
  assert.deepEqual(
    unseenLabelSetRows(yTrain, [
      [1, 0, 0],
      [1, 1, 1],
      [0, 0, 1],
    ]),
    [1, 2],
  );
  assert.throws(() => unseenLabelSetRows(yTrain, [[1, 0]]), isInputError(/y must have 3 columns/));
});
