/**
 * Plain rows (`number[][]`), the form the metrics take, from the flat arrays that tensors and
 * generators hold: one way to turn values or predictions into rows.
 */
import * as tf from '@tensorflow/tfjs';
import { assertInteger, assertTensor, describe, InputError } from './validate';

/**
 * Rows `[start, end)` of a row-major array as plain rows (`number[][]`), the form the metrics take.
 * Used in lessons: 02.
 * @throws InputError for a bad range or a length that is not a multiple of `cols`.
 */
export function toRows(values: Float32Array, cols: number, start = 0, end?: number): number[][] {
  if (!ArrayBuffer.isView(values) && !Array.isArray(values))
    throw new InputError(`toRows: values must be a typed array, got ${describe(values)}`);
  assertInteger('cols', cols, 1);
  if (values.length % cols !== 0)
    throw new InputError(`values has ${values.length} entries, not a multiple of cols = ${cols}`);
  const total = values.length / cols;
  assertInteger('start', start, 0, total);
  const stop = end === undefined ? total : end;
  assertInteger('end', stop, start, total);
  const out = new Array<number[]>(stop - start);
  for (let i = start; i < stop; i++)
    out[i - start] = Array.from(values.subarray(i * cols, (i + 1) * cols));
  return out;
}

/**
 * A 2-D tensor's values as plain rows, read once (`dataSync`) without keeping the tensor.
 * @throws InputError unless `t` is a 2-D tensor.
 */
export function tensorRows(t: tf.Tensor): number[][] {
  if (!(t instanceof tf.Tensor) || t.rank !== 2) {
    throw new InputError(`t must be a 2-D tensor [rows, columns], got ${describe(t)}`);
  }
  assertTensor('tensorRows', 't', t, 2);
  return toRows(t.dataSync() as Float32Array, t.shape[1] as number);
}

/**
 * The index of the largest of `length` values from `start` on, counted from `start`; the first
 * one on ties, as `tf.argMax` and `np.argmax`. For one row, `argMaxOf(row)`.
 * @throws InputError unless `values` is an array and `[start, start + length)` a non-empty
 *   window of it holding finite numbers.
 */
export function argMaxOf(values: ArrayLike<number>, start = 0, length?: number): number {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values))
    throw new InputError(`argMaxOf: values must be an array of numbers, got ${describe(values)}`);
  const n = values.length;
  if (n === 0) throw new InputError('argMaxOf: values must hold at least one number, got none');
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0 || start >= n)
    throw new InputError(`argMaxOf: start must be an integer in [0, ${n}), got ${describe(start)}`);
  if (!Number.isFinite(values[start]))
    throw new InputError(
      `argMaxOf: values[${start}] must be a finite number, got ${describe(values[start])}`,
    );
  const size = length === undefined ? n - start : length;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || start + size > n)
    throw new InputError(
      `argMaxOf: length must be an integer in [1, ${n - start}], got ${describe(size)}`,
    );
  for (let j = start; j < start + size; j++)
    if (!Number.isFinite(values[j]))
      throw new InputError(
        `argMaxOf: values[${j}] must be a finite number, got ${describe(values[j])}`,
      );
  return argMaxIn(values, start, size);
}

/** {@link argMaxOf} without the checks, for windows this module has already checked. */
function argMaxIn(values: ArrayLike<number>, start: number, length: number): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (values[start + j] > values[start + best]) best = j;
  return best;
}

/**
 * The row index of each row's largest value (first on ties), as `tf.argMax` gives it.
 * @throws InputError unless `t` is a 2-D tensor.
 */
export function tensorArgMax(t: tf.Tensor): number[] {
  if (!(t instanceof tf.Tensor) || t.rank !== 2) {
    throw new InputError(`t must be a 2-D tensor [rows, columns], got ${describe(t)}`);
  }
  assertTensor('tensorArgMax', 't', t, 2);
  const values = t.dataSync();
  const [rows, cols] = t.shape as [number, number];
  const out = new Array<number>(rows);
  for (let i = 0; i < rows; i++) out[i] = argMaxIn(values, i * cols, cols);
  return out;
}
