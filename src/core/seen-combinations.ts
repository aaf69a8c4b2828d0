/**
 * A label powerset over the combinations seen in training only, like scikit-multilearn's
 * `LabelPowerset`: the softmax needs one class per *observed* combination instead of 2^n, and
 * there is no limit on the number of labels. Fit and apply as the other fitted transforms of the
 * library (`fitStandardizer` then `standardize`, `tunePerLabelThresholds` then `toDecisions`):
 * {@link fitSeenCombinations} returns a plain value, which {@link encodeSeenCombinations} and
 * {@link decodeSeenCombinations} take.
 */
import { combinationLookupKey, labelCombinationKey } from './labels';
import {
  assertBinaryMatrix,
  assertIndexList,
  assertObject,
  assertOptions,
  describe,
  InputError,
  type Matrix,
} from './validate';

/** The combinations seen in the rows a powerset was fitted on; class c is `combinations[c]`. */
export interface SeenCombinations {
  /** Multi-hot rows, in order of first appearance in the fitted rows. */
  readonly combinations: readonly (readonly number[])[];
  /** Label columns of the fitted rows. */
  readonly numLabels: number;
}

/** Options of {@link encodeSeenCombinations}. */
export interface EncodeSeenOptions {
  /**
   * When true, a combination not seen in the fit maps to -1 instead of throwing. Default false:
   * an unseen combination is an error, because a powerset model can never predict it.
   */
  mapUnseenToMinusOne?: boolean;
}

/**
 * The combinations of `yTrue`, numbered in order of first appearance: the first row's
 * combination is class 0, the next new combination class 1, and so on. (This is not the binary
 * order of `encodePowerset`.)
 * Used in lessons: 05.
 * @throws InputError if `yTrue` is empty, ragged, or has an entry other than 0 or 1.
 */
export function fitSeenCombinations(yTrue: Matrix): SeenCombinations {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  const seen = new Set<number | string>();
  const combinations: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const key = combinationLookupKey(yTrue[i], cols);
    if (seen.has(key)) continue;
    seen.add(key);
    combinations.push(yTrue[i].slice());
  }
  return { combinations, numLabels: cols };
}

/** Checks a fitted value (it may come from anywhere) and returns its number of classes. */
function checkSeen(seen: unknown): number {
  assertObject('seen', seen, '{ combinations, numLabels } (from fitSeenCombinations)');
  const { combinations, numLabels } = seen as Partial<SeenCombinations>;
  if (typeof numLabels !== 'number')
    throw new InputError(`seen.numLabels must be a number, got ${describe(numLabels)}`);
  const [classes] = assertBinaryMatrix('seen.combinations', combinations as Matrix, numLabels);
  return classes;
}

/**
 * Each row's class: the index of its combination in `seen`.
 * @returns one class index per row; -1 for an unseen combination with `mapUnseenToMinusOne`.
 * @throws InputError for a bad `seen`, a `yTrue` that is not a 0/1 matrix as wide as the fitted
 *   rows, or (by default) a combination not seen in the fit, naming it and its row.
 */
export function encodeSeenCombinations(
  yTrue: Matrix,
  seen: SeenCombinations,
  options: EncodeSeenOptions = {},
): number[] {
  const classes = checkSeen(seen);
  const [, cols] = assertBinaryMatrix('yTrue', yTrue, seen.numLabels);
  const { mapUnseenToMinusOne: minusOne } = assertOptions(options, { mapUnseenToMinusOne: true });
  if (minusOne !== undefined && typeof minusOne !== 'boolean')
    throw new InputError(
      `options.mapUnseenToMinusOne must be a boolean, got ${describe(minusOne)}`,
    );
  const index = new Map(seen.combinations.map((row, c) => [combinationLookupKey(row, cols), c]));
  return yTrue.map((row, i) => {
    const cls = index.get(combinationLookupKey(row, cols));
    if (cls !== undefined) return cls;
    if (minusOne) return -1;
    throw new InputError(
      `yTrue row ${i} has the label combination ${labelCombinationKey(row)}, which was not ` +
        `seen in the fit (${classes} combinations were); pass { mapUnseenToMinusOne: true } ` +
        'to map unseen combinations to -1',
    );
  });
}

/**
 * The multi-hot row of each class index (new arrays).
 * @throws InputError for a bad `seen`, an empty `classIndices`, or an index that is not an integer
 *   class of `seen` (-1, the unseen marker, has no row either).
 */
export function decodeSeenCombinations(
  classIndices: ArrayLike<number>,
  seen: SeenCombinations,
): number[][] {
  const classes = checkSeen(seen);
  assertIndexList('classIndices', classIndices);
  return Array.from({ length: classIndices.length }, (_, i) => {
    const cls: unknown = classIndices[i];
    if (typeof cls === 'number' && Number.isInteger(cls) && cls >= 0 && cls < classes)
      return seen.combinations[cls].slice();
    const hint = cls === -1 ? ' (-1 marks a combination not seen in the fit; it has no row)' : '';
    throw new InputError(
      `classIndices[${i}] must be an integer class index in [0, ${classes - 1}] ` +
        `(${classes} seen combinations), got ${describe(cls)}${hint}`,
    );
  });
}
