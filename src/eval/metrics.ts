/**
 * Multi-label evaluation metrics with scikit-learn's definitions and edge cases, in plain JS.
 *
 * Every function counts in one flat pass over the matrices (no per-row objects), so an
 * 82,000 x 26 evaluation takes milliseconds. Where sklearn has a choice to make (a division by
 * zero, a row with no labels, tied scores) this module makes the same one; the tests pin the
 * values sklearn gives.
 *
 * Two kinds of model output: the ranking metrics (label ranking average precision, coverage,
 * ranking loss, one-error, ROC AUC) take `scores`, any finite numbers such as logits, because only
 * their order matters; functions that compare outputs with a decision threshold take `probs` in
 * [0, 1], because a threshold such as 0.5 means something only for probabilities.
 */
import {
  InputError,
  Matrix,
  assertBinaryMatrix,
  assertLabelsAndScores,
  assertOptions,
  type OptionNames,
  assertProbability,
  assertSameShape,
  describe,
} from '../core/validate';
import { resolveThresholds } from './thresholds';
import { argMaxOf } from '../core/rows';

/**
 * How per-label (or per-sample) scores are combined into one number, as sklearn's `average`.
 */
export type Average = 'micro' | 'macro' | 'weighted' | 'samples';

/**
 * Value of a score whose denominator is 0, as sklearn's `zero_division` (`'nan'` means NaN).
 */
export type ZeroDivision = 0 | 1 | 'nan';

/**
 * Confusion counts of one label, as one 2x2 block of sklearn's `multilabel_confusion_matrix`.
 */
export interface LabelConfusion {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

/** Options of the precision / recall / F-score / Jaccard functions. */
export interface ScoreOptions {
  /** `null` returns one score per label; a string averages (see {@link Average}). */
  average: Average | null;
  /** Default 0 (sklearn's default `'warn'` also yields 0). */
  zeroDivision?: ZeroDivision;
}

/** Options of {@link fbetaScore}: {@link ScoreOptions} plus `beta`. */
export interface FbetaOptions extends ScoreOptions {
  /** Weight of recall relative to precision, >= 0: 0 gives precision, `Infinity` recall. */
  beta: number;
}

/** Options of {@link precisionRecallFscoreSupport}. */
export interface PrfsOptions {
  /** Default `null` (per label), as sklearn. */
  average?: Average | null;
  /** Default 1 (F1). */
  beta?: number;
  /** Default 0. */
  zeroDivision?: ZeroDivision;
}

const SCORE_OPTIONS: OptionNames<ScoreOptions> = { average: true, zeroDivision: true };
const FBETA_OPTIONS: OptionNames<FbetaOptions> = { ...SCORE_OPTIONS, beta: true };
const PRFS_OPTIONS: OptionNames<PrfsOptions> = FBETA_OPTIONS;

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

/** The metrics in a {@link MetricSummary}, in display order. */
export const SUMMARY_METRICS = [
  'binaryAccuracy',
  'hammingLoss',
  'subsetAccuracy',
  'precisionMicro',
  'precisionMacro',
  'precisionWeighted',
  'precisionSamples',
  'recallMicro',
  'recallMacro',
  'recallWeighted',
  'recallSamples',
  'f1Micro',
  'f1Macro',
  'f1Weighted',
  'f1Samples',
  'jaccardMicro',
  'jaccardMacro',
  'labelRankingAveragePrecision',
  'coverageError',
  'labelRankingLoss',
  'oneError',
  'categoricalAccuracy',
] as const;

/** Name of one metric in a {@link MetricSummary}. */
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/**
 * The metrics of a {@link MetricSummary} that read the scores' order rather than 0/1 decisions,
 * so that no threshold changes them; every other summary metric is computed from decisions.
 */
export const SCORE_METRICS: readonly SummaryMetric[] = [
  'labelRankingAveragePrecision',
  'coverageError',
  'labelRankingLoss',
  'oneError',
  'categoricalAccuracy',
];

/**
 * All metrics of one model (or baseline) as a plain record of named numbers.
 * Used in lessons: 03, 06.
 */
export type MetricSummary = Record<SummaryMetric, number>;

/**
 * The metrics of the tables multi-label papers report, in their usual order: Hamming loss,
 * subset accuracy, micro / macro / samples F1, then the ranking metrics one-error, coverage,
 * ranking loss and average precision (Zhang & Zhou's BP-MLL and ML-kNN papers report the last
 * four with Hamming loss). Pass it to {@link summaryRows} to print that table. Papers' "coverage"
 * is `coverageError - 1` and their "average precision" is `labelRankingAveragePrecision`.
 * Used in lessons: 03, 06.
 */
export const PAPER_METRICS: readonly SummaryMetric[] = [
  'hammingLoss',
  'subsetAccuracy',
  'f1Micro',
  'f1Macro',
  'f1Samples',
  'oneError',
  'coverageError',
  'labelRankingLoss',
  'labelRankingAveragePrecision',
];

/**
 * Options of {@link metricSummary}: give at most one of `threshold` and `thresholds`.
 */
export interface SummaryOptions {
  /** One threshold for every label (default 0.5). */
  threshold?: number;
  /** One threshold per label, e.g. from `tunePerLabelThresholds`. */
  thresholds?: readonly number[];
  /** Default 0. */
  zeroDivision?: ZeroDivision;
}

/**
 * One table row of {@link summaryRows}: the metric name and one column per summary.
 */
export type SummaryRow = { metric: SummaryMetric } & { [column: string]: number | string };

// ---------------------------------------------------------------------------------------------
// Validation of options

const AVERAGES: readonly string[] = ['micro', 'macro', 'weighted', 'samples'];

function checkAverage(value: unknown): Average | null {
  if (value === null || (typeof value === 'string' && AVERAGES.includes(value)))
    return value as Average | null;
  throw new InputError(
    "options.average must be one of 'micro', 'macro', 'weighted', 'samples' or null, " +
      `got ${describe(value)}`,
  );
}

function checkZeroDivision(value: unknown): number {
  if (value === undefined || value === 0) return 0;
  if (value === 1) return 1;
  if (value === 'nan') return NaN;
  throw new InputError(`options.zeroDivision must be 0, 1 or 'nan', got ${describe(value)}`);
}

function checkBeta(value: unknown): number {
  // Infinity is allowed, as in sklearn (where it gives recall); NaN and negatives are not.
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new InputError(
      `options.beta must be a number >= 0 (Infinity gives recall), got ${describe(value)}`,
    );
  }
  return value;
}

