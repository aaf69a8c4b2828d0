/**
 * Lesson 04's experiments: ways to predict several yes/no labels with small networks, compared
 * on the same frames with the same training budget, repeated on many independent draws.
 *
 * - `separate` (binary relevance): one network per label, each with its own hidden layer.
 * - `shared`: one network, one shared hidden layer, one sigmoid output per label.
 * - `chain` (classifier chain): one network per label; label j also sees labels 0..j-1: their
 *   true values in training, the chain's own 0/1 decisions at test time.
 *
 * All networks of one architecture are trained at once as the members of one ensemble
 * (src/core/ensemble.ts): member k is exactly the network `denseClassifier` + `trainSeeded`
 * would train alone with its seed, so a sweep over repetitions and training sizes costs a few
 * ensemble trainings instead of hundreds of small ones.
 */
import * as tf from '@tensorflow/tfjs';
import {
  denseEnsemble,
  predictEnsembleProbs,
  repeatedRows,
  trainEnsemble,
  type EnsembleTrainOptions,
} from '../core/ensemble';
import {
  makeLatentMultiLabel,
  type LatentMultiLabelData,
  type LatentMultiLabelOptions,
} from '../core/latent';
import { createRng } from '../core/random';
import type { TrainingBudget } from '../core/train';
import {
  assertBinaryMatrix,
  assertInteger,
  assertMatrix,
  describe,
  InputError,
} from '../core/validate';
import { f1Score, subsetAccuracy } from '../eval/metrics';
import { toDecisions } from '../eval/thresholds';

/**
 * The three labels of lesson 04's camera frames.
 * Used in lessons: 04.
 */
export const SCENE_LABELS = ['car', 'bus', 'pedestrian'] as const;

/** Generator settings other than the row count, label count and seed. */
export type SceneOptions = Omit<LatentMultiLabelOptions, 'numSamples' | 'numLabels' | 'seed'>;

/**
 * Lesson 04's generator settings (all but the row count and seed).
 * Used in lessons: 04.
 */
export const SCENE_OPTIONS: Readonly<SceneOptions> = {
  numFeatures: 24,
  numLatents: 3,
  featureNoise: 0.6,
  sharedNoise: 0,
  flipY: 0.01,
  interactionStrength: 1.5,
};

/**
 * Lesson 04's "camera frames": 24 noisy features mixed from 3 latents, and the labels car, bus
 * and pedestrian, each a rule on two of the latents (car: z0, z1; bus: z1, z2; pedestrian: z2,
 * z0) plus the common interaction z0 z1, with 1% label noise. `overrides` changes a setting,
 * e.g. `{ sharedNoise: 1 }` for labels that depend on each other beyond the features. The seed
 * draws the mixing matrix, the rules and the rows; with the same seed, frames made with and
 * without `sharedNoise` have the same features and differ only in their labels.
 * Used in lessons: 04.
 * @throws InputError for a bad row count, seed or override.
 */
export function makeScenes(
  numSamples: number,
  seed: number,
  overrides: Partial<SceneOptions> = {},
): LatentMultiLabelData {
  return makeLatentMultiLabel({
    ...SCENE_OPTIONS,
    ...overrides,
    numSamples,
    numLabels: SCENE_LABELS.length,
    seed,
  });
}

/**
 * One repetition's frames: a test split, and a training pool whose first n rows are a set.
 * Used in lessons: 04.
 */
export interface SceneSplit {
  xTrain: number[][];
  yTrain: number[][];
  xTest: number[][];
  yTest: number[][];
}

/**
 * One split per repetition seed: the frames of `makeScenes(rows.test + rows.train, seed,
 * overrides)`, the first `rows.test` of them the test split and the others the training pool.
 * Each repetition draws its own frames, mixing matrix and rules, so an effect seen over the
 * repetitions belongs to this kind of data, not to one draw of it.
 * Used in lessons: 04.
 * @throws InputError for no seeds or row counts that are not positive integers.
 */
