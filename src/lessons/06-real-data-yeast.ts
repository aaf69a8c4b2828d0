/**
 * Lesson 06's experiments: five approaches on yeast's standard split, each an ensemble of one
 * member per repetition seed under one budget; shared networks from the notebook's builder,
 * per-label ones as masked ensembles. Member r trains as `model.fit` would on repetition r's
 * shuffled rows (its last fifth held out) once `seedMathRandom(seeds[r])` seeded fit's shuffle.
 */
import * as tf from '@tensorflow/tfjs';
import {
  denseEnsemble,
  trainEnsemble,
  type DenseEnsemble,
  type EnsembleLoss,
  type OptimizerSpec,
} from '../core/ensemble';
import {
  perLabelMasks,
  predictChain,
  predictMemberBlocks,
  withLabelColumns,
} from '../core/per-label-networks';
import {
  decodeSeenCombinations,
  encodeSeenCombinations,
  fitSeenCombinations,
  type SeenCombinations,
} from '../core/seen-combinations';
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
import { summarizeDecisions } from '../eval/decodings';
import type { MetricSummary } from '../eval/metrics';
import { toDecisions } from '../eval/thresholds';

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

/**
 * One budget for every approach.
 * Used in lessons: 06.
 */
export interface YeastBudget {
  /** Hidden ReLU units of the shared networks; the per-label networks share them out. */
  hiddenUnits: number;
  optimizer: OptimizerSpec;
  batchSize: number;
  /** Upper bound on epochs (passes over a repetition's training rows). */
  maxEpochs: number;
  /** Epochs without a lower validation loss before a member stops. */
  patience: number;
  /** Whether a member that stops early gets back the weights of its best validation epoch. */
  restoreBestWeights: boolean;
  /** Share of the 1,500 training rows each repetition holds out for validation. */
  validationSplit: number;
}

/**
 * Lesson 06's budget: 126 hidden units (14 x 9, shared out exactly over per-label networks), Adam
 * at 0.005, batches of 200, at most 20 epochs, early stopping after 2 epochs without a lower
 * validation loss with the best epoch's weights restored, a fifth of the rows held out. Chosen on
 * the sigmoid network's validation rows (never the test rows), within the lesson's time.
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
 * Hidden units of each per-label network: the shared network's shared out over the labels.
 * Used in lessons: 06.
 */
export function perLabelHiddenUnits(budget: YeastBudget, numLabels: number): number {
  assertInteger('numLabels', numLabels, 1);
  return Math.max(1, Math.round(budget.hiddenUnits / numLabels));
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
 * `floor(numRows * validationSplit)` rows held out for validation (the rows `model.fit`'s
 * `validationSplit` takes from the end of rows given in `order`).
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
    const cut = numRows - numValidation;
    return { order, train: order.slice(0, cut), validation: order.slice(cut) };
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
  /** Epochs each repetition trained, whether it stopped early; the ensemble's steps and time. */
  epochs: number[];
  stoppedEarly: boolean[];
  steps: number;
  seconds: number;
  /** Per-epoch training and validation loss of each member. */
  histories: { loss: number[]; valLoss: number[] }[];
  /** Member 0's final weights (kernel and bias of each layer), to compare with one model. */
  member0Weights: number[][];
}

/** The data an approach trains and predicts on: standardized features, 0/1 labels. */
export type YeastSplit = Record<'xTrain' | 'yTrain' | 'xTest' | 'yTest', number[][]>;

/** The notebook's shared networks, one per repetition: `ensembleOf` its model builder. */
export type SharedMembers = (units: number, activation: 'sigmoid' | 'softmax') => DenseEnsemble;

function checkSplit(split: YeastSplit): [number, number] {
  const [rows, numFeatures] = assertMatrix('split.xTrain', split.xTrain);
  const [labelRows, numLabels] = assertBinaryMatrix('split.yTrain', split.yTrain);
  if (rows !== labelRows)
    throw new InputError(`split.xTrain and split.yTrain have ${rows} and ${labelRows} rows`);
  assertMatrix('split.xTest', split.xTest, numFeatures);
  assertBinaryMatrix('split.yTest', split.yTest, numLabels);
  const empty = split.yTrain.findIndex((row) => !row.includes(1));
  if (empty >= 0)
    throw new InputError(`split.yTrain row ${empty} has no label; every yeast gene has one`);
  return [numFeatures, numLabels];
}

