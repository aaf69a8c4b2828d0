/**
 * Input checks shared by every module in `src/`.
 *
 * Every check throws an `InputError` whose message names the argument, what was expected and
 * what was given, so that a wrong call fails at the boundary instead of producing a silently
 * wrong number deep inside a computation.
 */

/**
 * The error every exported function throws for bad input.
 * Used in lessons: 05.
 */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A matrix as plain nested arrays: one inner array per row. */
export type Matrix = readonly (readonly number[])[];

/** Describes a value briefly for an error message ("an array of 3 rows", "a string", ...). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as ArrayLike<number>).length;
    return `a ${value.constructor.name} of length ${length}`;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}`;
  if (typeof value === 'object') {
    const shape = (value as { shape?: unknown }).shape;
    if (Array.isArray(shape)) return `a tensor of shape [${shape.join(', ')}]`;
    return 'an object';
  }
  return typeof value;
}

/** Throws unless `value` is an object (not null, not an array); `like` shows its expected keys. */
export function assertObject(
  name: string,
  value: unknown,
  like: string,
): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(`${name} must be an object like ${like}, got ${describe(value)}`);
}

/** Throws unless `value` is an array (with at least `min` entries); `of` says of what. */
export function assertArray(
  name: string,
  value: unknown,
  of: string,
  min = 0,
): asserts value is readonly unknown[] {
  if (!Array.isArray(value) || value.length < min)
    throw new InputError(
      `${name} must be an array of ${min > 0 ? `at least ${min} ` : ''}${of}, ` +
        `got ${describe(value)}`,
    );
}

/** Throws unless `value` is a finite number. */
export function assertFiniteNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new InputError(`${name} must be an integer ${range}, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a number in [0, 1]. */
export function assertProbability(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InputError(`${name} must be a number in [0, 1], got ${describe(value)}`);
  }
}

/**
 * Throws unless `value` is a non-empty rectangular matrix of finite numbers.
 * Returns its shape as `[rows, cols]`.
 */
export function assertMatrix(
  name: string,
  value: unknown,
  expectedCols?: number,
): [number, number] {
  if (!Array.isArray(value)) {
    throw new InputError(`${name} must be an array of rows (number[][]), got ${describe(value)}`);
  }
  if (value.length === 0) {
    throw new InputError(`${name} must have at least one row, got an empty array`);
  }
  const first: unknown = value[0];
  if (!Array.isArray(first)) {
    throw new InputError(
      `${name} must be an array of rows (number[][]), but row 0 is ${describe(first)}`,
    );
  }
  const cols = first.length;
  if (cols === 0) throw new InputError(`${name} must have at least one column, but row 0 is empty`);
  if (expectedCols !== undefined && cols !== expectedCols) {
    throw new InputError(`${name} must have ${expectedCols} columns, got ${cols}`);
  }
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row))
      throw new InputError(`${name} row ${i} must be an array, got ${describe(row)}`);
    if (row.length !== cols) {
      throw new InputError(
        `${name} is ragged: row 0 has ${cols} columns but row ${i} has ${row.length}`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError(`${name}[${i}][${j}] must be a finite number, got ${describe(v)}`);
      }
    }
  }
  return [value.length, cols];
}

/** Checks every entry of a matrix already known to be rectangular; `problem` says what is wrong. */
function assertEntries(
  name: string,
  value: unknown,
  expectedCols: number | undefined,
  problem: (v: number) => string | null,
): [number, number] {
  const shape = assertMatrix(name, value, expectedCols);
  const rows = value as Matrix;
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < shape[1]; j++) {
      const what = problem(rows[i][j]);
      if (what !== null) throw new InputError(`${name}[${i}][${j}] ${what}, got ${rows[i][j]}`);
    }
  }
  return shape;
}

/** Throws unless `value` is a non-empty rectangular matrix whose entries are all 0 or 1. */
export function assertBinaryMatrix(
  name: string,
  value: unknown,
  expectedCols?: number,
): [number, number] {
  return assertEntries(name, value, expectedCols, (v) =>
    v === 0 || v === 1 ? null : 'must be 0 or 1 (a multi-hot label)',
  );
}

/** Throws unless `value` is a non-empty rectangular matrix of numbers in [0, 1]. */
export function assertProbabilityMatrix(
  name: string,
  value: unknown,
  expectedCols?: number,
): [number, number] {
  return assertEntries(name, value, expectedCols, (v) =>
    v >= 0 && v <= 1 ? null : 'must be a probability in [0, 1]',
  );
}

/** Throws unless `name`, the name of an argument for messages, is a non-empty string. */
function assertName(what: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '')
    throw new InputError(`${what} must name the argument, got ${describe(name)}`);
}

/** Throws unless `shape` is an array of whole numbers (a tensor's or a matrix's shape). */
function assertShape(name: string, shape: unknown): void {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new InputError(`${name} must be an array of sizes, got ${describe(shape)}`);
}

/** Throws unless two matrices have the same shape, naming both. */
export function assertSameShape(
  nameA: string,
  shapeA: readonly number[],
  nameB: string,
  shapeB: readonly number[],
): void {
  assertName('assertSameShape: nameA', nameA);
  assertName('assertSameShape: nameB', nameB);
  assertShape(`${nameA}'s shape (shapeA)`, shapeA);
  assertShape(`${nameB}'s shape (shapeB)`, shapeB);
  if (shapeA.length !== shapeB.length || shapeA.some((d, i) => d !== shapeB[i])) {
    throw new InputError(
      `${nameA} and ${nameB} must have the same shape, ` +
        `got [${shapeA.join(', ')}] and [${shapeB.join(', ')}]`,
    );
  }
}

