/**
 * Lesson 03: the question's shape (21 features, 26 labels, ~82k rows), its network trained at
 * S seeds at once, and the figures the lesson reports. The notebook runs the steps one cell at a
 * time in its default (small) mode; `scripts/lesson03-full-scale.ts` runs the same steps through
 * {@link runLesson03} at the question's scale and saves the figures in
 * data/lesson03-full-scale.json, which the notebook shows next to its own.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeImbalancedMultiLabel, type MultiLabelArrays } from '../core/synthetic';
import { createRng, permutation } from '../core/random';
import {
  denseEnsemble,
  predictEnsembleProbs,
  trainEnsemble,
  type DenseEnsemble,
  type OptimizerSpec,
} from '../core/ensemble';
import { toRows } from '../core/rows';
import { labelCardinality, rowsWithAtLeast } from '../core/labels';
import { assertInteger, assertMatrix, describe, InputError, type Matrix } from '../core/validate';
import { metricSummary, type MetricSummary, SUMMARY_METRICS } from '../eval/metrics';
import { tunePerLabelThresholds } from '../eval/thresholds';
import { repetitionSeeds } from '../eval/uncertainty';

// ---------------------------------------------------------------------------------------------
// Data

/**
 * Label frequencies of lesson 03: 26 labels from 40% down to 1%, geometrically, in a shuffled
 * column order.
 */
function lesson03Frequencies(): number[] {
  const sortedDesc = Array.from({ length: 26 }, (_, j) => 0.4 * (0.01 / 0.4) ** (j / 25));
  const order = permutation(26, createRng(2603));
  return Array.from(order, (k) => Number(sortedDesc[k].toFixed(4)));
}

/**
 * Lesson 03's generator settings (all but the row count and seed): 21 features, 26 labels, six of
 * them children of another.
 * Used in lessons: 03.
 */
export const LESSON03_DATA = {
  numFeatures: 21,
  labelFrequencies: lesson03Frequencies(),
  featuresPerLabel: 4,
  noise: 0.5,
  parents: [
    -1, -1, -1, -1, -1, -1, 0, -1, -1, 2, -1, -1, -1, 1, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, 13,
    -1,
  ],
  parentWeight: 0.8,
} as const;

/** Row count of the question lesson 03 answers ("~82k samples"). */
export const LESSON03_ROWS = 82000;

/**
 * Lesson 03's data: the question's shape (21 features, 26 labels) with frequencies from 40% to 1%.
 * Used in lessons: 03.
 * @throws InputError for a bad row count or seed.
 */
export function makeLesson03Data(numSamples: number, seed: number): MultiLabelArrays {
  return makeImbalancedMultiLabel({
    ...LESSON03_DATA,
    parents: [...LESSON03_DATA.parents],
    labelFrequencies: [...LESSON03_DATA.labelFrequencies],
    numSamples,
    seed,
  });
}

/**
 * The share of rows with exactly one label when labels are independent with these frequencies:
 * the probability of one success among independent trials (a Poisson-binomial count), computed
 * exactly by convolving one label at a time.
 * Used in lessons: 03.
 * @throws InputError unless every frequency is a number in [0, 1].
 */
export function singleLabelShare(frequencies: readonly number[]): number {
  if (!Array.isArray(frequencies) || frequencies.length === 0)
    throw new InputError(
      `frequencies must be a non-empty array of numbers in [0, 1], got ${describe(frequencies)}`,
    );
  let none = 1;
  let one = 0;
  frequencies.forEach((f, j) => {
    if (typeof f !== 'number' || !(f >= 0 && f <= 1))
      throw new InputError(`frequencies[${j}] must be a number in [0, 1], got ${describe(f)}`);
    one = one * (1 - f) + none * f;
    none *= 1 - f;
  });
  return one;
}

/** The share of single-label rows the question-like set is built for. */
export const QUESTION_LIKE_SINGLE_SHARE = 0.09;

/**
 * The factor on lesson 03's label frequencies that leaves {@link QUESTION_LIKE_SINGLE_SHARE} of
 * the rows with exactly one label (independent labels): more labels per row, fewer single ones.
 * The share falls as the factor grows over [1, 2.4], so bisection finds it.
 */
