/**
 * Seeded k-fold assignment of multi-label rows by iterative stratification (Sechidis, Tsoumakas &
 * Vlahavas, "On the stratification of multi-label data", ECML PKDD 2011, Algorithm 1), so that
 * each label's rows, rare labels above all, spread evenly over the folds.
 */
import { createRng, permutation } from '../core/random';
import { assertBinaryMatrix, assertInteger, InputError, type Matrix } from '../core/validate';

/**
 * Assigns each row of `y` to one of `numFolds` equal folds by iterative stratification:
 *
 * 1. Each fold j wants `rows / numFolds` rows in all and `rows with l / numFolds` rows of each
 *    label l.
 * 2. Until every row is assigned: take the label with the fewest rows still unassigned (ties by a
 *    seeded random choice); give each of its unassigned rows, in a seeded random order, to the
 *    fold that most wants that label, ties by the fold that most wants rows overall, then by a
 *    seeded random choice; the fold then wants one row less, and one less of each of the row's
 *    labels.
 * 3. Rows without any label go, one by one, to the fold that most wants rows (ties at random).
 *
 * The same `y`, `numFolds` and `seed` always give the same folds.
 * Used in lessons: 06.
 * @param y 0/1 labels, one row per example.
 * @param numFolds folds, at least 2 and at most the number of rows.
 * @param seed a whole number in [0, 2^32 - 1] for the random choices.
 * @returns the fold (0..numFolds-1) of each row.
 * @throws InputError for a `y` that is not a non-empty 0/1 matrix, fewer rows than folds, a
 *   `numFolds` below 2, or a bad seed.
 */
export function iterativeStratification(y: Matrix, numFolds: number, seed: number): number[] {
  const [numRows, numLabels] = assertBinaryMatrix('y', y);
  assertInteger('numFolds', numFolds, 2);
  if (numFolds > numRows)
    throw new InputError(`numFolds (${numFolds}) must not exceed the number of rows (${numRows})`);
  const rng = createRng(seed);
  const order = Array.from(permutation(numRows, rng));
  const fold = new Array<number>(numRows).fill(-1);
  const wantRows = new Array<number>(numFolds).fill(numRows / numFolds);
  const wantLabel = Array.from({ length: numLabels }, (_, l) => {
    const count = y.reduce((s, row) => s + row[l], 0);
    return new Array<number>(numFolds).fill(count / numFolds);
  });
  const remaining = Array.from({ length: numLabels }, (_, l) =>
    y.reduce((s, row) => s + row[l], 0),
  );
  /** The folds maximizing `score` among `among` (all folds when omitted). */
  const argmaxes = (score: (j: number) => number, among?: number[]) => {
    const folds = among ?? Array.from({ length: numFolds }, (_, j) => j);
    const best = Math.max(...folds.map(score));
    return folds.filter((j) => score(j) === best);
  };
  const pick = (choices: number[]) => choices[choices.length === 1 ? 0 : rng.int(choices.length)];
  const assign = (row: number, j: number) => {
    fold[row] = j;
    wantRows[j]--;
    for (let l = 0; l < numLabels; l++)
      if (y[row][l] === 1) {
        wantLabel[l][j]--;
        remaining[l]--;
      }
  };
  for (;;) {
    const open = remaining.flatMap((r, l) => (r > 0 ? [l] : []));
    if (open.length === 0) break;
    const fewest = Math.min(...open.map((l) => remaining[l]));
    const label = pick(open.filter((l) => remaining[l] === fewest));
    for (const row of order) {
      if (fold[row] !== -1 || y[row][label] !== 1) continue;
      const wanted = argmaxes((j) => wantLabel[label][j]);
      assign(row, pick(wanted.length === 1 ? wanted : argmaxes((j) => wantRows[j], wanted)));
    }
  }
  for (const row of order) if (fold[row] === -1) assign(row, pick(argmaxes((j) => wantRows[j])));
  return fold;
}
