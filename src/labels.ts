/**
 * Label representations for multi-label classification.
 *
 * - Multi-hot helpers (lesson 02): label id lists <-> 0/1 rows, combination keys and counts.
 * - Label-powerset codec (lesson 05): each 0/1 row read as a binary number, most significant bit
 *   first, so `[1, 0, 0, 1]` is class 9 and `[1, 0, 1, 0]` is class 10.
 * - `SeenCombinationsCodec` (lesson 05): numbers only the combinations that occur in training,
 *   like scikit-multilearn's `LabelPowerset`.
 * - Output-layer cost calculators (lesson 05): what a 2^n-way softmax costs next to n sigmoids,
 *   computed with plain numbers and never allocated.
 */

import { InputError, Matrix, assertBinaryMatrix, assertFiniteNumber, assertInteger, describe } from './validate';

// ---------------------------------------------------------------------------------------------
// Shared internals
// ---------------------------------------------------------------------------------------------

/**
 * Largest label count whose combinations still map to distinct, exactly representable JS numbers
 * (2^53 - 1 is Number.MAX_SAFE_INTEGER). Above it, combination lookups fall back to string keys.
 */
const MAX_EXACT_CODE_BITS = 53;

/** Groups digits with commas without depending on the runtime's locale data. */
function formatCount(value: number): string {
  if (!Number.isInteger(value)) return String(value);
  if (!Number.isSafeInteger(value)) return `about ${value.toExponential(3)}`;
  const digits = String(Math.abs(value));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? '-' + out : out;
}

/** 2^n as an exact double: powers of two are exact far beyond 2^53, unlike `1 << n` past 2^30. */
function pow2(n: number): number {
  return Math.pow(2, n);
}

/**
 * The combination read as a binary number, most significant bit first. Multiplication rather
 * than `<<` keeps it exact above 2^31; callers guarantee `cols <= MAX_EXACT_CODE_BITS`.
 */
function codeOf(row: readonly number[], cols: number): number {
  let code = 0;
  for (let j = 0; j < cols; j++) code = code * 2 + row[j];
  return code;
}

function keyOf(row: readonly number[], cols: number): string {
  let key = '{';
  for (let j = 0; j < cols; j++) key += j === 0 ? String(row[j]) : ',' + String(row[j]);
  return key + '}';
}

/** A Map key for a row: a number when exact (no string built per row), otherwise the text key. */
function lookupKey(row: readonly number[], cols: number): number | string {
  return cols <= MAX_EXACT_CODE_BITS ? codeOf(row, cols) : keyOf(row, cols);
}

/** Writes the bits of `code` into `out[0..n)`, most significant first; `code` must be < 2^n. */
function decodeInto(code: number, n: number, out: number[]): void {
  let rest = code;
  for (let j = n - 1; j >= 0; j--) {
    // `% 2` and exact division instead of `& 1` / `>> 1`, which truncate to 32 bits.
    const bit = rest % 2;
    out[j] = bit;
    rest = (rest - bit) / 2;
  }
}

/** Validates a single multi-hot row (a 1-D array of 0/1). */
function assertBinaryRow(name: string, row: unknown): asserts row is readonly number[] {
  if (!Array.isArray(row)) {
    throw new InputError(`${name} must be an array of 0/1 labels (number[]), got ${describe(row)}`);
  }
  if (row.length === 0) throw new InputError(`${name} must have at least one label column, got an empty array`);
  for (let j = 0; j < row.length; j++) {
    const v: unknown = row[j];
    if (v !== 0 && v !== 1) {
      throw new InputError(`${name}[${j}] (column ${j}) must be 0 or 1 (a multi-hot label), got ${describe(v)}`);
    }
  }
}

/** Validates a 1-D list of numbers: a plain array or a typed array such as `dataSync()` output. */
function assertNumberList(name: string, value: unknown): asserts value is ArrayLike<number> {
  const ok = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  if (!ok) throw new InputError(`${name} must be an array of class indices (number[]), got ${describe(value)}`);
  if ((value as ArrayLike<number>).length === 0) {
    throw new InputError(`${name} must have at least one class index, got an empty array`);
  }
}