function checkDecisions(yTrue: Matrix, yPred: Matrix): [number, number] {
  const a = assertBinaryMatrix('yTrue', yTrue);
  const b = assertBinaryMatrix('yPred', yPred);
  assertSameShape('yTrue', a, 'yPred', b);
  return a;
}

// ---------------------------------------------------------------------------------------------
// Counting

/** Per-label and per-sample confusion counts (float arrays so the divisions match numpy's). */
interface Tally {
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
function tally(
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

function ones(numLabels: number): Float64Array {
  return new Float64Array(numLabels).fill(1);
}

/**
 * The sufficient statistics for one averaging mode: one entry per label, per sample, or one in
 * total.
 */
function countsFor(
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

function sum(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
}

/** sklearn's `_prf_divide`: a 0 denominator yields zero_division instead of NaN / Infinity. */
function divide(num: Float64Array, den: Float64Array, zeroDivision: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let k = 0; k < num.length; k++) out[k] = den[k] === 0 ? zeroDivision : num[k] / den[k];
  return out;
}

/** sklearn's `_nanaverage`: NaNs are dropped; all-zero weights fall back to a plain mean. */
function nanAverage(a: Float64Array, weights: Float64Array | null): number {
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

function prfs(
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
function fbeta(
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

function jaccard(t: Tally, averageMode: Average | null, zeroDivision: number): number | number[] {
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

// ---------------------------------------------------------------------------------------------
// Counting metrics

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
export function precisionRecallFscoreSupport(
  yTrue: Matrix,
  yPred: Matrix,
  options?: PrfsOptions & { average?: null },
): PerLabelPrfs;
export function precisionRecallFscoreSupport(
  yTrue: Matrix,
  yPred: Matrix,
  options: PrfsOptions & { average: Average },
): AveragedPrfs;
export function precisionRecallFscoreSupport(
  yTrue: Matrix,
  yPred: Matrix,
  options?: PrfsOptions,
): PerLabelPrfs | AveragedPrfs;
export function precisionRecallFscoreSupport(
  yTrue: Matrix,
  yPred: Matrix,
  options: PrfsOptions = {},
): PerLabelPrfs | AveragedPrfs {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const o = assertOptions(options, PRFS_OPTIONS);
  const averageMode = checkAverage(o.average === undefined ? null : o.average);
  const beta = o.beta === undefined ? 1 : checkBeta(o.beta);
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return prfs(tally(yTrue, yPred, n, numLabels), averageMode, beta, zeroDivision);
}

type Part = 'precision' | 'recall' | 'fScore';

function scorePart(
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
export function precisionScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: null },
): number[];
export function precisionScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: Average },
): number;
export function precisionScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions,
): number | number[];
export function precisionScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions,
): number | number[] {
  return scorePart(yTrue, yPred, options, 'precision', false);
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
export function recallScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: null },
): number[];
export function recallScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: Average },
): number;
export function recallScore(yTrue: Matrix, yPred: Matrix, options: ScoreOptions): number | number[];
export function recallScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions,
): number | number[] {
  return scorePart(yTrue, yPred, options, 'recall', false);
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
export function f1Score(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: null },
): number[];
export function f1Score(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: Average },
): number;
export function f1Score(yTrue: Matrix, yPred: Matrix, options: ScoreOptions): number | number[];
export function f1Score(yTrue: Matrix, yPred: Matrix, options: ScoreOptions): number | number[] {
  return scorePart(yTrue, yPred, options, 'fScore', false);
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
export function fbetaScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: FbetaOptions & { average: null },
): number[];
export function fbetaScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: FbetaOptions & { average: Average },
): number;
export function fbetaScore(yTrue: Matrix, yPred: Matrix, options: FbetaOptions): number | number[];
export function fbetaScore(yTrue: Matrix, yPred: Matrix, options: FbetaOptions): number | number[] {
  return scorePart(yTrue, yPred, options, 'fScore', true);
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
export function jaccardScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: null },
): number[];
export function jaccardScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions & { average: Average },
): number;
export function jaccardScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions,
): number | number[];
export function jaccardScore(
  yTrue: Matrix,
  yPred: Matrix,
  options: ScoreOptions,
): number | number[] {
  const [n, numLabels] = checkDecisions(yTrue, yPred);
  const o = assertOptions(options, SCORE_OPTIONS, { required: true });
  const averageMode = checkAverage(o.average);
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return jaccard(tally(yTrue, yPred, n, numLabels), averageMode, zeroDivision);
}

