/**
 * Precision, recall, F-beta and Jaccard with scikit-learn's averages (`micro`, `macro`,
 * `weighted`, `samples`, or one value per label) and its `zero_division` edge cases.
 */
import { assertOptions, type Matrix } from '../../core/validate';
import { countsFor, divide, nanAverage, type Tally, tally } from './counting';
import {
  type Average,
  type Averaged,
  checkAverage,
  checkBeta,
  checkDecisions,
  checkZeroDivision,
  FBETA_OPTIONS,
  type FbetaOptions,
  PRFS_OPTIONS,
  type PrfsOptions,
  SCORE_OPTIONS,
  type ScoreOptions,
} from './options';

/** Per-label result of {@link precisionRecallFscoreSupport}. */
export interface PerLabelPrfs {
  precision: number[];
  recall: number[];
  fScore: number[];
  /** Number of true occurrences of each label. */
  support: number[];
}

/**
 * Averaged result of {@link precisionRecallFscoreSupport} (sklearn returns no support then).
 */
export interface AveragedPrfs {
  precision: number;
  recall: number;
  fScore: number;
  support: null;
}

export function prfs(
  t: Tally,
  averageMode: Average | null,
  beta: number,
  zeroDivision: number,
): PerLabelPrfs | AveragedPrfs {
  const { tp, pred, trueSum } = countsFor(t, averageMode);
  const precision = divide(tp, pred, zeroDivision);
  const recall = divide(tp, trueSum, zeroDivision);
  let fScore: Float64Array;
  if (beta === 0) {
    fScore = precision;
  } else if (beta === Infinity) {
    // sklearn 1.9.1: `if np.isposinf(beta): f_score = recall` (zero_division as for recall).
    fScore = recall;
  } else {
    fScore = fbeta(tp, pred, trueSum, beta * beta, zeroDivision);
  }
  if (averageMode === null) {
    return {
      precision: Array.from(precision),
      recall: Array.from(recall),
      fScore: Array.from(fScore),
      support: Array.from(trueSum),
    };
  }
  const weights = averageMode === 'weighted' ? trueSum : null;
  return {
    precision: nanAverage(precision, weights),
    recall: nanAverage(recall, weights),
    fScore: nanAverage(fScore, weights),
    support: null,
  };
}

/**
 * F-beta = (1 + b^2) tp / (b^2 (tp + fn) + tp + fp), ill-defined only when tp + fp + fn = 0
 * (sklearn >= 1.3). For beta >= ~1.34e154, b^2 overflows to Infinity, and for smaller huge beta
 * the products can: sklearn then returns NaN (numpy floats) or raises OverflowError (Python
 * floats). Here the same ratio is divided through by b^2 instead, which gives the limit as
 * beta grows: recall, except that a label never true but predicted keeps the 0 that every
 * finite beta gives it (sklearn gives exactly these values at beta = 1e150).
 */
export function fbeta(
  tp: Float64Array,
  pred: Float64Array,
  trueSum: Float64Array,
  beta2: number,
  zeroDivision: number,
): Float64Array {
  const out = new Float64Array(tp.length);
  for (let k = 0; k < tp.length; k++) {
    if (trueSum[k] + pred[k] === 0) {
      out[k] = zeroDivision;
      continue;
    }
    let num = (1 + beta2) * tp[k];
    let den = beta2 * trueSum[k] + pred[k];
    if (!Number.isFinite(num) || !Number.isFinite(den)) {
      const inv = 1 / beta2;
      num = tp[k] + inv * tp[k];
      den = trueSum[k] + inv * pred[k];
    }
    // tp = 0 gives 0 even where den underflowed to 0 (a label never true, beta^2 = Infinity).
    out[k] = tp[k] === 0 ? 0 : num / den;
  }
  return out;
}

export function jaccard(
  t: Tally,
  averageMode: Average | null,
  zeroDivision: number,
): number | number[] {
  const { tp, pred, trueSum } = countsFor(t, averageMode);
  const den = new Float64Array(tp.length);
  // |true ∪ pred| = tp + fp + fn = pred + true - tp.
  for (let k = 0; k < tp.length; k++) den[k] = pred[k] + trueSum[k] - tp[k];
  const scores = divide(tp, den, zeroDivision);
  if (averageMode === null) return Array.from(scores);
  // Same averaging as the F-scores; for 0/1 zeroDivision this equals sklearn's plain np.average
  // (no NaNs, and all-zero weights fall back to the unweighted mean in both).
  return nanAverage(scores, averageMode === 'weighted' ? trueSum : null);
}

/**
 * Precision, recall, F-beta and support, as sklearn's `precision_recall_fscore_support`.
 *
 * - `average: null` (default): one value per label, plus `support` (true count per label).
 * - `'micro'`: counts summed over all labels first; `'macro'`: unweighted mean over labels;
 *   `'weighted'`: mean weighted by support (plain mean if all supports are 0);
 *   `'samples'`: computed per row, then averaged over rows.
 * - A zero denominator gives `zeroDivision`: precision when nothing is predicted, recall when
 *   nothing is true, F when tp + fp + fn = 0 (so F is 0, not ill-defined, when only one of
 *   precision and recall is). With `'nan'`, NaN entries are left out of the average.
 * Used in lessons: 02.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ average, beta, zeroDivision }` (defaults `null`, 1, 0).
 * @returns per-label arrays and support, or averaged numbers with `support: null`.
 * @throws {InputError} on bad matrices, mismatched shapes, an unknown `average`, a negative or
 *   NaN `beta` (Infinity gives recall), or a `zeroDivision` other than 0, 1, 'nan'.
 */
