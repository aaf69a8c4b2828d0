/**
 * Training-size sweeps of small networks, one per label or one for all labels: copies of a
 * network a notebook writes, trained at once (`ensembleOf`) on many repetitions' splits and
 * training sizes, every copy with the same number of optimizer steps, as `model.fit` would
 * train each. One-output networks can be chained (a classifier chain).
 */
import * as tf from '@tensorflow/tfjs';
import { predictEnsembleProbs, repeatedRows, trainEnsemble } from './ensemble';
import { compiledAs, ensembleOf, type ModelBuilder } from './model-ensemble';
import { networkSeeds } from './seeds';
import {
  assertArray,
  assertBinaryMatrix,
  assertInteger,
  assertMatrix,
  assertObject,
  assertOptions,
  describe,
  InputError,
} from './validate';

/**
 * One repetition's rows: a test split, and a training pool whose first n rows are a set of n.
 */
export interface SweepSplit {
  xTrain: number[][];
  yTrain: number[][];
  xTest: number[][];
  yTest: number[][];
}

/**
 * What every network of the sweep gets: `numEpochs` passes of `rowsPerEpoch` rows in batches of
 * `batchSize`. A set smaller than `rowsPerEpoch` is repeated within each pass, so every network
 * takes the same number of steps on batches of the same size, whatever the size of its set.
 */
export type SweepBudget = { numEpochs: number; batchSize: number; rowsPerEpoch: number };

/**
 * One training set per repetition, the first `size` rows of each split's pool; with `chain`,
 * label j's network reads labels 0..j-1 in its label slots (a classifier chain).
 */
export interface SweepTask {
  splits: readonly SweepSplit[];
  size: number;
  chain?: boolean;
}

/** What {@link trainSweep} returns. */
export interface SweepRun {
  /** Test probabilities `[task][repetition][test row][label]`. */
  probs: number[][][][];
  /** Trained weights of task t's network of repetition r (label j's), as `getWeights()`. */
  weights(t: number, r: number, j?: number): Float32Array[];
}

/** Checks that every split has the first one's shape; returns that shape. */
function checkSplits(splits: readonly SweepSplit[]) {
  const shapes = splits.map((s, r) => {
    const [rows, numFeatures] = assertMatrix(`split ${r}'s xTrain`, s.xTrain);
    const [tests] = assertMatrix(`split ${r}'s xTest`, s.xTest, numFeatures);
    const [labelRows, numLabels] = assertBinaryMatrix(`split ${r}'s yTrain`, s.yTrain);
    const [testLabels] = assertBinaryMatrix(`split ${r}'s yTest`, s.yTest, numLabels);
    return { rows, tests, numFeatures, numLabels, labelRows, testLabels };
  });
  const first = JSON.stringify(shapes[0]);
  const other = shapes.findIndex((s) => JSON.stringify(s) !== first);
  const { rows, tests, labelRows, testLabels } = shapes[0];
  if (other >= 0 || rows !== labelRows || tests !== testLabels)
    throw new InputError(
      `every split must have as many label rows as feature rows and the shape of the first ` +
        `(${first}), got ${JSON.stringify(shapes[Math.max(other, 0)])} in split ${other}`,
    );
  return shapes[0];
}

/**
 * Trains copies of the network `build` makes, one per task and repetition (and per label, for a
 * one-output network), all at once (`ensembleOf`), with the loss and optimizer `model` was
 * compiled with. A network with one output per label starts from `build(networkSeeds(seed)
 * .shared)`; label j's one-output network from `build(networkSeeds(seed).labels[j])`, trained
 * on label j alone. A one-output network reads the features, or the features and `numLabels - 1`
 * label slots: link j of a chain reads the true labels 0..j-1 there in training and the chain's
 * own decisions (`p >= 0.5`) at test time; other slots hold 0. Each network shuffles its rows as
 * `model.fit` does after `seedMathRandom(its seed)`, so a network whose set is a whole pool of
 * `rowsPerEpoch` rows is, bit for bit, the model `model.fit` trains on that pool.
 * Used in lessons: 04.
 * @throws InputError for no tasks, splits that differ in shape, not one split per repetition
 *   seed, a size larger than a pool or not dividing `budget.rowsPerEpoch`, a model whose input
 *   or output width does not fit the splits, or a chain without label slots.
 */
