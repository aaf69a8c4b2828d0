/**
 * The label powerset: each 0/1 row read as a binary number, most significant bit first, so
 * `[1, 0, 0, 1]` is class 9 and `[1, 0, 1, 0]` is class 10; and `SeenCombinationsCodec`, which
 * numbers only the combinations that occur in training, like scikit-multilearn's `LabelPowerset`.
 */

import { formatCount } from './format';
import {
  combinationCode,
  combinationLookupKey,
  decodeCombinationInto,
  labelCombinationKey,
} from './labels';
import {
  assertBinaryMatrix,
  assertBinaryRow,
  assertIndexList,
  assertInteger,
  assertOptions,
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

/** Options for `SeenCombinationsCodec`. */
export interface SeenCombinationsCodecOptions {
  /**
   * When true, `transform` maps a combination not seen in `fit` to -1 instead of throwing.
   * Default false: an unseen combination is an error, because a powerset model can never predict
   * it.
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
 * Used in lessons: 05.
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
    assertOptions<SeenCombinationsCodecOptions>(options, { mapUnseenToMinusOne: true });
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
      const key = combinationLookupKey(yTrue[i], cols);
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
      const cls = this.index.get(combinationLookupKey(yTrue[i], cols));
      if (cls !== undefined) {
        out[i] = cls;
      } else if (this.mapUnseenToMinusOne) {
        out[i] = -1;
      } else {
        throw new InputError(
          `yTrue row ${i} has the label combination ${labelCombinationKey(yTrue[i])}, ` +
            'which was not seen in fit ' +
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
    assertIndexList('classIndices', classIndices);
    const n = classIndices.length;
    const max = this.rows.length - 1;
    const out: number[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const cls: unknown = classIndices[i];
      if (typeof cls !== 'number' || !Number.isInteger(cls) || cls < 0 || cls > max) {
        const hint =
          cls === -1 ? ' (-1 marks a combination not seen in fit, which has no label row)' : '';
        throw new InputError(
          `classIndices[${i}] must be an integer class index in [0, ${max}] ` +
            `(numClasses = ${this.rows.length}), got ${describe(cls)}${hint}`,
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
      throw new InputError(
        `SeenCombinationsCodec.${what} needs a fitted codec, got one that was never fitted; ` +
          'call fit(yTrue) first',
      );
    }
  }
}
