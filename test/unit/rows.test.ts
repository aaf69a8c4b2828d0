/** Rows from flat arrays and tensors, and the argmax the metrics and lessons share. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { argMaxOf, tensorArgMax, toRows } from '../../src/core/rows';
import { InputError } from '../../src/core/validate';

test('argMaxOf takes the first of tied maxima, within the given window', () => {
  assert.equal(argMaxOf([0.1, 0.7, 0.7, 0.2]), 1);
  assert.equal(argMaxOf([-3, -1, -2]), 1);
  assert.equal(argMaxOf([5]), 0);
  // Window [2, 5) of a flat array: values 0.3, 0.9, 0.9; the index counts from the window.
  assert.equal(argMaxOf(new Float32Array([9, 9, 0.3, 0.9, 0.9, 9]), 2, 3), 1);
});

test('tensorArgMax agrees with tf.argMax row by row, ties included', () => {
  const values = [
    [0.2, 0.5, 0.5],
    [3, -1, 2],
    [0, 0, 0],
    [-5, -4, -4.5],
  ];
  const t = tf.tensor2d(values);
  const expected = tf.argMax(t, 1);
  assert.deepEqual(tensorArgMax(t), Array.from(expected.dataSync()));
  assert.deepEqual(
    toRows(t.dataSync() as Float32Array, 3).map((row) => argMaxOf(row)),
    tensorArgMax(t),
  );
  tf.dispose([t, expected]);
  assert.throws(() => tensorArgMax(tf.tensor1d([1, 2])), InputError);
});
