/**
 * The K-member trainer in 'fit' order splits off validation rows as model.fit does,
 * floor(rows * (1 - validationSplit)) training rows, which for a split such as 0.33 is often one
 * row fewer than rows - floor(rows * validationSplit): member 0 then still equals model.fit's
 * model bit for bit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { trainEnsemble } from '../src/core/ensemble';
import { compiledAs, ensembleOf } from '../src/core/model-ensemble';
import { createRng, seedMathRandom } from '../src/core/random';
import { chooseBackend } from '../src/notebook/backend';

const build = (seed: number) => {
  const model = tf.sequential();
  const init = (layer: number) => tf.initializers.glorotUniform({ seed: seed + layer });
  model.add(
    tf.layers.dense({ inputShape: [4], units: 5, activation: 'relu', kernelInitializer: init(0) }),
  );
  model.add(tf.layers.dense({ units: 3, activation: 'sigmoid', kernelInitializer: init(1) }));
  return model;
};

test("'fit' order, validationSplit 0.33: member 0 is model.fit's model, bit for bit", async () => {
  await chooseBackend({ prefer: 'cpu' });
  const rows = 1000; // fit trains on floor(1000 * 0.6699999999999999) = 669 rows, not 670
  assert.equal(Math.floor(rows * (1 - 0.33)), 669);
  const rng = createRng(5);
  const x = tf.tensor2d(
    Array.from({ length: rows * 4 }, () => rng.normal()),
    [rows, 4],
  );
  const y = tf.tensor2d(
    Array.from({ length: rows * 3 }, () => (rng.uniform() < 0.3 ? 1 : 0)),
    [rows, 3],
  );
  const model = build(11);
  model.compile({ optimizer: 'rmsprop', loss: 'binaryCrossentropy' });
  const restore = seedMathRandom(11);
  const history = await model.fit(x, y, {
    epochs: 2,
    batchSize: 64,
    validationSplit: 0.33,
    verbose: 0,
  });
  restore();
  const ensemble = ensembleOf(build, [11, 12]);
  const run = await trainEnsemble(ensemble, x, y, {
    ...compiledAs(model),
    numEpochs: 2,
    batchSize: 64,
    validationSplit: 0.33,
    seeds: [11, 12],
    order: 'fit',
  });
  const mine = ensemble.memberWeights(0);
  const gaps = model.getWeights().map((w, i) => tf.sub(w, mine[i]).abs().max().dataSync()[0]);
  assert.deepEqual(
    gaps,
    gaps.map(() => 0),
  );
  const valLoss = history.history.val_loss as number[];
  assert.ok(Math.abs(run.members[0].history.val_loss[1] - valLoss[1]) < 1e-6);
  tf.dispose([x, y, ...mine]);
  ensemble.dispose();
  model.dispose();
});