function tooManyLabelsMessage(subject: string, n: number): string {
  return (
    `${subject}, but a label powerset supports at most ${MAX_POWERSET_LABELS} labels: ` +
    `${n} labels would mean 2^${n} = ${formatCount(pow2(n))} classes ` +
    `(2^${MAX_POWERSET_LABELS} = ${formatCount(pow2(MAX_POWERSET_LABELS))} is already far beyond any output layer we can build)`
  );
}

function assertPowersetNumLabels(name: string, numLabels: unknown): asserts numLabels is number {
  assertInteger(name, numLabels, 1);
  if (numLabels > MAX_POWERSET_LABELS) {
    throw new InputError(tooManyLabelsMessage(`${name} must be at most ${MAX_POWERSET_LABELS}, got ${numLabels}`, numLabels));
  }
}

function assertClassIndex(name: string, value: unknown, numLabels: number): asserts value is number {
  const max = pow2(numLabels) - 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InputError(
      `${name} must be an integer class index in [0, ${formatCount(max)}] (2^${numLabels} - 1 for ${numLabels} labels), got ${describe(value)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Multi-hot helpers (lesson 02)
// ---------------------------------------------------------------------------------------------

/**
 * Turns lists of label ids into a multi-hot 0/1 matrix.
 *
 * `toMultiHot([[0, 2], [1, 3, 4]], 5)` gives `[[1,0,1,0,0], [0,1,0,1,1]]`. An empty list is a
 * row with no labels (all zeros). Duplicate ids within a list are rejected: a multi-hot row cannot
 * record a count, so a repeated id almost always means a parsing or joining bug upstream.
 *
 * @param labelLists one list of label ids per example; ids are integers in [0, numLabels - 1]
 * @param numLabels the number of labels (columns), an integer >= 1
 * @returns `yTrue`, a new number[][] of shape [labelLists.length, numLabels]
 * @throws InputError if `labelLists` is not a non-empty array of arrays, if `numLabels` is not an
 *   integer >= 1, or if an id is not an integer in range or appears twice in one list
 *
 * Introduced in lesson 02.
 */
export function toMultiHot(labelLists: readonly (readonly number[])[], numLabels: number): number[][] {
  assertInteger('numLabels', numLabels, 1);
  if (!Array.isArray(labelLists)) {
    throw new InputError(`labelLists must be an array of label id lists (number[][]), got ${describe(labelLists)}`);
  }
  if (labelLists.length === 0) throw new InputError('labelLists must have at least one row, got an empty array');
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
          `labelLists[${i}][${k}] must be an integer label id in [0, ${numLabels - 1}] (numLabels = ${numLabels}), got ${describe(id)}`,
        );
      }
      if (row[id] === 1) {
        throw new InputError(
          `labelLists[${i}] lists label ${id} twice (positions ${ids.indexOf(id)} and ${k}); duplicates are rejected because a multi-hot row cannot hold a count`,
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
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @returns one ascending list of label ids per row (empty for a row with no labels)
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
 *
 * Introduced in lesson 02.
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
 *
 * @param row one multi-hot 0/1 row, non-empty
 * @returns the key `"{b0,b1,...}"`
 * @throws InputError if `row` is not a non-empty array of 0/1
 *
 * Introduced in lesson 02.
 */
export function labelCombinationKey(row: readonly number[]): string {
  assertBinaryRow('row', row);
  return keyOf(row, row.length);
}

/** One distinct label combination and how many rows have it. */
export interface CombinationCount {
  /** The combination's key, as from `labelCombinationKey`, e.g. `"{1,0,1}"`. */
  combination: string;
  count: number;
}

/**
 * Counts how many rows have each distinct label combination.
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @returns one entry per distinct combination, sorted by combination key (for equal-length rows
 *   this is the same as sorting by powerset class index, `{0,0}` < `{0,1}` < `{1,0}` < `{1,1}`)
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
 *
 * Introduced in lesson 02.
 */
export function countCombinations(yTrue: Matrix): CombinationCount[] {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  // Counting by numeric code avoids building a string for every row; strings are built only once
  // per distinct combination.
  const counts = new Map<number | string, number>();
  const firstRow = new Map<number | string, number>();
  for (let i = 0; i < rows; i++) {
    const key = lookupKey(yTrue[i], cols);
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
 *
 * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
 * @returns the mean row sum, in [0, numLabels]
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
 *
 * Introduced in lesson 02.
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
 *
 * Introduced in lesson 02.
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

// ---------------------------------------------------------------------------------------------
// Label-powerset codec (lesson 05)
// ---------------------------------------------------------------------------------------------

/**
 * The most labels a full label powerset accepts. 2^30 = 1,073,741,824 classes is already far
 * beyond any softmax layer we can build, and codes up to 2^30 - 1 stay exact with plain numbers.
 *
 * Introduced in lesson 05.
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
 *
 * Introduced in lesson 05.
 */
export function encodePowerset(row: readonly number[]): number {
  assertBinaryRow('row', row);
  if (row.length > MAX_POWERSET_LABELS) {
    throw new InputError(tooManyLabelsMessage(`row has ${row.length} labels`, row.length));
  }
  return codeOf(row, row.length);
}

/**
 * Decodes a label-powerset class index back into its multi-hot row (most significant bit first).
 *
 * @param classIndex an integer in [0, 2^numLabels - 1]
 * @param numLabels an integer in [1, MAX_POWERSET_LABELS]
 * @returns a new row of `numLabels` zeros and ones
 * @throws InputError if `numLabels` is out of range or `classIndex` is non-integer or out of range
 *
 * Introduced in lesson 05.
 */
export function decodePowerset(classIndex: number, numLabels: number): number[] {
  assertPowersetNumLabels('numLabels', numLabels);
  assertClassIndex('classIndex', classIndex, numLabels);
  const row: number[] = new Array(numLabels);
  decodeInto(classIndex, numLabels, row);
  return row;
}

/**
 * Encodes every row of a multi-hot matrix as its label-powerset class index.
 *
 * @param yTrue multi-hot 0/1 matrix with 1 to `MAX_POWERSET_LABELS` columns
 * @returns one class index per row
 * @throws InputError if `yTrue` is empty, ragged, has an entry other than 0 or 1 (naming the row
 *   and column), or has more than `MAX_POWERSET_LABELS` columns
 *
 * Introduced in lesson 05.
 */
export function encodePowersetRows(yTrue: Matrix): number[] {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  if (cols > MAX_POWERSET_LABELS) {
    throw new InputError(tooManyLabelsMessage(`yTrue has ${cols} label columns`, cols));
  }
  const out: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = codeOf(yTrue[i], cols);
  return out;
}

/**
 * Decodes a list of label-powerset class indices (e.g. a softmax argmax) into multi-hot rows.
 *
 * @param classIndices class indices, each an integer in [0, 2^numLabels - 1]; a plain array or a
 *   typed array such as the output of `tensor.dataSync()`
 * @param numLabels an integer in [1, MAX_POWERSET_LABELS]
 * @returns `yTrue`-shaped number[][] with one row per index
 * @throws InputError if `classIndices` is empty or not an array, if `numLabels` is out of range,
 *   or if an index is non-integer or out of range (naming its position)
 *
 * Introduced in lesson 05.
 */
export function decodePowersetRows(classIndices: ArrayLike<number>, numLabels: number): number[][] {
  assertPowersetNumLabels('numLabels', numLabels);
  assertNumberList('classIndices', classIndices);
  const n = classIndices.length;
  for (let i = 0; i < n; i++) assertClassIndex(`classIndices[${i}]`, classIndices[i], numLabels);
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: number[] = new Array(numLabels);
    decodeInto(classIndices[i], numLabels, row);
    out[i] = row;
  }
  return out;
}

/** Options for `SeenCombinationsCodec`. */
export interface SeenCombinationsCodecOptions {
  /**
   * When true, `transform` maps a combination not seen in `fit` to -1 instead of throwing.
   * Default false: an unseen combination is an error, because a powerset model can never predict it.
   */
  mapUnseenToMinusOne?: boolean;
}

/**
 * A label-powerset codec that numbers only the combinations seen in training, like
 * scikit-multilearn's `LabelPowerset`: the softmax needs one class per *observed* combination
 * instead of 2^n, and there is no limit on the number of labels.
 *
 * Classes are numbered in order of first appearance in the `fit` data: the first row's
 * combination is class 0, the next new combination class 1, and so on. (This is not the binary
 * order of `encodePowerset`; use `combinations` to see which row each class stands for.)
 *
 * Every method throws `InputError` for bad input or when called before `fit`.
 *
 * Introduced in lesson 05.
 */
export class SeenCombinationsCodec {
  private readonly mapUnseenToMinusOne: boolean;
  private fittedLabels = 0;
  private rows: number[][] = [];
  private index = new Map<number | string, number>();

  /**
   * @param options `{ mapUnseenToMinusOne?: boolean }`, see `SeenCombinationsCodecOptions`
   * @throws InputError if `options` is not an object or `mapUnseenToMinusOne` is not a boolean
   */
  constructor(options: SeenCombinationsCodecOptions = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new InputError(`options must be an object like { mapUnseenToMinusOne: true }, got ${describe(options)}`);
    }
    const flag: unknown = options.mapUnseenToMinusOne;
    if (flag !== undefined && typeof flag !== 'boolean') {
      throw new InputError(`options.mapUnseenToMinusOne must be a boolean, got ${describe(flag)}`);
    }
    this.mapUnseenToMinusOne = flag === true;
  }

  /**
   * Learns the combinations in `yTrue`, numbering them in order of first appearance. Calling
   * `fit` again forgets the previous fit.
   *
   * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
   * @returns this codec, for chaining
   * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
   */
  fit(yTrue: Matrix): this {
    const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
    const index = new Map<number | string, number>();
    const seen: number[][] = [];
    for (let i = 0; i < rows; i++) {
      const key = lookupKey(yTrue[i], cols);
      if (!index.has(key)) {
        index.set(key, seen.length);
        seen.push(yTrue[i].slice());
      }
    }
    this.index = index;
    this.rows = seen;
    this.fittedLabels = cols;
    return this;
  }

  /**
   * Maps each row of `yTrue` to its class index.
   *
   * @param yTrue multi-hot 0/1 matrix with as many columns as the `fit` data
   * @returns one class index per row; -1 for an unseen combination if `mapUnseenToMinusOne` is set
   * @throws InputError if not fitted, if `yTrue` is invalid or has the wrong number of columns, or
   *   (by default) if a row's combination was not seen in `fit`, naming the combination and row
   */
  transform(yTrue: Matrix): number[] {
    this.assertFitted('transform');
    const [rows, cols] = assertBinaryMatrix('yTrue', yTrue, this.fittedLabels);
    const out: number[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const cls = this.index.get(lookupKey(yTrue[i], cols));
      if (cls !== undefined) {
        out[i] = cls;
      } else if (this.mapUnseenToMinusOne) {
        out[i] = -1;
      } else {
        throw new InputError(
          `yTrue row ${i} has the label combination ${keyOf(yTrue[i], cols)}, which was not seen in fit ` +
            `(the codec knows ${this.rows.length} combinations); construct the codec with ` +
            `{ mapUnseenToMinusOne: true } to map unseen combinations to -1`,
        );
      }
    }
    return out;
  }

  /**
   * `fit(yTrue)` followed by `transform(yTrue)`.
   *
   * @param yTrue multi-hot 0/1 matrix, non-empty and rectangular
   * @returns one class index per row, in [0, numClasses - 1]
   * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1
   */
  fitTransform(yTrue: Matrix): number[] {
    return this.fit(yTrue).transform(yTrue);
  }

  /**
   * Maps class indices back to their multi-hot rows.
   *
   * @param classIndices class indices in [0, numClasses - 1], a plain or typed array
   * @returns a new multi-hot row per index
   * @throws InputError if not fitted, if `classIndices` is empty or not an array, or if an index
   *   is non-integer or out of range (-1, the unseen marker, has no row either)
   */
  inverseTransform(classIndices: ArrayLike<number>): number[][] {
    this.assertFitted('inverseTransform');
    assertNumberList('classIndices', classIndices);
    const n = classIndices.length;
    const max = this.rows.length - 1;
    const out: number[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const cls: unknown = classIndices[i];
      if (typeof cls !== 'number' || !Number.isInteger(cls) || cls < 0 || cls > max) {
        const hint = cls === -1 ? ' (-1 marks a combination not seen in fit, which has no label row)' : '';
        throw new InputError(
          `classIndices[${i}] must be an integer class index in [0, ${max}] (numClasses = ${this.rows.length}), got ${describe(cls)}${hint}`,
        );
      }
      out[i] = this.rows[cls].slice();
    }
    return out;
  }

  /** True once `fit` has been called. */
  get isFitted(): boolean {
    return this.fittedLabels > 0;
  }

  /**
   * The number of distinct combinations seen in `fit` (the softmax width).
   * @throws InputError if not fitted
   */
  get numClasses(): number {
    this.assertFitted('numClasses');
    return this.rows.length;
  }

  /**
   * The number of label columns of the `fit` data.
   * @throws InputError if not fitted
   */
  get numLabels(): number {
    this.assertFitted('numLabels');
    return this.fittedLabels;
  }

  /**
   * The seen combinations as multi-hot rows (copies); entry `c` is the row of class `c`.
   * @throws InputError if not fitted
   */
  get combinations(): number[][] {
    this.assertFitted('combinations');
    return this.rows.map((r) => r.slice());
  }

  private assertFitted(what: string): void {
    if (this.fittedLabels === 0) {
      throw new InputError(`SeenCombinationsCodec.${what} needs a fitted codec, got one that was never fitted; call fit(yTrue) first`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Output-layer cost calculators (lesson 05)
// ---------------------------------------------------------------------------------------------

/** Size of a 2^n-way softmax output layer. */
export interface PowersetOutputCost {
  /** 2^numLabels. */
  numClasses: number;
  /** Weights plus biases: hiddenUnits * 2^n + 2^n. */
  params: number;
  /** params * bytesPerParam. */
  bytes: number;
}

/** Size of an n-unit sigmoid output layer. */
export interface SigmoidOutputCost {
  /** Weights plus biases: hiddenUnits * n + n. */
  params: number;
  /** params * bytesPerParam. */
  bytes: number;
}

function assertCostArgs(hiddenUnits: unknown, bytesPerParam: unknown): void {
  assertInteger('hiddenUnits', hiddenUnits, 1);
  assertFiniteNumber('bytesPerParam', bytesPerParam);
  if (bytesPerParam <= 0) throw new InputError(`bytesPerParam must be a number > 0, got ${describe(bytesPerParam)}`);
}

function assertExactParams(params: number, what: string): void {
  if (!Number.isSafeInteger(params)) {
    throw new InputError(
      `hiddenUnits is too large: ${what} would have about ${params.toExponential(3)} parameters, ` +
        `beyond 2^53 where plain numbers stop counting exactly`,
    );
  }
}

/**
 * Parameter count and memory of a 2^n-way softmax output layer (the label powerset), computed
 * with plain numbers and never allocated. Exact for every n up to `MAX_POWERSET_LABELS`.
 *
 * @param numLabels n, an integer in [1, MAX_POWERSET_LABELS]
 * @param hiddenUnits width of the layer feeding the output, an integer >= 1
 * @param bytesPerParam bytes per weight, > 0 (default 4, float32)
 * @returns `{ numClasses: 2^n, params: hiddenUnits * 2^n + 2^n, bytes: params * bytesPerParam }`
 * @throws InputError if an argument is out of range or the count would exceed 2^53
 *
 * Introduced in lesson 05.
 */
export function powersetOutputCost(numLabels: number, hiddenUnits: number, bytesPerParam = 4): PowersetOutputCost {
  assertPowersetNumLabels('numLabels', numLabels);
  assertCostArgs(hiddenUnits, bytesPerParam);
  const numClasses = pow2(numLabels);
  const params = hiddenUnits * numClasses + numClasses;
  assertExactParams(params, `a 2^${numLabels}-class softmax layer`);
  return { numClasses, params, bytes: params * bytesPerParam };
}

/**
 * Parameter count and memory of an n-unit sigmoid output layer (binary relevance), for comparison
 * with `powersetOutputCost`.
 *
 * @param numLabels n, an integer >= 1
 * @param hiddenUnits width of the layer feeding the output, an integer >= 1
 * @param bytesPerParam bytes per weight, > 0 (default 4, float32)
 * @returns `{ params: hiddenUnits * n + n, bytes: params * bytesPerParam }`
 * @throws InputError if an argument is out of range or the count would exceed 2^53
 *
 * Introduced in lesson 05.
 */
export function sigmoidOutputCost(numLabels: number, hiddenUnits: number, bytesPerParam = 4): SigmoidOutputCost {
  assertInteger('numLabels', numLabels, 1);
  assertCostArgs(hiddenUnits, bytesPerParam);
  const params = hiddenUnits * numLabels + numLabels;
  assertExactParams(params, `a ${numLabels}-unit sigmoid layer`);
  return { params, bytes: params * bytesPerParam };
}

function dtypeName(bytesPerParam: number): string {
  if (bytesPerParam === 4) return 'float32';
  if (bytesPerParam === 2) return 'float16';
  if (bytesPerParam === 8) return 'float64';
  return `${bytesPerParam}-byte`;
}

/**
 * Checks that a 2^n-way softmax output layer fits a memory budget, before anyone tries to build it.
 *
 * @param numLabels n, an integer in [1, MAX_POWERSET_LABELS]
 * @param hiddenUnits width of the layer feeding the output, an integer >= 1
 * @param memoryBudgetBytes the budget in bytes, a number > 0
 * @param bytesPerParam bytes per weight, > 0 (default 4, float32)
 * @returns the layer's cost, when it fits
 * @throws InputError if an argument is invalid, or if the layer is over budget, with a message like
 *   "a 2^24 = 16,777,216-class softmax output layer on 64 hidden units needs 1,090,519,040
 *   parameters (4.06 GiB of float32 weights), over the budget of 1.00 GiB ..."
 *
 * Introduced in lesson 05.
 */
export function assertPowersetFits(
  numLabels: number,
  hiddenUnits: number,
  memoryBudgetBytes: number,
  bytesPerParam = 4,
): PowersetOutputCost {
  assertFiniteNumber('memoryBudgetBytes', memoryBudgetBytes);
  if (memoryBudgetBytes <= 0) {
    throw new InputError(`memoryBudgetBytes must be a number of bytes > 0, got ${describe(memoryBudgetBytes)}`);
  }
  const cost = powersetOutputCost(numLabels, hiddenUnits, bytesPerParam);
  if (cost.bytes > memoryBudgetBytes) {
    const sigmoid = sigmoidOutputCost(numLabels, hiddenUnits, bytesPerParam);
    throw new InputError(
      `a 2^${numLabels} = ${formatCount(cost.numClasses)}-class softmax output layer on ${formatCount(hiddenUnits)} hidden units ` +
        `needs ${formatCount(cost.params)} parameters (${formatBytes(cost.bytes)} of ${dtypeName(bytesPerParam)} weights), ` +
        `over the budget of ${formatBytes(memoryBudgetBytes)} (memoryBudgetBytes = ${formatCount(memoryBudgetBytes)}); ` +
        `${numLabels} sigmoid outputs would need ${formatCount(sigmoid.params)} parameters (${formatBytes(sigmoid.bytes)})`,
    );
  }
  return cost;
}

/**
 * Formats a byte count for tables: "512 B", "1.50 KiB", "3.25 MiB", "4.06 GiB" (binary units,
 * two decimals; GiB is the largest unit, with thousands separators, e.g. "4,096.00 GiB").
 *
 * @param bytes a finite number >= 0
 * @returns the formatted size
 * @throws InputError if `bytes` is negative, NaN or infinite
 *
 * Introduced in lesson 05.
 */
export function formatBytes(bytes: number): string {
  assertFiniteNumber('bytes', bytes);
  if (bytes < 0) throw new InputError(`bytes must be a number >= 0, got ${describe(bytes)}`);
  if (bytes < 1024) return `${Number.isInteger(bytes) ? bytes : bytes.toFixed(2)} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let u = 0;
  // Compare the rounded text, not the raw value, so 1,048,575 B prints "1.00 MiB", not "1024.00 KiB".
  while (u < units.length - 1 && Number(value.toFixed(2)) >= 1024) {
    value /= 1024;
    u++;
  }
  const fixed = value.toFixed(2);
  const dot = fixed.indexOf('.');
  return `${formatCount(Number(fixed.slice(0, dot)))}${fixed.slice(dot)} ${units[u]}`;
}