/**
 * The parts of a tf.Tensor the checks read (duck-typed, so this module does not load
 * TensorFlow.js).
 */
interface TensorLike {
  shape: number[];
  isDisposed: boolean;
  dataSync(): ArrayLike<number>;
}

function isTensorLike(value: unknown): value is TensorLike {
  const t = value as TensorLike;
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray(t.shape) &&
    typeof t.dataSync === 'function'
  );
}

/**
 * Throws unless `value` is a tensor that has not been disposed (of rank `rank` when given). A
 * disposed tensor otherwise fails deep inside TensorFlow.js ("Cannot read properties of null
 * (reading 'backend')", "Tensor is disposed") or, for some ops, not at all.
 * @param fn the function that takes the tensor, named in the message about a disposed one.
 * @throws InputError "`fn`: `name` is a disposed tensor", or naming what was given instead.
 */
export function assertTensor(fn: string, name: string, value: unknown, rank?: number): void {
  const t = value as TensorLike;
  if (!isTensorLike(value))
    throw new InputError(
      `${name} must be a ${rank === undefined ? '' : `${rank}-D `}tensor, got ${describe(value)}`,
    );
  if (t.isDisposed) throw new InputError(`${fn}: ${name} is a disposed tensor`);
  if (rank !== undefined && t.shape.length !== rank)
    throw new InputError(`${name} must be a ${rank}-D tensor, got ${describe(value)}`);
}

/**
 * Throws unless `value` is a live 2-D tensor with at least one row and column, and (by default)
 * only finite values. Returns its shape as `[rows, cols]`.
 */
export function assertTensor2D(
  name: string,
  value: unknown,
  options: { finite?: boolean } = {},
): [number, number] {
  const t = value as TensorLike;
  if (!isTensorLike(value)) {
    throw new InputError(`${name} must be a 2-D tensor [rows, columns], got ${describe(value)}`);
  }
  if (t.isDisposed)
    throw new InputError(`${name} must be a live tensor, got one that was already disposed`);
  if (t.shape.length !== 2)
    throw new InputError(`${name} must be a 2-D tensor [rows, columns], got ${describe(value)}`);
  if (t.shape[0] === 0 || t.shape[1] === 0)
    throw new InputError(
      `${name} must have at least one row and one column, got ${describe(value)}`,
    );
  if (options.finite !== false) {
    const data = t.dataSync();
    for (let k = 0; k < data.length; k++) {
      if (!Number.isFinite(data[k])) {
        const i = Math.floor(k / t.shape[1]);
        throw new InputError(
          `${name}[${i}][${k - i * t.shape[1]}] must be a finite number, got ${describe(data[k])}`,
        );
      }
    }
  }
  return [t.shape[0], t.shape[1]];
}

/** What the entries of a 1-D list must be, for {@link assertList}. */
export type ListKind = 'finite' | 'binary' | 'probability' | 'index';

const LIST_WORDS: Record<ListKind, { of: string; one: string }> = {
  finite: { of: 'numbers', one: 'value' },
  binary: { of: '0/1 labels', one: 'label' },
  probability: { of: 'probabilities', one: 'probability' },
  index: { of: 'class indices', one: 'class index' },
};

/**
 * The one check of a 1-D list: a non-empty plain or typed array whose entries are finite numbers
 * (`finite`), 0 or 1 (`binary`), in [0, 1] (`probability`), or any number, whose range the caller
 * checks (`index`). Returns its length.
 * @throws InputError naming the argument, the entry and what it must be.
 */
export function assertList(name: string, value: unknown, kind: ListKind = 'finite'): number {
  if (!Object.prototype.hasOwnProperty.call(LIST_WORDS, kind))
    throw new InputError(
      `assertList: kind must be one of ${Object.keys(LIST_WORDS).join(', ')}, ` +
        `got ${describe(kind)}`,
    );
  const words = LIST_WORDS[kind];
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new InputError(
      `${name} must be an array of ${words.of} (number[]), got ${describe(value)}`,
    );
  }
  const list = value as ArrayLike<unknown>;
  if (list.length === 0) {
    throw new InputError(`${name} must have at least one ${words.one}, got an empty array`);
  }
  if (kind === 'index') return list.length;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`${name}[${i}] must be a finite number, got ${describe(v)}`);
    }
    if (kind === 'binary' && v !== 0 && v !== 1) {
      throw new InputError(`${name}[${i}] must be 0 or 1 (a label), got ${v}`);
    }
    if (kind === 'probability' && (v < 0 || v > 1)) {
      throw new InputError(`${name}[${i}] must be a probability in [0, 1], got ${v}`);
    }
  }
  return list.length;
}

