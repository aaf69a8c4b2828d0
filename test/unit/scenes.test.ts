import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeLatentMultiLabel } from '../../src/core/latent';
import * as tf from '@tensorflow/tfjs';
import { makeScenes, SCENE_LABELS, sceneSplits } from '../../src/lessons/04-separate-vs-shared';
import { trainSweep, type SweepBudget } from '../../src/core/label-sweep';
import { seedMathRandom } from '../../src/core/random';
import { subsetAccuracy } from '../../src/eval/metrics';
import { toDecisions } from '../../src/eval/thresholds';
import { InputError } from '../../src/core/validate';
import { chooseBackend } from '../../src/notebook/backend';
import { networkSeeds } from '../../src/core/seeds';

before(async () => {
  await chooseBackend({ prefer: 'wasm' });
});

/** Pearson correlation of two columns. */
function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let cov = 0,
    va = 0,
    vb = 0;
  for (let i = 0; i < a.length; i++) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

describe('makeLatentMultiLabel', () => {
  const options = {
    numSamples: 2000,
    numFeatures: 12,
    numLatents: 3,
    numLabels: 5,
    featureNoise: 0.2,
    seed: 7,
  };

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(makeLatentMultiLabel(options), makeLatentMultiLabel(options));
    assert.notDeepEqual(
      makeLatentMultiLabel(options).y,
      makeLatentMultiLabel({ ...options, seed: 8 }).y,
    );
  });

  it('has the requested shapes and 0/1 labels', () => {
    const d = makeLatentMultiLabel(options);
    assert.equal(d.x.length, 2000);
    assert.ok(d.x.every((r) => r.length === 12 && r.every(Number.isFinite)));
    assert.ok(d.y.every((r) => r.length === 5 && r.every((v) => v === 0 || v === 1)));
    assert.equal(d.rules.length, 5);
  });

  it('makes smaller sets the prefixes of larger ones', () => {
    const small = makeLatentMultiLabel({ ...options, numSamples: 50 });
    assert.deepEqual(small.y, makeLatentMultiLabel(options).y.slice(0, 50));
  });

  it('derives each noiseless label exactly from its rule on the latents', () => {
    const d = makeLatentMultiLabel(options);
    d.latents.forEach((z, i) =>
      d.rules.forEach((r, j) => {
        const score = r.a * z[r.p] + r.b * z[r.q] + r.c * z[0] * z[1];
        assert.equal(d.y[i][j], score > r.threshold ? 1 : 0);
      }),
    );
  });

  it('makes labels depend on the features: a feature correlates with a label', () => {
    const d = makeLatentMultiLabel(options);
    const best = Math.max(
      ...Array.from({ length: 12 }, (_, f) =>
        Math.abs(
          correlation(
            d.x.map((r) => r[f]),
            d.y.map((r) => r[0]),
          ),
        ),
      ),
    );
    assert.ok(best > 0.2, `largest |correlation| between a feature and label 0 is ${best}`);
  });

  it('links the labels more with a shared unobserved term', () => {
    const agree = (y: number[][]) => y.filter((r) => r.every((v) => v === r[0])).length / y.length;
    const base = makeScenes(3000, 0);
    const linked = makeScenes(3000, 0, { sharedNoise: 1 });
    assert.ok(
      agree(linked.y) > agree(base.y) + 0.05,
      `all-equal rows ${agree(linked.y)} vs ${agree(base.y)}`,
    );
  });

  it('flips the requested share of labels', () => {
    const clean = makeLatentMultiLabel({ ...options, numSamples: 4000 });
    const noisy = makeLatentMultiLabel({ ...options, numSamples: 4000, flipY: 0.1 });
    let differ = 0;
    clean.y.forEach((r, i) => r.forEach((v, j) => (differ += v === noisy.y[i][j] ? 0 : 1)));
    const share = differ / (4000 * 5);
    assert.ok(Math.abs(share - 0.1) < 0.02, `flipped share ${share}`);
  });

  it('rejects bad options with an InputError naming the argument', () => {
    assert.throws(
      () => makeLatentMultiLabel({ ...options, numLatents: 1 }),
      (e: unknown) => e instanceof InputError && /numLatents/.test(e.message),
    );
    assert.throws(
      () => makeLatentMultiLabel({ ...options, numLatents: 13 }),
      (e: unknown) => e instanceof InputError && /numLatents/.test(e.message),
    );
    assert.throws(
      () => makeLatentMultiLabel({ ...options, featureNoise: -1 }),
      (e: unknown) => e instanceof InputError && /featureNoise/.test(e.message),
    );
    assert.throws(
      () => makeLatentMultiLabel({ ...options, flipY: 2 }),
      (e: unknown) => e instanceof InputError && /flipY/.test(e.message),
    );
  });
});

