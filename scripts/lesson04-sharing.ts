/**
 * `npx tsx scripts/lesson04-sharing.ts [--seed=N] [--out=PATH]`: runs lesson 04's sharing
 * experiment (`runSharing`, the settings of `SHARING`) at `SHARING.repetitions` repetitions and
 * writes the figures with the command, the settings and the code version to
 * data/lesson04-sharing.json (or PATH). The notebook shows them and runs a smaller slice live;
 * test/unit/lesson04-sharing.test.ts checks that the file agrees with the code. About 3 minutes.
 */
import * as tf from '@tensorflow/tfjs';
import { trainSweep, type SweepSplit } from '../src/core/label-sweep';
import { f1Score, subsetAccuracy } from '../src/eval/metrics';
import { probeR2, reluLayer } from '../src/eval/linear-probe';
import { toDecisions } from '../src/eval/thresholds';
import { networkSeeds, repetitionSeeds } from '../src/core/seeds';
import {
  manyLabelSplits,
  sceneSplits,
  SHARING,
  type SharingFigures,
  SHARING_FILE,
} from '../src/lessons/04-separate-vs-shared';
import { savedRunMain } from './lib/saved-run';

/**
 * The notebook's network: `inputs` features, a ReLU layer of `hidden` units (none for 0) and
 * `outputs` sigmoid units, Glorot-uniform kernels seeded `seed + layer`, compiled with Adam at
 * `SHARING.learningRate` and binary cross-entropy.
 */
export const sharingNetwork =
  (inputs: number, hidden: number, outputs: number) => (seed: number) => {
    const model = tf.sequential();
    const init = (s: number) => tf.initializers.glorotUniform({ seed: s });
    if (hidden > 0)
      model.add(
        tf.layers.dense({
          inputShape: [inputs],
          units: hidden,
          activation: 'relu',
          kernelInitializer: init(seed),
        }),
      );
    const last = {
      units: outputs,
      activation: 'sigmoid' as const,
      kernelInitializer: init(seed + (hidden > 0 ? 1 : 0)),
    };
    model.add(tf.layers.dense(hidden > 0 ? last : { ...last, inputShape: [inputs] }));
    model.compile({ optimizer: tf.train.adam(SHARING.learningRate), loss: 'binaryCrossentropy' });
    return model;
  };

/** Exact match and macro-F1 of each repetition's test probabilities. */
function scoreRuns(splits: readonly SweepSplit[], probs: number[][][]) {
  const yPred = probs.map((p) => toDecisions(p));
  return {
    exactMatch: yPred.map((p, r) => subsetAccuracy(splits[r].yTest, p)),
    macroF1: yPred.map(
      (p, r) => f1Score(splits[r].yTest, p, { average: 'macro', zeroDivision: 0 }) as number,
    ),
  };
}

/** Trains `build`'s copies on each size's first rows (one size at a time) and scores them. */
async function sweep(
  build: (seed: number) => tf.Sequential,
  splits: readonly SweepSplit[],
  sizes: readonly number[],
  seeds: readonly number[],
  progress: string | false,
) {
  const model = build(0);
  const runs = [];
  for (const size of sizes) {
    const run = await trainSweep(build, model, [{ splits, size }], SHARING.budget, seeds, {
      progress: progress && `${progress} ${size} rows`,
    });
    runs.push({ size, run, scores: scoreRuns(splits, run.probs[0]) });
  }
  model.dispose();
  return runs;
}

/**
 * The sharing experiment at `seeds` (one repetition each), as the notebook runs its slice:
 * figures `few.<size>.<approach>.<score>` (approach `separate`, `shared`, `shared wide`),
 * `many.<size>.<approach>.<score>` (`shared`, `separate`, `separate wide`), `probe.<features>
 * .<target>` (R² on the test rows' second half of a least-squares fit on their first half, from
 * the hidden units of the `shared` or `separate` networks of the first size, of the untrained
 * shared network, or from the `inputs`, to the `factors` z0, z1, z2 (mean R²) and the
 * `interaction` z0·z1) and `newLabel.<reader>` (test accuracy on the held-out label after
 * `SHARING.newLabel.rows` rows: a sigmoid unit on the frozen `shared` or `untrained` hidden
 * units, or a `separate` or `separate wide` network from scratch).
 */
