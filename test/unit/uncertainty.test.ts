import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatInterval,
  meanInterval,
  pairedComparison,
  studentTCdf,
  studentTQuantile,
} from '../../src/eval/uncertainty';
import { assertClose, assertInputError } from '../support/close';
import { repetitionSeeds } from '../../src/core/seeds';

// scipy.stats.t.ppf(q, df) and t.cdf, scipy 1.16 (numpy float64).
const T_PPF: [number, number, number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 7, 2.364624251592784],
  [0.975, 15, 2.131449545559776],
  [0.975, 30, 2.0422724563012378],
  [0.9, 1, 3.0776835371752544],
  [0.9, 7, 1.4149239276505086],
];

test('Student t quantiles and CDF match scipy', () => {
  for (const [q, df, expected] of T_PPF) assertClose(studentTQuantile(q, df), expected, 1e-9);
  // Far tails, where a bounded search would stop at its bound (relative tolerance).
  for (const [q, df, expected] of [
    [0.99995, 1, 6366.197671316637],
    [0.99995, 3, 28.000130010950002],
    [1e-6, 4, -41.577854150450975],
    [0.9999, 2, 70.70007107496818],
  ])
    assertClose(studentTQuantile(q, df) / expected, 1, 1e-9);
  assertClose(meanInterval([0, 1], 0.9999).halfWidth, 6366.197671316637 / 2, 1e-5);
  assertClose(studentTCdf(-1.3, 5), 0.12515031708533855, 1e-12);
  assertClose(studentTCdf(0, 3), 0.5, 1e-15);
});

test('meanInterval: mean, sample sd and t half width (numpy / scipy values)', () => {
  const values = [0.504, 0.49, 0.51, 0.47, 0.52, 0.5, 0.495, 0.505];
  const i = meanInterval(values);
  assertClose(i.mean, 0.49925, 1e-12);
  assertClose(i.sd, 0.014935575937051405, 1e-12);
  assertClose(i.halfWidth, 0.012486453959964252, 1e-9);
  assertClose(i.low, i.mean - i.halfWidth, 1e-15);
  assert.equal(i.n, 8);
  assert.equal(formatInterval(i), '0.499 ± 0.012');
  // Identical runs: no spread, a zero-width interval.
  assert.equal(meanInterval([0.3, 0.3, 0.3]).halfWidth, 0);
});

test('pairedComparison decides on the interval of the differences', () => {
  const b = [0.5, 0.6, 0.55, 0.58, 0.52, 0.61, 0.57, 0.54];
  // A is B plus 0.02 +- 0.005: every seed a win, interval far from 0.
  const a = b.map((v, i) => v + 0.02 + (i % 2 ? 0.005 : -0.005));
  const better = pairedComparison(a, b);
  assert.equal(better.verdict, 'A better');
  assert.equal(better.wins, 8);
  assertClose(better.difference.mean, 0.02, 1e-12);
  // The same gap as a loss: lower is better, so A (higher) is worse.
  const asLoss = pairedComparison(a, b, { higherIsBetter: false });
  assert.equal(asLoss.verdict, 'B better');
  // Wins count the seeds where A did better, so a higher loss is a defeat on every seed.
  assert.deepEqual([asLoss.wins, asLoss.losses], [0, 8]);
  // Differences that straddle 0 are within noise, whatever the win count.
  const noisy = b.map((v, i) => v + [0.03, -0.02, 0.01, -0.03, 0.02, 0.01, -0.01, 0.005][i]);
  const n = pairedComparison(noisy, b);
  assert.equal(n.verdict, 'within noise');
  assert.ok(n.difference.low < 0 && n.difference.high > 0);
  assert.equal(n.wins + n.losses, 8);
});

test('pairing sees a consistent gap that two separate intervals miss', () => {
  // Seeds move both sides a lot; A is always exactly 0.01 ahead.
  const b = [0.4, 0.7, 0.5, 0.65, 0.45, 0.6, 0.55, 0.5];
  const a = b.map((v) => v + 0.01);
  const [ia, ib] = [meanInterval(a), meanInterval(b)];
  assert.ok(ia.low < ib.high, 'the separate intervals overlap');
  assert.equal(pairedComparison(a, b).verdict, 'A better');
});

test('repetition seeds derive from the lesson seed', () => {
  assert.deepEqual(repetitionSeeds(0, 3), [0, 1, 2]);
  assert.deepEqual(repetitionSeeds(7, 2), [7000, 7001]);
  const all = new Set([...repetitionSeeds(1, 16), ...repetitionSeeds(2, 16)]);
  assert.equal(all.size, 32);
});

test('bad input names the problem', () => {
  assertInputError(() => meanInterval([1]), /values needs at least 2 runs for an interval, got 1/);
  assertInputError(() => meanInterval([1, NaN]), /values\[1\] must be a finite number, got NaN/);
  assertInputError(() => meanInterval([1, 2], 1), /confidence must be strictly between 0 and 1/);
  assertInputError(() => pairedComparison([1, 2], [1, 2, 3]), /got 2 and 3 values/);
  assertInputError(() => studentTQuantile(0.5, 0), /df must be an integer >= 1, got 0/);
  assertInputError(() => repetitionSeeds(-1, 8), /seed must be an integer in \[0, 2097152\]/);
  assertInputError(() => repetitionSeeds(0, 1), /count must be an integer in \[2, 1000\], got 1/);
});
