/**
 * ROC AUC per label and averaged, as scikit-learn's `roc_auc_score` on multi-label input.
 */
import { assertLabelsAndScores, assertOptions, InputError, type Matrix } from '../../core/validate';

import { type Average, type Averaged, checkAverage } from './options';

/** Options of {@link rocAucScore}. Not used in a lesson yet. */
export interface RocAucOptions {
  /** `null` returns one AUC per label; default `'macro'`, as sklearn. */
  average?: Average | null;
}

/**
 * Area under the ROC curve of one binary problem as the Mann-Whitney statistic: the fraction of
 * (positive, negative) pairs the scores order correctly, a tie counting one half, which is the
 * area under sklearn's ROC curve (whose tied scores share one point). The caller checks that
 * both classes are present.
 */
export function binaryAuc(labels: Uint8Array, scores: Float64Array): number {
  let numPos = 0;
  for (let i = 0; i < labels.length; i++) numPos += labels[i];
  const pos = new Float64Array(numPos);
  const neg = new Float64Array(labels.length - numPos);
  let a = 0;
  let b = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  // Counted in halves so that the sum stays an exact integer: 2 per pair ordered, 1 per tie.
  let halves = 0;
  let below = 0;
  for (let p = 0; p < pos.length;) {
    const v = pos[p];
    let group = 0;
    while (p < pos.length && pos[p] === v) {
      p++;
      group++;
    }
    while (below < neg.length && neg[below] < v) below++;
    let tied = below;
    while (tied < neg.length && neg[tied] === v) tied++;
    halves += group * (2 * below + (tied - below));
  }
  return halves / (2 * pos.length * neg.length);
}

/** "only 0s" / "only 1s" for an error message about a missing class. */
export function onlyClass(positives: number): string {
  return positives === 0 ? 'only 0s' : 'only 1s';
}

/**
 * Area under the ROC curve for multi-label data, as sklearn's `roc_auc_score(y_true, y_score,
 * average=...)` with a multilabel-indicator `y_true`: the probability that a random positive is
 * scored above a random negative (ties count one half).
 *
 * - `average: null`: one AUC per label; `'macro'` (default): their mean;
 *   `'weighted'`: their mean weighted by each label's number of positives, so a label with no
 *   positives has weight 0 and is left out, as in sklearn;
 *   `'micro'`: one AUC over all (row, label) entries pooled; `'samples'`: one AUC per row,
 *   ranking that row's labels, then their mean.
 * - An AUC needs both classes. Where one is missing sklearn (1.9.1) warns and returns NaN
 *   (older versions raised ValueError); here it is an InputError naming the label (or row):
 *   for `null` and `'macro'` every label column needs a 0 and a 1, for `'weighted'` every label
 *   with a positive needs a 0, for `'samples'` every row needs both, for `'micro'` the matrix.
 *   `'weighted'` with no positive at all also throws (sklearn returns 0 there).
 *
 * Used in lessons: 03.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param scores finite scores of the same shape: probabilities, logits, any ranking score.
 * @param options `{ average? }` (default `'macro'`).
 * @returns an AUC in [0, 1] (0.5 is chance), or one per label when `average` is null.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, mismatched shapes, an
 *   unknown `average`, or a label (row, for `'samples'`) with only one class.
 */
export function rocAucScore<A extends Average | null = 'macro'>(
  yTrue: Matrix,
  scores: Matrix,
  options: RocAucOptions & { average?: A } = {},
): Averaged<A> {
  return rocAuc(yTrue, scores, options) as Averaged<A>;
}

function rocAuc(yTrue: Matrix, scores: Matrix, options: RocAucOptions): number | number[] {
  const [n, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  const o = assertOptions<RocAucOptions>(options, { average: true });
  const averageMode = checkAverage(o.average === undefined ? 'macro' : o.average);

  if (averageMode === 'micro') {
    const labels = new Uint8Array(n * numLabels);
    const flat = new Float64Array(n * numLabels);
    let positives = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < numLabels; j++) {
        labels[i * numLabels + j] = yTrue[i][j];
        flat[i * numLabels + j] = scores[i][j];
        positives += yTrue[i][j];
      }
    }
    if (positives === 0 || positives === n * numLabels) {
      throw new InputError(
        'yTrue must contain both 0s and 1s for a micro-averaged ROC AUC, ' +
          `got ${onlyClass(positives)}`,
      );
    }
    return binaryAuc(labels, flat);
  }

  if (averageMode === 'samples') {
    let total = 0;
    const labels = new Uint8Array(numLabels);
    const row = new Float64Array(numLabels);
    for (let i = 0; i < n; i++) {
      let positives = 0;
      for (let j = 0; j < numLabels; j++) {
        labels[j] = yTrue[i][j];
        row[j] = scores[i][j];
        positives += yTrue[i][j];
      }
      if (positives === 0 || positives === numLabels) {
        throw new InputError(
          `yTrue row ${i} must contain both 0s and 1s for average 'samples' (its ROC AUC is ` +
            `undefined otherwise), got ${onlyClass(positives)}`,
        );
      }
      total += binaryAuc(labels, row);
    }
    return total / n;
  }

  const labels = new Uint8Array(n);
  const col = new Float64Array(n);
  const auc = new Array<number>(numLabels);
  const support = new Array<number>(numLabels);
  let totalSupport = 0;
  for (let j = 0; j < numLabels; j++) {
    let positives = 0;
    for (let i = 0; i < n; i++) {
      labels[i] = yTrue[i][j];
      col[i] = scores[i][j];
      positives += yTrue[i][j];
    }
    support[j] = positives;
    totalSupport += positives;
    // A label with no positives has weight 0 in 'weighted', so its AUC is not needed there.
    if (averageMode === 'weighted' && positives === 0) {
      auc[j] = 0;
      continue;
    }
    if (positives === 0 || positives === n) {
      const hint = positives === 0 ? " (average 'weighted' leaves such labels out)" : '';
      throw new InputError(
        `yTrue column ${j} (label ${j}) must contain both 0s and 1s for its ROC AUC to be ` +
          `defined, got ${onlyClass(positives)} in ${n} rows${hint}`,
      );
    }
    auc[j] = binaryAuc(labels, col);
  }
  if (averageMode === null) return auc;
  if (averageMode === 'macro') return auc.reduce((acc, v) => acc + v, 0) / numLabels;
  if (totalSupport === 0) {
    throw new InputError(
      "yTrue must contain at least one 1 for average 'weighted' (the weights are the labels' " +
        'numbers of positives), got only 0s',
    );
  }
  let weighted = 0;
  for (let j = 0; j < numLabels; j++) weighted += auc[j] * support[j];
  return weighted / totalSupport;
}
