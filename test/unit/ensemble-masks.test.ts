/**
 * Connectivity masks in the K-member trainer: a removed connection's weight is 0 from the start
 * and stays 0 under every optimizer, the member's Dense model (`toModel`) computes the same
 * outputs, and with block-diagonal masks each block is an independent network: its weights do not
 * depend on the labels of the other blocks.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { denseEnsemble, trainEnsemble, type OptimizerSpec } from '../../src/core/ensemble';
import { predictProbs } from '../../src/core/models';
import { InputError } from '../../src/core/validate';
import { chooseBackend } from '../../src/notebook/backend';
import { assertArrayClose } from '../support/close';

before(async () => {
  await chooseBackend({ prefer: 'wasm' });
});

const F = 4;
const H = 3; // hidden units per block
const L = 2; // blocks = outputs

/** Hidden block j (units j*H .. j*H+H-1) feeds output j only. */
function blockMasks(): number[][][] {
  const first = Array.from({ length: F }, () => new Array<number>(H * L).fill(1));
  const second = Array.from({ length: H * L }, (_, u) =>
    Array.from({ length: L }, (_, j) => (Math.floor(u / H) === j ? 1 : 0)),
  );
  return [first, second];
}

function data(seed: number) {
  return tf.tidy(() => {
    const x = tf.randomNormal([64, F], 0, 1, 'float32', seed);
    const z = tf.matMul(x, tf.randomNormal([F, L], 0, 1, 'float32', seed + 1));
    return { x, y: tf.cast(tf.greater(z, 0), 'float32') };
  });
}

function secondKernel(ensemble: ReturnType<typeof denseEnsemble>): number[][][] {
  return ensemble.kernels[1].arraySync() as number[][][];
}

for (const optimizer of [
  { name: 'sgd', learningRate: 0.1 },
  { name: 'adam', learningRate: 0.01 },
  { name: 'rmsprop', learningRate: 0.01 },
] as OptimizerSpec[]) {
  test(`${optimizer.name}: removed weights stay 0; toModel computes the same`, async () => {
    const ensemble = denseEnsemble({
      numFeatures: F,
      hiddenUnits: [H * L],
      numLabels: L,
      outputActivation: 'sigmoid',
      seeds: [3, 11],
      masks: [null, blockMasks()[1]],
    });
    const { x, y } = data(5);
    try {
      const removed = (k: number[][][]) =>
        k.flatMap((m) => m.flatMap((row, u) => row.filter((_, j) => Math.floor(u / H) !== j)));
      assert.ok(removed(secondKernel(ensemble)).every((v) => v === 0));
      await trainEnsemble(ensemble, x, y, {
        loss: 'binaryCrossentropy',
        optimizer,
        numEpochs: 3,
        batchSize: 16,
        seeds: [1, 2],
      });
      const after = secondKernel(ensemble);
      assert.ok(
        removed(after).every((v) => v === 0),
        'a removed weight moved',
      );
      assert.ok(
        after.flat(2).some((v) => v !== 0),
        'the kept weights are not all 0',
      );
      const probs = ensemble.predict(x).arraySync() as number[][][];
      for (const k of [0, 1]) {
        const model = ensemble.toModel(k);
        assertArrayClose(predictProbs(model, x), probs[k], 1e-6, `member ${k}`);
        model.dispose();
      }
    } finally {
      ensemble.dispose();
      tf.dispose([x, y]);
    }
  });
}

test('block-diagonal masks: block 0 ignores the labels of output 1', async () => {
  const { x, y } = data(7);
  const flipped = tf.tidy(() =>
    tf.concat([tf.slice(y, [0, 0], [-1, 1]), tf.sub(1, tf.slice(y, [0, 1], [-1, 1]))], 1),
  );
  const train = async (labels: tf.Tensor) => {
    const ensemble = denseEnsemble({
      numFeatures: F,
      hiddenUnits: [H * L],
      numLabels: L,
      outputActivation: 'sigmoid',
      seeds: [4],
      masks: blockMasks(),
    });
    await trainEnsemble(ensemble, x, labels, {
      loss: 'binaryCrossentropy',
      optimizer: { name: 'adam', learningRate: 0.01 },
      numEpochs: 4,
      batchSize: 16,
      seeds: [9],
    });
    // Block 0: its hidden units' incoming weights and biases, and its output column.
    const first = (ensemble.kernels[0].arraySync() as number[][][])[0].map((r) => r.slice(0, H));
    const bias = (ensemble.biases[0].arraySync() as number[][][])[0][0].slice(0, H);
    const out = secondKernel(ensemble)[0].map((r) => r[0]);
    const other = secondKernel(ensemble)[0].map((r) => r[1]);
    ensemble.dispose();
    return { first, bias, out, other };
  };
  try {
    const a = await train(y);
    const b = await train(flipped);
    assert.deepEqual(b.first, a.first);
    assert.deepEqual(b.bias, a.bias);
    assert.deepEqual(b.out, a.out);
    assert.notDeepEqual(b.other, a.other, 'block 1 did see its changed labels');
  } finally {
    tf.dispose([x, y, flipped]);
  }
});

test('masks that do not fit the layers are refused, naming the mask', () => {
  const base = {
    numFeatures: F,
    hiddenUnits: [H * L],
    numLabels: L,
    outputActivation: 'sigmoid' as const,
    seeds: [1],
  };
  const [first, second] = blockMasks();
  const refused = (masks: unknown, pattern: RegExp) =>
    assert.throws(
      () => denseEnsemble({ ...base, masks: masks as number[][][] }),
      (e: unknown) => e instanceof InputError && pattern.test(e.message),
    );
  refused([second], /masks must have one 0\/1 matrix \(or null\) per layer \(2\)/);
  refused([second, second], /masks\[0\] must have 6 columns, got 2/);
  refused([first.slice(1), second], /masks\[0\] must have 4 rows \(the layer's inputs\), got 3/);
  refused(
    [null, second.map((r) => r.map((v) => v * 0.5))],
    /masks\[1\]\[0\]\[0\] must be 0 or 1, got 0\.5/,
  );
});
