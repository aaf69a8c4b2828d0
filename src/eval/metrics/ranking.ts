/**
 * Ranking metrics: they use the order of the scores, so any finite scores (logits) will do. Label
 * ranking average precision, coverage error, ranking loss, one-error, and categorical accuracy
 * (the top-1 label).
 */
import { argMaxOf } from '../../core/rows';
import { assertLabelsAndScores, type Matrix } from '../../core/validate';

/**
 * LRAP and ranking loss in one pass over the rows: both count, for each true label scored sj,
 * the labels scored >= sj (ties take the worst rank, as sklearn's "max" ranking) and how many of
 * them are true, so they share the O(numLabels^2) loop.
 */
export function pairStats(
  yTrue: Matrix,
  scores: Matrix,
  n: number,
  numLabels: number,
): { lrap: number; rankingLoss: number } {
  let lrapSum = 0;
  let lossSum = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = scores[i];
    let relevant = 0;
    for (let j = 0; j < numLabels; j++) relevant += t[j];
    // sklearn: with no true labels (or all), the ranking means nothing: LRAP 1, ranking loss 0.
    if (relevant === 0 || relevant === numLabels) {
      lrapSum += 1;
      continue;
    }
    let precisionSum = 0;
    let misordered = 0;
    for (let j = 0; j < numLabels; j++) {
      if (t[j] !== 1) continue;
      const sj = s[j];
      let rank = 0;
      let relevantAbove = 0;
      for (let k = 0; k < numLabels; k++) {
        if (s[k] >= sj) {
          rank++;
          relevantAbove += t[k];
        }
      }
      precisionSum += relevantAbove / rank;
      // The false labels scored >= sj are misordered pairs, ties included (as sklearn).
      misordered += rank - relevantAbove;
    }
    lrapSum += precisionSum / relevant;
    lossSum += misordered / (relevant * (numLabels - relevant));
  }
  return { lrap: lrapSum / n, rankingLoss: lossSum / n };
}

/** Coverage error and one-error in one O(numLabels) pass over the rows. */
export function topStats(
  yTrue: Matrix,
  scores: Matrix,
  n: number,
  numLabels: number,
): { coverage: number; oneError: number } {
  let coverageSum = 0;
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = scores[i];
    if (t[argMaxOf(s, 0, numLabels)] !== 1) errors++;
    let lowest = Infinity;
    for (let j = 0; j < numLabels; j++) if (t[j] === 1 && s[j] < lowest) lowest = s[j];
    // Scores are finite, so Infinity means no true label: such a row covers nothing (sklearn's
    // masked minimum is filled with 0).
    if (lowest === Infinity) continue;
    for (let j = 0; j < numLabels; j++) if (s[j] >= lowest) coverageSum++;
  }
  return { coverage: coverageSum / n, oneError: errors / n };
}

export function categorical(yTrue: Matrix, scores: Matrix, n: number, numLabels: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (argMaxOf(yTrue[i], 0, numLabels) === argMaxOf(scores[i], 0, numLabels)) hits++;
  }
  return hits / n;
}

/**
 * Label ranking average precision, as sklearn's `label_ranking_average_precision_score`: for
 * each true label of a row, the fraction of labels ranked at or above it that are true, averaged
 * over the row's true labels and then over rows. Tied scores all take the lowest of their ranks.
 * A row with no true labels (or with every label true) scores 1, as in sklearn. Multi-label
 * papers call it "average precision".
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param scores finite scores of the same shape: probabilities, logits, any ranking score.
 * @returns LRAP in (0, 1]; 1 means every true label outranks every false one.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function labelRankingAveragePrecision(yTrue: Matrix, scores: Matrix): number {
  const [n, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  return pairStats(yTrue, scores, n, numLabels).lrap;
}

/**
 * Coverage error, as sklearn's `coverage_error`: how far down the ranked labels one must go, on
 * average, to cover all true labels (ties with the lowest-scored true label all count). A row
 * with no true labels contributes 0, as in sklearn. Multi-label papers report
 * `coverageError - 1` as "coverage".
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param scores finite scores of the same shape: probabilities, logits, any ranking score.
 * @returns the mean depth, in [0, numLabels]; the best possible is the mean number of true labels.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function coverageError(yTrue: Matrix, scores: Matrix): number {
  const [n, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  return topStats(yTrue, scores, n, numLabels).coverage;
}

/**
 * Ranking loss, as sklearn's `label_ranking_loss`: per row, the fraction of (true, false) label
 * pairs that are misordered, i.e. whose false label is scored at least as high as the true one
 * (a tie counts as an error, as in sklearn), averaged over rows. A row with no true labels or
 * with every label true has no pair and scores 0, as in sklearn.
 *
 * Not used in a lesson yet.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param scores finite scores of the same shape: probabilities, logits, any ranking score.
 * @returns the mean fraction of misordered pairs, in [0, 1]; lower is better.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function labelRankingLoss(yTrue: Matrix, scores: Matrix): number {
  const [n, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  return pairStats(yTrue, scores, n, numLabels).rankingLoss;
}

/**
 * One-error: the fraction of rows whose top-scored label is not a true label (sklearn has no
 * such function; this is the definition of the multi-label papers that report it). A tie for the
 * top score goes to the first of the tied labels in column order, as np.argmax and tf.argMax,
 * so with tied scores the result depends on the label order. A row with no true labels always
 * counts as an error, since no label on top of it can be true.
 *
 * Not used in a lesson yet.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param scores finite scores of the same shape: probabilities, logits, any ranking score.
 * @returns the fraction of rows whose top label is wrong, in [0, 1]; lower is better.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function oneError(yTrue: Matrix, scores: Matrix): number {
  const [n, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  return topStats(yTrue, scores, n, numLabels).oneError;
}

/**
 * Categorical accuracy exactly as Keras computes it: the fraction of rows where
 * argmax(yTrue row) == argmax(scores row), the first index winning ties (as tf.argMax).
 * On multi-hot targets this only checks whether the top-scored label is the FIRST true label
 * (and an all-zero row counts label 0 as its argmax), which is why tf.keras' 'accuracy' is
 * misleading for multi-label models. Logits give the same argmax as their probabilities.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param scores finite scores of the same shape: probabilities, logits, any ranking score.
 * @returns fraction of rows whose argmaxes agree, in [0, 1].
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function categoricalAccuracy(yTrue: Matrix, scores: Matrix): number {
  const [n, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  return categorical(yTrue, scores, n, numLabels);
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
 * @throws InputError for labels that are not 0/1, scores that are not finite, or matrices of
 *   different shapes.
 */
export function categoricalParts(yTrue: Matrix, scores: Matrix): CategoricalParts {
  const [n, cols] = assertLabelsAndScores(yTrue, scores, 'scores');
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