export async function runSharing(seeds: readonly number[], progress: string | false = false) {
  const { rows, few, many } = SHARING;
  const out: SharingFigures = {};
  const put = (prefix: string, scores: ReturnType<typeof scoreRuns>) => {
    out[`${prefix}.exactMatch`] = scores.exactMatch;
    out[`${prefix}.macroF1`] = scores.macroF1;
  };
  const scenes = sceneSplits(seeds, rows);
  const fewNets = {
    separate: [24, few.hidden, 1],
    shared: [24, few.hidden, 3],
    'shared wide': [24, few.wideHidden, 3],
  } as const;
  for (const [name, [i, h, o]] of Object.entries(fewNets))
    for (const { size, scores } of await sweep(
      sharingNetwork(i, h, o),
      scenes,
      few.sizes,
      seeds,
      progress && `${progress} 3 labels, ${name}`,
    ))
      put(`few.${size}.${name}`, scores);

  const L = many.numLabels;
  const splits = manyLabelSplits(seeds, rows, L);
  const manyNets = {
    shared: [many.sharedHidden, L],
    separate: [many.separateHidden, 1],
    'separate wide': [many.sharedHidden, 1],
  } as const;
  const first: Record<string, Awaited<ReturnType<typeof sweep>>[number]['run']> = {};
  for (const [name, [h, o]] of Object.entries(manyNets))
    for (const { size, run, scores } of await sweep(
      sharingNetwork(24, h, o),
      splits,
      many.sizes,
      seeds,
      progress && `${progress} ${L} labels, ${name}`,
    )) {
      put(`many.${size}.${name}`, scores);
      if (size === many.sizes[0]) first[name] = run;
    }

  // Hidden units of each repetition's networks of the first size on its test rows.
  const hiddenOf = (weights: Float32Array[], r: number) =>
    reluLayer(splits[r].xTest, weights[0], weights[1]);
  const untrained = (seed: number) => {
    const model = sharingNetwork(24, many.sharedHidden, L)(networkSeeds(seed, L).shared);
    const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
    model.dispose();
    return weights;
  };
  const features = {
    shared: seeds.map((_, r) => hiddenOf(first.shared.weights(0, r), r)),
    separate: seeds.map((_, r) => {
      const blocks = Array.from({ length: L }, (_, j) =>
        hiddenOf(first.separate.weights(0, r, j), r),
      );
      return blocks[0].map((_, i) => blocks.flatMap((b) => b[i]));
    }),
    untrained: seeds.map((seed, r) => hiddenOf(untrained(seed), r)),
    inputs: splits.map((s) => s.xTest),
  };
  const fitRows = SHARING.probe.fitRows;
  for (const [name, perRep] of Object.entries(features)) {
    const column = (r: number, f: (z: number[]) => number) => splits[r].zTest.map(f);
    out[`probe.${name}.factors`] = perRep.map(
      (x, r) =>
        [0, 1, 2].reduce(
          (s, k) =>
            s +
            probeR2(
              x,
              column(r, (z) => z[k]),
              fitRows,
            ),
          0,
        ) / 3,
    );
    out[`probe.${name}.interaction`] = perRep.map((x, r) =>
      probeR2(
        x,
        column(r, (z) => z[0] * z[1]),
        fitRows,
      ),
    );
  }

  // The held-out label from its first rows: a readout on frozen units, or a network from scratch.
  const n = SHARING.newLabel.rows;
  const newSplits = (x: (r: number) => { train: number[][]; test: number[][] }) =>
    splits.map((s, r) => ({
      xTrain: x(r).train,
      yTrain: s.newTrain.slice(0, n).map((v) => [v]),
      xTest: x(r).test,
      yTest: s.newTest.map((v) => [v]),
    }));
  const frozen = (weights: (r: number) => Float32Array[]) => (r: number) => ({
    train: reluLayer(splits[r].xTrain.slice(0, n), weights(r)[0], weights(r)[1]),
    test:
      features.shared[r] === undefined
        ? []
        : reluLayer(splits[r].xTest, weights(r)[0], weights(r)[1]),
  });
  const readers = {
    shared: [many.sharedHidden, 0, frozen((r) => first.shared.weights(0, r))],
    untrained: [many.sharedHidden, 0, frozen((r) => untrained(seeds[r]))],
    separate: [
      24,
      many.separateHidden,
      (r: number) => ({ train: splits[r].xTrain.slice(0, n), test: splits[r].xTest }),
    ],
    'separate wide': [
      24,
      many.sharedHidden,
      (r: number) => ({ train: splits[r].xTrain.slice(0, n), test: splits[r].xTest }),
    ],
  } as const;
  for (const [name, [inputs, hidden, x]] of Object.entries(readers)) {
    const data = newSplits(x);
    const [{ scores }] = await sweep(sharingNetwork(inputs, hidden, 1), data, [n], seeds, false);
    out[`newLabel.${name}`] = scores.exactMatch;
  }
  return out;
}

if (require.main === module)
  savedRunMain({
    script: 'scripts/lesson04-sharing.ts',
    out: SHARING_FILE,
    seed: SHARING.seed,
    about: "Lesson 04's sharing experiment, one value per repetition for every figure.",
    async run(seed, progress) {
      const seeds = repetitionSeeds(seed, SHARING.repetitions);
      const figures = await runSharing(seeds, progress === false ? false : 'lesson 04');
      return { settings: { ...SHARING, seed, seeds }, figures };
    },
  });