/** Throws unless `value` is a non-empty list of finite numbers; returns its length. */
export function assertFiniteList(name: string, value: unknown): number {
  return assertList(name, value, 'finite');
}

/** Throws unless `row` is one multi-hot row: a non-empty array of 0/1. */
export function assertBinaryRow(name: string, row: unknown): asserts row is readonly number[] {
  if (!Array.isArray(row)) {
    throw new InputError(`${name} must be an array of 0/1 labels (number[]), got ${describe(row)}`);
  }
  assertList(name, row, 'binary');
}

/** Throws unless `value` is a non-empty plain or typed array (of class indices). */
export function assertIndexList(name: string, value: unknown): asserts value is ArrayLike<number> {
  assertList(name, value, 'index');
}

/**
 * The option names a function accepts, written as an object so that the compiler checks the list
 * against the options type: `const KNOWN: OptionNames<TableOptions> = { maxRows: true, ... }`
 * fails to compile when an option is missing from it or is not in the type.
 */
export type OptionNames<T> = { readonly [K in keyof Required<T>]: true };

/** Edit distance between two short names (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length];
}

/** The known name closest to `name`, if it is close enough to be a misspelling of it. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const snake = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()); // zero_division
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = Math.min(editDistance(name, k), editDistance(snake, k));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * Throws unless `value` is a plain options object whose every key is one of `known` (`undefined`
 * counts as no options unless they are `required`); an unknown key is named with the closest
 * known name, so a misspelt option (`averge`, scikit-learn's `zero_division`) is refused instead
 * of ignored. Returns the options as a record to read them from.
 * @param how `name`: the argument in messages (default `options`); `required`: whether the
 *   function has a required option, so that no options at all is an error (default false).
 */
export function assertOptions<T>(
  value: unknown,
  known: OptionNames<T>,
  how: { name?: string; required?: boolean } = {},
): Record<string, unknown> {
  if (typeof known !== 'object' || known === null || Array.isArray(known))
    throw new InputError(
      `assertOptions: known must be an object like { seed: true }, got ${describe(known)}`,
    );
  assertObject('assertOptions: how', how, '{ name?, required? }');
  const { name = 'options', required = false } = how;
  const names = Object.keys(known);
  if (value === undefined && !required) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(
      `${name} must be an object like { ${names.join(', ')} }, got ${describe(value)}`,
    );
  for (const key of Object.keys(value)) {
    if (Object.prototype.hasOwnProperty.call(known, key)) continue;
    const near = closestName(key, names);
    throw new InputError(
      `${name}.${key} is not an option` +
        (near === undefined ? '' : `: did you mean ${near}?`) +
        ` (the options are ${names.join(', ')})`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * What a matrix of model outputs must hold, for {@link assertScoreMatrix}: `'scores'` are any
 * finite numbers (logits, decision values: all a ranking needs); `'probabilities'` are numbers in
 * [0, 1], for functions that compare them with a decision threshold.
 */
export type ScoreKind = 'scores' | 'probabilities';

/**
 * Throws unless `value` is a non-empty rectangular matrix of finite numbers and, for
 * `'probabilities'`, every entry is in [0, 1]; the message then says why, since the usual cause
 * is passing logits to a thresholded metric. Returns its shape as `[rows, cols]`.
 * @throws InputError naming the argument and the first bad entry.
 */
export function assertScoreMatrix(
  name: string,
  value: unknown,
  kind: ScoreKind = 'scores',
): [number, number] {
  const shape = assertMatrix(name, value);
  if (kind === 'scores') return shape;
  const rows = value as Matrix;
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < shape[1]; j++) {
      const v = rows[i][j];
      if (v < 0 || v > 1) {
        throw new InputError(
          `${name}[${i}][${j}] must be a probability in [0, 1], got ${v}: a decision threshold ` +
            'such as 0.5 is meaningful only for probabilities (for logits, pass sigmoid(logits))',
        );
      }
    }
  }
  return shape;
}

/**
 * The one check of ground truth against model outputs: `yTrue` a 0/1 matrix and `scores` a
 * matrix of the same shape, checked by {@link assertScoreMatrix} with `kind`. Returns the shape.
 * @throws InputError naming the argument (`yTrueName` / `scoresName`) and what is wrong.
 */
export function assertLabelsAndScores(
  yTrue: unknown,
  scores: unknown,
  kind: ScoreKind,
  yTrueName = 'yTrue',
  scoresName = kind === 'scores' ? 'scores' : 'probs',
): [number, number] {
  const a = assertBinaryMatrix(yTrueName, yTrue);
  const b = assertScoreMatrix(scoresName, scores, kind);
  assertSameShape(yTrueName, a, scoresName, b);
  return a;
}