function questionLikeScale(): number {
  const share = (s: number) => singleLabelShare(LESSON03_DATA.labelFrequencies.map((f) => f * s));
  let lo = 1;
  let hi = 2.4;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (share(mid) > QUESTION_LIKE_SINGLE_SHARE) lo = mid;
    else hi = mid;
  }
  return Number(((lo + hi) / 2).toFixed(4));
}

/**
 * The factor on lesson 03's label frequencies that leaves {@link QUESTION_LIKE_SINGLE_SHARE} of
 * the rows with exactly one label when labels are independent.
 * Used in lessons: 03.
 */
export const QUESTION_LIKE_SCALE = questionLikeScale();

/**
 * Generator settings of the question-like set: lesson 03's labels with every frequency scaled by
 * {@link QUESTION_LIKE_SCALE}, and noisier scores (noise 1: the features explain half of each
 * label's score instead of 80%), so that a model leans more on the labels' base rates.
 * Used in lessons: 03.
 */
export const QUESTION_LIKE_DATA = {
  ...LESSON03_DATA,
  labelFrequencies: LESSON03_DATA.labelFrequencies.map((f) =>
    Number((f * QUESTION_LIKE_SCALE).toFixed(4)),
  ),
  noise: 1,
} as const;

/**
 * Column orders by label frequency: `rareFirst` puts the rarest label in column 0, and
 * `frequentFirst` the most frequent; ties keep the column order.
 * Used in lessons: 03.
 * @throws InputError unless `frequencies` is a non-empty array of finite numbers.
 */
export function frequencyOrder(
  frequencies: readonly number[],
  order: 'rareFirst' | 'frequentFirst',
): number[] {
  if (!Array.isArray(frequencies) || frequencies.length === 0)
    throw new InputError(`frequencies must be a non-empty array, got ${describe(frequencies)}`);
  if (order !== 'rareFirst' && order !== 'frequentFirst')
    throw new InputError(`order must be 'rareFirst' or 'frequentFirst', got ${describe(order)}`);
  const sign = order === 'rareFirst' ? 1 : -1;
  return frequencies
    .map((_, j) => j)
    .sort((a, b) => sign * (frequencies[a] - frequencies[b]) || a - b);
}

/**
 * The rows with their columns in a new order: column `c` of the result is column `order[c]` of
 * `rows`. Reordering the labels and the scores alike changes no label-wise metric.
 * Used in lessons: 03.
 * @throws InputError unless `order` is a permutation of the columns.
 */
export function reorderColumns(rows: Matrix, order: readonly number[]): number[][] {
  const [, cols] = assertMatrix('rows', rows);
  const seen = new Set(order);
  if (
    !Array.isArray(order) ||
    order.length !== cols ||
    seen.size !== cols ||
    !order.every((j) => Number.isInteger(j) && j >= 0 && j < cols)
  )
    throw new InputError(
      `order must be a permutation of the ${cols} column indices, got ${describe(order)}`,
    );
  return (rows as number[][]).map((r) => order.map((j) => r[j]));
}

/**
 * The question-like set: {@link QUESTION_LIKE_DATA}'s rows with the columns in rare-first order,
 * so that a row's first true label (its argmax) is its rarest label.
 * Used in lessons: 03.
 * @throws InputError for a bad row count or seed.
 */
