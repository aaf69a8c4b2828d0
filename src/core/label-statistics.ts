/**
 * Statistics of a multi-label target matrix beyond cardinality and distinct sets (`labels`):
 * which labels occur together, how strongly two labels are tied, how often each occurs, and
 * which rows of one set carry a label set that never occurs in another.
 */
import { labelCombinationKey } from './labels';
import { assertBinaryMatrix, assertInteger, InputError, type Matrix } from './validate';

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
