/**
 * Turning probabilities into 0/1 decisions, tuning one threshold per label, and the
 * per-label precision-recall curve that shows what each threshold trades away.
 *
 * Decision rule everywhere in this project: a label is predicted when `p >= threshold`
 * (the same rule as `probs >= 0.5` in the seed document). Deciding and tuning take
 * probabilities in [0, 1]; the curves and average precision only sort the outputs, so they take
 * any finite scores (logits too), as scikit-learn's do.
 */
import {
  InputError,
  Matrix,
  assertInteger,
  assertLabelsAndScores,
  assertList,
  assertMatrix,
  assertOptions,
  assertProbability,
  assertScoreMatrix,
  describe,
} from '../core/validate';

/**
 * One threshold for every label, or one per label (length `numLabels`).
 */
export type Threshold = number | readonly number[];

/** Options for {@link tunePerLabelThresholds}. */
export interface TuneOptions {
  /**
   * Thresholds to try, each in [0, 1]; 0.5 is always added. Default: the label's distinct
   * validation probabilities plus 0.5.
   */
  candidates?: readonly number[];
  /** What to maximise per label; only `'f1'` is supported. */
  metric?: 'f1';
}

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
 * Expands a threshold into one value per label, checking it on the way (shared with
 * metrics.ts so that every caller reports a bad threshold the same way).
 *
 * @param name the argument name to use in error messages, e.g. `'threshold'`.
 * @param threshold one number in [0, 1], or an array of `numLabels` numbers in [0, 1].
 * @param numLabels the number of label columns.
 * @returns a Float64Array of length `numLabels`.
 * @throws {InputError} if a threshold is not a number in [0, 1] or the array length is not
 *   `numLabels`.
 */
export function resolveThresholds(
  name: string,
  threshold: unknown,
  numLabels: number,
): Float64Array {
  assertInteger('numLabels', numLabels, 1);
  const out = new Float64Array(numLabels);
  if (typeof threshold === 'number') {
    assertProbability(name, threshold);
    out.fill(threshold);
    return out;
  }
  if (!Array.isArray(threshold)) {
    throw new InputError(
      `${name} must be a number in [0, 1] or an array of ${numLabels} such numbers ` +
        `(one per label), got ${describe(threshold)}`,
    );
  }
  if (threshold.length !== numLabels) {
    throw new InputError(
      `${name} must have one entry per label (numLabels = ${numLabels}), ` +
        `got ${describe(threshold)}`,
    );
  }
  for (let j = 0; j < numLabels; j++) {
    const t: unknown = threshold[j];
    assertProbability(`${name}[${j}]`, t);
    out[j] = t;
  }
  return out;
}

/**
 * Turns probabilities into 0/1 decisions: `decision = p >= threshold ? 1 : 0`.
 *
 * Note that Keras' `binaryAccuracy` thresholds with a strict `p > 0.5`; here a probability of
 * exactly the threshold counts as a positive prediction.
 * Used in lessons: 02, 03, 04.
 *
 * @param probs probabilities in [0, 1], one row per sample, one column per label.
 * @param threshold one threshold in [0, 1] for all labels, or an array of `numLabels` thresholds
 *   (one per label). Default 0.5.
 * @returns a new 0/1 matrix (`yPred`) with the shape of `probs`.
 * @throws {InputError} if `probs` is empty, ragged or not in [0, 1] (logits are rejected: pass
 *   sigmoid(logits)), or if `threshold` is out of [0, 1] or has the wrong number of entries.
 */
export function toDecisions(probs: Matrix, threshold: Threshold = 0.5): number[][] {
  const [n, numLabels] = assertScoreMatrix('probs', probs, 'probabilities');
  const t = resolveThresholds('threshold', threshold, numLabels);
  const yPred = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const row = probs[i];
    const out = new Array<number>(numLabels);
    for (let j = 0; j < numLabels; j++) out[j] = row[j] >= t[j] ? 1 : 0;
    yPred[i] = out;
  }
  return yPred;
}

/**
 * Scores of positives and of negatives, each sorted ascending, so that "how many are >= t"
 * is a pointer walk instead of a pass over all samples per threshold.
 */
