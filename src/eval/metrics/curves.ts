/**
 * Precision-recall curves and average precision per label, in scikit-learn's layout; they only
 * sort the outputs, so they take any finite scores (logits too).
 */
import {
  assertInteger,
  assertLabelsAndScores,
  assertList,
  assertMatrix,
  InputError,
  type Matrix,
} from '../../core/validate';

/** A precision-recall curve for one label, in scikit-learn's layout. */
export interface PrecisionRecallCurve {
  /** `precision[k]` is the precision at `thresholds[k]`; the extra last entry is 1. */
  precision: number[];
  /** `recall[k]` is the recall at `thresholds[k]`; the extra last entry is 0. */
  recall: number[];
  /** Distinct scores, ascending. */
  thresholds: number[];
}

/**
 * Scores of positives and of negatives, each sorted ascending, so that "how many are >= t"
 * is a pointer walk instead of a pass over all samples per threshold.
 */
export function splitSorted(
  yTrue: Matrix | readonly number[],
  scores: Matrix | readonly number[],
  j: number,
): { pos: Float64Array; neg: Float64Array } {
  const n = yTrue.length;
  const labels = new Uint8Array(n);
  const values = new Float64Array(n);
  let nPos = 0;
  if (j < 0) {
    const t = yTrue as readonly number[];
    const p = scores as readonly number[];
    for (let i = 0; i < n; i++) {
      labels[i] = t[i];
      values[i] = p[i];
      nPos += t[i];
    }
  } else {
    const t = yTrue as Matrix;
    const p = scores as Matrix;
    for (let i = 0; i < n; i++) {
      labels[i] = t[i][j];
      values[i] = p[i][j];
      nPos += t[i][j];
    }
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) pos[a++] = values[i];
    else neg[b++] = values[i];
  }
  pos.sort();
  neg.sort();
  return { pos, neg };
}

/**
 * Distinct values of two ascending arrays plus `extra` (any order), ascending: a merge, not a
 * re-sort.
 */
export function distinctUnion(
  sortedA: Float64Array,
  sortedB: Float64Array,
  extra: readonly number[],
): Float64Array {
  const c = Float64Array.from(extra).sort();
  const out = new Float64Array(sortedA.length + sortedB.length + c.length);
  let a = 0;
  let b = 0;
  let k = 0;
  let m = 0;
  while (a < sortedA.length || b < sortedB.length || k < c.length) {
    let v = Infinity;
    if (a < sortedA.length) v = sortedA[a];
    if (b < sortedB.length && sortedB[b] < v) v = sortedB[b];
    if (k < c.length && c[k] < v) v = c[k];
    while (a < sortedA.length && sortedA[a] === v) a++;
    while (b < sortedB.length && sortedB[b] === v) b++;
    while (k < c.length && c[k] === v) k++;
    out[m++] = v;
  }
  return out.subarray(0, m);
}

export function assertColumns(yTrueColumn: unknown, scoresColumn: unknown): void {
  const a = assertList('yTrueColumn', yTrueColumn, 'binary');
  const b = assertList('scoresColumn', scoresColumn, 'finite');
  if (a !== b)
    throw new InputError(
      `yTrueColumn and scoresColumn must have the same length, got ${a} and ${b}`,
    );
}

/**
 * Unchecked core of precisionRecallCurve; `j` = -1 reads vectors, otherwise column j of
 * matrices.
 */
export function prCurve(
  yTrue: Matrix | readonly number[],
  scores: Matrix | readonly number[],
  j: number,
): PrecisionRecallCurve {
  const { pos, neg } = splitSorted(yTrue, scores, j);
  const thresholds = distinctUnion(pos, neg, []);
  const m = thresholds.length;
  const precision = new Array<number>(m + 1);
  const recall = new Array<number>(m + 1);
  let ip = 0;
  let ineg = 0;
  for (let k = 0; k < m; k++) {
    const t = thresholds[k];
    while (ip < pos.length && pos[ip] < t) ip++;
    while (ineg < neg.length && neg[ineg] < t) ineg++;
    const tp = pos.length - ip;
    const fp = neg.length - ineg;
    // Every threshold is an observed score, so tp + fp >= 1.
    precision[k] = tp / (tp + fp);
    // sklearn sets recall to 1 everywhere when the label has no positives.
    recall[k] = pos.length === 0 ? 1 : tp / pos.length;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: Array.from(thresholds) };
}

