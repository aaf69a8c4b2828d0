/**
 * Statistics of a multi-label target matrix beyond cardinality and distinct sets (`labels`):
 * which labels occur together, how strongly two labels are tied, how often each occurs, which
 * rows of one set carry a label set that never occurs in another, the share of rows with no, one
 * or several labels (measured, or expected for independent labels), and column orders by label
 * frequency.
 */
import { labelCardinality, labelCombinationKey, rowsWithAtLeast } from './labels';
import {
  assertBinaryMatrix,
  assertInteger,
  assertList,
  assertMatrix,
  describe,
  InputError,
  type Matrix,
} from './validate';

/**
 * How often each pair of labels occurs together: entry [a][b] counts the rows with both labels
 * (the diagonal counts each label's rows).
 * Used in lessons: 06.
 * @throws InputError for a bad label matrix.
 */
export function coOccurrence(yTrue: Matrix): number[][] {
  const [, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  const out = Array.from({ length: numLabels }, () => new Array<number>(numLabels).fill(0));
  for (const row of yTrue)
    for (let a = 0; a < numLabels; a++)
      if (row[a] === 1) for (let b = 0; b < numLabels; b++) if (row[b] === 1) out[a][b]++;
  return out;
}

/**
 * Pearson's correlation of two label columns.
 * Used in lessons: 06.
 * @throws InputError for a bad label matrix, a column out of range, or a constant column.
 */
export function labelCorrelation(yTrue: Matrix, a: number, b: number): number {
  const [n, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  assertInteger('a', a, 0, numLabels - 1);
  assertInteger('b', b, 0, numLabels - 1);
  const mean = (j: number) => yTrue.reduce((s, row) => s + row[j], 0) / n;
  const [ma, mb] = [mean(a), mean(b)];
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (const row of yTrue) {
    cov += (row[a] - ma) * (row[b] - mb);
    va += (row[a] - ma) ** 2;
    vb += (row[b] - mb) ** 2;
  }
  if (va === 0 || vb === 0)
    throw new InputError(`label columns ${a} and ${b} must both vary to have a correlation`);
  return cov / Math.sqrt(va * vb);
}

/**
 * The share of rows that carry each label (its frequency).
 * Used in lessons: 06.
 * @throws InputError for a bad label matrix.
 */
export function labelFrequencies(yTrue: Matrix): number[] {
  const [rows, numLabels] = assertBinaryMatrix('yTrue', yTrue);
  const freq = new Array<number>(numLabels).fill(0);
  for (const row of yTrue) for (let j = 0; j < numLabels; j++) freq[j] += row[j] / rows;
  return freq;
}

/**
 * The rows of `y` whose label set occurs nowhere in `yReference` (e.g. test rows whose label set
 * never occurs in training, which a label powerset can never predict).
 * Used in lessons: 06.
 * @throws InputError for label matrices of different widths.
 */
export function unseenLabelSetRows(yReference: Matrix, y: Matrix): number[] {
  const [, numLabels] = assertBinaryMatrix('yReference', yReference);
  assertBinaryMatrix('y', y, numLabels);
  const seen = new Set(yReference.map((row) => labelCombinationKey(row)));
  const out: number[] = [];
  y.forEach((row, i) => {
    if (!seen.has(labelCombinationKey(row))) out.push(i);
  });
  return out;
}

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
  assertBinaryMatrix('yTrue', yTrue);
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
  assertList('frequencies', frequencies);
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