export function makeQuestionLikeData(numSamples: number, seed: number): MultiLabelArrays {
  const data = makeImbalancedMultiLabel({
    ...QUESTION_LIKE_DATA,
    parents: [...QUESTION_LIKE_DATA.parents],
    labelFrequencies: [...QUESTION_LIKE_DATA.labelFrequencies],
    numSamples,
    seed,
  });
  // The generator needs parents before children, so the columns are reordered afterwards.
  const order = frequencyOrder(QUESTION_LIKE_DATA.labelFrequencies, 'rareFirst');
  const L = data.numLabels;
  const y = new Float32Array(data.y.length);
  for (let i = 0; i < numSamples; i++)
    for (let c = 0; c < L; c++) y[i * L + c] = data.y[i * L + order[c]];
  return { ...data, y };
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Row counts and training schedule of one run of the lesson. */
export interface Lesson03Mode {
  name: 'default' | 'full';
  /** Rows each repetition trains on, the last third of them held out for validation. */
  fitRows: number;
  /** Further rows of the same draw, seen by no training or tuning step. */
  testRows: number;
  numEpochs: number;
  batchSize: number;
}

/**
 * The two modes: `default` is small enough for the lesson's time budget; `full` has the
 * question's 82,000 rows and its batch size (Keras' default, 32), with as many epochs as fit in
 * five minutes for all three ensembles.
 * Used in lessons: 03.
 */
export const LESSON03_MODES: Readonly<Record<'default' | 'full', Lesson03Mode>> = {
  default: { name: 'default', fitRows: 4000, testRows: 2000, numEpochs: 5, batchSize: 128 },
  full: { name: 'full', fitRows: LESSON03_ROWS, testRows: 10000, numEpochs: 3, batchSize: 32 },
};

/**
 * The mode a run uses: `full` when `flag` (default: the `LESSON03_FULL` environment variable)
 * is `'1'`, else `default`.
 * Used in lessons: 03.
 */
export function lesson03Mode(flag = process.env.LESSON03_FULL): Lesson03Mode {
  return flag === '1' ? LESSON03_MODES.full : LESSON03_MODES.default;
}

/**
 * Repetitions (ensemble members) of every experiment.
 * Used in lessons: 03.
 */
export const REPETITIONS = 8;

/**
 * The question's network and training: Dense 128 ReLU, Dense 64 ReLU, 26 outputs; RMSprop at
 * Keras' default learning rate; the last 33% of the fit rows held out for validation.
 */
export const QUESTION_SETUP = {
  numFeatures: 21,
  hiddenUnits: [128, 64],
  numLabels: 26,
  optimizer: { name: 'rmsprop', learningRate: 0.001 } as OptimizerSpec,
  validationSplit: 0.33,
} as const;

/**
 * The seeds of the two experiments: repetitions 0-7 of `seed` for the lesson's data (each
 * repetition draws its own data, weights and batches), 8-15 for the question-like set.
 * Used in lessons: 03.
 * @throws InputError as `repetitionSeeds`.
 */
export function lesson03Seeds(seed: number): { lesson: number[]; questionLike: number[] } {
  const all = repetitionSeeds(seed, 2 * REPETITIONS);
  return { lesson: all.slice(0, REPETITIONS), questionLike: all.slice(REPETITIONS) };
}

// ---------------------------------------------------------------------------------------------
// Experiment steps

/** One data draw per repetition, as tensors for training and plain rows for the metrics. */
export interface Draws {
  /** `[K, fitRows, 21]`: each member's fit rows (training rows, then validation rows). */
  xFit: tf.Tensor3D;
  /** `[K, fitRows, 26]` multi-hot targets of the fit rows. */
  yFit: tf.Tensor3D;
  /** `[K, valRows, 21]`: the validation rows (the last 33% of the fit rows). */
  xVal: tf.Tensor3D;
  /** `[K, testRows, 21]`. */
  xTest: tf.Tensor3D;
  /** Per member, the validation rows' labels. */
  yVal: number[][][];
  /** Per member, the test rows' labels. */
  yTest: number[][][];
  dispose(): void;
}

/**
 * Draws `fitRows + testRows` rows per seed with `make` and stacks them per member.
 * Used in lessons: 03.
 * @throws InputError for an empty seed list or a bad mode.
 */
export function drawRepeated(
  make: (numSamples: number, seed: number) => MultiLabelArrays,
  mode: Lesson03Mode,
  seeds: readonly number[],
): Draws {
  if (!Array.isArray(seeds) || seeds.length === 0)
    throw new InputError(`seeds must be a non-empty array, got ${describe(seeds)}`);
  assertInteger('mode.fitRows', mode.fitRows, 2);
  assertInteger('mode.testRows', mode.testRows, 1);
  const { fitRows, testRows } = mode;
  const numVal = Math.floor(fitRows * QUESTION_SETUP.validationSplit);
  const K = seeds.length;
  const F = QUESTION_SETUP.numFeatures;
  const L = QUESTION_SETUP.numLabels;
  const xFit = new Float32Array(K * fitRows * F);
  const yFit = new Float32Array(K * fitRows * L);
  const xTest = new Float32Array(K * testRows * F);
  const yVal: number[][][] = [];
  const yTest: number[][][] = [];
  seeds.forEach((seed, k) => {
    const d = make(fitRows + testRows, seed);
    xFit.set(d.x.subarray(0, fitRows * F), k * fitRows * F);
    yFit.set(d.y.subarray(0, fitRows * L), k * fitRows * L);
    xTest.set(d.x.subarray(fitRows * F), k * testRows * F);
    yVal.push(toRows(d.y, L, fitRows - numVal, fitRows));
    yTest.push(toRows(d.y, L, fitRows, fitRows + testRows));
  });
  const x = tf.tensor3d(xFit, [K, fitRows, F]);
  const tensors = {
    xFit: x,
    yFit: tf.tensor3d(yFit, [K, fitRows, L]),
    xVal: tf.slice(x, [0, fitRows - numVal, 0], [K, numVal, F]),
    xTest: tf.tensor3d(xTest, [K, testRows, F]),
  };
  return { ...tensors, yVal, yTest, dispose: () => tf.dispose(Object.values(tensors)) };
}

/**
 * Trains the question's network once per seed, member k on draw k. `sigmoid` is the question's
 * set-up (26 sigmoids, binary cross-entropy on the multi-hot rows); `softmax` is the third
 * answer's (a 26-way softmax with sparse categorical cross-entropy on each row's class index,
 * `argmax` of its labels, as `np.argmax(labels, axis=1)` would give). Same rows, epochs, batch
 * size, optimizer and validation split either way.
 * Used in lessons: 03.
 * @returns the trained ensemble; the caller disposes it.
 * @throws InputError as `trainEnsemble`.
 */
export async function trainQuestionNetworks(
  draws: Draws,
  mode: Lesson03Mode,
  seeds: readonly number[],
  output: 'sigmoid' | 'softmax',
  progress: string | false = false,
): Promise<DenseEnsemble> {
  const { numFeatures, hiddenUnits, numLabels, optimizer, validationSplit } = QUESTION_SETUP;
  const ensemble = denseEnsemble({
    numFeatures,
    hiddenUnits: [...hiddenUnits],
    numLabels,
    outputActivation: output,
    seeds,
    name: output,
  });
  const classes =
    output === 'softmax'
      ? tf.tidy(() => tf.expandDims(tf.cast(tf.argMax(draws.yFit, 2), 'float32'), 2))
      : null;
  try {
    await trainEnsemble(ensemble, draws.xFit, classes ?? draws.yFit, {
      loss: output === 'sigmoid' ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy',
      optimizer,
      numEpochs: mode.numEpochs,
      batchSize: mode.batchSize,
      seeds,
      validationSplit,
      progress,
    });
  } catch (error) {
    ensemble.dispose();
    throw error;
  } finally {
    classes?.dispose();
  }
  return ensemble;
}

/** Categorical accuracy split by the kind of row it counts (shares of all rows; they add up). */
export interface CategoricalParts {
  /** Rows with one label, whose label is the top-scored one. */
  single: number;
  /** Rows with several labels whose first true label (in column order) is the top-scored one. */
  multi: number;
  /** Rows with no label whose top-scored label is column 0 (argmax of a zero row is 0). */
  empty: number;
}

/**
 * Where categorical accuracy comes from on multi-hot rows: argmax(yTrue) == argmax(scores) row by
 * row (first index on ties, as tf.argMax), split by the row's number of true labels.
 * Used in lessons: 03.
 * @throws InputError for matrices of different shapes.
 */
export function categoricalParts(yTrue: Matrix, scores: Matrix): CategoricalParts {
  const [n, cols] = assertMatrix('yTrue', yTrue);
  assertMatrix('scores', scores, cols);
  if (scores.length !== n)
    throw new InputError(`scores must have ${n} rows like yTrue, got ${scores.length}`);
  const parts = { single: 0, multi: 0, empty: 0 };
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = scores[i];
    let top = 0;
    for (let j = 1; j < cols; j++) if (s[j] > s[top]) top = j;
    let count = 0;
    let first = -1;
    for (let j = 0; j < cols; j++)
      if (t[j] === 1) {
        count++;
        if (first < 0) first = j;
      }
    if (count === 0) parts.empty += top === 0 ? 1 : 0;
    else if (top === first) parts[count === 1 ? 'single' : 'multi'] += 1;
  }
  return { single: parts.single / n, multi: parts.multi / n, empty: parts.empty / n };
}

