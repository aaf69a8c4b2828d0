/**
 * One data draw per repetition of an experiment, stacked per member for the K-member trainer:
 * each seed draws its own fit rows (training rows, then validation rows, as `validationSplit`
 * takes them) and its own test rows.
 */
import * as tf from '@tensorflow/tfjs';
import { toRows } from './rows';
import type { MultiLabelArrays } from './synthetic';
import { assertInteger, assertObject, assertProbability, describe, InputError } from './validate';

/** Row counts of each draw. */
export interface DrawSizes {
  /** Rows each member trains on, the last `validationSplit` of them held out for validation. */
  fitRows: number;
  /** Further rows of the same draw, seen by no training or tuning step. */
  testRows: number;
  /** Share of the fit rows held out (Keras' `validation_split`: the last rows). */
  validationSplit: number;
}

/** One data draw per member, as tensors for training and plain rows for the metrics. */
export interface Draws {
  /** `[K, fitRows, features]`: each member's fit rows (training rows, then validation rows). */
  xFit: tf.Tensor3D;
  /** `[K, fitRows, labels]` multi-hot targets of the fit rows. */
  yFit: tf.Tensor3D;
  /** `[K, valRows, features]`: the validation rows (the last rows of the fit rows). */
  xVal: tf.Tensor3D;
  /** `[K, testRows, features]`. */
  xTest: tf.Tensor3D;
  /** Per member, the validation rows' labels. */
  yVal: number[][][];
  /** Per member, the test rows' labels. */
  yTest: number[][][];
  dispose(): void;
}

/**
 * Draws `fitRows + testRows` rows per seed with `make` and stacks them per member: member k's
 * rows are `make(fitRows + testRows, seeds[k])`, fit rows first.
 * Used in lessons: 03.
 * @returns the draws; the caller disposes them.
 * @throws InputError for an empty seed list or bad sizes.
 */
export function drawRepeated(
  make: (numSamples: number, seed: number) => MultiLabelArrays,
  sizes: DrawSizes,
  seeds: readonly number[],
): Draws {
  if (typeof make !== 'function')
    throw new InputError(
      `make must be a function (numSamples, seed) => MultiLabelArrays, got ${describe(make)}`,
    );
  if (!Array.isArray(seeds) || seeds.length === 0)
    throw new InputError(`seeds must be a non-empty array, got ${describe(seeds)}`);
  assertObject('sizes', sizes, '{ fitRows, testRows, validationSplit }');
  assertInteger('sizes.fitRows', sizes.fitRows, 2);
  assertInteger('sizes.testRows', sizes.testRows, 1);
  assertProbability('sizes.validationSplit', sizes.validationSplit);
  const { fitRows, testRows } = sizes;
  const numVal = Math.floor(fitRows * sizes.validationSplit);
  const K = seeds.length;
  const draws = seeds.map((seed) => make(fitRows + testRows, seed));
  const { numFeatures: F, numLabels: L } = draws[0];
  const xFit = new Float32Array(K * fitRows * F);
  const yFit = new Float32Array(K * fitRows * L);
  const xTest = new Float32Array(K * testRows * F);
  draws.forEach((d, k) => {
    xFit.set(d.x.subarray(0, fitRows * F), k * fitRows * F);
    yFit.set(d.y.subarray(0, fitRows * L), k * fitRows * L);
    xTest.set(d.x.subarray(fitRows * F), k * testRows * F);
  });
  const x = tf.tensor3d(xFit, [K, fitRows, F]);
  const tensors = {
    xFit: x,
    yFit: tf.tensor3d(yFit, [K, fitRows, L]),
    xVal: tf.slice(x, [0, fitRows - numVal, 0], [K, numVal, F]),
    xTest: tf.tensor3d(xTest, [K, testRows, F]),
  };
  return {
    ...tensors,
    yVal: draws.map((d) => toRows(d.y, L, fitRows - numVal, fitRows)),
    yTest: draws.map((d) => toRows(d.y, L, fitRows, fitRows + testRows)),
    dispose: () => tf.dispose(Object.values(tensors)),
  };
}
