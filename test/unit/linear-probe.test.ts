import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLinear, probeR2, reluLayer, rSquared } from '../../src/eval/linear-probe';
import { InputError } from '../../src/core/validate';
import { assertClose } from '../support/close';

const x = [
  [1, 2],
  [2, 0],
  [3, 1],
  [0, 1],
  [4, 3],
  [1, 1],
];
const exact = x.map(([a, b]) => 2 * a - 3 * b + 0.5);

test('fitLinear recovers an exact linear map, intercept included', () => {
  const fit = fitLinear(x, exact, 1e-12);
  assertClose(fit.weights[0], 2, 1e-8);
  assertClose(fit.weights[1], -3, 1e-8);
  assertClose(fit.intercept, 0.5, 1e-8);
});

test('fitLinear: the ridge shrinks the weights, and a constant column gets weight 0', () => {
  const strong = fitLinear(x, exact, 100);
  assert.ok(Math.abs(strong.weights[0]) < 0.1 && Math.abs(strong.weights[1]) < 0.1);
  const withDead = fitLinear(
    x.map((r) => [...r, 0]),
    exact,
  );
  assert.equal(withDead.weights[2], 0);
  assertClose(withDead.weights[0], 2, 1e-4);
});

test('rSquared: 1 when perfect, 0 for the mean, negative when worse (hand-computed)', () => {
  assert.equal(rSquared([1, 2, 3], [1, 2, 3]), 1);
  assert.equal(rSquared([1, 2, 3], [2, 2, 2]), 0);
  // Predictions [3, 2, 1]: SSE = 4 + 0 + 4 = 8 against SST = 2, so 1 - 8 / 2.
  assert.equal(rSquared([1, 2, 3], [3, 2, 1]), -3);
});

test('probeR2: a target linear in the columns is read off held-out rows; a product is not', () => {
  assertClose(probeR2(x, exact, 3), 1, 1e-6);
  const rows = Array.from({ length: 200 }, (_, i) => [Math.sin(i * 1.3), Math.cos(i * 0.7)]);
  const product = rows.map(([a, b]) => a * b);
  assert.ok(probeR2(rows, product, 100) < 0.1);
  // ...but it is, from the columns and their product.
  assertClose(
    probeR2(
      rows.map(([a, b]) => [a, b, a * b]),
      product,
      100,
    ),
    1,
    1e-6,
  );
});

test('reluLayer computes max(0, x·kernel + bias) with a row-major [inputs, units] kernel', () => {
  // kernel [[1, -1, 0], [2, 1, -1]], bias [0, 0.5, 1]
  const out = reluLayer(
    [
      [1, 1],
      [-1, 0],
    ],
    [1, -1, 0, 2, 1, -1],
    [0, 0.5, 1],
  );
  assert.deepEqual(out, [
    [3, 0.5, 0],
    [0, 1.5, 1],
  ]);
});

test('bad input throws InputError', () => {
  assert.throws(() => fitLinear(x, [1, 2]), InputError);
  assert.throws(() => fitLinear(x, exact, 0), InputError);
  assert.throws(() => rSquared([1, 1], [1, 1]), InputError);
  assert.throws(() => rSquared([1, 2], [1]), InputError);
  assert.throws(() => probeR2(x, exact, 5), InputError);
  assert.throws(() => reluLayer(x, [1, 2, 3], [0, 0]), InputError);
});
