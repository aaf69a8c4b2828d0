/**
 * Lesson 05's experiment: n sigmoid outputs against one softmax over label combinations (the
 * label powerset), trained with the same hidden layer, optimizer, epochs and batch size.
 */
import * as tf from '@tensorflow/tfjs';
import { decodePowersetRows, encodePowersetRows } from '../core/powerset';
import { subsetAccuracy } from '../eval/metrics';
import { denseClassifier, powersetClassifier, predictClass, predictProbs } from '../core/models';
import { toDecisions } from '../eval/thresholds';
import { trainSeeded, type TrainingBudget } from '../core/train';
import { assertBinaryMatrix, assertInteger, assertMatrix, InputError } from '../core/validate';

/** Training budget shared by both models, with the powerset's memory budget. */
type PowersetBudget = TrainingBudget & { memoryBudgetBytes: number };

/**
 * Lesson 05's budget: small networks and few epochs, so that the lesson runs in seconds.
 * Used in lessons: 05.
 */
export const LESSON05_BUDGET: PowersetBudget = {
  hiddenUnits: 32,
  learningRate: 0.01,
  numEpochs: 15,
  batchSize: 64,
  memoryBudgetBytes: 64 * 1024 * 1024,
};

export type OutputKind = 'sigmoid' | 'powerset';

function checkXY(x: number[][], yTrue: number[][]): [number, number] {
  const [rows, numFeatures] = assertMatrix('x', x);
  const [labelRows, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  if (rows !== labelRows)
    throw new InputError(
      `x and yTrue must have the same number of rows, got ${rows} and ${labelRows}`,
    );
  return [numFeatures, numLabels];
}

/**
 * Trains n sigmoid outputs with binary cross-entropy on `(x, yTrue)`.
 * Used in lessons: 05.
 * @throws InputError for empty or mismatched matrices or non-0/1 labels.
 */
export async function fitSigmoid(
  x: number[][],
  yTrue: number[][],
  budget: PowersetBudget,
  seed: number,
): Promise<tf.Sequential> {
  const [numFeatures, numLabels] = checkXY(x, yTrue);
  const model = denseClassifier({
    numFeatures,
    hiddenUnits: [budget.hiddenUnits],
    numLabels,
    outputActivation: 'sigmoid',
    seed,
    name: 'sigmoid',
  });
  model.compile({ optimizer: tf.train.adam(budget.learningRate), loss: 'binaryCrossentropy' });
  const [xs, ys] = [tf.tensor2d(x), tf.tensor2d(yTrue)];
  await trainSeeded(model, xs, ys, {
    numEpochs: budget.numEpochs,
    batchSize: budget.batchSize,
    seed,
  }).finally(() => tf.dispose([xs, ys]));
  return model;
}

/**
 * Trains a softmax over `numClasses` classes with sparse categorical cross-entropy on class
 * indices.
 * `model` must be uncompiled with output shape `[null, numClasses]`.
 * Used in lessons: 05.
 * @throws InputError for a class index outside [0, numClasses).
 */
export async function fitSoftmax(
  model: tf.Sequential,
  x: number[][],
  classIndex: readonly number[],
  budget: PowersetBudget,
  seed: number,
): Promise<tf.Sequential> {
  const numClasses = model.outputs[0].shape[1] as number;
  classIndex.forEach((c, i) => assertInteger(`classIndex[${i}]`, c, 0, numClasses - 1));
  model.compile({
    optimizer: tf.train.adam(budget.learningRate),
    loss: 'sparseCategoricalCrossentropy',
  });
  const [xs, ys] = [tf.tensor2d(x), tf.tensor2d(classIndex.map((c) => [c]))];
  await trainSeeded(model, xs, ys, {
    numEpochs: budget.numEpochs,
    batchSize: budget.batchSize,
    seed,
  }).finally(() => tf.dispose([xs, ys]));
  return model;
}

/**
 * Trains a 2^n-way powerset softmax (built by `powersetClassifier`, so refused over the memory
 * budget) on the combinations of `yTrue`, read as binary numbers.
 * @throws InputError when the output layer is over `budget.memoryBudgetBytes`, or for bad input.
 */
export async function fitPowerset(
  x: number[][],
  yTrue: number[][],
  budget: PowersetBudget,
  seed: number,
): Promise<tf.Sequential> {
  const [numFeatures, numLabels] = checkXY(x, yTrue);
  const model = powersetClassifier({
    numFeatures,
    hiddenUnits: [budget.hiddenUnits],
    numLabels,
    memoryBudgetBytes: budget.memoryBudgetBytes,
    seed,
  });
  return fitSoftmax(model, x, encodePowersetRows(yTrue), budget, seed);
}

/**
 * 0/1 decisions of a model: `p >= 0.5` per sigmoid output, or the most probable combination of a
 * 2^n-way powerset softmax, decoded back to its n labels.
 * Used in lessons: 05.
 */
export function predictLabels(
  kind: OutputKind,
  model: tf.LayersModel,
  x: number[][],
  numLabels: number,
): number[][] {
  if (kind === 'powerset') return decodePowersetRows(predictClass(model, x), numLabels);
  return toDecisions(predictProbs(model, x));
}

/** One model trained on one training-set size for one label count. */
export interface DataNeedRow {
  numLabels: number;
  trainingRows: number;
  kind: OutputKind;
  params: number;
  exactMatch: number;
  seconds: number;
}

/**
 * Exact match of both models on the same test rows, for each training-set size (the first
 * `size` rows of the training data).
 * Used in lessons: 05.
 * @throws InputError for a size larger than the training data, or bad matrices.
 */
export async function dataNeed(
  split: { xTrain: number[][]; yTrain: number[][]; xTest: number[][]; yTest: number[][] },
  sizes: readonly number[],
  budget: PowersetBudget,
  seed: number,
): Promise<DataNeedRow[]> {
  const [, numLabels] = assertBinaryMatrix('yTest', split.yTest);
  sizes.forEach((size, i) => assertInteger(`sizes[${i}]`, size, 1, split.xTrain.length));
  const rows: DataNeedRow[] = [];
  for (const size of sizes) {
    for (const kind of ['sigmoid', 'powerset'] as const) {
      const start = Date.now();
      const [x, y] = [split.xTrain.slice(0, size), split.yTrain.slice(0, size)];
      const model =
        kind === 'sigmoid'
          ? await fitSigmoid(x, y, budget, seed)
          : await fitPowerset(x, y, budget, seed);
      const seconds = (Date.now() - start) / 1000;
      const exactMatch = subsetAccuracy(
        split.yTest,
        predictLabels(kind, model, split.xTest, numLabels),
      );
      rows.push({
        numLabels,
        trainingRows: size,
        kind,
        params: model.countParams(),
        exactMatch,
        seconds,
      });
      model.dispose();
    }
  }
  return rows;
}
