/**
 * Label statistics on hand-computed fixtures: the single-label share of independent labels
 * against enumeration, column orders by frequency, categorical accuracy split by the kind of row,
 * frequencies, co-occurrence counts, Pearson's correlation of two label columns, and the rows
 * whose label set another set of rows never has.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  coOccurrence,
  frequencyOrder,
  labelCorrelation,
  labelFrequencies,
  labelShares,
  reorderColumns,
  singleLabelShare,
  unseenLabelSetRows,
} from '../../src/core/label-statistics';
import { categoricalAccuracy, categoricalParts } from '../../src/eval/metrics';
import { InputError } from '../../src/core/validate';
import { isInputError, assertClose } from '../support/close';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

test('singleLabelShare is the probability of exactly one label, by enumeration', () => {
  const f = [0.4, 0.05, 0.3, 0.9, 0.12, 0.5];
  let exact = 0;
  for (let mask = 0; mask < 1 << f.length; mask++) {
    const on = f.map((_, j) => (mask >> j) & 1);
    if (on.reduce((a, b) => a + b, 0) !== 1) continue;
    exact += on.reduce((p, o, j) => p * (o ? f[j] : 1 - f[j]), 1);
  }
  assert.ok(close(singleLabelShare(f), exact), `${singleLabelShare(f)} vs ${exact}`);
  assert.equal(singleLabelShare([1]), 1);
  assert.equal(singleLabelShare([0, 0]), 0);
  assert.throws(
    () => singleLabelShare([0.2, 1.5]),
    /frequencies\[1\] must be a number in \[0, 1\]/,
  );
  assert.throws(() => singleLabelShare([]), InputError);
});

test('frequencyOrder and reorderColumns', () => {
  const f = [0.3, 0.1, 0.3, 0.05];
  assert.deepEqual(frequencyOrder(f, 'rareFirst'), [3, 1, 0, 2]);
  assert.deepEqual(frequencyOrder(f, 'frequentFirst'), [0, 2, 1, 3]);
  assert.throws(() => frequencyOrder(f, 'sideways' as 'rareFirst'), /order must be/);
  assert.deepEqual(
    reorderColumns(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [2, 0, 1],
    ),
    [
      [3, 1, 2],
      [6, 4, 5],
    ],
  );
  assert.throws(() => reorderColumns([[1, 2]], [0, 0]), /order must be a permutation of the 2/);
  assert.throws(() => reorderColumns([[1, 2]], [0]), InputError);
});

test('categoricalParts splits categorical accuracy by the number of true labels', () => {
  const yTrue = [
    [0, 1, 0], // one label, on top: single
    [0, 1, 1], // first true label 1 on top: multi
    [1, 0, 1], // top is label 2, not the first true label
    [0, 0, 0], // no label, top is column 0: empty
    [0, 0, 0], // no label, top is column 1
    [0, 0, 1], // one label, not on top
  ];
  const scores = [
    [0.1, 0.8, 0.2],
    [0.1, 0.7, 0.6],
    [0.4, 0.1, 0.9],
    [0.5, 0.2, 0.1],
    [0.1, 0.6, 0.1],
    [0.9, 0.1, 0.2],
  ];
  const parts = categoricalParts(yTrue, scores);
  assert.deepEqual(parts, { single: 1 / 6, multi: 1 / 6, empty: 1 / 6 });
  assert.ok(close(parts.single + parts.multi + parts.empty, categoricalAccuracy(yTrue, scores)));
  assert.throws(
    () => categoricalParts(yTrue, scores.slice(1)),
    /yTrue and scores must have the same shape, got \[6, 3\] and \[5, 3\]/,
  );
  assert.deepEqual(labelShares(yTrue), {
    cardinality: 1,
    empty: 2 / 6,
    single: 2 / 6,
    multi: 2 / 6,
  });
});

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
