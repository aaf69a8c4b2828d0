import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { denseClassifier } from '../../src/core/models';
import { trainSeeded } from '../../src/core/train';
import { InputError } from '../../src/core/validate';

function problem() {
  const x = tf.randomNormal([200, 4], 0, 1, 'float32', 11) as tf.Tensor2D;
  const y = tf.tidy(() =>
    tf
      .stack(
        [
          x.slice([0, 0], [-1, 1]).reshape([-1]).greater(0),
          x.slice([0, 1], [-1, 1]).reshape([-1]).greater(0),
        ],
        1,
      )
      .toFloat(),
  ) as tf.Tensor2D;
  return { x, y };
}

function model(seed = 1) {
  const m = denseClassifier({
    numFeatures: 4,
    hiddenUnits: [8],
    numLabels: 2,
    outputActivation: 'sigmoid',
    seed,
  });
  m.compile({
    optimizer: tf.train.sgd(0.1),
    loss: 'binaryCrossentropy',
    metrics: ['binaryAccuracy'],
  });
  return m;
}

test('the same seed gives the same history; another seed another', async () => {
  const { x, y } = problem();
  const run = async (seed: number) =>
    (await trainSeeded(model(), x, y, { numEpochs: 3, batchSize: 16, seed })).history.loss;
  const a = await run(5);
  assert.deepEqual(await run(5), a);
  assert.notDeepEqual(await run(6), a);
  tf.dispose([x, y]);
});

test('training learns, and a validation split adds validation metrics', async () => {
  const { x, y } = problem();
  const h = await trainSeeded(model(), x, y, {
    numEpochs: 20,
    batchSize: 16,
    seed: 1,
    validationSplit: 0.25,
  });
  assert.equal(h.epochs, 20);
  assert.equal(h.history.val_loss.length, 20);
  assert.ok(
    h.history.loss[19] < h.history.loss[0],
    `loss ${h.history.loss[0]} -> ${h.history.loss[19]}`,
  );
  assert.ok(h.history.binaryAccuracy[19] > 0.8);
  tf.dispose([x, y]);
});

test('early stopping stops after `patience` epochs without improvement', async () => {
  const { x, y } = problem();
  const m = model();
  m.compile({ optimizer: tf.train.sgd(0), loss: 'binaryCrossentropy' });
  const h = await trainSeeded(m, x, y, {
    numEpochs: 50,
    batchSize: 50,
    seed: 1,
    validationSplit: 0.2,
    earlyStopping: { patience: 3 },
  });
  // With a learning rate of 0 the validation loss never improves after epoch 1.
  assert.equal(h.epochs, 4);
  assert.ok(h.stoppedEarly);
  tf.dispose([x, y]);
});

test('restoreBestWeights: a model that stops early ends with its best weights', async () => {
  const { x, y } = problem();
  // A learning rate high enough for the validation loss to rise again after its best epoch.
  const run = async (restoreBestWeights: boolean) => {
    const m = denseClassifier({
      numFeatures: 4,
      hiddenUnits: [8],
      numLabels: 2,
      outputActivation: 'sigmoid',
      seed: 1,
    });
    const optimizer = tf.train.adam(0.3);
    m.compile({ optimizer, loss: 'binaryCrossentropy' });
    const h = await trainSeeded(m, x, y, {
      numEpochs: 40,
      batchSize: 16,
      seed: 1,
      validationSplit: 0.2,
      earlyStopping: { patience: 3, restoreBestWeights },
    });
    const [xVal, yVal] = [x.slice([160, 0], [40, -1]), y.slice([160, 0], [40, -1])];
    const valLoss = tf.tidy(
      () => (m.evaluate(xVal, yVal, { batchSize: 40 }) as tf.Scalar).dataSync()[0],
    );
    tf.dispose([xVal, yVal]);
    m.dispose();
    optimizer.dispose();
    return { h, valLoss };
  };
  const kept = await run(false);
  const before = tf.memory().numTensors; // after a first run has made tfjs's cached constants
  const restored = await run(true);
  assert.ok(restored.h.stoppedEarly, `stopped at epoch ${restored.h.epochs}`);
  assert.deepEqual(restored.h.history.val_loss, kept.h.history.val_loss);
  const losses = restored.h.history.val_loss;
  const bestLoss = Math.min(...losses);
  assert.ok(losses[losses.length - 1] > bestLoss, 'the last epoch should not be the best');
  assert.ok(Math.abs(restored.valLoss - bestLoss) < 1e-6, `${restored.valLoss} vs ${bestLoss}`);
  assert.ok(Math.abs(kept.valLoss - losses[losses.length - 1]) < 1e-6);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, y]);
});

test('training leaves no tensors behind', async () => {
  const { x, y } = problem();
  const m = model();
  await trainSeeded(m, x, y, { numEpochs: 1, batchSize: 32, seed: 1, validationSplit: 0.2 });
  const before = tf.memory().numTensors;
  await trainSeeded(m, x, y, { numEpochs: 2, batchSize: 32, seed: 1, validationSplit: 0.2 });
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, y]);
});

test('wrong shapes and options are named', async () => {
  const { x, y } = problem();
  await assert.rejects(
    trainSeeded(model(), x, y.slice([0, 0], [10, 2]), { numEpochs: 1, batchSize: 8, seed: 1 }),
    (e: unknown) =>
      e instanceof InputError && /same number of rows, got 200 and 10/.test(e.message),
  );
  await assert.rejects(
    trainSeeded(model(), x.reshape([800]), y, { numEpochs: 1, batchSize: 8, seed: 1 }),
    (e: unknown) =>
      e instanceof InputError &&
      /x must be a 2-D tensor \[rows, features\], got a tensor of shape \[800\]/.test(e.message),
  );
  await assert.rejects(
    trainSeeded(model(), x, y, { numEpochs: 0, batchSize: 8, seed: 1 }),
    (e: unknown) =>
      e instanceof InputError && /numEpochs must be an integer >= 1, got 0/.test(e.message),
  );
  await assert.rejects(
    trainSeeded(model(), x, y, { numEpochs: 1, batchSize: 8, seed: 1, validationSplit: 1 }),
    (e: unknown) => e instanceof InputError && /validationSplit must be below 1/.test(e.message),
  );
  tf.dispose([x, y]);
});
