/**
 * Lesson 06's five approaches on a small seeded problem: the shapes of what they return, what
 * each output means (probabilities, softmax sums, powerset sets), and the independence that
 * makes `separate` and the first link of `chain` separate networks: their label-0 output does
 * not change when another label's training values do.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { ensembleOf } from '../../src/core/model-ensemble';
import { createRng, seedMathRandom } from '../../src/core/random';
import { InputError } from '../../src/core/validate';
import {
  APPROACHES,
  repetitionRows,
  runApproach,
  type YeastBudget,
  type YeastSplit,
} from '../../src/lessons/06-real-data-yeast';
import { chooseBackend } from '../../src/notebook/backend';
import { labelCombinationKey } from '../../src/core/labels';

before(async () => {
  await chooseBackend({ prefer: 'wasm' });
});

const BUDGET: YeastBudget = {
  hiddenUnits: 6,
  optimizer: { name: 'adam', learningRate: 0.01 },
  batchSize: 20,
  maxEpochs: 3,
  patience: 10,
  restoreBestWeights: true,
  validationSplit: 0.25,
};
const SEEDS = [3, 4];

/** 5 features; 3 labels from linear rules, every row with at least one label. */
function problem(rows: number, seed: number): { x: number[][]; y: number[][] } {
  const rng = createRng(seed);
  const x = Array.from({ length: rows }, () => Array.from({ length: 5 }, () => rng.normal()));
  const y = x.map((r) => {
    const labels = [r[0] + r[1] > 0 ? 1 : 0, r[2] - r[0] > 0 ? 1 : 0, r[3] + r[4] > 0.5 ? 1 : 0];
    if (!labels.includes(1)) labels[0] = 1;
    return labels;
  });
  return { x, y };
}

const train = problem(80, 1);
const testRows = problem(30, 2);
const split: YeastSplit = {
  xTrain: train.x,
  yTrain: train.y,
  xTest: testRows.x,
  yTest: testRows.y,
};
const rows = repetitionRows(SEEDS, 80, BUDGET.validationSplit);

/** The shared networks as a notebook builds them: 5 inputs, 6 hidden ReLU units. */
function build(seed: number, units: number, activation: 'sigmoid' | 'softmax') {
  const model = tf.sequential();
  const init = (s: number) => tf.initializers.glorotUniform({ seed: s });
  model.add(
    tf.layers.dense({
      inputShape: [5],
      units: 6,
      activation: 'relu',
      kernelInitializer: init(seed),
    }),
  );
  model.add(tf.layers.dense({ units, activation, kernelInitializer: init(seed + 1) }));
  return model;
}
const members = (units: number, activation: 'sigmoid' | 'softmax') =>
  ensembleOf((seed) => build(seed, units, activation), SEEDS);

test('every approach: S repetitions of scores in [0, 1] and 0/1 decisions', async () => {
  for (const approach of APPROACHES) {
    const run = await runApproach(approach, split, rows, SEEDS, BUDGET, members);
    assert.equal(run.testScores.length, 2, approach);
    for (let r = 0; r < 2; r++) {
      assert.equal(run.testScores[r].length, 30);
      assert.equal(run.validationScores[r].length, 20);
      for (const row of [...run.testScores[r], ...run.validationScores[r]]) {
        assert.equal(row.length, 3);
        assert.ok(
          row.every((v) => v >= 0 && v <= 1),
          `${approach}: ${row}`,
        );
      }
      assert.ok(run.testDecisions[r].flat().every((v) => v === 0 || v === 1));
    }
    assert.deepEqual(run.epochs, [3, 3], `${approach} trains to the cap with this patience`);
    if (approach === 'softmax')
      for (const row of run.testScores[0])
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax rows sum to 1');
    if (approach === 'powerset') {
      const seen = new Set(train.y.map((r) => labelCombinationKey(r)));
      assert.ok(run.testDecisions.flat().every((r) => seen.has(labelCombinationKey(r))));
    }
    if (approach === 'sigmoid') assert.equal(run.params, 5 * 6 + 6 + 6 * 3 + 3);
    // 3 networks of 2 hidden units: 3 * (5 * 2 + 2 + 2 + 1).
    if (approach === 'separate') assert.equal(run.params, 45);
  }
});

test('separate and chain: label 0 ignores the other labels’ training values', async () => {
  const flipped: YeastSplit = {
    ...split,
    // Label 2 flipped wherever the row keeps another label (every row must have one).
    yTrain: train.y.map((r) => [r[0], r[1], r[0] + r[1] > 0 ? 1 - r[2] : r[2]]),
  };
  for (const approach of ['separate', 'chain'] as const) {
    const a = await runApproach(approach, split, rows, SEEDS, BUDGET, members);
    const b = await runApproach(approach, flipped, rows, SEEDS, BUDGET);
    const column = (scores: number[][][], j: number) => scores.map((p) => p.map((row) => row[j]));
    assert.deepEqual(column(b.testScores, 0), column(a.testScores, 0), approach);
    assert.notDeepEqual(column(b.testScores, 2), column(a.testScores, 2), approach);
  }
});

test('runApproach refuses an unknown approach and rows that do not match the seeds', async () => {
  await assert.rejects(
    runApproach('mlknn' as 'sigmoid', split, rows, SEEDS, BUDGET),
    (e: unknown) => e instanceof InputError && /approach must be one of sigmoid/.test(e.message),
  );
  await assert.rejects(
    runApproach('sigmoid', split, rows.slice(1), SEEDS, BUDGET, members),
    (e: unknown) => e instanceof InputError && /one RepetitionRows per seed \(2\)/.test(e.message),
  );
  await assert.rejects(
    runApproach('sigmoid', split, rows, SEEDS, BUDGET),
    (e: unknown) => e instanceof InputError && /sigmoid approach needs its members/.test(e.message),
  );
});

test('member 0 of the sigmoid approach is model.fit with earlyStopping, bit for bit', async () => {
  const budget: YeastBudget = { ...BUDGET, maxEpochs: 8, patience: 1, restoreBestWeights: false };
  const run = await runApproach('sigmoid', split, rows, SEEDS, budget, members);
  const model = build(SEEDS[0], 3, 'sigmoid');
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  const x = tf.tensor2d(rows[0].order.map((i) => train.x[i]));
  const y = tf.tensor2d(rows[0].order.map((i) => train.y[i]));
  const restore = seedMathRandom(SEEDS[0]);
  const history = await model.fit(x, y, {
    epochs: budget.maxEpochs,
    batchSize: budget.batchSize,
    validationSplit: budget.validationSplit,
    verbose: 0,
    callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: budget.patience })],
  });
  restore();
  assert.equal(run.epochs[0], history.epoch.length);
  assert.deepEqual(
    run.member0Weights,
    model.getWeights().map((w) => Array.from(w.dataSync())),
  );
  tf.dispose([x, y]);
  model.dispose();
});
