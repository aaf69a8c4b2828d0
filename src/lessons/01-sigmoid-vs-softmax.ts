/**
 * Lesson 01's experiment, shared by the notebook and the test that checks its claims on
 * several seeds: the source notebook's two models, and what each predicts per label combination.
 */
import * as tf from '@tensorflow/tfjs';
import { makeClassification, type MakeClassificationOptions } from '../core/data';
import { labelCombinationKey } from '../core/labels';
import { denseClassifier, type OutputActivation } from '../core/models';
import { trainSeeded, type TrainHistory } from '../core/train';
import {
  assertBinaryMatrix,
  assertInteger,
  assertProbabilityMatrix,
  assertSameShape,
  assertProbability,
  assertTensor2D,
  describe,
  InputError,
} from '../core/validate';

/** The two labels of lesson 01, derived from the class as in the source notebook. */
export const LESSON01_LABELS = ['a', 'b'] as const;

/**
 * Lesson 01's labels from a class index: `a` is "class 0", `b` is "class 0 or 1". So class 0
 * rows are {1,1}, class 1 rows {0,1}, class 2 rows {0,0}, and {1,0} never occurs.
 */
export function lesson01Labels(classIndex: number): [number, number] {
  assertInteger('classIndex', classIndex, 0, 2);
  return [classIndex === 0 ? 1 : 0, classIndex === 0 || classIndex === 1 ? 1 : 0];
}

/** The generator settings of lesson 01's data set (see data/README.md). */
export const LESSON01_OPTIONS: MakeClassificationOptions = {
  numSamples: 10000,
  numFeatures: 5,
  numClasses: 3,
  classSep: 2,
  flipY: 0.01,
  seed: 0,
};

/**
 * Lesson 01's data set as CSV text: columns x1..x5, class, a, b; features rounded to 6 decimals.
 */