describe('makeScenes', () => {
  it('has three labels car, bus, pedestrian on 24 features, every combination present', () => {
    const d = makeScenes(2000, 0);
    assert.deepEqual([...SCENE_LABELS], ['car', 'bus', 'pedestrian']);
    assert.equal(d.numFeatures, 24);
    assert.equal(new Set(d.y.map((r) => r.join())).size, 8);
  });
});

/** An InputError whose message matches `pattern`. */
const inputError = (pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && pattern.test(e.message);

describe('sceneSplits', () => {
  it('takes the test rows first and the pool after them, one draw per seed', () => {
    const splits = sceneSplits([5, 6], { train: 30, test: 20 });
    assert.equal(splits.length, 2);
    [5, 6].forEach((seed, r) => {
      const all = makeScenes(50, seed);
      assert.deepEqual(splits[r].xTest, all.x.slice(0, 20));
      assert.deepEqual(splits[r].yTest, all.y.slice(0, 20));
      assert.deepEqual(splits[r].xTrain, all.x.slice(20));
      assert.deepEqual(splits[r].yTrain, all.y.slice(20));
    });
    assert.notDeepEqual(splits[0].xTrain, splits[1].xTrain);
  });

  it('gives linked frames the same features and other labels', () => {
    const [plain] = sceneSplits([5], { train: 300, test: 20 });
    const [linked] = sceneSplits([5], { train: 300, test: 20 }, { sharedNoise: 1 });
    assert.deepEqual(linked.xTrain, plain.xTrain);
    assert.notDeepEqual(linked.yTrain, plain.yTrain);
  });

  it('rejects no seeds and bad row counts, naming them', () => {
    assert.throws(() => sceneSplits([], { train: 10, test: 10 }), inputError(/^seeds/));
    assert.throws(() => sceneSplits([1], { train: 0, test: 10 }), inputError(/rows\.train/));
    assert.throws(() => sceneSplits([1], { train: 10, test: 1.5 }), inputError(/rows\.test/));
  });
});

/** A builder of `inputs → hidden ReLU → outputs sigmoid`, as the notebook writes it. */
const network = (inputs: number, hidden: number, outputs: number) => (seed: number) => {
  const model = tf.sequential();
  const init = (s: number) => tf.initializers.glorotUniform({ seed: s });
  model.add(
    tf.layers.dense({
      inputShape: [inputs],
      units: hidden,
      activation: 'relu',
      kernelInitializer: init(seed),
    }),
  );
  model.add(
    tf.layers.dense({ units: outputs, activation: 'sigmoid', kernelInitializer: init(seed + 1) }),
  );
  return model;
};
const compiled = (model: tf.Sequential, learningRate = 0.02) => {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy' });
  return model;
};

describe('trainSweep', () => {
  const SEEDS = [11, 12];
  const splits = sceneSplits(SEEDS, { train: 60, test: 40 });
  const budget: SweepBudget = { numEpochs: 2, batchSize: 20, rowsPerEpoch: 60 };
  const inUnit = (m: number[][][][]) => m.flat(3).every((p) => p >= 0 && p <= 1);
  const shared = network(24, 8, 3);
  const separate = network(24, 8, 1);
  const link = network(26, 8, 1);

  it('trains shared networks per size and repetition; the whole pool is model.fit', async () => {
    const model = compiled(shared(0));
    const run = await trainSweep(
      shared,
      model,
      [60, 20].map((size) => ({ splits, size })),
      budget,
      SEEDS,
    );
    const { probs } = run;
    assert.deepEqual(
      [probs.length, probs[0].length, probs[0][0].length, probs[0][0][0].length],
      [2, 2, 40, 3],
    );
    assert.ok(inUnit(probs));
    assert.notDeepEqual(probs[0][1], probs[1][1]);
    const seed = networkSeeds(SEEDS[1], 3).shared;
    const alone = compiled(shared(seed));
    const restore = seedMathRandom(seed);
    await alone.fit(tf.tensor2d(splits[1].xTrain), tf.tensor2d(splits[1].yTrain), {
      epochs: 2,
      batchSize: 20,
      verbose: 0,
    });
    restore();
    const fitted = alone.getWeights().map((w) => Float32Array.from(w.dataSync()));
    assert.deepEqual(run.weights(0, 1), fitted);
    assert.notDeepEqual(run.weights(1, 1), fitted);
  });

  it('trains separate networks on one label each; the whole pool is model.fit', async () => {
    const model = compiled(separate(0));
    const run = await trainSweep(separate, model, [{ splits, size: 60 }], budget, SEEDS);
    assert.deepEqual(run.probs[0][0][0].length, 3);
    assert.ok(inUnit(run.probs));
    const seed = networkSeeds(SEEDS[0], 3).labels[2];
    const alone = compiled(separate(seed));
    const restore = seedMathRandom(seed);
    const y = splits[0].yTrain.map((row) => [row[2]]);
    await alone.fit(tf.tensor2d(splits[0].xTrain), tf.tensor2d(y), {
      epochs: 2,
      batchSize: 20,
      verbose: 0,
    });
    restore();
    assert.deepEqual(
      run.weights(0, 0, 2),
      alone.getWeights().map((w) => Float32Array.from(w.dataSync())),
    );
  });

  it('repeats a small set within each pass and gives the same steps', async () => {
    const model = compiled(shared(0));
    const run = await trainSweep(shared, model, [{ splits, size: 20 }], budget, SEEDS);
    assert.ok(inUnit(run.probs));
    // 2 passes of 60 rows (the 20 rows three times) in batches of 20: the weights moved.
    const start = shared(networkSeeds(SEEDS[0], 3).shared).getWeights();
    assert.notDeepEqual(run.weights(0, 0)[0], Float32Array.from(start[0].dataSync()));
  });

  it('link 0 of a chain is the separate network with empty slots; later links differ', async () => {
    const model = compiled(link(0));
    const tasks = [false, true].map((chain) => ({ splits, size: 60, chain }));
    const { probs } = await trainSweep(link, model, tasks, budget, SEEDS);
    const column = (m: number[][], j: number) => m.map((row) => row[j]);
    for (let r = 0; r < 2; r++) {
      assert.deepEqual(column(probs[1][r], 0), column(probs[0][r], 0));
      assert.notDeepEqual(column(probs[1][r], 2), column(probs[0][r], 2));
    }
  });

  it('learns labels that the features decide', async () => {
    // Label 0: x0 > 0; label 1: x1 > 0; label 2: both. Every approach can learn these.
    const rows = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) => {
        const t = i + offset;
        return [Math.sin(t * 1.7), Math.cos(t * 2.3), Math.sin(t * 0.3)];
      });
    const labels = (x: number[][]) =>
      x.map((r) => [r[0] > 0 ? 1 : 0, r[1] > 0 ? 1 : 0, r[0] > 0 && r[1] > 0 ? 1 : 0]);
    const [xTrain, xTest] = [rows(200, 0), rows(100, 1000)];
    const easy = [{ xTrain, yTrain: labels(xTrain), xTest, yTest: labels(xTest) }];
    const long = { numEpochs: 40, batchSize: 20, rowsPerEpoch: 200 };
    const task = { splits: easy, size: 200 };
    const builds = {
      shared: network(3, 16, 3),
      separate: network(3, 16, 1),
      chain: network(5, 16, 1),
    };
    for (const [name, build] of Object.entries(builds)) {
      const tasks = [{ ...task, chain: name === 'chain' }];
      const { probs } = await trainSweep(build, compiled(build(0)), tasks, long, [0]);
      const exactMatch = subsetAccuracy(easy[0].yTest, toDecisions(probs[0][0]));
      assert.ok(exactMatch > 0.85, `${name} exact match ${exactMatch}`);
    }
  });

  it('rejects sizes, seeds and models that do not fit, naming them', async () => {
    const model = compiled(shared(0));
    await assert.rejects(
      trainSweep(shared, model, [{ splits, size: 25 }], budget, SEEDS),
      inputError(/^tasks\[0\]\.size must divide budget\.rowsPerEpoch, got 25/),
    );
    await assert.rejects(
      trainSweep(shared, model, [{ splits, size: 120 }], budget, SEEDS),
      inputError(/^tasks\[0\]\.size must be an integer in \[1, 60\], got 120/),
    );
    await assert.rejects(
      trainSweep(shared, model, [{ splits, size: 20 }], budget, [1]),
      inputError(/one split per repetition seed \(1 seeds\)/),
    );
    const narrow = splits.map((s) => ({ ...s, xTrain: s.xTrain.map((r) => r.slice(1)) }));
    await assert.rejects(
      trainSweep(shared, model, [{ splits: narrow, size: 20 }], budget, SEEDS),
      inputError(/xTest must have 23 columns/),
    );
    await assert.rejects(
      trainSweep(shared, model, [{ splits, size: 20, chain: true }], budget, SEEDS),
      inputError(/^the model must read 24 features and 2 label slots/),
    );
    const wrong = compiled(network(24, 8, 2)(0));
    await assert.rejects(
      trainSweep(network(24, 8, 2), wrong, [{ splits, size: 20 }], budget, SEEDS),
      inputError(/have 1 or 3 outputs, got 24 inputs, 2 outputs/),
    );
    await assert.rejects(trainSweep(shared, model, [], budget, SEEDS), inputError(/^tasks/));
  });
});