/**
 * Precision-recall curve of one label, as scikit-learn's `precision_recall_curve(y_true, y_score)`
 * (with `drop_intermediate=False`): one point per distinct score, thresholds ascending, decision
 * rule `score >= threshold`, and a final point (precision 1, recall 0) with no threshold. When the
 * label has no positives, recall is 1 at every threshold (as sklearn, which also warns). Only
 * the order of the scores matters, so logits give the curve of their probabilities, with the
 * thresholds on the logit scale.
 *
 * @param yTrueColumn 0/1 labels of one label column.
 * @param scoresColumn finite scores for that label (probabilities or logits), same length.
 * @returns `{ precision, recall, thresholds }` with
 *   `precision.length === recall.length === thresholds.length + 1`.
 * @throws {InputError} on empty input, non-0/1 labels, NaN or infinite scores, or different
 *   lengths.
 */
export function precisionRecallCurve(
  yTrueColumn: readonly number[],
  scoresColumn: readonly number[],
): PrecisionRecallCurve {
  assertColumns(yTrueColumn, scoresColumn);
  return prCurve(yTrueColumn, scoresColumn, -1);
}

/**
 * {@link precisionRecallCurve} for every label of a multi-label problem.
 *
 * @param yTrue 0/1 multi-hot matrix.
 * @param scores finite scores (probabilities or logits), same shape.
 * @returns one curve per label, in label order.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function perLabelPrecisionRecallCurves(
  yTrue: Matrix,
  scores: Matrix,
): PrecisionRecallCurve[] {
  const [, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  const out = new Array<PrecisionRecallCurve>(numLabels);
  for (let j = 0; j < numLabels; j++) out[j] = prCurve(yTrue, scores, j);
  return out;
}

/** Step-function area under the curve, as sklearn's `_binary_uninterpolated_average_precision`. */
export function apFromCurve(curve: PrecisionRecallCurve): number {
  const { precision, recall } = curve;
  let sum = 0;
  for (let k = 0; k + 1 < recall.length; k++) sum += (recall[k + 1] - recall[k]) * precision[k];
  // -sum can be -0 from rounding; sklearn clips it to 0.
  return Math.max(0, -sum);
}

/**
 * Average precision of one label, as scikit-learn's `average_precision_score(y_true, y_score)`:
 * `sum_k (R_k - R_{k-1}) * P_k` over the thresholds, without interpolation. A label with no
 * positives gets 0 (sklearn also warns). Any finite scores will do (logits too).
 *
 * @param yTrueColumn 0/1 labels of one label column.
 * @param scoresColumn finite scores for that label (probabilities or logits), same length.
 * @returns the average precision in [0, 1].
 * @throws {InputError} on empty input, non-0/1 labels, NaN or infinite scores, or different
 *   lengths.
 */
export function averagePrecision(
  yTrueColumn: readonly number[],
  scoresColumn: readonly number[],
): number {
  assertColumns(yTrueColumn, scoresColumn);
  return apFromCurve(prCurve(yTrueColumn, scoresColumn, -1));
}

/**
 * Average precision of every label, as `average_precision_score(y_true, y_score, average=None)`.
 *
 * @param yTrue 0/1 multi-hot matrix.
 * @param scores finite scores (probabilities or logits), same shape.
 * @returns one average precision per label.
 * @throws {InputError} on empty, ragged, non-0/1, NaN or infinite input, or mismatched shapes.
 */
export function perLabelAveragePrecision(yTrue: Matrix, scores: Matrix): number[] {
  const [, numLabels] = assertLabelsAndScores(yTrue, scores, 'scores');
  const out = new Array<number>(numLabels);
  for (let j = 0; j < numLabels; j++) out[j] = apFromCurve(prCurve(yTrue, scores, j));
  return out;
}

/**
 * Column `j` of a matrix, for example one label's probabilities for {@link precisionRecallCurve}.
 *
 * @param matrix a non-empty rectangular matrix of finite numbers.
 * @param j column index in [0, numLabels - 1].
 * @returns a new array with `matrix[i][j]` for every row i.
 * @throws {InputError} if the matrix is empty, ragged or not finite, or `j` is not a valid column
 *   index.
 */
export function column(matrix: Matrix, j: number): number[] {
  const [, cols] = assertMatrix('matrix', matrix);
  assertInteger('j', j, 0, cols - 1);
  const out = new Array<number>(matrix.length);
  for (let i = 0; i < matrix.length; i++) out[i] = matrix[i][j];
  return out;
}