function splitSorted(
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
function distinctUnion(
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

/**
 * Picks, for each label independently, the threshold that maximises that label's F1 score
 * (`2tp / (2tp + fp + fn)`, 0 when the label is never true and never predicted, as scikit-learn's
 * default `zero_division`) with the decision rule `p >= threshold`.
 *
 * Tune on a VALIDATION split and then evaluate the chosen thresholds on the test split. Never
 * tune on the test split: the thresholds would be fitted to the very data that is supposed to
 * estimate performance on unseen data, and the reported score would be optimistic.
 *
 * 0.5 is always among the candidates, so for every label the returned threshold gives a
 * validation F1 at least as high as 0.5 does. Ties (equal F1) go to the candidate closest to
 * 0.5; if two candidates are equally close, to the smaller one. A label that is never true in
 * the validation data therefore keeps 0.5 unless a threshold does strictly better (it cannot).
 * Used in lessons: 02, 03.
 *
 * @param yTrueValidation 0/1 multi-hot labels of the validation split.
 * @param probsValidation the model's probabilities on the same split, same shape.
 * @param options `candidates`: thresholds to try, each in [0, 1] (default: every distinct
 *   probability of that label plus 0.5); `metric`: only `'f1'`.
 * @returns one threshold per label (length `numLabels`).
 * @throws {InputError} on empty, ragged or non-0/1 `yTrueValidation`, probabilities outside
 *   [0, 1] (logits are rejected: tune on sigmoid(logits)) or NaN, mismatched shapes, an empty or
 *   out-of-range `candidates`, or an unknown `metric`.
 */
export function tunePerLabelThresholds(
  yTrueValidation: Matrix,
  probsValidation: Matrix,
  options: TuneOptions = {},
): number[] {
  const shapeTrue = assertLabelsAndScores(
    yTrueValidation,
    probsValidation,
    'probabilities',
    'yTrueValidation',
    'probsValidation',
  );
  const o = assertOptions<TuneOptions>(options, { candidates: true, metric: true });
  const metric: unknown = o.metric ?? 'f1';
  if (metric !== 'f1') throw new InputError(`options.metric must be 'f1', got ${describe(metric)}`);
  let shared: Float64Array | null = null;
  if (o.candidates !== undefined) {
    const c: unknown = o.candidates;
    if (!Array.isArray(c) || c.length === 0) {
      throw new InputError(
        `options.candidates must be a non-empty array of thresholds in [0, 1], got ${describe(c)}`,
      );
    }
    for (let k = 0; k < c.length; k++) assertProbability(`options.candidates[${k}]`, c[k]);
    shared = distinctUnion(new Float64Array(c as number[]), new Float64Array(0), [0.5]);
  }

  const numLabels = shapeTrue[1];
  const best = new Array<number>(numLabels);
  for (let j = 0; j < numLabels; j++) {
    const { pos, neg } = splitSorted(yTrueValidation, probsValidation, j);
    const candidates = shared ?? distinctUnion(pos, neg, [0.5]);
    let ip = 0;
    let ineg = 0;
    let bestF1 = -1;
    let bestT = 0.5;
    // Ascending sweep: the pointers count the scores below the candidate, i.e. predicted negative.
    for (let k = 0; k < candidates.length; k++) {
      const t = candidates[k];
      while (ip < pos.length && pos[ip] < t) ip++;
      while (ineg < neg.length && neg[ineg] < t) ineg++;
      const tp = pos.length - ip;
      const fp = neg.length - ineg;
      const fn = ip;
      const denom = 2 * tp + fp + fn;
      const f1 = denom === 0 ? 0 : (2 * tp) / denom;
      if (f1 > bestF1 || (f1 === bestF1 && closerToHalf(t, bestT))) {
        bestF1 = f1;
        bestT = t;
      }
    }
    best[j] = bestT;
  }
  return best;
}

/** Tie-break for tuning: nearer to 0.5 wins, then the smaller threshold. */
function closerToHalf(t: number, current: number): boolean {
  const dt = Math.abs(t - 0.5);
  const dc = Math.abs(current - 0.5);
  return dt < dc || (dt === dc && t < current);
}

function assertColumns(yTrueColumn: unknown, scoresColumn: unknown): void {
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
function prCurve(
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
function apFromCurve(curve: PrecisionRecallCurve): number {
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
