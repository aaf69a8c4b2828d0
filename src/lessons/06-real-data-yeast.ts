/**
 * Lesson 06's experiments: the arguments of lessons 01-05 replayed on the yeast benchmark, its
 * standard split, with every approach trained as an ensemble of S members (one per repetition
 * seed) under one budget.
 *
 * - `sigmoid`: one network, one shared hidden layer, 14 sigmoid outputs, binary cross-entropy.
 * - `softmax`: the same network with a softmax over the 14 labels, trained with categorical
 *   cross-entropy on the label set spread evenly over its labels (targets y / |y|).
 * - `separate` (binary relevance): one small network per label.
 * - `chain` (classifier chain): one small network per label, label j also seeing labels 0..j-1
 *   (their true values in training, the chain's own 0/1 decisions when predicting).
 * - `powerset`: a softmax over the label sets seen in training, scored through its label
 *   marginals P(label j) = sum of P(set) over the sets that contain j.
 *
 * Repetition r draws its own validation rows (a seeded shuffle of the 1,500 training rows, the
 * last fifth held out) and its own initial weights and batches; the test rows are always the
 * standard 917.
 */
import * as tf from '@tensorflow/tfjs';
import {
  denseEnsemble,
  trainEnsemble,
  type DenseEnsemble,
  type EnsembleHistory,
  type EnsembleLoss,
  type OptimizerSpec,
} from '../core/ensemble';
import { argMaxOf } from '../core/rows';
import { labelCombinationKey } from '../core/labels';
import { SeenCombinationsCodec } from '../core/powerset';
import { createRng, permutation } from '../core/random';
import {
  assertBinaryMatrix,
  assertInteger,
  assertMatrix,
  assertProbability,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import {
  metricSummary,
  precisionRecallFscoreSupport,
  SCORE_METRICS,
  SUMMARY_METRICS,
  type MetricSummary,
  type SummaryMetric,
} from '../eval/metrics';
import { toDecisions, tunePerLabelThresholds } from '../eval/thresholds';
import { meanInterval, type Interval } from '../eval/uncertainty';
import type { Figure } from '../notebook/charts';
import { intervalCell } from '../notebook/evidence';

/**
 * The five ways of predicting the 14 labels that the lesson compares.
 * Used in lessons: 06.
 */
export const APPROACHES = ['sigmoid', 'softmax', 'separate', 'chain', 'powerset'] as const;
/**
 * One of {@link APPROACHES}.
 * Used in lessons: 06.
 */
export type Approach = (typeof APPROACHES)[number];

/** One budget for every approach. */
export interface YeastBudget {
  /** Hidden ReLU units of the shared networks; the per-label networks share them out. */
  hiddenUnits: number;
  optimizer: OptimizerSpec;
  batchSize: number;
  /** Upper bound on epochs (passes over a repetition's training rows). */
  maxEpochs: number;
  /** Epochs without a lower validation loss before a member stops. */
  patience: number;
  /** Whether a member that stops gets back the weights of its best validation epoch. */
  restoreBestWeights: boolean;
  /** Share of the 1,500 training rows each repetition holds out for validation. */
  validationSplit: number;
}

/**
 * Lesson 06's budget, the same for every approach: 126 hidden units (14 x 9, so that per-label
 * networks can share them out exactly), Adam at 0.005, batches of 200 rows, early stopping after
 * 2 epochs without a lower validation loss (rolling back to the best epoch's weights, as Keras's
 * `restore_best_weights=True`), at most 20 epochs, a fifth of the training rows held out. Chosen
 * on the validation rows of the sigmoid network (its validation loss, ranking loss and LRAP)
 * among hidden widths 64 to 512 and learning rates 0.002 to 0.03, within the lesson's time budget;
 * never on the test rows.
 * Used in lessons: 06.
 */
export const YEAST_BUDGET: Readonly<YeastBudget> = {
  hiddenUnits: 126,
  optimizer: { name: 'adam', learningRate: 0.005 },
  batchSize: 200,
  maxEpochs: 20,
  patience: 2,
  restoreBestWeights: true,
  validationSplit: 0.2,
};

/**
 * Hidden units of each per-label network (`separate`, `chain`): the shared network's units
 * shared out over the labels, so that both sides have (about) the same number of hidden units
 * and weights.
 * Used in lessons: 06.
 */
export function perLabelHiddenUnits(budget: YeastBudget, numLabels: number): number {
  assertInteger('numLabels', numLabels, 1);
  return Math.max(1, Math.round(budget.hiddenUnits / numLabels));
}

/** Per-feature mean and standard deviation, from the rows they were fitted on. */
export interface Standardizer {
  mean: number[];
  sd: number[];
}

/**
 * The mean and population standard deviation of each column of `x` (a constant column gets sd 1,
 * so that it maps to 0 instead of dividing by zero).
 * Used in lessons: 06.
 * @throws InputError unless `x` is a non-empty matrix of finite numbers.
 */
export function fitStandardizer(x: Matrix): Standardizer {
  const [rows, cols] = assertMatrix('x', x);
  const mean = new Array<number>(cols).fill(0);
  const sd = new Array<number>(cols).fill(0);
  for (const row of x) for (let j = 0; j < cols; j++) mean[j] += row[j] / rows;
  for (const row of x) for (let j = 0; j < cols; j++) sd[j] += (row[j] - mean[j]) ** 2 / rows;
  return { mean, sd: sd.map((v) => (v > 0 ? Math.sqrt(v) : 1)) };
}

/**
 * `(x - mean) / sd` per column, with a standardizer fitted elsewhere (on the training rows).
 * Used in lessons: 06.
 * @throws InputError when `x` is not a matrix as wide as the standardizer.
 */
export function standardize(x: Matrix, standardizer: Standardizer): number[][] {
  assertMatrix('x', x, standardizer.mean.length);
  const { mean, sd } = standardizer;
  return x.map((row) => row.map((v, j) => (v - mean[j]) / sd[j]));
}

/** Each repetition's split of the training rows (indices into the 1,500 training rows). */
export interface RepetitionRows {
  /** The seeded shuffle of all training rows; its last `validation.length` rows are held out. */
  order: number[];
  train: number[];
  validation: number[];
}

/**
 * Repetition r's rows: a shuffle of `numRows` drawn from `seeds[r]`, its last
 * `floor(numRows * validationSplit)` rows held out for validation (the rows `trainEnsemble`'s
 * `validationSplit` takes from the end of each member's rows).
 * Used in lessons: 06.
 * @throws InputError for a bad row count, split or seed.
 */
export function repetitionRows(
  seeds: readonly number[],
  numRows: number,
  validationSplit: number,
): RepetitionRows[] {
  assertInteger('numRows', numRows, 2);
  assertProbability('validationSplit', validationSplit);
  const numValidation = Math.floor(numRows * validationSplit);
  if (numValidation < 1 || numValidation >= numRows)
    throw new InputError(
      `validationSplit ${validationSplit} of ${numRows} rows must leave both parts non-empty`,
    );
  return seeds.map((seed) => {
    const order = Array.from(permutation(numRows, createRng(seed)));
    return {
      order,
      train: order.slice(0, numRows - numValidation),
      validation: order.slice(numRows - numValidation),
    };
  });
}

/**
 * What one approach gave at every repetition.
 * Used in lessons: 06.
 */
export interface ApproachRun {
  approach: Approach;
  /** Test scores (probabilities, or the powerset's label marginals): `[S][test rows][labels]`. */
  testScores: number[][][];
  /** 0/1 test decisions: `[S][test rows][labels]`. */
  testDecisions: number[][][];
  /** Scores on each repetition's own validation rows: `[S][validation rows][labels]`. */
  validationScores: number[][][];
  /** Trainable weights of one repetition's model(s). */
  params: number;
  /** Epochs each repetition trained (the mean over its label networks for per-label ones). */
  epochs: number[];
  /** Optimizer steps of the whole ensemble, and its training time. */
  steps: number;
  seconds: number;
  /** Per-epoch training and validation loss of each shared-network member (empty otherwise). */
  histories: { loss: number[]; valLoss: number[] }[];
}

/** The data an approach trains and predicts on: standardized features, 0/1 labels. */
export interface YeastSplit {
  xTrain: number[][];
  yTrain: number[][];
  xTest: number[][];
  yTest: number[][];
}

/** What a run records of its training: epochs per member, steps, time and loss curves. */
function trainingRecord(
  history: EnsembleHistory,
): Pick<ApproachRun, 'epochs' | 'steps' | 'seconds' | 'histories'> {
  return {
    epochs: history.members.map((m) => m.epochs),
    steps: history.steps,
    seconds: history.seconds,
    histories: history.members.map((m) => ({
      loss: m.history.loss ?? [],
      valLoss: m.history.val_loss ?? [],
    })),
  };
}

function paramsOf(ensemble: DenseEnsemble): number {
  return ensemble.variables.reduce((sum, v) => sum + v.size, 0) / ensemble.numMembers;
}

function checkSplit(split: YeastSplit): [number, number] {
  const [rows, numFeatures] = assertMatrix('split.xTrain', split.xTrain);
  const [labelRows, numLabels] = assertBinaryMatrix('split.yTrain', split.yTrain);
  if (rows !== labelRows)
    throw new InputError(
      `split.xTrain and split.yTrain must have the same rows, got ${rows} and ${labelRows}`,
    );
  assertMatrix('split.xTest', split.xTest, numFeatures);
  assertBinaryMatrix('split.yTest', split.yTest, numLabels);
  split.yTrain.forEach((row, i) => {
    if (!row.includes(1))
      throw new InputError(`split.yTrain row ${i} has no label; every yeast gene has at least one`);
  });
  return [numFeatures, numLabels];
}

/** `[K][rows][cols]` from a tensor, disposing it. */
function readAll(t: tf.Tensor3D): number[][][] {
  try {
    return t.arraySync();
  } finally {
    t.dispose();
  }
}

/** Every member's outputs for its own block of rows (`blocks[k]` for member k). */
function predictBlocks(ensemble: DenseEnsemble, blocks: number[][][]): number[][][] {
  const x = tf.tensor3d(blocks);
  try {
    return readAll(ensemble.predict(x));
  } finally {
    x.dispose();
  }
}

/** Rows `rows` of matrix `m`. */
function pick<T>(m: readonly T[], rows: readonly number[]): T[] {
  return rows.map((i) => m[i]);
}

async function train(
  ensemble: DenseEnsemble,
  x: number[][],
  y: number[][],
  loss: EnsembleLoss,
  memberRows: number[][],
  budget: YeastBudget,
  name: string,
) {
  const xs = tf.tensor2d(x);
  const ys = tf.tensor2d(y);
  try {
    return await trainEnsemble(ensemble, xs, ys, {
      loss,
      optimizer: budget.optimizer,
      numEpochs: budget.maxEpochs,
      batchSize: budget.batchSize,
      seeds: ensemble.options.seeds,
      memberRows,
      validationSplit: budget.validationSplit,
      earlyStopping: { patience: budget.patience, restoreBestWeights: budget.restoreBestWeights },
      progress: name,
    });
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** One network per repetition, all labels at once: sigmoid, softmax or powerset outputs. */
async function runShared(
  approach: 'sigmoid' | 'softmax' | 'powerset',
  split: YeastSplit,
  rows: RepetitionRows[],
  seeds: readonly number[],
  budget: YeastBudget,
): Promise<ApproachRun> {
  const [numFeatures, numLabels] = checkSplit(split);
  let targets: number[][];
  let loss: EnsembleLoss;
  let outputs = numLabels;
  let codec: SeenCombinationsCodec | null = null;
  if (approach === 'sigmoid') {
    targets = split.yTrain;
    loss = 'binaryCrossentropy';
  } else if (approach === 'softmax') {
    // The label set spread evenly over its labels: a distribution a softmax can match.
    targets = split.yTrain.map((row) => {
      const size = row.reduce((a, b) => a + b, 0);
      return row.map((v) => v / size);
    });
    loss = 'categoricalCrossentropy';
  } else {
    codec = new SeenCombinationsCodec().fit(split.yTrain);
    targets = codec.transform(split.yTrain).map((c) => [c]);
    loss = 'sparseCategoricalCrossentropy';
    outputs = codec.numClasses;
  }
  const ensemble = denseEnsemble({
    numFeatures,
    hiddenUnits: [budget.hiddenUnits],
    numLabels: outputs,
    outputActivation: approach === 'sigmoid' ? 'sigmoid' : 'softmax',
    seeds,
    name: approach,
  });
  try {
    const history = await train(
      ensemble,
      split.xTrain,
      targets,
      loss,
      rows.map((r) => r.order),
      budget,
      approach,
    );
    let test = readAll(ensemble.predict(split.xTest));
    let all = readAll(ensemble.predict(split.xTrain));
    let testDecisions: number[][][];
    if (codec) {
      const sets = codec.combinations;
      const marginals = (p: number[][]) =>
        p.map((row) => {
          const out = new Array<number>(numLabels).fill(0);
          row.forEach((q, c) => sets[c].forEach((v, j) => (out[j] += v * q)));
          // Sums of float32 probabilities can pass 1 by a rounding step.
          return out.map((v) => Math.min(1, v));
        });
      testDecisions = test.map((p) => codec!.inverseTransform(p.map((row) => argMaxOf(row))));
      test = test.map(marginals);
      all = all.map(marginals);
    } else {
      testDecisions = test.map((p) => toDecisions(p));
    }
    return {
      approach,
      testScores: test,
      testDecisions,
      validationScores: all.map((p, r) => pick(p, rows[r].validation)),
      params: paramsOf(ensemble),
      ...trainingRecord(history),
    };
  } finally {
    ensemble.dispose();
  }
}

/**
 * The inputs a chain reads: the features, then one column per label (the true labels in
 * training, the chain's own decisions when predicting). Its masks decide which link sees which.
 */
function withLabels(x: Matrix, labels: Matrix): number[][] {
  return x.map((row, i) => [...row, ...labels[i]]);
}

/**
 * The connectivity of the per-label networks, as masks of one network with `h` hidden units per
 * label: hidden block j (units j*h .. j*h+h-1) feeds only output j, so the blocks are separate
 * networks. For a chain the inputs are the features and then the labels, and block j reads label
 * l only when l < j: link j sees the features and the labels before it.
 * @throws InputError for sizes that are not positive integers.
 */
export function perLabelMasks(
  approach: 'separate' | 'chain',
  numFeatures: number,
  numLabels: number,
  h: number,
): number[][][] {
  assertInteger('numFeatures', numFeatures, 1);
  assertInteger('numLabels', numLabels, 1);
  assertInteger('h', h, 1);
  const hidden = numLabels * h;
  const block = (unit: number) => Math.floor(unit / h);
  const inputs = approach === 'chain' ? numFeatures + numLabels : numFeatures;
  const first = Array.from({ length: inputs }, (_, i) =>
    Array.from({ length: hidden }, (_, unit) =>
      i < numFeatures || i - numFeatures < block(unit) ? 1 : 0,
    ),
  );
  const second = Array.from({ length: hidden }, (_, unit) =>
    Array.from({ length: numLabels }, (_, j) => (block(unit) === j ? 1 : 0)),
  );
  return [first, second];
}

/**
 * Per-label networks, one repetition per member: `numLabels` networks of `h` hidden units each,
 * held as one masked network (see {@link perLabelMasks}), so that each repetition's 14 networks
 * train in one pass; with Adam every weight moves by its own gradient, and each network's
 * gradient comes from its own label's loss only. The 14 networks of a repetition stop together,
 * when their summed validation loss stops improving.
 */
async function runPerLabel(
  approach: 'separate' | 'chain',
  split: YeastSplit,
  rows: RepetitionRows[],
  seeds: readonly number[],
  budget: YeastBudget,
): Promise<ApproachRun> {
  const [numFeatures, numLabels] = checkSplit(split);
  const isChain = approach === 'chain';
  const h = perLabelHiddenUnits(budget, numLabels);
  const masks = perLabelMasks(approach, numFeatures, numLabels, h);
  const ensemble = denseEnsemble({
    numFeatures: isChain ? numFeatures + numLabels : numFeatures,
    hiddenUnits: [h * numLabels],
    numLabels,
    outputActivation: 'sigmoid',
    seeds,
    name: approach,
    masks,
  });
  try {
    const history = await train(
      ensemble,
      isChain ? withLabels(split.xTrain, split.yTrain) : split.xTrain,
      split.yTrain,
      'binaryCrossentropy',
      rows.map((r) => r.order),
      budget,
      approach,
    );
    const predictRows = (xOf: (r: number) => number[][]): number[][][] =>
      isChain
        ? predictChain(ensemble, xOf, numLabels)
        : predictBlocks(
            ensemble,
            seeds.map((_, r) => xOf(r)),
          );
    const test = predictRows(() => split.xTest);
    const validation = predictRows((r) => pick(split.xTrain, rows[r].validation));
    const live = masks.reduce((sum, m) => sum + m.flat().reduce((a, b) => a + b, 0), 0);
    return {
      approach,
      testScores: test,
      testDecisions: test.map((p) => toDecisions(p)),
      validationScores: validation,
      params: live + h * numLabels + numLabels,
      ...trainingRecord(history),
    };
  } finally {
    ensemble.dispose();
  }
}

/**
 * The chain's probabilities, link after link: link j of repetition r reads the features and the
 * 0/1 decisions (p >= 0.5) that links 0..j-1 of the same repetition made for the same row.
 */
function predictChain(
  ensemble: DenseEnsemble,
  xOf: (r: number) => number[][],
  numLabels: number,
): number[][][] {
  const S = ensemble.numMembers;
  const xs = Array.from({ length: S }, (_, r) => xOf(r));
  const probs = xs.map((x) => x.map(() => new Array<number>(numLabels).fill(0)));
  const decisions = xs.map((x) => x.map(() => new Array<number>(numLabels).fill(0)));
  for (let j = 0; j < numLabels; j++) {
    // Member r reads its own repetition's decisions so far (later labels are masked out).
    const out = predictBlocks(
      ensemble,
      xs.map((x, r) => withLabels(x, decisions[r])),
    );
    out.forEach((p, r) =>
      p.forEach((row, i) => {
        probs[r][i][j] = row[j];
        decisions[r][i][j] = row[j] >= 0.5 ? 1 : 0;
      }),
    );
  }
  return probs;
}

/**
 * Trains one approach as an ensemble of one member per repetition seed (S members, or 14 x S
 * single-label networks) with `budget`, early stopping on each repetition's validation rows,
 * and predicts the test rows and each repetition's validation rows.
 * Used in lessons: 06.
 * @throws InputError for an unknown approach, matrices of the wrong shapes, labels other than
 *   0/1, a training row without labels, or rows and seeds that do not match.
 */
export async function runApproach(
  approach: Approach,
  split: YeastSplit,
  rows: RepetitionRows[],
  seeds: readonly number[],
  budget: YeastBudget = YEAST_BUDGET,
): Promise<ApproachRun> {
  if (!APPROACHES.includes(approach))
    throw new InputError(
      `approach must be one of ${APPROACHES.join(', ')}, got ${describe(approach)}`,
    );
  if (!Array.isArray(rows) || rows.length !== seeds.length)
    throw new InputError(
      `rows must hold one RepetitionRows per seed (${seeds.length}), got ${describe(rows)}`,
    );
  if (approach === 'separate' || approach === 'chain')
    return runPerLabel(approach, split, rows, seeds, budget);
  return runShared(approach, split, rows, seeds, budget);
}

/**
 * Every metric of `metricSummary`, with the decision metrics computed from `decisions` (e.g. the
 * powerset's most probable label set) and the ranking metrics from `scores`.
 * @throws InputError for matrices of different shapes, non-0/1 decisions, or scores outside [0, 1].
 */
export function summarize(yTrue: Matrix, scores: Matrix, decisions: Matrix): MetricSummary {
  assertBinaryMatrix('decisions', decisions);
  const ranked = metricSummary(yTrue, scores);
  const decided = metricSummary(yTrue, decisions);
  const out = { ...ranked };
  for (const m of SUMMARY_METRICS) if (!SCORE_METRICS.includes(m)) out[m] = decided[m];
  return out;
}

/**
 * The summaries of every repetition of a run, on the test rows.
 * Used in lessons: 06.
 */
export function testSummaries(run: ApproachRun, yTest: Matrix): MetricSummary[] {
  return run.testScores.map((scores, r) => summarize(yTest, scores, run.testDecisions[r]));
}

/**
 * The mean of the repetitions' probabilities, row by row: the S networks used as one ensemble.
 * Used in lessons: 06.
 * @throws InputError for no repetitions or repetitions of different shapes.
 */
export function averageScores(scores: readonly Matrix[]): number[][] {
  if (!Array.isArray(scores) || scores.length === 0)
    throw new InputError(`scores must be a non-empty list of matrices, got ${describe(scores)}`);
  const [rows, cols] = assertMatrix('scores[0]', scores[0]);
  scores.forEach((m, r) => assertMatrix(`scores[${r}]`, m, cols));
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => scores.reduce((s, m) => s + m[i][j], 0) / scores.length),
  );
}

/**
 * The trivial baseline: every row gets the training frequency of each label as its score, so it
 * predicts the labels present in more than half of the training rows and ranks labels by
 * frequency.
 * Used in lessons: 06.
 * @throws InputError for a bad label matrix or row count.
 */
export function frequencyScores(yTrain: Matrix, numRows: number): number[][] {
  const [rows, numLabels] = assertBinaryMatrix('yTrain', yTrain);
  assertInteger('numRows', numRows, 1);
  const freq = new Array<number>(numLabels).fill(0);
  for (const row of yTrain) for (let j = 0; j < numLabels; j++) freq[j] += row[j] / rows;
  return Array.from({ length: numRows }, () => freq.slice());
}

/**
 * Top-k decoding: the k highest-scored labels of each row are predicted, whatever their scores.
 * @throws InputError for a bad score matrix or k outside [1, numLabels].
 */
export function topKDecisions(scores: Matrix, k: number): number[][] {
  const [, numLabels] = assertMatrix('scores', scores);
  assertInteger('k', k, 1, numLabels);
  return scores.map((row) => {
    const order = row.map((v, j) => [v, j]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const out = new Array<number>(numLabels).fill(0);
    for (let t = 0; t < k; t++) out[order[t][1]] = 1;
    return out;
  });
}

/**
 * Threshold decisions that never leave a row empty: `p >= threshold`, and where that predicts
 * nothing, the top-scored label.
 * @throws InputError for probabilities outside [0, 1] or a bad threshold.
 */
export function atLeastOneDecisions(probs: Matrix, threshold: number | readonly number[] = 0.5) {
  const decisions = toDecisions(probs, threshold);
  return decisions.map((row, i) => {
    if (row.includes(1)) return row;
    const out = row.slice();
    out[argMaxOf(probs[i])] = 1;
    return out;
  });
}

/**
 * The one threshold, from `candidates` (default 0.05, 0.06, ..., 0.95), that maximizes
 * micro-averaged F1 on the validation rows (ties to the candidate nearest 0.5).
 * @throws InputError for bad matrices or candidates outside [0, 1].
 */
export function tuneGlobalThreshold(
  yTrueValidation: Matrix,
  probsValidation: Matrix,
  candidates: readonly number[] = Array.from({ length: 91 }, (_, i) => (5 + i) / 100),
): number {
  assertBinaryMatrix('yTrueValidation', yTrueValidation);
  candidates.forEach((c, i) => assertProbability(`candidates[${i}]`, c));
  let best = 0.5;
  let bestF1 = -1;
  for (const t of candidates) {
    const f1 = precisionRecallFscoreSupport(yTrueValidation, toDecisions(probsValidation, t), {
      average: 'micro',
    }).fScore;
    if (f1 > bestF1 || (f1 === bestF1 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/** The test rows whose label set never occurs in the training rows, and what a model did there. */
export interface UnseenSetReport {
  /** Indices of the test rows with a label set absent from training. */
  rows: number[];
  /** Of those rows, how many the decisions get exactly right. */
  exact: number;
  /** Test rows whose decided label set is absent from training (however right or wrong). */
  novelPredictions: number;
  /** Of those, how many are exactly right. */
  novelRight: number;
  /** Mean number of wrong labels on the unseen rows, and on the other test rows. */
  wrongUnseen: number;
  wrongSeen: number;
}

/**
 * The test rows whose label set occurs nowhere in the training rows.
 * Used in lessons: 06.
 * @throws InputError for label matrices of different widths.
 */
export function unseenTestRows(yTrain: Matrix, yTest: Matrix): number[] {
  const [, numLabels] = assertBinaryMatrix('yTrain', yTrain);
  assertBinaryMatrix('yTest', yTest, numLabels);
  const seen = new Set(yTrain.map((row) => labelCombinationKey(row)));
  const out: number[] = [];
  yTest.forEach((row, i) => {
    if (!seen.has(labelCombinationKey(row))) out.push(i);
  });
  return out;
}

/**
 * Pearson's correlation of two label columns.
 * Used in lessons: 06.
 * @throws InputError for a bad label matrix, a column out of range, or a constant column.
 */
export function labelCorrelation(yTrue: Matrix, a: number, b: number): number {
  const [n, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  assertInteger('a', a, 0, numLabels - 1);
  assertInteger('b', b, 0, numLabels - 1);
  const mean = (j: number) => yTrue.reduce((s, row) => s + row[j], 0) / n;
  const [ma, mb] = [mean(a), mean(b)];
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (const row of yTrue) {
    cov += (row[a] - ma) * (row[b] - mb);
    va += (row[a] - ma) ** 2;
    vb += (row[b] - mb) ** 2;
  }
  if (va === 0 || vb === 0)
    throw new InputError(`label columns ${a} and ${b} must both vary to have a correlation`);
  return cov / Math.sqrt(va * vb);
}

/**
 * How decisions fare on the label sets never seen in training: exact matches on those rows, and
 * how many decided label sets are themselves new.
 * Used in lessons: 06.
 * @throws InputError for label or decision matrices of different shapes.
 */
export function unseenSetReport(yTrain: Matrix, yTest: Matrix, decisions: Matrix): UnseenSetReport {
  assertBinaryMatrix('yTrain', yTrain);
  const [n, numLabels] = assertBinaryMatrix('yTest', yTest);
  assertBinaryMatrix('decisions', decisions, numLabels);
  if (decisions.length !== n)
    throw new InputError(
      `decisions must have ${n} rows (one per test row), got ${decisions.length}`,
    );
  const seen = new Set(yTrain.map((row) => labelCombinationKey(row)));
  const rows: number[] = [];
  let exact = 0;
  let novelPredictions = 0;
  let novelRight = 0;
  let wrongUnseen = 0;
  let wrongSeen = 0;
  for (let i = 0; i < n; i++) {
    let wrong = 0;
    for (let j = 0; j < numLabels; j++) if (yTest[i][j] !== decisions[i][j]) wrong++;
    const unseen = !seen.has(labelCombinationKey(yTest[i]));
    if (unseen) {
      rows.push(i);
      wrongUnseen += wrong;
      if (wrong === 0) exact++;
    } else {
      wrongSeen += wrong;
    }
    if (!seen.has(labelCombinationKey(decisions[i]))) {
      novelPredictions++;
      if (wrong === 0) novelRight++;
    }
  }
  return {
    rows,
    exact,
    novelPredictions,
    novelRight,
    wrongUnseen: rows.length > 0 ? wrongUnseen / rows.length : 0,
    wrongSeen: n > rows.length ? wrongSeen / (n - rows.length) : 0,
  };
}

/**
 * How often each pair of labels occurs together: entry [a][b] counts the rows with both labels
 * (the diagonal counts each label's rows).
 * Used in lessons: 06.
 * @throws InputError for a bad label matrix.
 */
export function coOccurrence(yTrue: Matrix): number[][] {
  const [, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  const out = Array.from({ length: numLabels }, () => new Array<number>(numLabels).fill(0));
  for (const row of yTrue)
    for (let a = 0; a < numLabels; a++)
      if (row[a] === 1) for (let b = 0; b < numLabels; b++) if (row[b] === 1) out[a][b]++;
  return out;
}

/** A published result on yeast, in the papers' five measures. */
export interface PublishedResult {
  method: string;
  source: string;
  hammingLoss: number;
  oneError: number;
  /** The papers' coverage: scikit-learn's coverage error minus 1. */
  coverage: number;
  rankingLoss: number;
  /** The papers' "average precision": label ranking average precision. */
  averagePrecision: number;
}

/**
 * Published yeast results (10-fold cross-validation over all 2,417 rows, not the standard split).
 * Used in lessons: 06.
 */
export const PUBLISHED: readonly PublishedResult[] = [
  {
    method: 'BP-MLL',
    source: 'Zhang & Zhou, IEEE TKDE 2006',
    hammingLoss: 0.206,
    oneError: 0.233,
    coverage: 6.421,
    rankingLoss: 0.171,
    averagePrecision: 0.756,
  },
  {
    method: 'ML-kNN',
    source: 'Zhang & Zhou, Pattern Recognition 2007',
    hammingLoss: 0.194,
    oneError: 0.23,
    coverage: 6.275,
    rankingLoss: 0.167,
    averagePrecision: 0.765,
  },
];

/**
 * A bar chart of per-label precision, recall and F1 at one threshold, with a slider that moves
 * the threshold: every slider step restyles the three traces with precomputed values, so the
 * figure needs no code beyond plotly.js (it works in JupyterLab and in exported HTML alike).
 * Used in lessons: 06.
 * @throws InputError for bad matrices, names that do not match the labels, or thresholds outside
 *   [0, 1].
 */
export function thresholdSliderFigure(
  yTrue: Matrix,
  probs: Matrix,
  labelNames: readonly string[],
  thresholds: readonly number[],
  title: string,
): Figure {
  const [, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  if (labelNames.length !== numLabels)
    throw new InputError(`labelNames must name the ${numLabels} labels, got ${labelNames.length}`);
  if (thresholds.length === 0) throw new InputError('thresholds must not be empty');
  thresholds.forEach((t, i) => assertProbability(`thresholds[${i}]`, t));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const steps = thresholds.map((t) => {
    const prf = precisionRecallFscoreSupport(yTrue, toDecisions(probs, t));
    return { t, values: [prf.precision, prf.recall, prf.fScore].map((a) => a.map(round)) };
  });
  const start = Math.max(
    0,
    thresholds.findIndex((t) => Math.abs(t - 0.5) < 1e-9),
  );
  const names = ['precision', 'recall', 'F1'];
  return {
    data: names.map((name, s) => ({
      type: 'bar' as const,
      name,
      x: [...labelNames],
      y: steps[start].values[s],
    })),
    layout: {
      title: { text: title },
      barmode: 'group',
      height: 480,
      margin: { t: 60, r: 20, b: 60, l: 60 },
      xaxis: { title: { text: 'label' } },
      yaxis: { title: { text: 'score on the rows shown' }, range: [0, 1.05] },
      sliders: [
        {
          active: start,
          currentvalue: { prefix: 'threshold: ' },
          pad: { t: 50 },
          steps: steps.map((step) => ({
            label: step.t.toFixed(2),
            method: 'restyle' as const,
            args: [{ y: step.values }, [0, 1, 2]],
          })),
        },
      ],
    },
  };
}

/**
 * One metric over the repetitions: the values of each summary, their mean and 95% interval.
 * Used in lessons: 06.
 * @throws InputError for fewer than 2 summaries.
 */
export function metricInterval(
  summaries: readonly MetricSummary[],
  metric: SummaryMetric,
): Interval {
  return meanInterval(summaries.map((s) => s[metric]));
}

/**
 * Table rows, one per metric, one column per named set of repetitions, each cell the mean and
 * its 95% interval ("0.752 ± 0.002"). `coverageError` is shown as the papers' coverage
 * (coverage error - 1).
 * Used in lessons: 06.
 * @throws InputError for a set with fewer than 2 summaries.
 */
export function intervalRows(
  runs: Readonly<Record<string, readonly MetricSummary[]>>,
  metrics: readonly SummaryMetric[],
  digits = 3,
): Record<string, string>[] {
  return metrics.map((metric) => {
    const row: Record<string, string> = {
      metric: metric === 'coverageError' ? 'coverage (coverage error − 1)' : metric,
    };
    for (const [name, summaries] of Object.entries(runs)) {
      const values = summaries.map((s) => s[metric] - (metric === 'coverageError' ? 1 : 0));
      row[name] = intervalCell(meanInterval(values), digits);
    }
    return row;
  });
}

/**
 * The mean training and validation loss per epoch over the members of a run, for the epochs
 * every member trained.
 * Used in lessons: 06.
 * @throws InputError for a run without loss histories.
 */
export function meanCurves(run: ApproachRun): { loss: number[]; valLoss: number[] } {
  if (run.histories.length === 0) throw new InputError(`run ${run.approach} has no histories`);
  const epochs = Math.min(...run.histories.map((h) => h.valLoss.length));
  const mean = (key: 'loss' | 'valLoss') =>
    Array.from(
      { length: epochs },
      (_, e) => run.histories.reduce((s, h) => s + h[key][e], 0) / run.histories.length,
    );
  return { loss: mean('loss'), valLoss: mean('valLoss') };
}

/**
 * The ways of turning one repetition's probabilities into decisions that the lesson compares.
 * Used in lessons: 06.
 */
export const DECODINGS = [
  'p ≥ 0.5',
  'one tuned threshold',
  'per-label thresholds',
  'top-k',
  'at least one label',
] as const;
/**
 * One of {@link DECODINGS}.
 * Used in lessons: 06.
 */
export type Decoding = (typeof DECODINGS)[number];

/** The decodings of every repetition, scored on the test rows. */
export interface DecodingRun {
  /** Test summaries per decoding, one per repetition. */
  summaries: Record<Decoding, MetricSummary[]>;
  /** Each repetition's tuned global threshold. */
  globalThresholds: number[];
  /** Each repetition's per-label thresholds. */
  perLabelThresholds: number[][];
  /** F1 of each label at its tuned threshold, on the validation rows it was tuned on... */
  validationF1: number[][];
  /** ...and on the test rows. */
  testF1: number[][];
  /** Test rows left with no label at all, per decoding and repetition. */
  emptyRows: Record<Decoding, number[]>;
}

/**
 * Every decoding of {@link DECODINGS} for each repetition of a run: thresholds tuned on that
 * repetition's validation rows (one threshold for micro F1; per label, each label's F1), then
 * applied to the test rows; top-k predicts the `k` best-scored labels of every row; "at least
 * one" adds the top label to rows that p >= 0.5 leaves empty.
 * Used in lessons: 06.
 * @throws InputError for rows that do not match the run or k outside [1, labels].
 */
export function decodingRun(
  run: ApproachRun,
  split: Pick<YeastSplit, 'yTrain' | 'yTest'>,
  rows: readonly RepetitionRows[],
  k: number,
): DecodingRun {
  if (rows.length !== run.testScores.length)
    throw new InputError(
      `rows must hold one RepetitionRows per repetition (${run.testScores.length}), ` +
        `got ${rows.length}`,
    );
  const summaries = Object.fromEntries(DECODINGS.map((d) => [d, []])) as unknown as Record<
    Decoding,
    MetricSummary[]
  >;
  const emptyRows = Object.fromEntries(DECODINGS.map((d) => [d, []])) as unknown as Record<
    Decoding,
    number[]
  >;
  const out: DecodingRun = {
    summaries,
    globalThresholds: [],
    perLabelThresholds: [],
    validationF1: [],
    testF1: [],
    emptyRows,
  };
  run.testScores.forEach((probs, r) => {
    const yVal = pick(split.yTrain, rows[r].validation);
    const pVal = run.validationScores[r];
    const global = tuneGlobalThreshold(yVal, pVal);
    const perLabel = tunePerLabelThresholds(yVal, pVal);
    const decisions: Record<Decoding, number[][]> = {
      'p ≥ 0.5': toDecisions(probs),
      'one tuned threshold': toDecisions(probs, global),
      'per-label thresholds': toDecisions(probs, perLabel),
      'top-k': topKDecisions(probs, k),
      'at least one label': atLeastOneDecisions(probs),
    };
    for (const d of DECODINGS) {
      summaries[d].push(summarize(split.yTest, probs, decisions[d]));
      emptyRows[d].push(decisions[d].filter((row) => !row.includes(1)).length);
    }
    out.globalThresholds.push(global);
    out.perLabelThresholds.push(perLabel);
    const f1 = (y: Matrix, p: Matrix) =>
      precisionRecallFscoreSupport(y, toDecisions(p, perLabel)).fScore;
    out.validationF1.push(f1(yVal, pVal));
    out.testF1.push(f1(split.yTest, probs));
  });
  return out;
}
