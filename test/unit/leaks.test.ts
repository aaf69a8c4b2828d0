import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../src/notebook/backend';
import { denseClassifier } from '../../src/core/models';
import { trainSeeded } from '../../src/core/train';
import { InputError } from '../../src/core/validate';

function problem(rows: number) {
  return tf.tidy(() => {
    const x = tf.randomNormal([rows, 6], 0, 1, 'float32', 3) as tf.Tensor2D;
    const y = tf
      .concat(
        [x.slice([0, 0], [-1, 1]).greater(0), x.slice([0, 1], [-1, 2]).sum(1, true).greater(0.5)],
        1,
      )
      .toFloat() as tf.Tensor2D;
    return { x, y };
  });
}

function compiled(optimizer: 'rmsprop' | 'sgd') {
  const model = denseClassifier({
    numFeatures: 6,
    hiddenUnits: [16, 8],
    numLabels: 2,
    outputActivation: 'sigmoid',
    seed: 4,
  });
  model.compile({
    optimizer: optimizer === 'rmsprop' ? tf.train.rmsprop(0.01) : tf.train.sgd(0.1),
    loss: 'binaryCrossentropy',
    metrics: ['binaryAccuracy'],
  });
  return model;
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: repeated trainSeeded and predict calls leak no tensors`, async () => {
    await chooseBackend({ prefer: backend });
    const { x, y } = problem(300);
    const model = compiled('rmsprop');
    const options = {
      numEpochs: 3,
      batchSize: 32,
      seed: 1,
      validationSplit: 0.2,
      earlyStopping: { patience: 5 },
      onEpochEnd: () => {},
    };
    // The first call creates the optimizer's slot variables (RMSprop keeps two per weight).
    await trainSeeded(model, x, y, options);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await trainSeeded(model, x, y, { ...options, seed: 2 + i });
      assert.equal(tf.memory().numTensors, before, `after trainSeeded call ${i + 2}`);
    }
    // No validation split this time.
    await trainSeeded(model, x, y, { numEpochs: 2, batchSize: 50, seed: 9 });
    assert.equal(tf.memory().numTensors, before, 'after a call without validation split');
    for (let i = 0; i < 3; i++) {
      const out = model.predict(x) as tf.Tensor;
      const probs = out.arraySync() as number[][];
      out.dispose();
      assert.equal(probs.length, 300);
      tf.tidy(() => {
        (model.predict(x) as tf.Tensor).greater(0.5).sum();
      });
    }
    assert.equal(tf.memory().numTensors, before, 'after predictions');
    model.dispose();
    tf.dispose([x, y]);
  });

  test(`${backend}: a trainSeeded call that fails mid-training leaks no tensors`, async () => {
    await chooseBackend({ prefer: backend });
    const { x, y } = problem(120);
    const model = compiled('sgd');
    await trainSeeded(model, x, y, { numEpochs: 1, batchSize: 40, seed: 1 });
    const before = tf.memory().numTensors;
    await assert.rejects(
      trainSeeded(model, x, y, {
        numEpochs: 3,
        batchSize: 40,
        seed: 1,
        validationSplit: 0.25,
        earlyStopping: { monitor: 'val_nothing', patience: 1 },
      }),
      InputError,
    );
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
    tf.dispose([x, y]);
  });
}