export function sceneSplits(
  seeds: readonly number[],
  rows: { train: number; test: number },
  overrides: Partial<SceneOptions> = {},
): SceneSplit[] {
  if (!Array.isArray(seeds as unknown) || seeds.length === 0)
    throw new InputError(`seeds must be a non-empty array of seeds, got ${describe(seeds)}`);
  assertInteger('rows.train', rows.train, 1);
  assertInteger('rows.test', rows.test, 1);
  return seeds.map((seed) => {
    const { x, y } = makeScenes(rows.test + rows.train, seed, overrides);
    return {
      xTest: x.slice(0, rows.test),
      yTest: y.slice(0, rows.test),
      xTrain: x.slice(rows.test),
      yTrain: y.slice(rows.test),
    };
  });
}

/**
 * What every network of the comparison gets: hidden width, Adam's learning rate, and
 * `numEpochs` passes of `rowsPerEpoch` rows in batches of `batchSize`. A training set smaller
 * than `rowsPerEpoch` is repeated within each pass, so every network takes the same number of
 * optimizer steps on batches of the same size, whatever the size of its training set.
 */
export interface SweepBudget extends TrainingBudget {
  rowsPerEpoch: number;
}

/**
 * Lesson 04's budget, the same for every network: 32 hidden units, Adam at 0.01, 5 passes of
 * 900 rows in batches of 30 (150 steps).
 * Used in lessons: 04.
 */
export const LESSON04_BUDGET: Readonly<SweepBudget> = {
  hiddenUnits: 32,
  learningRate: 0.01,
  numEpochs: 5,
  batchSize: 30,
  rowsPerEpoch: 900,
};

/** Per repetition, the scores of one approach on its test split. */
export interface RunScores {
  /** Fraction of test rows with every label right (decisions `p >= 0.5`), per repetition. */
  exactMatch: number[];
  /** Mean over labels of each label's F1, per repetition. */
  macroF1: number[];
}

/** Initial-weight and shuffle seeds of a repetition's networks, drawn from its seed. */
function networkSeeds(seed: number, numLabels: number): { shared: number; labels: number[] } {
  // A generator of its own, so that the networks' seeds are not the data's seed itself; they
  // stay below 2^30 since layer i of a network is initialised with its seed + i.
  const rng = createRng((seed + 0x9e3779b9) >>> 0);
  const shared = rng.int(2 ** 30);
  return { shared, labels: Array.from({ length: numLabels }, () => rng.int(2 ** 30)) };
}

function checkSplits(splits: readonly SceneSplit[]): { numFeatures: number; numLabels: number } {
  if (!Array.isArray(splits as unknown) || splits.length === 0)
    throw new InputError(`splits must be a non-empty array of splits, got ${describe(splits)}`);
  const [, numFeatures] = assertMatrix('splits[0].xTrain', splits[0].xTrain);
  const [, numLabels] = assertBinaryMatrix('splits[0].yTrain', splits[0].yTrain);
  const testRows = splits[0].xTest.length;
  splits.forEach((s, r) => {
    const [rows] = assertMatrix(`splits[${r}].xTrain`, s.xTrain, numFeatures);
    const [labelRows] = assertBinaryMatrix(`splits[${r}].yTrain`, s.yTrain, numLabels);
    const [tests] = assertMatrix(`splits[${r}].xTest`, s.xTest, numFeatures);
    const [testLabels] = assertBinaryMatrix(`splits[${r}].yTest`, s.yTest, numLabels);
    if (rows !== labelRows || tests !== testLabels)
      throw new InputError(
        `splits[${r}] must have as many label rows as feature rows, got ` +
          `${rows} and ${labelRows} (train), ${tests} and ${testLabels} (test)`,
      );
    if (tests !== testRows)
      throw new InputError(
        `every split must have the same number of test rows, got ${testRows} in splits[0] ` +
          `and ${tests} in splits[${r}]`,
      );
  });
  return { numFeatures, numLabels };
}

