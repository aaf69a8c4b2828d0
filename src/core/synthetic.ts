/**
 * Seeded multi-label data with imbalanced, partly correlated labels, in typed arrays.
 *
 * Features are independent standard normals. Each label has a hidden score: a linear rule on a
 * few features plus one pairwise product (so a hidden layer helps), scaled to unit variance,
 * optionally mixed with the score of a "parent" label (which makes the two labels correlated),
 * plus Gaussian noise that the features do not explain. A label is present when its score is in
 * the top `labelFrequencies[j]` of the rows, so the frequencies are met exactly. Rows are stored
 * row-major in `Float32Array`s, ready for `tf.tensor2d(values, [rows, cols])`; no per-row objects.
 */
import { assertAllocation } from './allocation';
import * as tf from '@tensorflow/tfjs';
import { createRng, permutation } from './random';
import {
  assertArray,
  assertFiniteNumber,
  assertInteger,
  assertObject,
  assertOptions,
  describe,
  InputError,
} from './validate';

/** Options of {@link makeImbalancedMultiLabel}. */
export interface ImbalancedMultiLabelOptions {
  numSamples: number;
  numFeatures: number;
  /**
   * Target fraction of rows carrying each label, each in (0, 1); its length is the number of
   * labels.
   */
  labelFrequencies: readonly number[];
  /** Features in each label's linear rule (default 4, at most numFeatures). */
  featuresPerLabel?: number;
  /**
   * Standard deviation of the unexplained noise added to each unit-variance score
   * (default 0.5).
   */
  noise?: number;
  /** Parent label of each label (-1 for none); a parent must come earlier. Default: none. */
  parents?: readonly number[];
  /** Share of the parent's score in a child's score, in [0, 1) (default 0.8). */
  parentWeight?: number;
  seed: number;
}

/** Features and multi-hot labels, row-major. */
export interface MultiLabelArrays {
  /** `numSamples x numFeatures` features. */
  x: Float32Array;
  /** `numSamples x numLabels` 0/1 labels. */
  y: Float32Array;
  numSamples: number;
  numFeatures: number;
  numLabels: number;
}

function checkImbalancedOptions(o: ImbalancedMultiLabelOptions): void {
  assertInteger('numSamples', o.numSamples, 1);
  assertInteger('numFeatures', o.numFeatures, 2);
  assertAllocation('makeImbalancedMultiLabel', { rows: o.numSamples, features: o.numFeatures });
  if (!Array.isArray(o.labelFrequencies) || o.labelFrequencies.length === 0) {
    throw new InputError(
      'labelFrequencies must be a non-empty array of fractions in (0, 1), ' +
        `got ${describe(o.labelFrequencies)}`,
    );
  }
  o.labelFrequencies.forEach((f, j) => {
    assertFiniteNumber(`labelFrequencies[${j}]`, f);
    if (f <= 0 || f >= 1)
      throw new InputError(`labelFrequencies[${j}] must be in (0, 1), got ${f}`);
  });
  assertInteger('featuresPerLabel', o.featuresPerLabel ?? 4, 1, o.numFeatures);
  assertFiniteNumber('noise', o.noise ?? 0.5);
  if ((o.noise ?? 0.5) < 0) throw new InputError(`noise must be >= 0, got ${o.noise}`);
  const w = o.parentWeight ?? 0.8;
  assertFiniteNumber('parentWeight', w);
  if (w < 0 || w >= 1) throw new InputError(`parentWeight must be in [0, 1), got ${w}`);
  if (o.parents !== undefined) {
    if (!Array.isArray(o.parents) || o.parents.length !== o.labelFrequencies.length) {
      throw new InputError(
        `parents must have one entry per label (${o.labelFrequencies.length}), ` +
          `got ${describe(o.parents)}`,
      );
    }
    o.parents.forEach((p, j) => assertInteger(`parents[${j}]`, p, -1, j - 1));
  }
}

/**
 * Makes multi-label data with imbalanced, feature-dependent and partly correlated labels (see the
 * module comment). The same options always give the same arrays.
 * Used in lessons: 02.
 * @throws InputError for non-integer sizes, frequencies outside (0, 1), a negative noise, a
 *   parent that does not come before its child, or a parentWeight outside [0, 1).
 */
