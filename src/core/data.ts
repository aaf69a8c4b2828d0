/**
 * Data generators. Each lesson's data set is made here from a seed, written to `data/` by
 * `npm run data`, and checked by the tests to be exactly what this code makes.
 */
import { assertAllocation } from './allocation';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type { DataFrame } from 'danfojs-node';
import { readCsvFile } from './csv-files';
import { createRng, permutation, type Rng } from './random';
import {
  assertFiniteNumber,
  assertInteger,
  assertOptions,
  assertProbability,
  assertTensor2D,
  describe,
  InputError,
} from './validate';

/** Options of {@link makeClassification}, named after scikit-learn's `make_classification`. */
export interface MakeClassificationOptions {
  numSamples: number;
  numFeatures: number;
  numClasses: number;
  /** Half the side of the hypercube whose vertices are the class centres. */
  classSep: number;
  /** Fraction of rows whose class is replaced by a random one (label noise). */
  flipY: number;
  seed: number;
}

/** Features (row-major, `numSamples x numFeatures`) and one class index per row. */
export interface ClassificationData {
  x: Float32Array;
  classIndex: Int32Array;
  numSamples: number;
  numFeatures: number;
}

/**
 * Gaussian clusters, one per class, in the manner of scikit-learn's `make_classification`
 * with every feature informative and one cluster per class: class centres are distinct random
 * vertices of a hypercube of side `2 * classSep`, each cluster is a standard normal cloud
 * multiplied by its own random matrix with entries in [-1, 1] (so clusters are elongated and
 * may overlap), a fraction `flipY` of rows get a random class, and rows are shuffled.
 * @throws InputError for non-integer sizes, more classes than hypercube vertices, or a bad flipY.
 */
export function makeClassification(options: MakeClassificationOptions): ClassificationData {
  assertOptions<MakeClassificationOptions>(
    options,
    {
      numSamples: true,
      numFeatures: true,
      numClasses: true,
      classSep: true,
      flipY: true,
      seed: true,
    },
    { required: true },
  );
  const { numSamples, numFeatures, numClasses, classSep, flipY, seed } = options;
  assertInteger('numSamples', numSamples, 1);
  assertInteger('numFeatures', numFeatures, 1, 30);
  assertAllocation('makeClassification', { rows: numSamples, features: numFeatures });
  assertInteger('numClasses', numClasses, 2);
  assertFiniteNumber('classSep', classSep);
  assertProbability('flipY', flipY);
  if (numClasses > 2 ** numFeatures) {
    throw new InputError(
      `numClasses must be at most 2^numFeatures = ${2 ** numFeatures} (hypercube vertices), ` +
        `got ${numClasses}`,
    );
  }
  const rng = createRng(seed);
  const centres = hypercubeVertices(numClasses, numFeatures, rng).map((v) =>
    v.map((bit) => (bit * 2 - 1) * classSep),
  );
  const x = new Float32Array(numSamples * numFeatures);
  const classIndex = new Int32Array(numSamples);
  const z = new Float64Array(numFeatures);
  let row = 0;
  for (let k = 0; k < numClasses; k++) {
    // Equal shares, the first classes taking one extra row each when it does not divide evenly.
    const count = Math.floor(numSamples / numClasses) + (k < numSamples % numClasses ? 1 : 0);
    const mixing = Array.from({ length: numFeatures }, () =>
      Array.from({ length: numFeatures }, () => rng.uniformIn(-1, 1)),
    );
    for (let n = 0; n < count; n++, row++) {
      for (let i = 0; i < numFeatures; i++) z[i] = rng.normal();
      for (let j = 0; j < numFeatures; j++) {
        let sum = centres[k][j];
        for (let i = 0; i < numFeatures; i++) sum += z[i] * mixing[i][j];
        x[row * numFeatures + j] = sum;
      }
      classIndex[row] = k;
    }
  }
  for (let r = 0; r < numSamples; r++) {
    if (rng.uniform() < flipY) classIndex[r] = rng.int(numClasses);
  }
  const order = permutation(numSamples, rng);
  const xShuffled = new Float32Array(x.length);
  const classShuffled = new Int32Array(numSamples);
  for (let r = 0; r < numSamples; r++) {
    xShuffled.set(
      x.subarray(order[r] * numFeatures, (order[r] + 1) * numFeatures),
      r * numFeatures,
    );
    classShuffled[r] = classIndex[order[r]];
  }
  return { x: xShuffled, classIndex: classShuffled, numSamples, numFeatures };
}

