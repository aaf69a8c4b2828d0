import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeLatentMultiLabel } from '../src/core/latent';
import {
  makeScenes,
  SCENE_LABELS,
  sceneSplits,
  scoreRuns,
  trainSharedNetworks,
  trainSingleLabelNetworks,
  type SceneSplit,
  type SweepBudget,
} from '../src/lessons/04-separate-vs-shared';
import { InputError } from '../src/core/validate';
import { chooseBackend } from '../src/notebook/backend';
import { assertArrayClose } from './support/close';

/** Predictions of one ensemble member against another training of the same network. */
const PREDICT_TOL = 1e-6;

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

describe('lesson 04 sweeps', () => {
  const SEEDS = [11, 12];
  const splits = sceneSplits(SEEDS, { train: 60, test: 40 });
  const budget: SweepBudget = {
    hiddenUnits: 8,
    learningRate: 0.02,
    numEpochs: 2,
    batchSize: 20,
    rowsPerEpoch: 60,
  };
  const inUnit = (m: number[][][][]) => m.flat(3).every((p) => p >= 0 && p <= 1);

  it('trains one shared network per size and repetition, each as if alone', async () => {
    const probs = await trainSharedNetworks(splits, [20, 60], budget, SEEDS);
    assert.deepEqual(
      [probs.length, probs[0].length, probs[0][0].length, probs[0][0][0].length],
      [2, 2, 40, 3],
    );
    assert.ok(inUnit(probs));
    const [alone] = await trainSharedNetworks([splits[1]], [20], budget, [SEEDS[1]]);
    assertArrayClose(probs[0][1], alone[0], PREDICT_TOL);
    assert.notDeepEqual(probs[0][1], probs[1][1]);
  });

  it('repeats a small set within each pass: 20 rows train as their 3 copies would', async () => {
    const small = splits[0];
    const copies: SceneSplit = {
      ...small,
      xTrain: [0, 1, 2].flatMap(() => small.xTrain.slice(0, 20)),
      yTrain: [0, 1, 2].flatMap(() => small.yTrain.slice(0, 20)),
    };
    const [[fromSet]] = await trainSharedNetworks([small], [20], budget, [SEEDS[0]]);
    const [[fromCopies]] = await trainSharedNetworks([copies], [60], budget, [SEEDS[0]]);
    assertArrayClose(fromSet, fromCopies, PREDICT_TOL);
  });

  it('trains separate networks and chains; link 0 of a chain is the separate network', async () => {
    const tasks = [
      { splits, size: 60, chain: false },
      { splits, size: 60, chain: true },
      { splits, size: 20, chain: false },
    ];
    const probs = await trainSingleLabelNetworks(tasks, budget, SEEDS);
    assert.deepEqual(
      [probs.length, probs[0].length, probs[0][0].length, probs[0][0][0].length],
      [3, 2, 40, 3],
    );
    assert.ok(inUnit(probs));
    const column = (m: number[][], j: number) => m.map((row) => row[j]);
    for (let r = 0; r < 2; r++) {
      assertArrayClose(column(probs[1][r], 0), column(probs[0][r], 0), PREDICT_TOL);
      // Later links read the earlier labels, so they are other networks.
      assert.notDeepEqual(column(probs[1][r], 2), column(probs[0][r], 2));
    }
    const [alone] = await trainSingleLabelNetworks(
      [{ splits: [splits[1]], size: 20, chain: false }],
      budget,
      [SEEDS[1]],
    );
    assertArrayClose(probs[2][1], alone[0], PREDICT_TOL);
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
    const long = { ...budget, hiddenUnits: 16, numEpochs: 40, rowsPerEpoch: 200 };
    const [[shared]] = await trainSharedNetworks(easy, [200], long, [0]);
    const [[separate], [chain]] = await trainSingleLabelNetworks(
      [
        { splits: easy, size: 200, chain: false },
        { splits: easy, size: 200, chain: true },
      ],
      long,
      [0],
    );
    for (const [name, probs] of Object.entries({ shared, separate, chain })) {
      const { exactMatch } = scoreRuns(easy, [probs]);
      assert.ok(exactMatch[0] > 0.85, `${name} exact match ${exactMatch[0]}`);
    }
  });

  it('rejects sizes that do not fit, mismatched seeds and tasks, naming them', async () => {
    await assert.rejects(
      trainSharedNetworks(splits, [25], budget, SEEDS),
      inputError(/^sizes\[0\] must divide budget\.rowsPerEpoch = 60.*got 25/),
    );
    await assert.rejects(
      trainSharedNetworks(splits, [120], budget, SEEDS),
      inputError(/^sizes\[0\] must be an integer in \[1, 60\], got 120/),
    );
    await assert.rejects(
      trainSharedNetworks(splits, [20], budget, [1]),
      inputError(/^repetitionSeeds must hold one seed per split \(2\)/),
    );
    await assert.rejects(
      trainSharedNetworks(splits, [20], { ...budget, hiddenUnits: 0 }, SEEDS),
      inputError(/^budget\.hiddenUnits/),
    );
    const narrow = splits.map((s) => ({
      ...s,
      xTrain: s.xTrain.map((r) => r.slice(1)),
      xTest: s.xTest.map((r) => r.slice(1)),
    }));
    await assert.rejects(
      trainSingleLabelNetworks(
        [
          { splits, size: 20, chain: false },
          { splits: narrow, size: 20, chain: false },
        ],
        budget,
        SEEDS,
      ),
      inputError(/^tasks\[1\] must have 24 features and 3 labels like tasks\[0\], got 23 and 3/),
    );
    await assert.rejects(trainSingleLabelNetworks([], budget, SEEDS), inputError(/^tasks/));
  });
});

describe('scoreRuns', () => {
  it('scores each repetition with decisions p >= 0.5', () => {
    const split = (yTest: number[][]): SceneSplit => ({
      xTrain: [[0]],
      yTrain: [[0, 0]],
      xTest: yTest.map(() => [0]),
      yTest,
    });
    const splits = [
      split([
        [1, 0],
        [0, 1],
      ]),
      split([
        [1, 1],
        [0, 0],
      ]),
    ];
    const scores = scoreRuns(splits, [
      [
        [0.5, 0.2],
        [0.4, 0.9],
      ],
      [
        [0.9, 0.1],
        [0.6, 0.2],
      ],
    ]);
    assert.deepEqual(scores.exactMatch, [1, 0]);
    // Repetition 1: label 0 has 1 TP and 1 FP (F1 2/3), label 1 has 1 FN (F1 0).
    assert.deepEqual(
      scores.macroF1.map((v) => Number(v.toFixed(12))),
      [1, Number((1 / 3).toFixed(12))],
    );
  });

  it('rejects a different number of repetitions and probability matrices', () => {
    assert.throws(
      () => scoreRuns(sceneSplits([1], { train: 5, test: 5 }), []),
      inputError(/^probs must hold one matrix per split \(1\)/),
    );
  });
});
