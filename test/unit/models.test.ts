import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { denseClassifier, outputActivation, predictProbs } from '../../src/core/models';
import { InputError } from '../../src/core/validate';

test('output shape is [null, numLabels] and the last activation is the one asked for', () => {
  for (const activation of ['sigmoid', 'softmax', 'linear'] as const) {
    const model = denseClassifier({
      numFeatures: 7,
      hiddenUnits: [8, 4],
      numLabels: 3,
      outputActivation: activation,
      seed: 1,
    });
    assert.deepEqual(model.outputs[0].shape, [null, 3]);
    assert.equal(outputActivation(model), activation);
    assert.equal(model.layers.length, 3);
    model.dispose();
  }
});

test('the same seed gives the same weights; biases start at zero', () => {
  const make = (seed: number) =>
    denseClassifier({
      numFeatures: 5,
      hiddenUnits: [5],
      numLabels: 2,
      outputActivation: 'sigmoid',
      seed,
    });
  const [a, b, c] = [make(3), make(3), make(4)];
  const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(weights(a), weights(b));
  assert.notDeepEqual(weights(a), weights(c));
  assert.ok(weights(a)[1].every((v) => v === 0));
  [a, b, c].forEach((m) => m.dispose());
});

test('bad sizes and activations are named', () => {
  const ok = {
    numFeatures: 2,
    hiddenUnits: [2],
    numLabels: 2,
    outputActivation: 'sigmoid' as const,
    seed: 0,
  };
  assert.throws(
    () => denseClassifier({ ...ok, numLabels: 0 }),
    (e: unknown) =>
      e instanceof InputError && /numLabels must be an integer >= 1, got 0/.test(e.message),
  );
  assert.throws(
    () => denseClassifier({ ...ok, hiddenUnits: [2, 0.5] }),
    (e: unknown) => e instanceof InputError && /hiddenUnits\[1\]/.test(e.message),
  );
  assert.throws(
    () => denseClassifier({ ...ok, outputActivation: 'tanh' as 'sigmoid' }),
    (e: unknown) =>
      e instanceof InputError &&
      /outputActivation must be 'sigmoid', 'softmax' or 'linear', got "tanh"/.test(e.message),
  );
});

test('predictProbs returns plain rows and leaves no tensor behind', () => {
  const model = denseClassifier({
    numFeatures: 3,
    hiddenUnits: [],
    numLabels: 2,
    outputActivation: 'sigmoid',
    seed: 2,
  });
  const x = tf.ones([4, 3]);
  const before = tf.memory().numTensors;
  const rows = predictProbs(model, x);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(rows.length, 4);
  assert.ok(rows.every((r) => r.length === 2 && r.every((p) => p > 0 && p < 1)));
  assert.throws(
    () => predictProbs(model, tf.ones([3])),
    (e: unknown) => e instanceof InputError && /x must be a 2-D tensor/.test(e.message),
  );
  model.dispose();
  x.dispose();
});
