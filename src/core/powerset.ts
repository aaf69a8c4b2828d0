/**
 * The label powerset: each 0/1 row read as a binary number, most significant bit first, so
 * `[1, 0, 0, 1]` is class 9 and `[1, 0, 1, 0]` is class 10. seen-combinations.ts numbers only the
 * combinations that occur in training instead.
 */

import { formatCount } from './format';
import { combinationCode, decodeCombinationInto } from './labels';
import {
  assertBinaryMatrix,
  assertBinaryRow,
  assertIndexList,
  assertInteger,
  describe,
  InputError,
  Matrix,
} from './validate';

/** 2^n as an exact double: powers of two are exact far beyond 2^53, unlike `1 << n` past 2^30. */
export function pow2(n: number): number {
  assertInteger('pow2: n', n, 0);
  return Math.pow(2, n);
}

function tooManyLabelsMessage(subject: string, n: number): string {
  return (
    `${subject}, but a label powerset supports at most ${MAX_POWERSET_LABELS} labels: ` +
    `${n} labels would mean 2^${n} = ${formatCount(pow2(n))} classes ` +
    `(2^${MAX_POWERSET_LABELS} = ${formatCount(pow2(MAX_POWERSET_LABELS))} is already far beyond ` +
    `any output layer we can build)`
  );
}

/** Throws unless `numLabels` is an integer in [1, MAX_POWERSET_LABELS], naming 2^n when over. */
export function assertPowersetNumLabels(
  name: string,
  numLabels: unknown,
): asserts numLabels is number {
  assertInteger(name, numLabels, 1);
  if (numLabels > MAX_POWERSET_LABELS) {
    throw new InputError(
      tooManyLabelsMessage(
        `${name} must be at most ${MAX_POWERSET_LABELS}, got ${numLabels}`,
        numLabels,
      ),
    );
  }
}

function assertClassIndex(
  name: string,
  value: unknown,
  numLabels: number,
): asserts value is number {
  const max = pow2(numLabels) - 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InputError(
      `${name} must be an integer class index in [0, ${formatCount(max)}] ` +
        `(2^${numLabels} - 1 for ${numLabels} labels), got ${describe(value)}`,
    );
  }
}

/**
 * The most labels a full label powerset accepts. 2^30 = 1,073,741,824 classes is already far
 * beyond any softmax layer we can build, and codes up to 2^30 - 1 stay exact with plain numbers.
 */
export const MAX_POWERSET_LABELS = 30;

/**
 * Encodes one multi-hot row as its label-powerset class index, reading the row as a binary
 * number with the most significant bit first: `[1,0,0,1]` -> 9, `[1,0,1,0]` -> 10.
 *
 * @param row one multi-hot 0/1 row with 1 to `MAX_POWERSET_LABELS` entries
 * @returns the class index, an integer in [0, 2^row.length - 1]
 * @throws InputError if `row` is empty, not an array, has an entry other than 0 or 1 (naming the
 *   column), or has more than `MAX_POWERSET_LABELS` entries (saying how many classes that would be)
 */
export function encodePowerset(row: readonly number[]): number {
  assertBinaryRow('row', row);
  if (row.length > MAX_POWERSET_LABELS) {
    throw new InputError(tooManyLabelsMessage(`row has ${row.length} labels`, row.length));
  }
  return combinationCode(row, row.length);
}

/**
 * Decodes a label-powerset class index back into its multi-hot row (most significant bit first).
 *
 * @param classIndex an integer in [0, 2^numLabels - 1]
 * @param numLabels an integer in [1, MAX_POWERSET_LABELS]
 * @returns a new row of `numLabels` zeros and ones
 * @throws InputError if `numLabels` is out of range or `classIndex` is non-integer or out of range
 */
export function decodePowerset(classIndex: number, numLabels: number): number[] {
  assertPowersetNumLabels('numLabels', numLabels);
  assertClassIndex('classIndex', classIndex, numLabels);
  const row: number[] = new Array(numLabels);
  decodeCombinationInto(classIndex, numLabels, row);
  return row;
}

/**
 * Encodes every row of a multi-hot matrix as its label-powerset class index.
 *
 * Used in lessons: 05.
 * @param yTrue multi-hot 0/1 matrix with 1 to `MAX_POWERSET_LABELS` columns
 * @returns one class index per row
 * @throws InputError if `yTrue` is empty, ragged, has an entry other than 0 or 1 (naming the row
 *   and column), or has more than `MAX_POWERSET_LABELS` columns
 */
export function encodePowersetRows(yTrue: Matrix): number[] {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  if (cols > MAX_POWERSET_LABELS) {
    throw new InputError(tooManyLabelsMessage(`yTrue has ${cols} label columns`, cols));
  }
  const out: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = combinationCode(yTrue[i], cols);
  return out;
}

/**
 * Decodes a list of label-powerset class indices (e.g. a softmax argmax) into multi-hot rows.
 *
 * Used in lessons: 05.
 * @param classIndices class indices, each an integer in [0, 2^numLabels - 1]; a plain array or a
 *   typed array such as the output of `tensor.dataSync()`
 * @param numLabels an integer in [1, MAX_POWERSET_LABELS]
 * @returns `yTrue`-shaped number[][] with one row per index
 * @throws InputError if `classIndices` is empty or not an array, if `numLabels` is out of range,
 *   or if an index is non-integer or out of range (naming its position)
 */
export function decodePowersetRows(classIndices: ArrayLike<number>, numLabels: number): number[][] {
  assertPowersetNumLabels('numLabels', numLabels);
  assertIndexList('classIndices', classIndices);
  const n = classIndices.length;
  for (let i = 0; i < n; i++) assertClassIndex(`classIndices[${i}]`, classIndices[i], numLabels);
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: number[] = new Array(numLabels);
    decodeCombinationInto(classIndices[i], numLabels, row);
    out[i] = row;
  }
  return out;
}
