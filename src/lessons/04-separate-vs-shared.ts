/**
 * Lesson 04's experiment: three ways to predict several yes/no labels with small networks, on
 * the same data and the same training budget.
 *
 * - `separate` (binary relevance): one network per label, each with its own hidden layer.
 * - `shared`: one network, one shared hidden layer, one sigmoid output per label.
 * - `chain` (classifier chain): one network per label, label j also sees labels 0..j-1: their
 *   true values in training, the chain's own 0/1 predictions at test time.
 */
import * as tf from '@tensorflow/tfjs';
import {
  makeLatentMultiLabel,
  type LatentMultiLabelData,
  type LatentMultiLabelOptions,
} from '../core/latent';
import { denseClassifier, predictProbs } from '../core/models';
import { f1Score, subsetAccuracy } from '../eval/metrics';
import { toDecisions } from '../eval/thresholds';
import { trainSeeded, type TrainingBudget } from '../core/train';
import { assertBinaryMatrix, assertInteger, assertMatrix, InputError } from '../core/validate';

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
 * e.g. `{ sharedNoise: 1 }` for labels that depend on each other beyond the features.
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

export const APPROACHES = ['separate', 'shared', 'chain'] as const;
export type Approach = (typeof APPROACHES)[number];

/** The budget every network gets: hidden width, optimizer settings, epochs and batch size. */
type Budget = TrainingBudget;

/**
 * Lesson 04's budget, the same for every approach and every network.
 * Used in lessons: 04.
 */
export const LESSON04_BUDGET: Budget = {
  hiddenUnits: 32,
  learningRate: 0.01,
  numEpochs: 20,
  batchSize: 32,
};

/** A trained approach: its networks, trainable parameter count and training wall time. */
export interface FittedApproach {
  approach: Approach;
  models: tf.LayersModel[];
  numLabels: number;
  params: number;
  seconds: number;
}

function compiled(model: tf.Sequential, learningRate: number): tf.Sequential {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy' });
  return model;
}

/** Rows of x with columns of y appended: the inputs of a chain link. */
function withLabels(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
  upTo: number,
): number[][] {
  return x.map((row, i) => [...row, ...y[i].slice(0, upTo)]);
}

/**
 * Trains one approach on `(x, yTrue)` with the given budget; every network gets the same hidden
 * width, Adam learning rate, epochs and batch size, and seeded initial weights and shuffling.
 * @throws InputError for empty or mismatched matrices, non-0/1 labels or bad budget numbers.
 */