export function precisionRecallFscoreSupport<A extends Average | null = null>(
  yTrue: Matrix,
  yPred: Matrix,
  options: PrfsOptions & { average?: A } = {},
): Averaged<A, PerLabelPrfs, AveragedPrfs> {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const o = assertOptions(options, PRFS_OPTIONS);
  const averageMode = checkAverage(o.average === undefined ? null : o.average);
  const beta = o.beta === undefined ? 1 : checkBeta(o.beta);
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return prfs(tally(yTrue, yPred, n, numLabels), averageMode, beta, zeroDivision) as Averaged<
    A,
    PerLabelPrfs,
    AveragedPrfs
  >;
}

export type Part = 'precision' | 'recall' | 'fScore';

export function scorePart(
  yTrue: Matrix,
  yPred: Matrix,
  options: unknown,
  part: Part,
  needsBeta: boolean,
): number | number[] {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const o = assertOptions(options, needsBeta ? FBETA_OPTIONS : SCORE_OPTIONS, {
    required: true,
  });
  const averageMode = checkAverage(o.average);
  const beta = needsBeta ? checkBeta(o.beta) : 1;
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return prfs(tally(yTrue, yPred, n, numLabels), averageMode, beta, zeroDivision)[part];
}

/**
 * Precision tp / (tp + fp), as sklearn's `precision_score`; see
 * {@link precisionRecallFscoreSupport} for the averages and `zeroDivision` (used when nothing is
 * predicted).
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ average, zeroDivision? }`; `average` is required, as sklearn's default
 *   `'binary'` does not apply to multi-label data.
 * @returns a number, or one number per label when `average` is null.
 * @throws {InputError} on bad matrices, mismatched shapes, an unknown `average` or `zeroDivision`.
 */
export function precisionScore<A extends Average | null>(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: A },
): Averaged<A> {
  return scorePart(yTrue, yPred, options, 'precision', false) as Averaged<A>;
}

/**
 * Recall tp / (tp + fn), as sklearn's `recall_score`; see {@link precisionRecallFscoreSupport}
 * for the averages and `zeroDivision` (used when nothing is true).
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ average, zeroDivision? }`; `average` is required.
 * @returns a number, or one number per label when `average` is null.
 * @throws {InputError} on bad matrices, mismatched shapes, an unknown `average` or `zeroDivision`.
 */
export function recallScore<A extends Average | null>(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: A },
): Averaged<A> {
  return scorePart(yTrue, yPred, options, 'recall', false) as Averaged<A>;
}

/**
 * F1 = 2tp / (2tp + fp + fn), as sklearn's `f1_score` (>= 1.3: `zeroDivision` only when
 * tp + fp + fn = 0); see {@link precisionRecallFscoreSupport} for the averages.
 * Used in lessons: 03, 04.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ average, zeroDivision? }`; `average` is required.
 * @returns a number, or one number per label when `average` is null.
 * @throws {InputError} on bad matrices, mismatched shapes, an unknown `average` or `zeroDivision`.
 */
export function f1Score<A extends Average | null>(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: A },
): Averaged<A> {
  return scorePart(yTrue, yPred, options, 'fScore', false) as Averaged<A>;
}

/**
 * F-beta = (1 + b^2) tp / ((1 + b^2) tp + b^2 fn + fp), as sklearn's `fbeta_score`; beta > 1
 * favours recall, beta < 1 precision, beta = 0 is precision.
 *
 * `beta = Infinity` gives recall, as sklearn does (zeroDivision then applies as for recall, when
 * nothing is true). A finite beta so large that b^2 overflows (beta >= ~1.34e154) gives the
 * limit of F-beta as beta grows, which is recall except that a label never true but predicted
 * scores 0, as at every finite beta; sklearn returns NaN there or raises OverflowError.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ beta, average, zeroDivision? }`; `beta` and `average` are required.
 * @returns a number, or one number per label when `average` is null.
 * @throws {InputError} on bad matrices, mismatched shapes, a negative or NaN `beta`, an unknown
 *   `average` or `zeroDivision`.
 */
export function fbetaScore<A extends Average | null>(
  yTrue: Matrix,
  yPred: Matrix,
  options: FbetaOptions & { average: A },
): Averaged<A> {
  return scorePart(yTrue, yPred, options, 'fScore', true) as Averaged<A>;
}

/**
 * Jaccard index |true ∩ pred| / |true ∪ pred| = tp / (tp + fp + fn), as sklearn's
 * `jaccard_score`. `zeroDivision` applies when tp + fp + fn = 0; `'weighted'` with all
 * supports 0 is a plain mean. sklearn's jaccard_score rejects `zero_division=nan`; here
 * `'nan'` is accepted and behaves as in the F-scores (NaN entries are left out of averages).
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ average, zeroDivision? }`; `average` is required.
 * @returns a number, or one number per label when `average` is null.
 * @throws {InputError} on bad matrices, mismatched shapes, an unknown `average` or `zeroDivision`.
 */
export function jaccardScore<A extends Average | null>(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: A },
): Averaged<A> {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const o = assertOptions(options, SCORE_OPTIONS, { required: true });
  const averageMode = checkAverage(o.average);
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return jaccard(tally(yTrue, yPred, n, numLabels), averageMode, zeroDivision) as Averaged<A>;
}