export function makeImbalancedMultiLabel(options: ImbalancedMultiLabelOptions): MultiLabelArrays {
  assertOptions<ImbalancedMultiLabelOptions>(
    options,
    {
      numSamples: true,
      numFeatures: true,
      labelFrequencies: true,
      featuresPerLabel: true,
      noise: true,
      parents: true,
      parentWeight: true,
      seed: true,
    },
    { required: true },
  );
  checkImbalancedOptions(options);
  const {
    numSamples: n,
    numFeatures: F,
    labelFrequencies,
    featuresPerLabel = 4,
    noise = 0.5,
    parentWeight = 0.8,
    seed,
  } = options;
  const L = labelFrequencies.length;
  const parents = options.parents ?? new Array<number>(L).fill(-1);
  const rng = createRng(seed);
  const rules = Array.from({ length: L }, () => {
    const chosen = permutation(F, rng).subarray(0, featuresPerLabel);
    const pair = permutation(F, rng).subarray(0, 2);
    return {
      features: Array.from(chosen),
      weights: Array.from(chosen, () => rng.uniformIn(0.5, 1.5) * (rng.uniform() < 0.5 ? -1 : 1)),
      a: pair[0],
      b: pair[1],
      c: rng.uniformIn(0.5, 1) * (rng.uniform() < 0.5 ? -1 : 1),
    };
  });
  const x = new Float32Array(n * F);
  for (let k = 0; k < x.length; k++) x[k] = rng.normal();

  // Hidden scores, label-major so that each label's column is contiguous for the quantile.
  const score = new Float64Array(L * n);
  for (let j = 0; j < L; j++) {
    const r = rules[j];
    const scale = 1 / Math.sqrt(r.weights.reduce((s, w) => s + w * w, 0) + r.c * r.c);
    const own = Math.sqrt(1 - parentWeight * parentWeight);
    const p = parents[j];
    for (let i = 0; i < n; i++) {
      const row = i * F;
      let s = r.c * x[row + r.a] * x[row + r.b];
      for (let k = 0; k < r.features.length; k++) s += r.weights[k] * x[row + r.features[k]];
      s *= scale;
      // A child mixes in its parent's noiseless score, kept in place below until noise is added.
      score[j * n + i] = p >= 0 ? own * s + parentWeight * score[p * n + i] : s;
    }
  }
  const y = new Float32Array(n * L);
  const noisy = new Float64Array(n);
  for (let j = 0; j < L; j++) {
    for (let i = 0; i < n; i++) noisy[i] = score[j * n + i] + noise * rng.normal();
    const sorted = Float64Array.from(noisy).sort();
    const positives = Math.max(1, Math.round(labelFrequencies[j] * n));
    const cut = sorted[n - positives];
    for (let i = 0; i < n; i++) if (noisy[i] >= cut) y[i * L + j] = 1;
  }
  return { x, y, numSamples: n, numFeatures: F, numLabels: L };
}

/** Feature and label tensors of one block of rows. */
export interface TensorBlock {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

/**
 * Splits the rows into consecutive blocks of the given sizes, as tensors (rows are independent
 * draws, so consecutive blocks are random splits). Sizes must add up to `numSamples`.
 * Used in lessons: 02.
 * @throws InputError when a size is not a positive integer or the sizes do not add up.
 */
export function toTensorBlocks(data: MultiLabelArrays, sizes: readonly number[]): TensorBlock[] {
  assertObject('data', data, '{ x, y } (from makeImbalancedMultiLabel)');
  assertArray('sizes', sizes, 'block sizes', 1);
  sizes.forEach((s, k) => assertInteger(`sizes[${k}]`, s, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== data.numSamples)
    throw new InputError(`sizes must add up to numSamples = ${data.numSamples}, got ${total}`);
  let start = 0;
  return sizes.map((size) => {
    const block = {
      x: tf.tensor2d(data.x.subarray(start * data.numFeatures, (start + size) * data.numFeatures), [
        size,
        data.numFeatures,
      ]),
      y: tf.tensor2d(data.y.subarray(start * data.numLabels, (start + size) * data.numLabels), [
        size,
        data.numLabels,
      ]),
    };
    start += size;
    return block;
  });
}
