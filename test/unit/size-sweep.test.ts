/**
 * Size sweeps: the members' blocks and row lists, the split by size, and that a member of a
 * sweep trains exactly as the same network trained alone on its rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { repeatedRows } from '../../src/core/ensemble';
import { denseClassifier } from '../../src/core/models';
import { sizeSweep, trainSizeSweep } from '../../src/core/size-sweep';
import { assertInputError } from '../support/close';

test('sizeSweep: size-major members, each with its first rows repeated to one pass', () => {
  const sweep = sizeSweep([2, 4], 3, 8);
  assert.deepEqual(sweep.block, [0, 1, 2, 0, 1, 2]);
  assert.deepEqual(sweep.memberRows[0], [0, 1, 0, 1, 0, 1, 0, 1]);
  assert.deepEqual(sweep.memberRows[5], [0, 1, 2, 3, 0, 1, 2, 3]);
  assert.deepEqual(sweep.bySize(['a', 'b', 'c', 'd', 'e', 'f']), [
    ['a', 'b', 'c'],
    ['d', 'e', 'f'],
  ]);
  assertInputError(() => sweep.bySize([1, 2]), /^values must hold one value per member \(6\)/);
  assertInputError(() => sizeSweep([3], 2, 8), /^sizes\[0\] must divide rowsPerPass 8, got 3$/);
  assertInputError(() => sizeSweep([], 2, 8), /^sizes must be a non-empty array/);
  assertInputError(() => sizeSweep([2], 0, 8), /^repetitions must be/);
});

test('trainSizeSweep: each member is the network trained alone on its own rows', async () => {
  const seeds = [11, 12];
  const build = (seed: number) =>
    denseClassifier({
      numFeatures: 2,
      hiddenUnits: [3],
      numLabels: 2,
      outputActivation: 'sigmoid',
      seed,
    });
  const values = Array.from({ length: 2 * 8 * 2 }, (_, i) => Math.sin(i * 1.7));
  const x = tf.tensor3d(values, [2, 8, 2]);
  const y = tf.tensor3d(
    values.map((v) => (v > 0 ? 1 : 0)),
    [2, 8, 2],
  );
  const xTest = tf.tensor3d(values.slice(0, 12), [2, 3, 2]);
  const options = {
    loss: 'binaryCrossentropy' as const,
    optimizer: { name: 'adam' as const, learningRate: 0.05 },
    numEpochs: 3,
    batchSize: 4,
    order: 'fit' as const,
  };
  try {
    const probs = await trainSizeSweep(build, seeds, { x, y, xTest }, [2, 8], options);
    assert.equal(probs.length, 2);
    assert.equal(probs[0].length, 2);
    // Size 2, repetition 1, alone: the same seed, block 1's first 2 rows repeated to 8.
    const alone = await trainSizeSweep(
      build,
      [seeds[1]],
      { x: x.slice(1, 1), y: y.slice(1, 1), xTest: xTest.slice(1, 1) },
      [2],
      options,
    );
    assert.deepEqual(alone[0][0], probs[0][1]);
    assert.deepEqual(repeatedRows(2, 8), [0, 1, 0, 1, 0, 1, 0, 1]);
    await assert.rejects(
      trainSizeSweep(build, [1, 2, 3], { x, y, xTest }, [2], options),
      /^InputError: data must hold x, y and xTest as \[3, rows, columns\]$/,
    );
  } finally {
    tf.dispose([x, y, xTest]);
  }
});
