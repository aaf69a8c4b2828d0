import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  binaryCrossentropyByHand,
  positiveWeightsFromLabels,
  sigmoidCrossEntropyFromLogits,
  softmaxCrossEntropyFromLogits,
  weightedBinaryCrossentropy,
} from '../../src/core/losses';
import { InputError } from '../../src/core/validate';
import { assertClose } from '../support/close';

const yTrue = tf.tensor2d([
  [1, 0, 1, 0],
  [0, 1, 0, 0],
  [1, 1, 0, 1],
]);
const probs = tf.tensor2d([
  [0.9, 0.2, 0.6, 0.05],
  [0.3, 0.7, 0.1, 0.4],
  [0.999, 0.5, 1, 0],
]);
const scalar = (t: tf.Tensor): number => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

test('BCE by hand equals tf.metrics.binaryCrossentropy, clipping included', () => {
  const library = scalar(tf.tidy(() => tf.mean(tf.metrics.binaryCrossentropy(yTrue, probs))));
  assertClose(scalar(binaryCrossentropyByHand(yTrue, probs)), library, 1e-6);
  // A hand-computed value for one entry: -log(0.9).
  assertClose(
    scalar(binaryCrossentropyByHand(tf.tensor2d([[1]]), tf.tensor2d([[0.9]]))),
    -Math.log(0.9),
    1e-6,
  );
  // The certain wrong answer costs -log(1e-7), not Infinity.
  assertClose(
    scalar(binaryCrossentropyByHand(tf.tensor2d([[1]]), tf.tensor2d([[0]]))),
    -Math.log(1e-7),
    1e-3,
  );
});

test('the logits loss equals sigmoid + BCE', () => {
  const logits = tf.tensor2d([
    [2.2, -1.4, 0.4, -3],
    [-0.8, 0.85, -2.2, -0.4],
    [5, 0, 7, -6],
  ]);
  const viaSigmoid = scalar(tf.tidy(() => binaryCrossentropyByHand(yTrue, tf.sigmoid(logits))));
  assertClose(scalar(sigmoidCrossEntropyFromLogits(yTrue, logits)), viaSigmoid, 1e-5);
  logits.dispose();
});

test(
  'the weighted loss with all weights 1 is BCE; ' +
    'weights above 1 raise the loss on positives only',
  () => {
    const plain = scalar(binaryCrossentropyByHand(yTrue, probs));
    assertClose(scalar(weightedBinaryCrossentropy([1, 1, 1, 1])(yTrue, probs)), plain, 1e-6);
    const heavy = weightedBinaryCrossentropy([3, 3, 3, 3]);
    assert.ok(scalar(heavy(yTrue, probs)) > plain + 0.1);
    const negativesOnly = tf.zeros([3, 4]);
    assertClose(
      scalar(heavy(negativesOnly, probs)),
      scalar(binaryCrossentropyByHand(negativesOnly, probs)),
      1e-6,
    );
    // A weight scales exactly the positive term: one positive entry at p = 0.9 with weight 3.
    assertClose(
      scalar(weightedBinaryCrossentropy([3])(tf.tensor2d([[1]]), tf.tensor2d([[0.9]]))),
      -3 * Math.log(0.9),
      1e-6,
    );
    negativesOnly.dispose();
  },
);

test('the softmax logits loss is logSumExp(z) - z of the true class, averaged', () => {
  const logits = [
    [2.2, -1.4, 0.4],
    [-0.8, 0.85, -2.2],
    [5, 0, 7],
  ];
  const classes = [0, 2, 2];
  const byHand =
    logits
      .map((z, i) => Math.log(z.reduce((a, v) => a + Math.exp(v), 0)) - z[classes[i]])
      .reduce((a, b) => a + b, 0) / logits.length;
  const [z, y] = [tf.tensor2d(logits), tf.oneHot(classes, 3)];
  assertClose(scalar(softmaxCrossEntropyFromLogits(y, z)), byHand, 1e-5);
  assert.throws(
    () => softmaxCrossEntropyFromLogits(y, z.slice([0, 0], [2, 3])),
    (e: unknown) =>
      e instanceof InputError &&
      /must have the same shape, got \[3, 3\] and \[2, 3\]/.test(e.message),
  );
  tf.dispose([z, y]);
});

test('bad weights and shapes throw InputError', () => {
  assert.throws(() => weightedBinaryCrossentropy([]), InputError);
  assert.throws(() => weightedBinaryCrossentropy([1, 0]), /posWeights\[1\]/);
  assert.throws(() => weightedBinaryCrossentropy([1, -2]), InputError);
  assert.throws(() => weightedBinaryCrossentropy([1, NaN]), InputError);
  assert.throws(
    () => weightedBinaryCrossentropy([1, 2])(yTrue, probs),
    /2 entries but the targets have 4/,
  );
  assert.throws(() => binaryCrossentropyByHand(yTrue, tf.zeros([3, 2])), InputError);
  const two = tf.tensor2d([[1, 0]]);
  assert.throws(
    () => binaryCrossentropyByHand(two, tf.tensor2d([[3, -2]])),
    (e: unknown) => e instanceof InputError && /probs .*got 3 .*look like logits/.test(e.message),
  );
  assert.throws(
    () => binaryCrossentropyByHand(tf.tensor2d([[2, -1]]), tf.tensor2d([[0.5, 0.5]])),
    /yTrue must hold 0\/1 labels, got 2/,
  );
  assert.throws(() => binaryCrossentropyByHand(two, tf.tensor2d([[NaN, 0.5]])), /got NaN/);
  assert.throws(
    () => sigmoidCrossEntropyFromLogits([[1]] as unknown as tf.Tensor, yTrue),
    /yTrue must be a tensor/,
  );
});

test('positive weights are negatives / positives, clipped to [1, maxWeight]', () => {
  const y = [
    [1, 1, 0],
    [1, 0, 0],
    [0, 0, 0],
    [1, 0, 0],
    [0, 0, 0],
  ];
  assert.deepEqual(positiveWeightsFromLabels(y), [1, 4, 10]);
  assert.deepEqual(positiveWeightsFromLabels(y, { maxWeight: 3 }), [1, 3, 3]);
  assert.deepEqual(positiveWeightsFromLabels(y, { power: 0.5 }), [1, 2, 10]);
  assert.throws(() => positiveWeightsFromLabels(y, { maxWeight: 0.5 }), /maxWeight/);
  assert.throws(() => positiveWeightsFromLabels(y, { power: 0 }), /power/);
  assert.throws(() => positiveWeightsFromLabels([[2]]), InputError);
});

test('the weighted loss trains a model (gradients flow through it)', async () => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 4,
        inputShape: [2],
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.5), loss: weightedBinaryCrossentropy([1, 2, 3, 4]) });
  const x = tf.tensor2d([
    [1, 0],
    [0, 1],
    [1, 1],
  ]);
  const history = await model.fit(x, yTrue, { epochs: 20, verbose: 0, shuffle: false });
  const losses = history.history.loss as number[];
  assert.ok(
    losses[losses.length - 1] < losses[0] - 0.05,
    `loss fell from ${losses[0]} to ${losses[losses.length - 1]}`,
  );
  model.dispose();
  x.dispose();
});