/** The training every network of the sweep gets: BCE, Adam, the budget's epochs and batches. */
function sweepTraining(
  budget: SweepBudget,
  seeds: readonly number[],
  memberRows: readonly ArrayLike<number>[],
  options: { progress?: string | false },
): EnsembleTrainOptions {
  return {
    loss: 'binaryCrossentropy',
    optimizer: { name: 'adam', learningRate: budget.learningRate },
    numEpochs: budget.numEpochs,
    batchSize: budget.batchSize,
    seeds,
    memberRows,
    progress: options.progress ?? false,
  };
}

function checkBudget(budget: SweepBudget): void {
  if (typeof budget !== 'object' || budget === null)
    throw new InputError(`budget must be a SweepBudget, got ${describe(budget)}`);
  assertInteger('budget.hiddenUnits', budget.hiddenUnits, 1);
  assertInteger('budget.rowsPerEpoch', budget.rowsPerEpoch, 1);
}

/** Checks that a training size fits every split's pool and divides `rowsPerEpoch`. */
function checkSize(name: string, size: unknown, splits: readonly SceneSplit[], perEpoch: number) {
  const pool = Math.min(...splits.map((s) => s.xTrain.length));
  assertInteger(name, size, 1, pool);
  if (perEpoch % size !== 0)
    throw new InputError(
      `${name} must divide budget.rowsPerEpoch = ${perEpoch}, so that each pass repeats the ` +
        `set a whole number of times, got ${size}`,
    );
}

/**
 * Trains one shared network (`numFeatures → hiddenUnits ReLU → one sigmoid per label`) per
 * repetition and training size, on the first `size` rows of each split's pool, all as one
 * ensemble; the network of a repetition starts from the same weights at every size.
 * Used in lessons: 04.
 * @returns test probabilities `[size index][repetition][test row][label]`.
 * @throws InputError for empty or mismatched splits, a size that is larger than a pool or does
 *   not divide `budget.rowsPerEpoch`, or bad budget numbers.
 */
export async function trainSharedNetworks(
  splits: readonly SceneSplit[],
  sizes: readonly number[],
  budget: SweepBudget,
  repetitionSeeds: readonly number[],
  options: { progress?: string | false } = {},
): Promise<number[][][][]> {
  const { numFeatures, numLabels } = checkSplits(splits);
  checkBudget(budget);
  checkSeeds(repetitionSeeds, splits.length);
  if (!Array.isArray(sizes as unknown) || sizes.length === 0)
    throw new InputError(`sizes must be a non-empty array of row counts, got ${describe(sizes)}`);
  sizes.forEach((n, i) => checkSize(`sizes[${i}]`, n, splits, budget.rowsPerEpoch));
  const S = splits.length;
  const offsets = poolOffsets(splits);
  const seeds = sizes.flatMap(() => repetitionSeeds.map((s) => networkSeeds(s, numLabels).shared));
  const memberRows = sizes.flatMap((n) =>
    splits.map((_, r) => repeatedRows(n, budget.rowsPerEpoch, offsets[r])),
  );
  const ensemble = denseEnsemble({
    numFeatures,
    hiddenUnits: [budget.hiddenUnits],
    numLabels,
    outputActivation: 'sigmoid',
    seeds,
    name: 'shared',
  });
  const x = tf.tensor2d(splits.flatMap((s) => s.xTrain));
  const y = tf.tensor2d(splits.flatMap((s) => s.yTrain));
  const xTest = tf.tensor3d(sizes.flatMap(() => splits.map((s) => s.xTest)));
  try {
    await trainEnsemble(ensemble, x, y, sweepTraining(budget, seeds, memberRows, options));
    const probs = predictEnsembleProbs(ensemble, xTest);
    return sizes.map((_, i) => probs.slice(i * S, (i + 1) * S));
  } finally {
    tf.dispose([x, y, xTest]);
    ensemble.dispose();
  }
}