/** Label statistics of one set of rows. */
export interface LabelShares {
  /** Mean number of labels per row. */
  cardinality: number;
  /** Share of rows with no label, with exactly one, with two or more. */
  empty: number;
  single: number;
  multi: number;
}

/**
 * How many labels the rows carry.
 * Used in lessons: 03.
 * @throws InputError for a matrix that is not 0/1.
 */
export function labelShares(yTrue: Matrix): LabelShares {
  const n = yTrue.length;
  const some = rowsWithAtLeast(yTrue, 1);
  const several = rowsWithAtLeast(yTrue, 2);
  return {
    cardinality: labelCardinality(yTrue),
    empty: (n - some) / n,
    single: (some - several) / n,
    multi: several / n,
  };
}

/** Every member's predictions on its own rows: `[K][rows][26]`. */
function predictMembers(ensemble: DenseEnsemble, x: tf.Tensor3D): number[][][] {
  return predictEnsembleProbs(ensemble, x);
}

/**
 * Figures of one run, one value per repetition each, under stable names: the lesson's data and
 * model (`data.*`, `zeros.*` for the all-zero predictor, `at05.*` at threshold 0.5, `tuned.*` at
 * per-label thresholds tuned on validation rows, `order.*` categorical accuracy under other column
 * orders), the softmax answer (`softmax.*`) and the question-like set (`questionLike.*`).
 */