export async function trainSweep(
  build: ModelBuilder,
  model: tf.LayersModel,
  tasks: readonly SweepTask[],
  budget: SweepBudget,
  repetitionSeeds: readonly number[],
  options: { progress?: string | false } = {},
): Promise<SweepRun> {
  if (typeof build !== 'function')
    throw new InputError(
      `build must be a function (seed) => tf.LayersModel, got ${describe(build)}`,
    );
  assertOptions<{ progress?: string | false }>(options, { progress: true });
  const layout = sweepLayout(model, tasks, budget, repetitionSeeds);
  const { K, pool, width, outputs, heads, member } = layout;
  const S = repetitionSeeds.length;
  const { x, y, xTest, seeds } = stackMembers(tasks, repetitionSeeds, layout);
  const ensemble = ensembleOf(build, seeds);
  try {
    const [xs, ys] = [tf.tensor3d(x, [K, pool, width]), tf.tensor3d(y, [K, pool, outputs])];
    try {
      await trainEnsemble(ensemble, xs, ys, {
        ...compiledAs(model),
        numEpochs: budget.numEpochs,
        batchSize: budget.batchSize,
        seeds,
        memberRows: tasks.flatMap((t) =>
          Array.from({ length: S * heads }, () => repeatedRows(t.size, budget.rowsPerEpoch)),
        ),
        order: 'fit',
        progress: options.progress ?? false,
      });
    } finally {
      tf.dispose([xs, ys]);
    }
    const probs = predictRounds(ensemble, tasks, S, xTest, layout);
    const weights = Array.from({ length: K }, (_, k) => {
      const ws = ensemble.memberWeights(k);
      const values = ws.map((w) => Float32Array.from(w.dataSync()));
      tf.dispose(ws);
      return values;
    });
    return { probs, weights: (t, r, j = 0) => weights[member(t, r, j)] };
  } finally {
    ensemble.dispose();
  }
}

/** How a sweep's members are laid out: task, then repetition, then (for one-output nets) label. */
interface SweepLayout {
  /** Members, training rows per member, test rows, features, labels. */
  K: number;
  pool: number;
  testRows: number;
  numFeatures: number;
  L: number;
  /** The model's inputs (features, then a chain's label slots) and outputs (1 or L). */
  width: number;
  outputs: number;
  /** Networks per repetition: L one-output networks, or 1 with L outputs. */
  heads: number;
  member: (t: number, r: number, j: number) => number;
}

/** Checks a sweep's tasks, budget and model against each other, and lays its members out. */
function sweepLayout(
  model: tf.LayersModel,
  tasks: readonly SweepTask[],
  budget: SweepBudget,
  repetitionSeeds: readonly number[],
): SweepLayout {
  if (!(model instanceof tf.LayersModel))
    throw new InputError(`model must be a compiled tf.LayersModel, got ${describe(model)}`);
  if (!Array.isArray(tasks as unknown) || tasks.length === 0)
    throw new InputError(`tasks must be a non-empty array of tasks, got ${describe(tasks)}`);
  tasks.forEach((t, i) => assertObject(`tasks[${i}]`, t, '{ splits, size, chain? }'));
  assertArray('repetitionSeeds', repetitionSeeds, 'seeds', 1);
  assertObject('budget', budget, '{ numEpochs, batchSize, rowsPerEpoch }');
  const S = repetitionSeeds.length;
  if (S === 0 || tasks.some((t) => t.splits?.length !== S))
    throw new InputError(`every task must have one split per repetition seed (${S} seeds)`);
  const shape = checkSplits(tasks.flatMap((t) => t.splits));
  const { rows: pool, tests: testRows, numFeatures, numLabels: L } = shape;
  assertInteger('budget.rowsPerEpoch', budget.rowsPerEpoch, 1);
  tasks.forEach((t, i) => {
    assertInteger(`tasks[${i}].size`, t.size, 1, pool);
    if (budget.rowsPerEpoch % t.size !== 0)
      throw new InputError(`tasks[${i}].size must divide budget.rowsPerEpoch, got ${t.size}`);
  });
  const [width, outputs] = [model.inputs[0].shape[1], model.outputs[0].shape[1]].map(Number);
  const heads = outputs === 1 ? L : 1;
  const slots = tasks.some((t) => t.chain) || (heads === L && width !== numFeatures) ? L - 1 : 0;
  if ((outputs !== 1 && outputs !== L) || width !== numFeatures + slots || heads < slots)
    throw new InputError(
      `the model must read ${numFeatures} features and ${slots} label slots (a chain's, in a ` +
        `one-output model) and have 1 or ${L} outputs, got ${width} inputs, ${outputs} outputs`,
    );
  const K = tasks.length * S * heads;
  const member = (t: number, r: number, j: number) => (t * S + r) * heads + j;
  return { K, pool, testRows, numFeatures, L, width, outputs, heads, member };
}