// ---------------------------------------------------------------------------------------------
// Ranking metrics: they use the order of the scores, so any finite scores (logits) will do

/**
 * LRAP and ranking loss in one pass over the rows: both count, for each true label scored sj,
 * the labels scored >= sj (ties take the worst rank, as sklearn's "max" ranking) and how many of
 * them are true, so they share the O(numLabels^2) loop.
 */
function pairStats(
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
function topStats(
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

function categorical(yTrue: Matrix, scores: Matrix, n: number, numLabels: number): number {
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

// ---------------------------------------------------------------------------------------------
// ROC AUC

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
function binaryAuc(labels: Uint8Array, scores: Float64Array): number {
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
function onlyClass(positives: number): string {
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
export function rocAucScore(yTrue: Matrix, scores: Matrix, options: { average: null }): number[];
export function rocAucScore(yTrue: Matrix, scores: Matrix, options?: { average?: Average }): number;
export function rocAucScore(
  yTrue: Matrix,
  scores: Matrix,
  options?: RocAucOptions,
): number | number[];
export function rocAucScore(
  yTrue: Matrix,
  scores: Matrix,
  options: RocAucOptions = {},
): number | number[] {
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

// ---------------------------------------------------------------------------------------------
// Summaries

/**
 * Every metric of this module for one set of probabilities, as a plain record of named numbers
 * (one table row in a notebook). Decisions use `p >= threshold` (default 0.5) or per-label
 * `thresholds`; the ranking metrics (LRAP, coverage, ranking loss, one-error) and categorical
 * accuracy use `probs` directly, so they do not depend on the thresholds.
 * Used in lessons: 03, 06.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param probs probabilities in [0, 1], same shape (for logits, pass sigmoid(logits): the
 *   thresholded metrics need probabilities).
 * @param options `{ threshold?, thresholds?, zeroDivision? }`, at most one of the first two.
 * @returns a {@link MetricSummary} with the keys listed in {@link SUMMARY_METRICS}.
 * @throws {InputError} on bad matrices or shapes, probabilities outside [0, 1], both `threshold`
 *   and `thresholds`, a threshold outside [0, 1], the wrong number of thresholds, or a bad
 *   `zeroDivision`.
 */
export function metricSummary(
  yTrue: Matrix,
  probs: Matrix,
  options: SummaryOptions = {},
): MetricSummary {
  const [n, numLabels] = assertLabelsAndScores(yTrue, probs, 'probabilities');
  const o = assertOptions<SummaryOptions>(options, {
    threshold: true,
    thresholds: true,
    zeroDivision: true,
  });
  if (o.threshold !== undefined && o.thresholds !== undefined) {
    throw new InputError('options must give either threshold or thresholds, not both');
  }
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  let thresholds: Float64Array;
  if (o.thresholds !== undefined) {
    thresholds = resolveThresholds('options.thresholds', o.thresholds, numLabels);
  } else {
    const single: unknown = o.threshold === undefined ? 0.5 : o.threshold;
    assertProbability('options.threshold', single);
    thresholds = new Float64Array(numLabels).fill(single);
  }
  const t = tally(yTrue, probs, n, numLabels, thresholds);
  const total = n * numLabels;
  const micro = prfs(t, 'micro', 1, zeroDivision) as AveragedPrfs;
  const macro = prfs(t, 'macro', 1, zeroDivision) as AveragedPrfs;
  const weighted = prfs(t, 'weighted', 1, zeroDivision) as AveragedPrfs;
  const samples = prfs(t, 'samples', 1, zeroDivision) as AveragedPrfs;
  const pairs = pairStats(yTrue, probs, n, numLabels);
  const top = topStats(yTrue, probs, n, numLabels);
  return {
    binaryAccuracy: (total - t.mismatches) / total,
    hammingLoss: t.mismatches / total,
    subsetAccuracy: t.exactRows / n,
    precisionMicro: micro.precision,
    precisionMacro: macro.precision,
    precisionWeighted: weighted.precision,
    precisionSamples: samples.precision,
    recallMicro: micro.recall,
    recallMacro: macro.recall,
    recallWeighted: weighted.recall,
    recallSamples: samples.recall,
    f1Micro: micro.fScore,
    f1Macro: macro.fScore,
    f1Weighted: weighted.fScore,
    f1Samples: samples.fScore,
    jaccardMicro: jaccard(t, 'micro', zeroDivision) as number,
    jaccardMacro: jaccard(t, 'macro', zeroDivision) as number,
    labelRankingAveragePrecision: pairs.lrap,
    coverageError: top.coverage,
    labelRankingLoss: pairs.rankingLoss,
    oneError: top.oneError,
    categoricalAccuracy: categorical(yTrue, probs, n, numLabels),
  };
}

/**
 * Turns several named summaries into table rows, one per metric and one column per summary:
 * `summaryRows({ 'all zeros': s1, 'model @0.5': s2 })` gives
 * `[{ metric: 'binaryAccuracy', 'all zeros': 0.9, 'model @0.5': 0.95 }, ...]`.
 * `summaryRows(summaries, PAPER_METRICS)` gives the rows of a multi-label paper's table.
 *
 * @param summaries named {@link MetricSummary} objects (insertion order = column order).
 * @param metrics the rows to make, in order (default {@link SUMMARY_METRICS}: all of them).
 * @returns one row per entry of `metrics`.
 * @throws {InputError} if `summaries` is not a non-empty object, a name is `'metric'`, `metrics`
 *   is empty or names an unknown metric, or a summary lacks one of `metrics` or has a non-number
 *   value for it.
 */
export function summaryRows(
  summaries: Readonly<Record<string, MetricSummary>>,
  metrics: readonly SummaryMetric[] = SUMMARY_METRICS,
): SummaryRow[] {
  if (typeof summaries !== 'object' || summaries === null || Array.isArray(summaries)) {
    throw new InputError(
      `summaries must be an object of named metric summaries, got ${describe(summaries)}`,
    );
  }
  const wanted: unknown = metrics;
  if (!Array.isArray(wanted) || wanted.length === 0) {
    throw new InputError(
      `metrics must be a non-empty array of SUMMARY_METRICS names, got ${describe(wanted)}`,
    );
  }
  const known: readonly string[] = SUMMARY_METRICS;
  wanted.forEach((m: unknown, k) => {
    if (typeof m !== 'string' || !known.includes(m)) {
      throw new InputError(`metrics[${k}] must be one of SUMMARY_METRICS, got ${describe(m)}`);
    }
  });
  const names = Object.keys(summaries);
  if (names.length === 0)
    throw new InputError('summaries must name at least one summary, got an empty object');
  for (const name of names) {
    if (name === 'metric')
      throw new InputError(`summaries must not use the name "metric" (it is the row label column)`);
    const s: unknown = summaries[name];
    if (typeof s !== 'object' || s === null)
      throw new InputError(
        `summaries[${JSON.stringify(name)}] must be a metric summary, got ${describe(s)}`,
      );
    for (const m of metrics) {
      const v: unknown = (s as Record<string, unknown>)[m];
      if (typeof v !== 'number')
        throw new InputError(
          `summaries[${JSON.stringify(name)}].${m} must be a number, got ${describe(v)}`,
        );
    }
  }
  return metrics.map((metric) => {
    const row: SummaryRow = { metric };
    for (const name of names) row[name] = summaries[name][metric];
    return row;
  });
}