export function lesson01Csv(options: MakeClassificationOptions = LESSON01_OPTIONS): string {
  const data = makeClassification(options);
  const featureNames = Array.from({ length: data.numFeatures }, (_, i) => `x${i + 1}`);
  const lines = [[...featureNames, 'class', ...LESSON01_LABELS].join(',')];
  for (let r = 0; r < data.numSamples; r++) {
    const features = Array.from(
      data.x.subarray(r * data.numFeatures, (r + 1) * data.numFeatures),
      (v) => v.toFixed(6),
    );
    lines.push([...features, data.classIndex[r], ...lesson01Labels(data.classIndex[r])].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * The source notebook's settings: Dense(5, relu) -> Dense(2, ...), SGD(0.01), 20 epochs, batch 100.
 * Used in lessons: 01.
 */
export const LESSON01_TRAINING = {
  hiddenUnits: [5],
  learningRate: 0.01,
  numEpochs: 20,
  batchSize: 100,
} as const;

/** The two output layers lesson 01 compares. */
type OutputKind = Extract<OutputActivation, 'sigmoid' | 'softmax'>;

/**
 * Builds and compiles one of the two models: sigmoid outputs with binary cross-entropy, or
 * softmax outputs with categorical cross-entropy; SGD with the source's learning rate.
 * Used in lessons: 01.
 */
export function buildLesson01Model(
  kind: OutputKind,
  numFeatures: number,
  seed: number,
): tf.Sequential {
  if (kind !== 'sigmoid' && kind !== 'softmax')
    throw new InputError(`kind must be 'sigmoid' or 'softmax', got ${describe(kind)}`);
  const model = denseClassifier({
    numFeatures,
    hiddenUnits: [...LESSON01_TRAINING.hiddenUnits],
    numLabels: 2,
    outputActivation: kind,
    seed,
    name: kind,
  });
  model.compile({
    optimizer: tf.train.sgd(LESSON01_TRAINING.learningRate),
    loss: kind === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy',
    metrics: ['binaryAccuracy'],
  });
  return model;
}

/**
 * Trains a lesson 01 model with the source's epochs and batch size.
 * Used in lessons: 01.
 */
export function trainLesson01Model(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  seed: number,
  progress: string | false = false,
): Promise<TrainHistory> {
  return trainSeeded(model, x, y, {
    numEpochs: LESSON01_TRAINING.numEpochs,
    batchSize: LESSON01_TRAINING.batchSize,
    seed,
    progress,
  });
}

/** What a model predicts for the rows of one label combination. */
export interface CombinationReport {
  combination: string;
  rows: number;
  /** Mean predicted probability of each label. */
  meanProbs: number[];
  /** Share of rows whose thresholded prediction equals the true combination. */
  exactMatch: number;
  /** Share of label entries predicted correctly. */
  binaryAccuracy: number;
}

/**
 * Groups rows by their true label combination ("{1,0}") and reports, per combination, the mean
 * predicted probabilities and the accuracy of decisions `probs >= threshold`.
 * Used in lessons: 01.
 * @throws InputError for non-binary labels, probabilities outside [0, 1], or shape mismatch.
 */
export function reportByCombination(
  yTrue: number[][],
  probs: number[][],
  threshold = 0.5,
): CombinationReport[] {
  const shapeTrue = assertBinaryMatrix('yTrue', yTrue);
  assertSameShape('yTrue', shapeTrue, 'probs', assertProbabilityMatrix('probs', probs));
  assertProbability('threshold', threshold);
  const numLabels = shapeTrue[1];
  const groups = new Map<
    string,
    { rows: number; sums: number[]; exact: number; correct: number }
  >();
  yTrue.forEach((row, i) => {
    const key = labelCombinationKey(row);
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { rows: 0, sums: new Array(numLabels).fill(0), exact: 0, correct: 0 }));
    g.rows++;
    let allRight = true;
    for (let j = 0; j < numLabels; j++) {
      g.sums[j] += probs[i][j];
      const right = (probs[i][j] >= threshold ? 1 : 0) === row[j];
      if (right) g.correct++;
      else allRight = false;
    }
    if (allRight) g.exact++;
  });
  return [...groups.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([combination, g]) => ({
      combination,
      rows: g.rows,
      meanProbs: g.sums.map((s) => s / g.rows),
      exactMatch: g.exact / g.rows,
      binaryAccuracy: g.correct / (g.rows * numLabels),
    }));
}

/**
 * The margins of lesson 01's claims, chosen so that each holds for at least five seeds (see the
 * tests).
 * Used in lessons: 01.
 */
export const LESSON01_MARGINS = {
  sigmoidBinaryAccuracy: 0.93,
  sigmoidExactMatch: 0.8,
  softmaxSplitTolerance: 0.1,
  softmaxBinaryAccuracy: 0.7,
} as const;

/**
 * A combination report as table rows, one per combination.
 * Used in lessons: 01.
 */
export function combinationRows(
  report: readonly CombinationReport[],
  labelNames: readonly string[],
): Record<string, string | number>[] {
  if (!Array.isArray(report) || report.length === 0)
    throw new InputError(
      `report must be a non-empty array from reportByCombination, got ${describe(report)}`,
    );
  const width = report[0].meanProbs.length;
  if (!Array.isArray(labelNames) || labelNames.length !== width)
    throw new InputError(
      `labelNames must name the ${width} labels of the report, got ${describe(labelNames)}`,
    );
  return report.map((r) => ({
    combination: r.combination,
    rows: r.rows,
    ...Object.fromEntries(labelNames.map((name, j) => [`mean P(${name})`, r.meanProbs[j]])),
    'exact match': r.exactMatch,
    'binary accuracy': r.binaryAccuracy,
  }));
}

/**
 * Exact-match accuracy of each combination's rows at each threshold: the evidence that no
 * single threshold serves both {1,1} and {0,0} rows once outputs sum to 1.
 * Used in lessons: 01.
 */
export function exactMatchByThreshold(
  yTrue: number[][],
  probs: number[][],
  thresholds: readonly number[],
): Map<string, number[]> {
  if (!Array.isArray(thresholds) || thresholds.length === 0)
    throw new InputError(
      `thresholds must be a non-empty array of numbers in [0, 1], got ${describe(thresholds)}`,
    );
  const result = new Map<string, number[]>();
  for (const t of thresholds) {
    for (const r of reportByCombination(yTrue, probs, t)) {
      const list = result.get(r.combination) ?? [];
      list.push(r.exactMatch);
      result.set(r.combination, list);
    }
  }
  return result;
}

/**
 * The mean categorical cross-entropy of a model on some rows and the norm of its gradient with
 * respect to every trainable weight: zero for rows whose target is all zeros.
 * Used in lessons: 01.
 */
export function crossEntropyAndGradientNorm(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
): { loss: number; gradientNorm: number } {
  const [rows] = assertTensor2D('x', x);
  const [rowsY, cols] = assertTensor2D('y', y);
  if (rows !== rowsY)
    throw new InputError(`x and y must have the same number of rows, got ${rows} and ${rowsY}`);
  const units = model.outputs[0].shape[1];
  if (units !== cols)
    throw new InputError(`y must have one column per model output (${units}), got ${cols}`);
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => tf.metrics.categoricalCrossentropy(y, model.apply(x) as tf.Tensor).mean() as tf.Scalar,
    );
    const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
    return { loss: value.dataSync()[0], gradientNorm: Math.sqrt(tf.addN(squares).dataSync()[0]) };
  });
}
