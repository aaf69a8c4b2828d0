/**
 * Lesson 02's data recipe and experiments: an imbalanced multi-label set with two common labels
 * and four rare ones, drawn anew for every repetition; the repetitions' scores at one threshold
 * or at per-label thresholds; and what `fit`'s `classWeight` does with multi-hot rows.
 */
import * as tf from '@tensorflow/tfjs';
import { makeImbalancedMultiLabel, type MultiLabelArrays } from '../core/synthetic';
import { EPSILON } from '../core/losses';
import { argMaxOf, toRows } from '../core/rows';
import {
  assertBinaryMatrix,
  assertInteger,
  assertList,
  assertMatrix,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import { binaryAccuracy, precisionRecallFscoreSupport } from '../eval/metrics';
import { toDecisions } from '../eval/thresholds';
import { dataSeed, MAX_DERIVED_SEED } from '../core/seeds';

/** Lesson 02's imbalanced example: 12 features, two common labels and four rare ones. */
export const LESSON02_DATA = {
  numFeatures: 12,
  labelFrequencies: [0.35, 0.2, 0.05, 0.03, 0.02, 0.01],
  featuresPerLabel: 3,
  noise: 0.5,
  parents: [-1, -1, 0, -1, 1, -1],
  parentWeight: 0.6,
} as const;

/**
 * Lesson 02's imbalanced data (see {@link LESSON02_DATA}).
 * Used in lessons: 02.
 * @throws InputError for a bad row count or seed.
 */
export function makeLesson02Data(numSamples: number, seed: number): MultiLabelArrays {
  return makeImbalancedMultiLabel({
    ...LESSON02_DATA,
    parents: [...LESSON02_DATA.parents],
    labelFrequencies: [...LESSON02_DATA.labelFrequencies],
    numSamples,
    seed,
  });
}

/** Rows of each split of one repetition. */
export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/** Rows per repetition: 4,000 to train, 2,000 to choose thresholds, 4,000 to score. */
export const LESSON02_SPLITS: Readonly<SplitSizes> = { train: 4000, validation: 2000, test: 4000 };

/** One split of every repetition, stacked: block k is repetition k's rows. */
export interface StackedSplit {
  /** `[K, rows, numFeatures]` features. */
  x: tf.Tensor3D;
  /** `[K, rows, numLabels]` 0/1 labels. */
  y: tf.Tensor3D;
  /** The same labels as plain rows, `[K][rows][numLabels]`, the form the metrics take. */
  yRows: number[][][];
}

/** The train, validation and test rows of every repetition. */
export interface Lesson02Repetitions {
  train: StackedSplit;
  validation: StackedSplit;
  test: StackedSplit;
}

/**
 * One data draw per repetition: repetition k draws `train + validation + test` rows of lesson 02's
 * recipe from its own seed, `dataSeed(seeds[k])` (its networks start from `seeds[k]`), and cuts
 * them, in order, into the three splits (rows are independent draws, so consecutive blocks are
 * random splits). Every repetition is a new problem of the same family: the labels' hidden rules
 * are drawn from that seed too.
 * Used in lessons: 02.
 * @param seeds one seed per repetition, integers in [0, 2^31 - 1], e.g. from `repetitionSeeds`.
 * @param splits rows of each split (default {@link LESSON02_SPLITS}).
 * @returns stacked tensors of every split (dispose them when done) and the labels as rows.
 * @throws InputError for an empty seed list, a seed out of range or a split size that is not a
 *   positive integer.
 */
export function makeLesson02Repetitions(
  seeds: readonly number[],
  splits: Readonly<SplitSizes> = LESSON02_SPLITS,
): Lesson02Repetitions {
  if (!Array.isArray(seeds) || seeds.length === 0)
    throw new InputError(`seeds must be a non-empty array of seeds, got ${describe(seeds)}`);
  seeds.forEach((s, k) => assertInteger(`seeds[${k}]`, s, 0, MAX_DERIVED_SEED));
  if (typeof splits !== 'object' || splits === null)
    throw new InputError(`splits must be { train, validation, test }, got ${describe(splits)}`);
  const names = ['train', 'validation', 'test'] as const;
  names.forEach((name) => assertInteger(`splits.${name}`, splits[name], 1));
  const F = LESSON02_DATA.numFeatures;
  const L = LESSON02_DATA.labelFrequencies.length;
  const K = seeds.length;
  const total = splits.train + splits.validation + splits.test;
  const draws = seeds.map((s) => makeLesson02Data(total, dataSeed(s)));
  let start = 0;
  const out = {} as Lesson02Repetitions;
  for (const name of names) {
    const rows = splits[name];
    const x = new Float32Array(K * rows * F);
    const y = new Float32Array(K * rows * L);
    draws.forEach((d, k) => {
      x.set(d.x.subarray(start * F, (start + rows) * F), k * rows * F);
      y.set(d.y.subarray(start * L, (start + rows) * L), k * rows * L);
    });
    out[name] = {
      x: tf.tensor3d(x, [K, rows, F]),
      y: tf.tensor3d(y, [K, rows, L]),
      yRows: draws.map((d) => toRows(d.y, L, start, start + rows)),
    };
    start += rows;
  }
  return out;
}

/**
 * Frees the tensors of {@link makeLesson02Repetitions}.
 */
export function disposeRepetitions(data: Lesson02Repetitions): void {
  for (const split of [data.train, data.validation, data.test]) tf.dispose([split.x, split.y]);
}

/** Test scores of one setting (a model and a threshold rule), one entry per repetition. */
export interface RepetitionScores {
  binaryAccuracy: number[];
  precisionMacro: number[];
  recallMacro: number[];
  f1Macro: number[];
  /** Mean recall of the four rare labels (those at 5% of rows or fewer). */
  rareRecall: number[];
  /** `labelF1[j][k]`: label j's F1 in repetition k. */
  labelF1: number[][];
}

/**
 * Scores every repetition's probabilities on its own test rows at threshold(s): one threshold
 * for all, or one list of per-label thresholds per repetition (each tuned on that repetition's
 * validation rows).
 * Used in lessons: 02.
 * @param yTrue each repetition's test labels, `[K][rows][numLabels]`.
 * @param probs each repetition's test probabilities, same shape.
 * @param thresholds a number in [0, 1], or `[K][numLabels]` thresholds.
 * @returns the scores, one value per repetition.
 * @throws InputError for mismatched repetitions, bad matrices or bad thresholds.
 */
export function scoreRepetitions(
  yTrue: readonly Matrix[],
  probs: readonly Matrix[],
  thresholds: number | readonly (readonly number[])[],
): RepetitionScores {
  if (!Array.isArray(yTrue) || !Array.isArray(probs) || yTrue.length !== probs.length)
    throw new InputError(
      `yTrue and probs must hold one matrix per repetition each, ` +
        `got ${describe(yTrue)} and ${describe(probs)}`,
    );
  if (typeof thresholds !== 'number' && thresholds.length !== yTrue.length)
    throw new InputError(
      `thresholds must be one number or one list per repetition (${yTrue.length}), ` +
        `got ${describe(thresholds)}`,
    );
  const rare = LESSON02_DATA.labelFrequencies.flatMap((f, j) => (f <= 0.05 ? [j] : []));
  const out: RepetitionScores = {
    binaryAccuracy: [],
    precisionMacro: [],
    recallMacro: [],
    f1Macro: [],
    rareRecall: [],
    labelF1: [],
  };
  yTrue.forEach((y, k) => {
    const decisions = toDecisions(
      probs[k],
      typeof thresholds === 'number' ? thresholds : thresholds[k],
    );
    // Per-label counts once; the macro averages are their plain means, as sklearn's 'macro'.
    const perLabel = precisionRecallFscoreSupport(y, decisions);
    const mean = (values: readonly number[]) => values.reduce((a, v) => a + v, 0) / values.length;
    out.binaryAccuracy.push(binaryAccuracy(y, decisions));
    out.precisionMacro.push(mean(perLabel.precision));
    out.recallMacro.push(mean(perLabel.recall));
    out.f1Macro.push(mean(perLabel.fScore));
    out.rareRecall.push(mean(rare.map((j) => perLabel.recall[j])));
    perLabel.fScore.forEach((f, j) => (out.labelF1[j] ??= []).push(f));
  });
  return out;
}

/** The loss `fit` reports with a `classWeight`, next to two ways of weighting it by hand. */
export interface ClassWeightLosses {
  /** The epoch loss `fit` reports (one batch of all rows, learning rate 0). */
  reported: number;
  /** Every row's mean BCE times the weight of its first true label (label 0 for none). */
  byFirstLabel: number;
  /** Every entry's BCE, a positive of label j times `weights[j]`: a weight per label. */
  byLabel: number;
  /** Per label: the share of its positives whose row gets its weight (its first true label). */
  weightedShare: number[];
}

/**
 * Observes what `fit`'s `classWeight` does with multi-hot targets. Compiles `model` with binary
 * cross-entropy and SGD at learning rate 0, so the weights do not move, fits one epoch of one
 * batch with `classWeight` = `weights`, and computes the two candidates by hand from the model's
 * own predictions (clipped to [1e-7, 1 - 1e-7] as TensorFlow.js clips them).
 * Used in lessons: 02.
 * @throws InputError unless `y` holds 0/1 rows as wide as the model's output and `x` the same
 *   rows, and `weights` one positive number per label.
 */
export async function classWeightLosses(
  model: tf.LayersModel,
  x: Matrix,
  y: Matrix,
  weights: readonly number[],
): Promise<ClassWeightLosses> {
  const width = model?.outputs?.[0]?.shape?.[1];
  if (!(model instanceof tf.LayersModel) || typeof width !== 'number')
    throw new InputError(`model must be a tf.LayersModel with one output, got ${describe(model)}`);
  const [rows] = assertBinaryMatrix('y', y, width);
  const [xRows] = assertMatrix('x', x);
  if (xRows !== rows)
    throw new InputError(`x must have ${rows} rows, one per label row, got ${xRows}`);
  assertList('weights', weights);
  if (weights.length !== width || weights.some((w) => w <= 0))
    throw new InputError(
      `weights must hold one positive number per label (${width}), got ${describe(weights)}`,
    );
  model.compile({ optimizer: tf.train.sgd(0), loss: 'binaryCrossentropy' });
  const [xs, ys] = [tf.tensor2d(x as number[][]), tf.tensor2d(y as number[][])];
  try {
    const history = await model.fit(xs, ys, {
      epochs: 1,
      batchSize: y.length,
      shuffle: false,
      verbose: 0,
      classWeight: Object.fromEntries(weights.map((w, j) => [j, w])),
    });
    const probs = tf.tidy(() => (model.predict(xs) as tf.Tensor).arraySync() as number[][]);
    let byFirst = 0;
    let byLabel = 0;
    const positives = new Array<number>(width).fill(0);
    const weighted = new Array<number>(width).fill(0);
    y.forEach((row, i) => {
      const first = argMaxOf(row); // what tfjs-layers' standardizeWeights takes: tf.argMax
      const terms = row.map((t, j) => {
        const p = Math.min(Math.max(probs[i][j], EPSILON), 1 - EPSILON);
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
      });
      byFirst += (weights[first] * terms.reduce((a, b) => a + b, 0)) / width;
      byLabel += terms.reduce((a, e, j) => a + (row[j] === 1 ? weights[j] : 1) * e, 0) / width;
      row.forEach((t, j) => {
        if (t === 1) positives[j]++;
        if (t === 1 && j === first) weighted[j]++;
      });
    });
    return {
      reported: history.history.loss[0] as number,
      byFirstLabel: byFirst / y.length,
      byLabel: byLabel / y.length,
      weightedShare: positives.map((n, j) => (n === 0 ? NaN : weighted[j] / n)),
    };
  } finally {
    tf.dispose([xs, ys]);
  }
}