function checkSeeds(seeds: readonly number[], count: number): void {
  if (!Array.isArray(seeds as unknown) || seeds.length !== count)
    throw new InputError(
      `repetitionSeeds must hold one seed per split (${count}), got ${describe(seeds)}`,
    );
  seeds.forEach((s, r) => assertInteger(`repetitionSeeds[${r}]`, s, 0, 2 ** 32 - 1));
}

/** Where each split's pool starts in the pools stacked one after another. */
function poolOffsets(splits: readonly SceneSplit[]): number[] {
  const offsets: number[] = [];
  let start = 0;
  for (const s of splits) {
    offsets.push(start);
    start += s.xTrain.length;
  }
  return offsets;
}

/** Networks with one output per label, trained on the first `size` rows of each split's pool. */
export interface SingleLabelTask {
  splits: readonly SceneSplit[];
  size: number;
  /** A classifier chain (label j sees labels 0..j-1) instead of separate networks. */
  chain: boolean;
}

/**
 * Trains, for each task, repetition and label j, one network
 * `numFeatures + numLabels - 1 → hiddenUnits ReLU → 1 sigmoid`, all as one ensemble. The extra
 * inputs are label slots: link j of a chain reads the true labels 0..j-1 in slots 0..j-1 while
 * training and the chain's own decisions (`p >= 0.5`) of those labels at test time; every other
 * slot, and every slot of a separate network, holds 0. A weight on an input that is always 0
 * gets no gradient and adds nothing, so a separate network computes exactly what a
 * `numFeatures → hiddenUnits → 1` network computes (its Glorot initial weights are drawn for the
 * wider input, from a slightly narrower range). Label j's network of a repetition starts
 * from the same weights and shuffles its batches the same way in every task, so a chain and
 * separate networks on the same splits differ only in what their label slots hold (link 0 of a
 * chain is the separate network of label 0).
 * Used in lessons: 04.
 * @returns test probabilities `[task][repetition][test row][label]`.
 * @throws InputError for no tasks, tasks whose splits differ in width or repetition count, a
 *   size that is larger than a pool or does not divide `budget.rowsPerEpoch`, or bad budget
 *   numbers.
 */