export async function fitApproach(
  approach: Approach,
  x: number[][],
  yTrue: number[][],
  budget: Budget,
  seed: number,
): Promise<FittedApproach> {
  if (!APPROACHES.includes(approach))
    throw new InputError(
      `approach must be one of ${APPROACHES.join(', ')}, got ${JSON.stringify(approach)}`,
    );
  const [rows, numFeatures] = assertMatrix('x', x);
  const [labelRows, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  if (rows !== labelRows)
    throw new InputError(
      `x and yTrue must have the same number of rows, got ${rows} and ${labelRows}`,
    );
  assertInteger('budget.hiddenUnits', budget.hiddenUnits, 1);
  const train = { numEpochs: budget.numEpochs, batchSize: budget.batchSize, seed };
  const start = Date.now();
  const models: tf.LayersModel[] = [];
  if (approach === 'shared') {
    const model = compiled(
      denseClassifier({
        numFeatures,
        hiddenUnits: [budget.hiddenUnits],
        numLabels,
        outputActivation: 'sigmoid',
        seed,
        name: 'shared',
      }),
      budget.learningRate,
    );
    const [xs, ys] = [tf.tensor2d(x), tf.tensor2d(yTrue)];
    await trainSeeded(model, xs, ys, train).finally(() => tf.dispose([xs, ys]));
    models.push(model);
  } else {
    for (let j = 0; j < numLabels; j++) {
      const inputs = approach === 'chain' ? withLabels(x, yTrue, j) : x;
      const model = compiled(
        denseClassifier({
          numFeatures: inputs[0].length,
          hiddenUnits: [budget.hiddenUnits],
          numLabels: 1,
          outputActivation: 'sigmoid',
          seed: seed + 10 * (j + 1),
          name: `${approach}${j}`,
        }),
        budget.learningRate,
      );
      const [xs, ys] = [tf.tensor2d(inputs), tf.tensor2d(yTrue.map((r) => [r[j]]))];
      await trainSeeded(model, xs, ys, { ...train, seed: seed + j }).finally(() =>
        tf.dispose([xs, ys]),
      );
      models.push(model);
    }
  }
  const params = models.reduce((sum, m) => sum + m.countParams(), 0);
  return { approach, models, numLabels, params, seconds: (Date.now() - start) / 1000 };
}

function predictColumn(model: tf.LayersModel, x: number[][]): number[] {
  return predictProbs(model, x).map((row) => row[0]);
}

/**
 * Probabilities of every label for the rows of `x`. A chain feeds each link the 0/1 decisions
 * (`p >= threshold`) of the links before it.
 * @throws InputError when `x` is not a matrix with the training width.
 */
export function predictApproach(
  fitted: FittedApproach,
  x: number[][],
  threshold = 0.5,
): number[][] {
  assertMatrix('x', x);
  if (fitted.approach === 'shared') {
    return predictProbs(fitted.models[0], x);
  }
  const probs: number[][] = x.map(() => []);
  const decisions: number[][] = x.map(() => []);
  fitted.models.forEach((model, j) => {
    const column = predictColumn(
      model,
      fitted.approach === 'chain' ? withLabels(x, decisions, j) : x,
    );
    column.forEach((p, i) => {
      probs[i].push(p);
      decisions[i].push(p >= threshold ? 1 : 0);
    });
  });
  return probs;
}

/** Frees the networks of a fitted approach. */
export function disposeApproach(fitted: FittedApproach): void {
  fitted.models.forEach((m) => m.dispose());
}

/** One approach trained on one training-set size, scored on the test rows. */
export interface ComparisonRow {
  trainingRows: number;
  approach: Approach;
  params: number;
  seconds: number;
  /** Fraction of test rows with every label right (decisions `p >= 0.5`). */
  exactMatch: number;
  macroF1: number;
  /** F1 of each label. */
  f1: number[];
  /** Test-set probabilities, one row per test row. */
  probs: number[][];
}

/**
 * Trains every approach on the first `size` rows of the training pool for each size (so smaller
 * sets are subsets of larger ones) and scores each on the same test rows.
 * Used in lessons: 04.
 * @throws InputError for a size larger than the pool or not a positive integer, or bad matrices.
 */
export async function compareApproaches(
  split: { xTrain: number[][]; yTrain: number[][]; xTest: number[][]; yTest: number[][] },
  sizes: readonly number[],
  approaches: readonly Approach[],
  budget: Budget,
  seed: number,
): Promise<ComparisonRow[]> {
  assertBinaryMatrix('yTest', split.yTest);
  sizes.forEach((size, i) => assertInteger(`sizes[${i}]`, size, 1, split.xTrain.length));
  const rows: ComparisonRow[] = [];
  for (const size of sizes) {
    for (const approach of approaches) {
      const fitted = await fitApproach(
        approach,
        split.xTrain.slice(0, size),
        split.yTrain.slice(0, size),
        budget,
        seed,
      );
      const probs = predictApproach(fitted, split.xTest);
      disposeApproach(fitted);
      const yPred = toDecisions(probs);
      rows.push({
        trainingRows: size,
        approach,
        params: fitted.params,
        seconds: fitted.seconds,
        exactMatch: subsetAccuracy(split.yTest, yPred),
        macroF1: f1Score(split.yTest, yPred, { average: 'macro', zeroDivision: 0 }),
        f1: f1Score(split.yTest, yPred, { average: null, zeroDivision: 0 }),
        probs,
      });
    }
  }
  return rows;
}
