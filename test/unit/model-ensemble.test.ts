/**
 * The K-member trainer driven by a model written as plain TensorFlow.js: member k is the model a
 * builder makes with seed k, and with `order: 'fit'` it trains exactly as `model.fit` does once
 * `seedMathRandom` has seeded Math.random (fit's shuffle draws from it). Weights agree bit for bit
 * on wasm and cpu for SGD, Adam and RMSprop, with a validation split of 0.33: fit trains on
 * floor(300 * (1 - 0.33)) = 200 rows, one fewer than 300 - floor(300 * 0.33), and so must the
 * members.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { trainEnsemble } from '../../src/core/ensemble';
import { compiledAs, ensembleOf } from '../../src/core/model-ensemble';
import { createRng, seedMathRandom } from '../../src/core/random';
import { chooseBackend } from '../../src/notebook/backend';
import { assertInputError } from '../support/close';

type Activation = 'sigmoid' | 'softmax' | 'linear';

function builder(activation: Activation = 'sigmoid', hidden = 'relu') {
  return (seed: number) => {
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        inputShape: [5],
        units: 6,
        activation: hidden as 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
    );
    model.add(
      tf.layers.dense({
        units: 3,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      }),
    );
    return model;
  };
}

function problem(rows = 300) {
  const rng = createRng(3);
  const x = tf.tensor2d(
    Array.from({ length: rows * 5 }, () => rng.normal()),
    [rows, 5],
  );
  const y = tf.tensor2d(
    Array.from({ length: rows * 3 }, () => (rng.uniform() < 0.4 ? 1 : 0)),
    [rows, 3],
  );
  return { x, y };
}

/** The values of tensors; `own` ones (not a model's live weights) are disposed. */
function values(tensors: tf.Tensor[], own = true): number[][] {
  const out = tensors.map((t) => Array.from(t.dataSync()));
  if (own) tf.dispose(tensors);
  return out;
}

for (const backend of ['wasm', 'cpu'] as const) {
  for (const optimizer of ['sgd', 'adam', 'rmsprop'] as const) {
    test(`${backend}, ${optimizer}: member 0 is model.fit's model, bit for bit`, async () => {
      await chooseBackend({ prefer: backend });
      const { x, y } = problem();
      const build = builder();
      const model = build(42);
      const opt = optimizer === 'sgd' ? tf.train.sgd(0.05) : optimizer;
      model.compile({ optimizer: opt, loss: 'binaryCrossentropy' });
      const restore = seedMathRandom(42);
      const fitted = await model.fit(x, y, {
        epochs: 4,
        batchSize: 32,
        validationSplit: 0.33,
        verbose: 0,
      });
      restore();
      const ensemble = ensembleOf(build, [42, 7]);
      const run = await trainEnsemble(ensemble, x, y, {
        ...compiledAs(model),
        numEpochs: 4,
        batchSize: 32,
        validationSplit: 0.33,
        seeds: [42, 7],
        order: 'fit',
      });
      assert.deepEqual(values(ensemble.memberWeights(0)), values(model.getWeights(), false));
      const last = (h: number[]) => h[h.length - 1];
      const loss = fitted.history.loss as number[];
      assert.ok(Math.abs(last(run.members[0].history.loss) - last(loss)) < 1e-6);
      const valLoss = fitted.history.val_loss as number[];
      assert.ok(Math.abs(last(run.members[0].history.val_loss) - last(valLoss)) < 1e-6);
      // The other member is another model: the comparison above could fail.
      assert.notDeepEqual(values(ensemble.memberWeights(1)), values(model.getWeights(), false));
      ensemble.dispose();
      model.dispose();
      tf.dispose([x, y]);
    });
  }
}

test("member k starts with build(seeds[k])'s weights", async () => {
  await chooseBackend({ prefer: 'wasm' });
  const build = builder('softmax');
  const ensemble = ensembleOf(build, [5, 9, 11]);
  assert.equal(ensemble.numMembers, 3);
  assert.deepEqual(ensemble.options.hiddenUnits, [6]);
  assert.equal(ensemble.options.outputActivation, 'softmax');
  for (const [k, seed] of [5, 9, 11].entries()) {
    const model = build(seed);
    assert.deepEqual(values(ensemble.memberWeights(k)), values(model.getWeights(), false));
    model.dispose();
  }
  ensemble.dispose();
});

test('seedMathRandom gives the same sequence as createRng and restores Math.random', () => {
  const original = Math.random;
  const restore = seedMathRandom(12);
  const drawn = [Math.random(), Math.random()];
  restore();
  const rng = createRng(12);
  assert.deepEqual(drawn, [rng.uniform(), rng.uniform()]);
  assert.equal(Math.random, original);
});

test('ensembleOf and compiledAs name what they cannot reproduce', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const before = tf.memory().numTensors;
  assertInputError(() => ensembleOf(builder('sigmoid', 'tanh'), [1]), /hidden layer.*'relu'/);
  assertInputError(() => ensembleOf(builder('tanh' as Activation), [1]), /output.*'tanh'/);
  assertInputError(() => ensembleOf(builder(), []), /seeds must be a non-empty array/);
  assertInputError(() => ensembleOf(builder(), [1.5]), /seeds\[0\]/);
  assertInputError(
    () => ensembleOf((s) => builder(s === 1 ? 'sigmoid' : 'softmax')(s), [1, 2]),
    /one architecture/,
  );
  const withDropout = () => {
    const model = builder()(1);
    model.add(tf.layers.dropout({ rate: 0.5 }));
    return model;
  };
  assertInputError(() => ensembleOf(withDropout, [1]), /must be a Dense layer, got Dropout/);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind by a refused build');
  const model = builder()(1);
  assertInputError(() => compiledAs(model), /must be compiled/);
  model.compile({ optimizer: tf.train.momentum(0.1, 0.9), loss: 'binaryCrossentropy' });
  assertInputError(() => compiledAs(model), /SGD, Adam or RMSprop, got Momentum/);
  model.compile({
    optimizer: 'adam',
    loss: (a: tf.Tensor, b: tf.Tensor) => tf.losses.logLoss(a, b),
  });
  assertInputError(() => compiledAs(model), /give options.loss/);
  assert.equal(compiledAs(model, { loss: 'binaryCrossentropy' }).optimizer.name, 'adam');
  model.dispose();
});
