/**
 * The standardizer, on a hand-computed fixture: population mean and sd per column from the
 * rows it is fitted on, a constant column mapped to 0.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitStandardizer, standardize } from '../../src/core/standardizer';
import { isInputError, assertArrayClose } from '../support/close';

test('fitStandardizer: population mean and sd per column, used by standardize', () => {
  const x = [
    [1, 10, 5],
    [3, 10, 5],
    [5, 10, 5],
    [7, 10, 5],
  ];
  const s = fitStandardizer(x);
  assert.deepEqual(s.mean, [4, 10, 5]);
  // sqrt(((-3)^2 + (-1)^2 + 1^2 + 3^2) / 4) = sqrt(5); a constant column gets sd 1.
  assertArrayClose(s.sd, [Math.sqrt(5), 1, 1], 1e-12);
  assertArrayClose(standardize([[4 + Math.sqrt(5), 11, 5]], s), [[1, 1, 0]], 1e-12);
  assert.throws(() => standardize([[1, 2]], s), isInputError(/x must have 3 columns, got 2/));
});