/** Distinct random vertices of the unit hypercube in `dims` dimensions, as 0/1 vectors. */
function hypercubeVertices(count: number, dims: number, rng: Rng): number[][] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(2 ** dims));
  return [...chosen].map((v) =>
    Array.from({ length: dims }, (_, d) => Math.floor(v / 2 ** (dims - 1 - d)) % 2),
  );
}

/** A labelled data set loaded from CSV: the frame as read, and feature and label tensors. */
export interface LabelledData {
  df: DataFrame;
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  featureNames: string[];
  labelNames: string[];
}

/**
 * Loads a CSV file with danfo and checks it: the file exists, has the named columns, and every
 * feature and label value is a finite number (labels 0 or 1).
 * Used in lessons: 01.
 * @throws InputError naming the file and the missing column, or the row and column of a bad value.
 */
export async function loadLabelledCsv(
  path: string,
  columns: { features: string[]; labels: string[] },
): Promise<LabelledData> {
  if (typeof path !== 'string' || path === '')
    throw new InputError(`path must be a CSV file path, got ${describe(path)}`);
  for (const part of ['features', 'labels'] as const) {
    const names: unknown = columns?.[part];
    if (!Array.isArray(names) || names.length === 0 || names.some((c) => typeof c !== 'string')) {
      throw new InputError(
        `columns.${part} must be a non-empty array of column names, got ${describe(names)}`,
      );
    }
  }
  if (!existsSync(path))
    throw new InputError(
      `data file ${path} does not exist (npm run data writes the lesson data files)`,
    );
  const df = await readCsvFile(path);
  const missing = [...columns.features, ...columns.labels].filter((c) => !df.columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      `data file ${path} lacks column(s) ${missing.join(', ')}; it has ${df.columns.join(', ')}`,
    );
  }
  const check = (names: string[], binary: boolean): number[][] => {
    const values = df.loc({ columns: names }).values as unknown[][];
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new InputError(
            `data file ${path}, row ${i + 1}, column ${names[j]}: expected a number, ` +
              `got ${JSON.stringify(v)}`,
          );
        }
        if (binary && v !== 0 && v !== 1)
          throw new InputError(
            `data file ${path}, row ${i + 1}, label ${names[j]}: expected 0 or 1, got ${v}`,
          );
      }),
    );
    if (values.length === 0)
      throw new InputError(`data file ${path} must have at least one data row, got only a header`);
    return values as number[][];
  };
  const x = tf.tensor2d(check(columns.features, false));
  const y = tf.tensor2d(check(columns.labels, true));
  return { df, x, y, featureNames: columns.features, labelNames: columns.labels };
}

/** Train and test parts of the same rows. */
export interface TrainTestSplit {
  xTrain: tf.Tensor2D;
  yTrain: tf.Tensor2D;
  xTest: tf.Tensor2D;
  yTest: tf.Tensor2D;
}

/**
 * Splits rows at random (seeded) into a training part and a test part of `testFraction`.
 * Used in lessons: 01.
 * @throws InputError for mismatched row counts or a fraction that leaves either part empty.
 */
export function trainTestSplit(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  options: { testFraction: number; seed: number },
): TrainTestSplit {
  assertTensor2D('x', x);
  assertTensor2D('y', y);
  assertOptions<{ testFraction: number; seed: number }>(
    options,
    { testFraction: true, seed: true },
    { required: true },
  );
  assertProbability('testFraction', options.testFraction);
  const rows = x.shape[0];
  if (y.shape[0] !== rows)
    throw new InputError(
      `x and y must have the same number of rows, got ${rows} and ${y.shape[0]}`,
    );
  const numTest = Math.round(rows * options.testFraction);
  if (numTest === 0 || numTest === rows)
    throw new InputError(
      `testFraction ${options.testFraction} of ${rows} rows leaves an empty part`,
    );
  const order = permutation(rows, createRng(options.seed));
  return tf.tidy(() => {
    const train = tf.tensor1d(order.subarray(numTest), 'int32');
    const test = tf.tensor1d(order.subarray(0, numTest), 'int32');
    return {
      xTrain: tf.gather(x, train),
      yTrain: tf.gather(y, train),
      xTest: tf.gather(x, test),
      yTest: tf.gather(y, test),
    };
  });
}
