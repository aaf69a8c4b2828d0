/**
 * How labels spread over rows and columns, and what categorical accuracy counts on multi-hot
 * rows: the share of rows with no, one or several labels (measured, or expected for independent
 * labels), column orders by label frequency, and categorical accuracy split by the kind of row.
 */
import { labelCardinality, rowsWithAtLeast } from '../core/labels';
import { assertMatrix, describe, InputError, type Matrix } from '../core/validate';

/**
 * The share of rows with exactly one label when labels are independent with these frequencies:
 * the probability of one success among independent trials (a Poisson-binomial count), computed
 * exactly by convolving one label at a time.
 * Used in lessons: 03.
 * @throws InputError unless every frequency is a number in [0, 1].
 */
export function singleLabelShare(frequencies: readonly number[]): number {
  if (!Array.isArray(frequencies) || frequencies.length === 0)
    throw new InputError(
      `frequencies must be a non-empty array of numbers in [0, 1], got ${describe(frequencies)}`,
    );
  let none = 1;
  let one = 0;
  frequencies.forEach((f, j) => {
    if (typeof f !== 'number' || !(f >= 0 && f <= 1))
      throw new InputError(`frequencies[${j}] must be a number in [0, 1], got ${describe(f)}`);
    one = one * (1 - f) + none * f;
    none *= 1 - f;
  });
  return one;
}

/** Label statistics of one set of rows. */
export interface LabelShares {
  /** Mean number of labels per row. */
  cardinality: number;
  /** Share of rows with no label, with exactly one, with two or more. */
  empty: number;
  single: number;
  multi: number;
}

/**
 * How many labels the rows carry: labels per row, and the shares of rows with none, one, several.
 * Used in lessons: 03.
 * @throws InputError for an empty, ragged or not 0/1 matrix.
 */
export function labelShares(yTrue: Matrix): LabelShares {
  const n = yTrue.length;
  const some = rowsWithAtLeast(yTrue, 1);
  const several = rowsWithAtLeast(yTrue, 2);
  return {
    cardinality: labelCardinality(yTrue),
    empty: (n - some) / n,
    single: (some - several) / n,
    multi: several / n,
  };
}

/**
 * Column orders by label frequency: `rareFirst` puts the rarest label in column 0, and
 * `frequentFirst` the most frequent; ties keep the column order.
 * Used in lessons: 03.
 * @throws InputError unless `frequencies` is a non-empty array and `order` one of the two.
 */
export function frequencyOrder(
  frequencies: readonly number[],
  order: 'rareFirst' | 'frequentFirst',
): number[] {
  if (!Array.isArray(frequencies) || frequencies.length === 0)
    throw new InputError(`frequencies must be a non-empty array, got ${describe(frequencies)}`);
  if (order !== 'rareFirst' && order !== 'frequentFirst')
    throw new InputError(`order must be 'rareFirst' or 'frequentFirst', got ${describe(order)}`);
  const sign = order === 'rareFirst' ? 1 : -1;
  return frequencies
    .map((_, j) => j)
    .sort((a, b) => sign * (frequencies[a] - frequencies[b]) || a - b);
}

/**
 * The rows with their columns in a new order: column `c` of the result is column `order[c]` of
 * `rows`. Reordering the labels and the scores alike changes no label-wise metric.
 * Used in lessons: 03.
 * @throws InputError unless `order` is a permutation of the columns.
 */
export function reorderColumns(rows: Matrix, order: readonly number[]): number[][] {
  const [, cols] = assertMatrix('rows', rows);
  if (
    !Array.isArray(order) ||
    order.length !== cols ||
    new Set(order).size !== cols ||
    !order.every((j) => Number.isInteger(j) && j >= 0 && j < cols)
  )
    throw new InputError(
      `order must be a permutation of the ${cols} column indices, got ${describe(order)}`,
    );
  return (rows as number[][]).map((r) => order.map((j) => r[j]));
}

/** Categorical accuracy split by the kind of row it counts (shares of all rows; they add up). */
export interface CategoricalParts {
  /** Rows with one label, whose label is the top-scored one. */
  single: number;
  /** Rows with several labels whose first true label (in column order) is the top-scored one. */
  multi: number;
  /** Rows with no label whose top-scored label is column 0 (argmax of a zero row is 0). */
  empty: number;
}

/**
 * Where categorical accuracy comes from on multi-hot rows: argmax(yTrue) == argmax(scores) row by
 * row (first index on ties, as tf.argMax), split by the row's number of true labels.
 * Used in lessons: 03.
 * @throws InputError for matrices of different shapes.
 */
export function categoricalParts(yTrue: Matrix, scores: Matrix): CategoricalParts {
  const [n, cols] = assertMatrix('yTrue', yTrue);
  assertMatrix('scores', scores, cols);
  if (scores.length !== n)
    throw new InputError(`scores must have ${n} rows like yTrue, got ${scores.length}`);
  const parts = { single: 0, multi: 0, empty: 0 };
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = scores[i];
    let top = 0;
    for (let j = 1; j < cols; j++) if (s[j] > s[top]) top = j;
    let count = 0;
    let first = -1;
    for (let j = 0; j < cols; j++)
      if (t[j] === 1) {
        count++;
        if (first < 0) first = j;
      }
    if (count === 0) parts.empty += top === 0 ? 1 : 0;
    else if (top === first) parts[count === 1 ? 'single' : 'multi'] += 1;
  }
  return { single: parts.single / n, multi: parts.multi / n, empty: parts.empty / n };
}
