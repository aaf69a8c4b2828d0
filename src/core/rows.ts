/**
 * Plain rows (`number[][]`), the form the metrics take, from the flat arrays that tensors and
 * generators hold: one way to turn values or predictions into rows.
 */
import * as tf from '@tensorflow/tfjs';
import { assertInteger, describe, InputError } from './validate';

/**
 * Rows `[start, end)` of a row-major array as plain rows (`number[][]`), the form the metrics take.
 * Used in lessons: 02.
 * @throws InputError for a bad range or a length that is not a multiple of `cols`.
 */
export function toRows(
  values: Float32Array,
  cols: number,
  start = 0,
  end = values.length / cols,
): number[][] {
  assertInteger('cols', cols, 1);
  if (values.length % cols !== 0)
    throw new InputError(`values has ${values.length} entries, not a multiple of cols = ${cols}`);
  const total = values.length / cols;
  assertInteger('start', start, 0, total);
  assertInteger('end', end, start, total);
  const out = new Array<number[]>(end - start);
  for (let i = start; i < end; i++)
    out[i - start] = Array.from(values.subarray(i * cols, (i + 1) * cols));
  return out;
}

/**
 * A 2-D tensor's values as plain rows, read once (`dataSync`) without keeping the tensor.
 * @throws InputError unless `t` is a 2-D tensor.
 */
export function tensorRows(t: tf.Tensor): number[][] {
  if (!(t instanceof tf.Tensor) || t.rank !== 2) {
    throw new InputError(`expected a 2-D tensor [rows, columns], got ${describe(t)}`);
  }
  return toRows(t.dataSync() as Float32Array, t.shape[1] as number);
}

/**
 * The index of the largest of `length` values from `start` on, counted from `start`; the first
 * one on ties, as `tf.argMax` and `np.argmax`. For one row, `argMaxOf(row)`.
 */
export function argMaxOf(values: ArrayLike<number>, start = 0, length = values.length - start) {
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
    throw new InputError(`expected a 2-D tensor [rows, columns], got ${describe(t)}`);
  }
  const values = t.dataSync();
  const [rows, cols] = t.shape as [number, number];
  const out = new Array<number>(rows);
  for (let i = 0; i < rows; i++) out[i] = argMaxOf(values, i * cols, cols);
  return out;
}