export type Figures = Record<string, number[]>;

/** What {@link lesson03Figures} is made from: per member, in seed order. */
export interface Lesson03Results {
  data: LabelShares[];
  zeros: MetricSummary[];
  at05: MetricSummary[];
  tuned: MetricSummary[];
  frequentFirst: number[];
  rareFirst: number[];
  rareFirstParts: CategoricalParts[];
  softmax: MetricSummary[];
  questionLikeData: LabelShares[];
  questionLike: MetricSummary[];
  questionLikeParts: CategoricalParts[];
}

/**
 * The figures of a run under their stable names (see {@link Figures}).
 * Used in lessons: 03.
 */
export function lesson03Figures(r: Lesson03Results): Figures {
  const out: Figures = {};
  const shares = (prefix: string, list: LabelShares[]) => {
    for (const key of ['cardinality', 'empty', 'single', 'multi'] as const)
      out[`${prefix}.${key}`] = list.map((s) => s[key]);
  };
  const summaries = (prefix: string, list: MetricSummary[]) => {
    for (const m of SUMMARY_METRICS) out[`${prefix}.${m}`] = list.map((s) => s[m]);
  };
  const parts = (prefix: string, list: CategoricalParts[]) => {
    for (const key of ['single', 'multi', 'empty'] as const)
      out[`${prefix}.${key}`] = list.map((p) => p[key]);
  };
  shares('data', r.data);
  summaries('zeros', r.zeros);
  summaries('at05', r.at05);
  summaries('tuned', r.tuned);
  out['order.frequentFirst'] = [...r.frequentFirst];
  out['order.rareFirst'] = [...r.rareFirst];
  parts('order.rareFirstParts', r.rareFirstParts);
  summaries('softmax', r.softmax);
  shares('questionLikeData', r.questionLikeData);
  summaries('questionLike', r.questionLike);
  parts('questionLikeParts', r.questionLikeParts);
  return out;
}

/** Categorical accuracy of each member with its labels and scores both in `order`. */
function accuracyInOrder(
  yTest: number[][][],
  probs: number[][][],
  order: readonly number[],
): number[] {
  return yTest.map(
    (y, k) =>
      metricSummary(reorderColumns(y, order), reorderColumns(probs[k], order)).categoricalAccuracy,
  );
}

/**
 * One whole run of the lesson's experiments, as the notebook runs them cell by cell: the lesson's
 * data and the question's network (all zeros, threshold 0.5, tuned thresholds, column orders),
 * the softmax answer on the same draws, and the question-like set.
 * @param mode the row counts and schedule
 * @param seed the lesson's seed; the repetitions' seeds come from {@link lesson03Seeds}
 * @param progress a name prefix for progress lines, or false
 * @throws InputError as the steps.
 */
