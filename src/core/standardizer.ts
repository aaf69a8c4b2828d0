/**
 * Standardizing features with statistics fitted on the training rows only: `z = (x - mean) / sd`
 * per column, so that test rows are rescaled as any new row would be, without leaking into the
 * statistics.
 */
import {
  assertArray,
  assertList,
  assertMatrix,
  assertObject,
  InputError,
  type Matrix,
} from './validate';

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
  assertObject('standardizer', standardizer, '{ mean, sd } (from fitStandardizer)');
  assertArray('standardizer.mean', standardizer.mean, 'column means', 1);
  assertList('standardizer.mean', standardizer.mean);
  assertList('standardizer.sd', standardizer.sd);
  if (standardizer.sd.length !== standardizer.mean.length)
    throw new InputError(
      `standardizer.sd must have one entry per entry of standardizer.mean ` +
        `(${standardizer.mean.length}), got ${standardizer.sd.length}`,
    );
  standardizer.sd.forEach((s, j) => {
    if (s <= 0) throw new InputError(`standardizer.sd[${j}] must be > 0, got ${s}`);
  });
  const first: unknown = Array.isArray(x) ? x[0] : undefined;
  if (Array.isArray(first) && first.length !== standardizer.mean.length)
    throw new InputError(
      `x must have ${standardizer.mean.length} columns, got ${first.length} ` +
        `(standardizer.mean has one entry per column)`,
    );
  assertMatrix('x', x, standardizer.mean.length);
  const { mean, sd } = standardizer;
  return x.map((row) => row.map((v, j) => (v - mean[j]) / sd[j]));
}
