import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../src/notebook/backend';
import { useFastWasmMatMul } from '../../src/core/wasm-matmul';

/** Largest |a - b| relative to the largest |b|. */
function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(
    () =>
      tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / Math.max(1e-12, tf.max(tf.abs(b)).dataSync()[0]),
  );
}

const cases: { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
  { a: [64, 30], b: [64, 7], transposeA: true, transposeB: false },
  { a: [30, 64], b: [7, 64], transposeA: false, transposeB: true },
  { a: [64, 30], b: [7, 64], transposeA: true, transposeB: true },
  { a: [3, 40, 5], b: [3, 40, 6], transposeA: true, transposeB: false },
  { a: [2, 5, 9], b: [2, 4, 9], transposeA: false, transposeB: true },
];

test('chooseBackend puts the transposing matMul in place on wasm', async () => {
  await chooseBackend({ prefer: 'wasm' });
  assert.equal(useFastWasmMatMul(), true);
});

test('transposed products equal the original kernel and the explicit transposes', async () => {
  await chooseBackend({ prefer: 'wasm' });
  for (const [i, c] of cases.entries()) {
    const a = tf.randomNormal(c.a, 0, 1, 'float32', 10 + i);
    const b = tf.randomNormal(c.b, 0, 1, 'float32', 20 + i);
    const swap = (t: tf.Tensor) =>
      tf.transpose(
        t,
        [...t.shape.keys()].map((k, _, all) => (k < all.length - 2 ? k : all.length * 2 - 3 - k)),
      );
    useFastWasmMatMul(true);
    const fast = tf.matMul(a, b, c.transposeA, c.transposeB);
    const explicit = tf.matMul(c.transposeA ? swap(a) : a, c.transposeB ? swap(b) : b);
    useFastWasmMatMul(false);
    const slow = tf.matMul(a, b, c.transposeA, c.transposeB);
    useFastWasmMatMul(true);
    assert.deepEqual(fast.shape, slow.shape, `case ${i}`);
    assert.ok(
      relativeError(fast, slow) < 1e-5,
      `case ${i}: fast vs original kernel ${relativeError(fast, slow)}`,
    );
    assert.ok(relativeError(fast, explicit) < 1e-6, `case ${i}: fast vs explicit transposes`);
    tf.dispose([a, b, fast, explicit, slow]);
  }
});

test('the wrapper frees its transposed copies and keeps gradients', async () => {
  await chooseBackend({ prefer: 'wasm' });
  useFastWasmMatMul(true);
  const x = tf.randomNormal([50, 12], 0, 1, 'float32', 1);
  const w = tf.randomNormal([12, 4], 0, 1, 'float32', 2);
  const f = (xs: tf.Tensor, ws: tf.Tensor) => tf.matMul(xs, ws).relu().square().sum();
  const [gx, gw] = tf.grads(f)([x, w]);
  const tensors = tf.memory().numTensors;
  const dataIds = tf.engine().backend.numDataIds();
  for (let i = 0; i < 20; i++)
    tf.tidy(() => {
      tf.grads(f)([x, w]);
    });
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(tf.engine().backend.numDataIds(), dataIds, 'backend buffers left behind');
  useFastWasmMatMul(false);
  const [gx0, gw0] = tf.grads(f)([x, w]);
  useFastWasmMatMul(true);
  assert.ok(relativeError(gx, gx0) < 1e-5 && relativeError(gw, gw0) < 1e-5);
  tf.dispose([x, w, gx, gw, gx0, gw0]);
});
