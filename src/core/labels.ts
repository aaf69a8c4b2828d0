/**
 * Multi-hot labels: label id lists <-> 0/1 rows, the one combination key (and its inverse),
 * combination counts and label cardinality. Rows are also read as binary numbers, most
 * significant bit first (`[1, 0, 0, 1]` is 9), which the label powerset builds on.
 */

import { assertAllocation } from './allocation';
import {
  InputError,
  Matrix,
  assertBinaryMatrix,
  assertBinaryRow,
  assertInteger,
  describe,
} from './validate';

/**
 * Largest label count whose combinations still map to distinct, exactly representable JS numbers
 * (2^53 - 1 is Number.MAX_SAFE_INTEGER). Above it, combination lookups fall back to string keys.
 */
const MAX_EXACT_CODE_BITS = 53;

/**
 * Throws unless `row` is an array and `cols` a whole number of its entries: the cheap check of
 * the combination helpers, which run once per row (each bit is checked as it is read).
 */
function assertRowAndCols(fn: string, row: unknown, cols: unknown): void {
  if (!Array.isArray(row) && !ArrayBuffer.isView(row))
    throw new InputError(`${fn}: row must be an array of 0/1, got ${describe(row)}`);
  const length = (row as ArrayLike<number>).length;
  if (typeof cols !== 'number' || !Number.isInteger(cols) || cols < 0 || cols > length)
    throw new InputError(
      `${fn}: cols must be an integer in [0, ${length}] (row's length), got ${describe(cols)}`,
    );
}

function badBit(fn: string, row: readonly number[], j: number): never {
  throw new InputError(`${fn}: row[${j}] must be 0 or 1, got ${describe(row[j])}`);
}

/**
 * The combination read as a binary number, most significant bit first. Multiplication rather
 * than `<<` keeps it exact above 2^31; callers keep `cols <= 53`.
 * @throws InputError unless `row` is an array of 0/1 with at least `cols` entries.
 */
export function combinationCode(row: readonly number[], cols: number): number {
  assertRowAndCols('combinationCode', row, cols);
  let code = 0;
  for (let j = 0; j < cols; j++) {
    const bit = row[j];
    if (bit !== 0 && bit !== 1) badBit('combinationCode', row, j);
    code = code * 2 + bit;
  }
  return code;
}

function keyOf(row: readonly number[], cols: number): string {
  let key = '{';
  for (let j = 0; j < cols; j++) {
    const bit = row[j];
    if (bit !== 0 && bit !== 1) badBit('combinationLookupKey', row, j);
    key += j === 0 ? String(bit) : ',' + String(bit);
  }
  return key + '}';
}

/**
 * A Map key for a row: a number when exact (no string built per row), otherwise the text key.
 * @throws InputError unless `row` is an array of 0/1 with at least `cols` entries.
 */
export function combinationLookupKey(row: readonly number[], cols: number): number | string {
  assertRowAndCols('combinationLookupKey', row, cols);
  return cols <= MAX_EXACT_CODE_BITS ? combinationCode(row, cols) : keyOf(row, cols);
}

/**
 * Writes the bits of `code` into `out[0..n)`, most significant first; `code` must be < 2^n.
 * @throws InputError unless `n` is a whole number, `code` a whole number below 2^n and `out` an
 *   array.
 */
export function decodeCombinationInto(code: number, n: number, out: number[]): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1024)
    throw new InputError(
      `decodeCombinationInto: n must be an integer in [0, 1024], got ${describe(n)}`,
    );
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0) badCode(code, n);
  if (!Array.isArray(out))
    throw new InputError(`decodeCombinationInto: out must be an array, got ${describe(out)}`);
  let rest = code;
  for (let j = n - 1; j >= 0; j--) {
    // `% 2` and exact division instead of `& 1` / `>> 1`, which truncate to 32 bits.
    const bit = rest % 2;
    out[j] = bit;
    rest = (rest - bit) / 2;
  }
  if (rest !== 0) badCode(code, n); // code >= 2^n: bits were left over
}

function badCode(code: unknown, n: number): never {
  throw new InputError(
    `decodeCombinationInto: code must be an integer in [0, 2^${n}), got ${describe(code)}`,
  );
}

/**
 * Turns lists of label ids into a multi-hot 0/1 matrix.
 *
 * `toMultiHot([[0, 2], [1, 3, 4]], 5)` gives `[[1,0,1,0,0], [0,1,0,1,1]]`. An empty list is a
 * row with no labels (all zeros). Duplicate ids within a list are rejected: a multi-hot row cannot
 * record a count, so a repeated id almost always means a parsing or joining bug upstream.
 * Used in lessons: 02.
 *
 * @param labelLists one list of label ids per example; ids are integers in [0, numLabels - 1]
 * @param numLabels the number of labels (columns), an integer >= 1
 * @returns `yTrue`, a new number[][] of shape [labelLists.length, numLabels]
 * @throws InputError if `labelLists` is not a non-empty array of arrays, if `numLabels` is not an
 *   integer >= 1, or if an id is not an integer in range or appears twice in one list
 */