export async function trainSingleLabelNetworks(
  tasks: readonly SingleLabelTask[],
  budget: SweepBudget,
  repetitionSeeds: readonly number[],
  options: { progress?: string | false } = {},
): Promise<number[][][][]> {
  if (!Array.isArray(tasks as unknown) || tasks.length === 0)
    throw new InputError(`tasks must be a non-empty array of tasks, got ${describe(tasks)}`);
  checkBudget(budget);
  const shapes = tasks.map((t) => checkSplits(t.splits));
  const { numFeatures, numLabels } = shapes[0];
  tasks.forEach((t, i) => {
    if (shapes[i].numFeatures !== numFeatures || shapes[i].numLabels !== numLabels)
      throw new InputError(
        `tasks[${i}] must have ${numFeatures} features and ${numLabels} labels like tasks[0], ` +
          `got ${shapes[i].numFeatures} and ${shapes[i].numLabels}`,
      );
    checkSeeds(repetitionSeeds, t.splits.length);
    checkSize(`tasks[${i}].size`, t.size, t.splits, budget.rowsPerEpoch);
  });
  const S = repetitionSeeds.length;
  const L = numLabels;
  const width = numFeatures + L - 1;
  const K = tasks.length * S * L;
  const member = (t: number, r: number, j: number) => (t * S + r) * L + j;

  // One block of training rows per member: its features, its label slots, its one target.
  const blockRows = tasks.flatMap((t) => Array<number>(S * L).fill(t.size));
  const totalRows = blockRows.reduce((a, b) => a + b, 0);
  const x = new Float32Array(totalRows * width);
  const y = new Float32Array(totalRows);
  const memberRows: number[][] = [];
  const seeds: number[] = [];
  let row = 0;
  tasks.forEach((task) =>
    task.splits.forEach((split, r) => {
      const labelSeeds = networkSeeds(repetitionSeeds[r], L).labels;
      for (let j = 0; j < L; j++) {
        memberRows.push(repeatedRows(task.size, budget.rowsPerEpoch, row));
        seeds.push(labelSeeds[j]);
        for (let i = 0; i < task.size; i++, row++) {
          x.set(split.xTrain[i], row * width);
          if (task.chain)
            for (let p = 0; p < j; p++) x[row * width + numFeatures + p] = split.yTrain[i][p];
          y[row] = split.yTrain[i][j];
        }
      }
    }),
  );

  const ensemble = denseEnsemble({
    numFeatures: width,
    hiddenUnits: [budget.hiddenUnits],
    numLabels: 1,
    outputActivation: 'sigmoid',
    seeds,
    name: 'single',
  });
  const xs = tf.tensor2d(x, [totalRows, width]);
  const ys = tf.tensor2d(y, [totalRows, 1]);
  try {
    await trainEnsemble(ensemble, xs, ys, sweepTraining(budget, seeds, memberRows, options));
  } finally {
    tf.dispose([xs, ys]);
  }

  try {
    // At test time link j needs the decisions of links 0..j-1: L rounds of prediction, each
    // filling one more slot of the later links' inputs. Separate networks' slots stay 0.
    const testRows = tasks[0].splits[0].xTest.length;
    const xTest = new Float32Array(K * testRows * width);
    tasks.forEach((task, t) =>
      task.splits.forEach((split, r) => {
        for (let j = 0; j < L; j++)
          split.xTest.forEach((features, i) =>
            xTest.set(features, (member(t, r, j) * testRows + i) * width),
          );
      }),
    );
    const probs = tasks.map(() =>
      Array.from({ length: S }, () => Array.from({ length: testRows }, () => new Array(L))),
    ) as number[][][][];
    for (let round = 0; round < L; round++) {
      const input = tf.tensor3d(xTest, [K, testRows, width]);
      const out = predictEnsembleProbs(ensemble, input);
      input.dispose();
      tasks.forEach((task, t) => {
        for (let r = 0; r < S; r++)
          for (let i = 0; i < testRows; i++) {
            const p = out[member(t, r, round)][i][0];
            probs[t][r][i][round] = p;
            if (!task.chain) continue;
            for (let later = round + 1; later < L; later++)
              xTest[(member(t, r, later) * testRows + i) * width + numFeatures + round] =
                p >= 0.5 ? 1 : 0;
          }
      });
    }
    return probs;
  } finally {
    ensemble.dispose();
  }
}

/**
 * Exact match and macro-F1 of each repetition's test probabilities (decisions `p >= 0.5`).
 * Used in lessons: 04.
 * @param splits the repetitions' splits, whose `yTest` are the truth
 * @param probs one probability matrix per split, shaped like its `yTest`
 * @throws InputError for a different number of splits and matrices, or mismatched shapes.
 */
export function scoreRuns(splits: readonly SceneSplit[], probs: readonly number[][][]): RunScores {
  if (!Array.isArray(probs as unknown) || probs.length !== splits.length)
    throw new InputError(
      `probs must hold one matrix per split (${splits.length}), got ${describe(probs)}`,
    );
  const exactMatch: number[] = [];
  const macroF1: number[] = [];
  splits.forEach((split, r) => {
    const yPred = toDecisions(probs[r]);
    exactMatch.push(subsetAccuracy(split.yTest, yPred));
    macroF1.push(f1Score(split.yTest, yPred, { average: 'macro', zeroDivision: 0 }));
  });
  return { exactMatch, macroF1 };
}
