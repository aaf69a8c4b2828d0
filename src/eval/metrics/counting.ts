/**
 * Counting metrics: one flat pass over the matrices tallies true and false positives and negatives
 * per label and per row; Hamming loss, subset accuracy, per-entry accuracy and the confusion
 * matrices are read from the tally.
 */
import { type Matrix } from '../../core/validate';
import { type Average, checkDecisions } from './options';

/**
 * Confusion counts of one label, as one 2x2 block of sklearn's `multilabel_confusion_matrix`.
 */
export interface LabelConfusion {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

/** Per-label and per-sample confusion counts (float arrays so the divisions match numpy's). */
export interface Tally {
  n: number;
  numLabels: number;
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
  rowTp: Float64Array;
  rowPred: Float64Array;
  rowTrue: Float64Array;
  exactRows: number;
  mismatches: number;
}

/**
 * Counts decisions `scores[i][j] >= thresholds[j]` against yTrue, the rule of `toDecisions`.
 * Passing 0/1 decisions with all thresholds 1 counts them as they are, so one loop serves both
 * decisions and probabilities (metricSummary never materialises a yPred matrix).
 */
export function tally(
  yTrue: Matrix,
  scores: Matrix,
  n: number,
  numLabels: number,
  thresholds: Float64Array = ones(numLabels),
): Tally {
  const tp = new Float64Array(numLabels);
  const fp = new Float64Array(numLabels);
  const fn = new Float64Array(numLabels);
  const rowTp = new Float64Array(n);
  const rowPred = new Float64Array(n);
  const rowTrue = new Float64Array(n);
  let exactRows = 0;
  let mismatches = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = scores[i];
    let rtp = 0;
    let rfp = 0;
    let rfn = 0;
    for (let j = 0; j < numLabels; j++) {
      const predicted = s[j] >= thresholds[j];
      if (t[j] === 1) {
        if (predicted) {
          rtp++;
          tp[j]++;
        } else {
          rfn++;
          fn[j]++;
        }
      } else if (predicted) {
        rfp++;
        fp[j]++;
      }
    }
    rowTp[i] = rtp;
    rowPred[i] = rtp + rfp;
    rowTrue[i] = rtp + rfn;
    if (rfp + rfn === 0) exactRows++;
    mismatches += rfp + rfn;
  }
  return { n, numLabels, tp, fp, fn, rowTp, rowPred, rowTrue, exactRows, mismatches };
}

export function ones(numLabels: number): Float64Array {
  return new Float64Array(numLabels).fill(1);
}

/**
 * The sufficient statistics for one averaging mode: one entry per label, per sample, or one in
 * total.
 */
export function countsFor(
  t: Tally,
  average: Average | null,
): { tp: Float64Array; pred: Float64Array; trueSum: Float64Array } {
  if (average === 'samples') return { tp: t.rowTp, pred: t.rowPred, trueSum: t.rowTrue };
  const L = t.numLabels;
  const pred = new Float64Array(L);
  const trueSum = new Float64Array(L);
  for (let j = 0; j < L; j++) {
    pred[j] = t.tp[j] + t.fp[j];
    trueSum[j] = t.tp[j] + t.fn[j];
  }
  if (average !== 'micro') return { tp: t.tp, pred, trueSum };
  return {
    tp: Float64Array.of(sum(t.tp)),
    pred: Float64Array.of(sum(pred)),
    trueSum: Float64Array.of(sum(trueSum)),
  };
}

export function sum(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
}

/** sklearn's `_prf_divide`: a 0 denominator yields zero_division instead of NaN / Infinity. */
export function divide(num: Float64Array, den: Float64Array, zeroDivision: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let k = 0; k < num.length; k++) out[k] = den[k] === 0 ? zeroDivision : num[k] / den[k];
  return out;
}

/** sklearn's `_nanaverage`: NaNs are dropped; all-zero weights fall back to a plain mean. */
export function nanAverage(a: Float64Array, weights: Float64Array | null): number {
  let count = 0;
  let plain = 0;
  let weighted = 0;
  let wsum = 0;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (Number.isNaN(v)) continue;
    count++;
    plain += v;
    if (weights) {
      weighted += v * weights[k];
      wsum += weights[k];
    }
  }
  if (count === 0) return NaN;
  if (weights && wsum !== 0) return weighted / wsum;
  return plain / count;
}

/**
 * Confusion counts per label, as sklearn's `multilabel_confusion_matrix(y_true, y_pred)`
 * (whose block `[[tn, fp], [fn, tp]]` is `{ tn, fp, fn, tp }` here).
 *
 * @param yTrue 0/1 multi-hot ground truth, rows = samples, cols = labels.
 * @param yPred 0/1 decisions, same shape.
 * @returns one `{ tn, fp, fn, tp }` per label.
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, or mismatched shapes.
 */
export function multilabelConfusionMatrix(yTrue: Matrix, yPred: Matrix): LabelConfusion[] {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const t = tally(yTrue, yPred, n, numLabels);
  const out = new Array<LabelConfusion>(numLabels);
  for (let j = 0; j < numLabels; j++) {
    out[j] = { tn: n - t.tp[j] - t.fp[j] - t.fn[j], fp: t.fp[j], fn: t.fn[j], tp: t.tp[j] };
  }
  return out;
}

/**
 * Fraction of label entries that are wrong, as sklearn's `hamming_loss(y_true, y_pred)`.
 *
 * Used in lessons: 05.
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @returns wrong entries / (samples x labels), in [0, 1]; lower is better.
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, or mismatched shapes.
 */
export function hammingLoss(yTrue: Matrix, yPred: Matrix): number {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  return tally(yTrue, yPred, n, numLabels).mismatches / (n * numLabels);
}

/**
 * Exact-match ratio: the fraction of samples whose whole label row is right, as sklearn's
 * `accuracy_score(y_true, y_pred)` on multi-label input.
 *
 * Used in lessons: 04, 05.
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @returns fraction of rows with every label right, in [0, 1].
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, or mismatched shapes.
 */
export function subsetAccuracy(yTrue: Matrix, yPred: Matrix): number {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  return tally(yTrue, yPred, n, numLabels).exactRows / n;
}

/**
 * Fraction of label entries that are right (1 - Hamming loss), which is what Keras'
 * `binary_accuracy` reports once the decisions are made. Keras itself thresholds with a strict
 * `p > 0.5`; pass decisions from `toDecisions` (rule `p >= threshold`) to control that.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @returns right entries / (samples x labels), in [0, 1].
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, or mismatched shapes.
 */
export function binaryAccuracy(yTrue: Matrix, yPred: Matrix): number {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const total = n * numLabels;
  return (total - tally(yTrue, yPred, n, numLabels).mismatches) / total;
}