export function toMultiHot(
  labelLists: readonly (readonly number[])[],
  numLabels: number,
): number[][] {
  assertInteger('numLabels', numLabels, 1);
  if (!Array.isArray(labelLists)) {
    throw new InputError(
      `labelLists must be an array of label id lists (number[][]), got ${describe(labelLists)}`,
    );
  }
  if (labelLists.length === 0)
    throw new InputError('labelLists must have at least one row, got an empty array');
  assertAllocation('toMultiHot', { rows: labelLists.length, labels: numLabels });
  const yTrue: number[][] = new Array(labelLists.length);
  for (let i = 0; i < labelLists.length; i++) {
    const ids: unknown = labelLists[i];
    if (!Array.isArray(ids)) {
      throw new InputError(`labelLists[${i}] must be an array of label ids, got ${describe(ids)}`);
    }
    const row: number[] = new Array(numLabels).fill(0);
    for (let k = 0; k < ids.length; k++) {
      const id: unknown = ids[k];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= numLabels) {
        throw new InputError(
          `labelLists[${i}][${k}] must be an integer label id in [0, ${numLabels - 1}] ` +
            `(numLabels = ${numLabels}), got ${describe(id)}`,
        );
      }
      if (row[id] === 1) {
        throw new InputError(
          `labelLists[${i}] lists label ${id} twice (positions ${ids.indexOf(id)} and ${k}); ` +
            'duplicates are rejected because a multi-hot row cannot hold a count',
        );
      }
      row[id] = 1;
    }
    yTrue[i] = row;
  }
  return yTrue;
}

/**
 * Turns a multi-hot matrix back into lists of label ids (ascending), the inverse of `toMultiHot`.
 * Used in lessons: 02.
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @returns one ascending list of label ids per row (empty for a row with no labels)
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
 */
export function fromMultiHot(yTrue: Matrix): number[][] {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  const out: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = yTrue[i];
    const ids: number[] = [];
    for (let j = 0; j < cols; j++) if (row[j] === 1) ids.push(j);
    out[i] = ids;
  }
  return out;
}

/**
 * A text key for one label combination, e.g. `[1, 0]` -> `"{1,0}"`, used to group rows.
 * Keys of rows with the same number of labels sort (as strings) in the same order as their
 * powerset class indices.
 * Used in lessons: 01, 04.
 *
 * @param row one multi-hot 0/1 row, non-empty
 * @returns the key `"{b0,b1,...}"`
 * @throws InputError if `row` is not a non-empty array of 0/1
 */
export function labelCombinationKey(row: readonly number[]): string {
  assertBinaryRow('row', row);
  return keyOf(row, row.length);
}

/**
 * The inverse of {@link labelCombinationKey}: `"{1,0,1}"` back to `[1, 0, 1]`.
 *
 * @param key a key as made by `labelCombinationKey`
 * @returns a new 0/1 row
 * @throws InputError if `key` is not a string of the form `{b,b,...}` with each b 0 or 1
 */
export function parseCombinationKey(key: string): number[] {
  if (typeof key !== 'string' || !/^\{[01](,[01])*\}$/.test(key)) {
    throw new InputError(
      `key must be a label combination key like "{1,0,1}", got ${describe(key)}`,
    );
  }
  return key.slice(1, -1).split(',').map(Number);
}

/** One distinct label combination and how many rows have it. */
export interface CombinationCount {
  /** The combination's key, as from `labelCombinationKey`, e.g. `"{1,0,1}"`. */
  combination: string;
  count: number;
}

/**
 * Counts how many rows have each distinct label combination.
 * Used in lessons: 01, 04, 05, 06.
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @returns one entry per distinct combination, sorted by combination key (for equal-length rows
 *   this is the same as sorting by powerset class index, `{0,0}` < `{0,1}` < `{1,0}` < `{1,1}`)
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
 */
export function countCombinations(yTrue: Matrix): CombinationCount[] {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  // Counting by numeric code avoids building a string for every row; strings are built only once
  // per distinct combination.
  const counts = new Map<number | string, number>();
  const firstRow = new Map<number | string, number>();
  for (let i = 0; i < rows; i++) {
    const key = combinationLookupKey(yTrue[i], cols);
    const c = counts.get(key);
    if (c === undefined) {
      counts.set(key, 1);
      firstRow.set(key, i);
    } else {
      counts.set(key, c + 1);
    }
  }
  const out: CombinationCount[] = [];
  firstRow.forEach((i, key) => {
    out.push({ combination: keyOf(yTrue[i], cols), count: counts.get(key) as number });
  });
  out.sort((a, b) => (a.combination < b.combination ? -1 : a.combination > b.combination ? 1 : 0));
  return out;
}

/**
 * Label cardinality: the mean number of labels per row.
 * Used in lessons: 06.
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @returns the mean row sum, in [0, numLabels]
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
 */
export function labelCardinality(yTrue: Matrix): number {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const row = yTrue[i];
    for (let j = 0; j < cols; j++) total += row[j];
  }
  return total / rows;
}

/**
 * Counts the rows that have at least `k` labels.
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @param k an integer >= 0 (k = 0 counts every row; k > numLabels counts none)
 * @returns the number of rows whose row sum is >= k
 * @throws InputError if `yTrue` is empty, ragged, or not 0/1, or if `k` is not an integer >= 0
 */
export function rowsWithAtLeast(yTrue: Matrix, k: number): number {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  assertInteger('k', k, 0);
  let count = 0;
  for (let i = 0; i < rows; i++) {
    const row = yTrue[i];
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += row[j];
    if (sum >= k) count++;
  }
  return count;
}
