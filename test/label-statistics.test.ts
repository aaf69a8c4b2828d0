/**
 * Label statistics: the single-label share of independent labels against enumeration, column
 * orders by frequency, and categorical accuracy split by the kind of row, by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  categoricalParts,
  frequencyOrder,
  labelShares,
  reorderColumns,
  singleLabelShare,
} from '../src/eval/label-statistics';
import { categoricalAccuracy } from '../src/eval/metrics';
import { InputError } from '../src/core/validate';

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
  assert.throws(() => categoricalParts(yTrue, scores.slice(1)), /scores must have 6 rows/);
  assert.deepEqual(labelShares(yTrue), {
    cardinality: 1,
    empty: 2 / 6,
    single: 2 / 6,
    multi: 2 / 6,
  });
});