/**
 * Every member's training rows, targets and test rows, stacked, and its seed: a chain's link j
 * reads the true labels before j in its label slots.
 */
function stackMembers(
  tasks: readonly SweepTask[],
  repetitionSeeds: readonly number[],
  { K, pool, testRows, numFeatures, L, width, outputs, heads, member }: SweepLayout,
) {
  const x = new Float32Array(K * pool * width);
  const y = new Float32Array(K * pool * outputs);
  const xTest = new Float32Array(K * testRows * width);
  const seeds: number[] = [];
  tasks.forEach((task, t) =>
    task.splits.forEach((split, r) => {
      const own = networkSeeds(repetitionSeeds[r], L);
      for (let j = 0; j < heads; j++) {
        const k = member(t, r, j);
        seeds.push(heads === 1 ? own.shared : own.labels[j]);
        split.xTrain.forEach((features, i) => {
          const row = k * pool + i;
          x.set(features, row * width);
          if (task.chain)
            for (let p = 0; p < j; p++) x[row * width + numFeatures + p] = split.yTrain[i][p];
          if (heads === 1) y.set(split.yTrain[i], row * L);
          else y[row] = split.yTrain[i][j];
        });
        split.xTest.forEach((features, i) => xTest.set(features, (k * testRows + i) * width));
      }
    }),
  );
  return { x, y, xTest, seeds };
}

/**
 * The test probabilities `[task][repetition][row][label]`. A chain needs one round of prediction
 * per label: round j reads link j and writes its decisions into the later links' slots. Other
 * networks need one round.
 */
function predictRounds(
  ensemble: ReturnType<typeof ensembleOf>,
  tasks: readonly SweepTask[],
  S: number,
  xTest: Float32Array,
  { K, testRows, numFeatures, L, width, heads, member }: SweepLayout,
): number[][][][] {
  const probs = tasks.map(() =>
    Array.from({ length: S }, () => Array.from({ length: testRows }, () => new Array(L))),
  ) as number[][][][];
  const chained = tasks.some((t) => t.chain);
  for (let j = 0; j < (chained ? heads : 1); j++) {
    const input = tf.tensor3d(xTest, [K, testRows, width]);
    const out = predictEnsembleProbs(ensemble, input);
    input.dispose();
    tasks.forEach((task, t) => {
      for (let r = 0; r < S; r++)
        for (let i = 0; i < testRows; i++) {
          if (heads === 1) probs[t][r][i] = out[member(t, r, 0)][i];
          else
            for (let h = chained ? j : 0; h < (chained ? j + 1 : L); h++)
              probs[t][r][i][h] = out[member(t, r, h)][i][0];
          for (let later = j + 1; task.chain && later < L; later++)
            xTest[(member(t, r, later) * testRows + i) * width + numFeatures + j] =
              probs[t][r][i][j] >= 0.5 ? 1 : 0;
        }
    });
  }
  return probs;
}