const pick = <T>(m: readonly T[], rows: readonly number[]): T[] => rows.map((i) => m[i]);

/** Trains every member on its repetition's rows, as `model.fit` with early stopping would. */
async function train(
  ensemble: DenseEnsemble,
  x: number[][],
  y: number[][],
  loss: EnsembleLoss,
  rows: RepetitionRows[],
  budget: YeastBudget,
  approach: Approach,
): Promise<Omit<ApproachRun, 'testScores' | 'testDecisions' | 'validationScores' | 'params'>> {
  const [xs, ys] = [tf.tensor2d(x), tf.tensor2d(y)];
  try {
    const history = await trainEnsemble(ensemble, xs, ys, {
      loss,
      optimizer: budget.optimizer,
      numEpochs: budget.maxEpochs,
      batchSize: budget.batchSize,
      seeds: ensemble.options.seeds,
      order: 'fit',
      memberRows: rows.map((r) => r.order),
      validationSplit: budget.validationSplit,
      earlyStopping: { patience: budget.patience, restoreBestWeights: budget.restoreBestWeights },
      progress: approach,
    });
    const weights = ensemble.memberWeights(0);
    const member0Weights = weights.map((w) => Array.from(w.dataSync()));
    tf.dispose(weights);
    return {
      approach,
      epochs: history.members.map((m) => m.epochs),
      stoppedEarly: history.members.map((m) => m.stoppedEarly),
      steps: history.steps,
      seconds: history.seconds,
      histories: history.members.map((m) => ({
        loss: m.history.loss ?? [],
        valLoss: m.history.val_loss ?? [],
      })),
      member0Weights,
    };
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** One network per repetition, all labels at once: sigmoid, softmax or powerset outputs. */
async function runShared(
  approach: 'sigmoid' | 'softmax' | 'powerset',
  split: YeastSplit,
  rows: RepetitionRows[],
  budget: YeastBudget,
  members: SharedMembers,
): Promise<ApproachRun> {
  const [, numLabels] = checkSplit(split);
  let targets = split.yTrain;
  let loss: EnsembleLoss = 'binaryCrossentropy';
  let seen: SeenCombinations | null = null;
  if (approach === 'softmax') {
    // The label set spread evenly over its labels: a distribution a softmax can match.
    targets = targets.map((row) => row.map((v) => v / row.reduce((a, b) => a + b, 0)));
    loss = 'categoricalCrossentropy';
  } else if (approach === 'powerset') {
    seen = fitSeenCombinations(split.yTrain);
    targets = encodeSeenCombinations(split.yTrain, seen).map((c) => [c]);
    loss = 'sparseCategoricalCrossentropy';
  }
  const units = seen ? seen.combinations.length : numLabels;
  const activation = approach === 'sigmoid' ? 'sigmoid' : 'softmax';
  const ensemble = members(units, activation);
  try {
    if (ensemble.numMembers !== rows.length)
      throw new InputError(`members gave ${ensemble.numMembers} members for ${rows.length} seeds`);
    const record = await train(ensemble, split.xTrain, targets, loss, rows, budget, approach);
    // The powerset's label scores are its marginals, summed on the backend: P(set) x sets.
    const sets = seen ? tf.tensor2d(seen.combinations as number[][]) : null;
    const predict = (x: number[][] | number[][][]) => {
      const out = { scores: [] as number[][][], classes: null as number[][] | null };
      tf.tidy(() => {
        const p = ensemble.predict(tf.tensor(x)) as tf.Tensor3D;
        if (!sets) return void (out.scores = p.arraySync());
        const [K, n, c] = p.shape;
        const marginals = tf.matMul(p.reshape([K * n, c]), sets).reshape([K, n, numLabels]);
        out.scores = tf.minimum(marginals, 1).arraySync() as number[][][];
        out.classes = p.argMax(-1).arraySync() as number[][];
      });
      return out;
    };
    const test = predict(split.xTest);
    const validation = predict(rows.map((r) => pick(split.xTrain, r.validation)));
    sets?.dispose();
    const testDecisions = test.classes
      ? test.classes.map((c) => decodeSeenCombinations(c, seen!))
      : test.scores.map((p) => toDecisions(p));
    return {
      ...record,
      testScores: test.scores,
      testDecisions,
      validationScores: validation.scores,
      params: ensemble.variables.reduce((sum, v) => sum + v.size, 0) / ensemble.numMembers,
    };
  } finally {
    ensemble.dispose();
  }
}

/**
 * Per-label networks, one repetition per member: `numLabels` networks of `h` hidden units each,
 * held as one masked network (see {@link perLabelMasks}), so that each repetition's 14 networks
 * train in one pass; with Adam every weight moves by its own gradient, and each network's
 * gradient comes from its own label's loss only. The 14 networks of a repetition stop together,
 * when their summed validation loss stops improving. A chain predicts link after link: link j
 * reads the 0/1 decisions (p >= 0.5) that links 0..j-1 of the same repetition made for the row.
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
    const x = isChain ? withLabelColumns(split.xTrain, split.yTrain) : split.xTrain;
    const record = await train(
      ensemble,
      x,
      split.yTrain,
      'binaryCrossentropy',
      rows,
      budget,
      approach,
    );
    const predictRows = (xs: number[][][]) =>
      isChain ? predictChain(ensemble, xs, numLabels) : predictMemberBlocks(ensemble, xs);
    const test = predictRows(seeds.map(() => split.xTest));
    const live = masks.reduce((sum, m) => sum + m.flat().reduce((a, b) => a + b, 0), 0);
    return {
      ...record,
      testScores: test,
      testDecisions: test.map((p) => toDecisions(p)),
      validationScores: predictRows(rows.map((r) => pick(split.xTrain, r.validation))),
      params: live + h * numLabels + numLabels,
    };
  } finally {
    ensemble.dispose();
  }
}

/**
 * Trains one approach as an ensemble of one member per repetition seed (S members, or 14 x S
 * single-label networks) with `budget`, early stopping on each repetition's validation rows,
 * and predicts the test rows and each repetition's validation rows. The shared networks
 * (sigmoid, softmax, powerset) are `members(outputs, activation)`, member r for `seeds[r]`.
 * Used in lessons: 06.
 * @throws InputError for an unknown approach, a shared approach without members, matrices of
 *   the wrong shapes, labels other than 0/1, a training row without labels, or rows and seeds
 *   that do not match.
 */
export async function runApproach(
  approach: Approach,
  split: YeastSplit,
  rows: RepetitionRows[],
  seeds: readonly number[],
  budget: YeastBudget = YEAST_BUDGET,
  members?: SharedMembers,
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
  if (typeof members !== 'function')
    throw new InputError(`the ${approach} approach needs its members, got ${describe(members)}`);
  return runShared(approach, split, rows, budget, members);
}

/**
 * The summaries of every repetition of a run, on the test rows: decision metrics from its
 * decisions, ranking metrics from its scores.
 * Used in lessons: 06.
 */
export function testSummaries(run: ApproachRun, yTest: Matrix): MetricSummary[] {
  return run.testScores.map((s, r) => summarizeDecisions(yTest, s, run.testDecisions[r]));
}

/**
 * The mean training and validation loss per epoch over the members of a run, for the epochs
 * every member trained.
 * Used in lessons: 06.
 */
export function meanCurves(run: ApproachRun): { loss: number[]; valLoss: number[] } {
  const epochs = Math.min(...run.histories.map((h) => h.valLoss.length));
  const mean = (key: 'loss' | 'valLoss') =>
    Array.from(
      { length: epochs },
      (_, e) => run.histories.reduce((s, h) => s + h[key][e], 0) / run.histories.length,
    );
  return { loss: mean('loss'), valLoss: mean('valLoss') };
}

/**
 * Each repetition's validation rows and its scores on them, as `decodeRepetitions` tunes on.
 * Used in lessons: 06.
 */
export function validationOf(
  run: ApproachRun,
  yTrain: Matrix,
  rows: readonly RepetitionRows[],
): { yTrue: Matrix; probs: Matrix }[] {
  return rows.map((r, k) => ({
    yTrue: pick(yTrain, r.validation),
    probs: run.validationScores[k],
  }));
}