export async function runLesson03(
  mode: Lesson03Mode,
  seed: number,
  progress: string | false = false,
): Promise<Lesson03Results> {
  const seeds = lesson03Seeds(seed);
  const label = (name: string) => (progress === false ? false : `${progress} ${name}`);
  const lesson = await lessonExperiments(mode, seeds.lesson, label);
  const like = drawRepeated(makeQuestionLikeData, mode, seeds.questionLike);
  try {
    const nets = await trainQuestionNetworks(
      like,
      mode,
      seeds.questionLike,
      'sigmoid',
      label('question-like'),
    );
    const likeTest = predictMembers(nets, like.xTest);
    nets.dispose();
    return {
      ...lesson,
      questionLikeData: like.yTest.map(labelShares),
      questionLike: like.yTest.map((t, k) => metricSummary(t, likeTest[k])),
      questionLikeParts: like.yTest.map((t, k) => categoricalParts(t, likeTest[k])),
    };
  } finally {
    like.dispose();
  }
}

/** The lesson's data: the question's network, its baselines and the softmax answer. */
async function lessonExperiments(
  mode: Lesson03Mode,
  seeds: readonly number[],
  label: (name: string) => string | false,
): Promise<Omit<Lesson03Results, 'questionLikeData' | 'questionLike' | 'questionLikeParts'>> {
  const draws = drawRepeated(makeLesson03Data, mode, seeds);
  try {
    const sigmoid = await trainQuestionNetworks(draws, mode, seeds, 'sigmoid', label('sigmoid'));
    const probsVal = predictMembers(sigmoid, draws.xVal);
    const probsTest = predictMembers(sigmoid, draws.xTest);
    sigmoid.dispose();
    const thresholds = draws.yVal.map((y, k) => tunePerLabelThresholds(y, probsVal[k]));
    const softmax = await trainQuestionNetworks(draws, mode, seeds, 'softmax', label('softmax'));
    const softmaxTest = predictMembers(softmax, draws.xTest);
    softmax.dispose();
    const frequencies = [...LESSON03_DATA.labelFrequencies];
    const rare = frequencyOrder(frequencies, 'rareFirst');
    const y = draws.yTest;
    return {
      data: y.map(labelShares),
      zeros: y.map((t) =>
        metricSummary(
          t,
          t.map((row) => row.map(() => 0)),
        ),
      ),
      at05: y.map((t, k) => metricSummary(t, probsTest[k])),
      tuned: y.map((t, k) => metricSummary(t, probsTest[k], { thresholds: thresholds[k] })),
      frequentFirst: accuracyInOrder(y, probsTest, frequencyOrder(frequencies, 'frequentFirst')),
      rareFirst: accuracyInOrder(y, probsTest, rare),
      rareFirstParts: y.map((t, k) =>
        categoricalParts(reorderColumns(t, rare), reorderColumns(probsTest[k], rare)),
      ),
      softmax: y.map((t, k) => metricSummary(t, softmaxTest[k])),
    };
  } finally {
    draws.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Saved full-scale figures

/** What data/lesson03-full-scale.json holds (written by scripts/lesson03-full-scale.ts). */
export interface FullScaleRecord {
  about: string;
  command: string;
  code: { commit: string; uncommittedChanges: boolean };
  createdAt: string;
  seconds: number;
  environment: { tfjs: string; backend: string; node: string };
  settings: {
    seed: number;
    repetitions: number;
    seeds: { lesson: number[]; questionLike: number[] };
    mode: Lesson03Mode;
    setup: typeof QUESTION_SETUP;
    data: typeof LESSON03_DATA;
    questionLike: typeof QUESTION_LIKE_DATA;
  };
  figures: Figures;
}

/** Where the full-scale figures are saved. */
export const FULL_SCALE_FILE = join(__dirname, '..', '..', 'data', 'lesson03-full-scale.json');

/**
 * The saved full-scale figures, checked: every figure has one finite value per repetition.
 * Used in lessons: 03.
 * @throws InputError when the file is missing a part or a figure has the wrong length.
 */
export function loadFullScale(path = FULL_SCALE_FILE): FullScaleRecord {
  const record = JSON.parse(readFileSync(path, 'utf8')) as FullScaleRecord;
  if (typeof record !== 'object' || record === null || !record.settings || !record.figures)
    throw new InputError(`${path} must hold settings and figures, got ${describe(record)}`);
  for (const [name, values] of Object.entries(record.figures)) {
    if (
      !Array.isArray(values) ||
      values.length !== record.settings.repetitions ||
      !values.every(Number.isFinite)
    )
      throw new InputError(
        `figure ${name} in ${path} must hold ${record.settings.repetitions} finite values, ` +
          `got ${describe(values)}`,
      );
  }
  return record;
}
