/**
 * Multi-label evaluation metrics with scikit-learn's definitions and edge cases, in plain JS.
 *
 * Every function counts in one flat pass over the matrices (no per-row objects), so an
 * 82,000 x 26 evaluation takes milliseconds. Where sklearn has a choice to make (a division by
 * zero, a row with no labels, tied scores) this module makes the same one; the tests pin the
 * values sklearn gives.
 */
import {
  InputError,
  Matrix,
  assertBinaryMatrix,
  assertFiniteNumber,
  assertProbability,
  assertProbabilityMatrix,
  assertSameShape,
  describe,
} from '../core/validate';
import { resolveThresholds } from './thresholds';

/** How per-label (or per-sample) scores are combined into one number, as sklearn's `average`. */
export type Average = 'micro' | 'macro' | 'weighted' | 'samples';

/** Value of a score whose denominator is 0, as sklearn's `zero_division` (`'nan'` means NaN). */
export type ZeroDivision = 0 | 1 | 'nan';

/** Confusion counts of one label, as one 2x2 block of sklearn's `multilabel_confusion_matrix`. */
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
  /** Weight of recall relative to precision; finite and >= 0 (0 gives precision). */
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

/** Per-label result of {@link precisionRecallFscoreSupport}. */
export interface PerLabelPrfs {
  precision: number[];
  recall: number[];
  fScore: number[];
  /** Number of true occurrences of each label. */
  support: number[];
}

/** Averaged result of {@link precisionRecallFscoreSupport} (sklearn returns no support then). */
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
  'categoricalAccuracy',
] as const;

/** Name of one metric in a {@link MetricSummary}. */
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/** All metrics of one model (or baseline) as a plain record of named numbers. */
export type MetricSummary = Record<SummaryMetric, number>;

/** Options of {@link metricSummary}: give at most one of `threshold` and `thresholds`. */
export interface SummaryOptions {
  /** One threshold for every label (default 0.5). */
  threshold?: number;
  /** One threshold per label, e.g. from `tunePerLabelThresholds`. */
  thresholds?: readonly number[];
  /** Default 0. */
  zeroDivision?: ZeroDivision;
}

/** One table row of {@link summaryRows}: the metric name and one column per summary. */
export type SummaryRow = { metric: SummaryMetric } & { [column: string]: number | string };

// ---------------------------------------------------------------------------------------------
// Validation of options

const AVERAGES: readonly string[] = ['micro', 'macro', 'weighted', 'samples'];

function checkOptions(options: unknown): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InputError(`options must be an object, got ${describe(options)}`);
  }
  return options as Record<string, unknown>;
}

function checkAverage(value: unknown): Average | null {
  if (value === null || (typeof value === 'string' && AVERAGES.includes(value)))
    return value as Average | null;
  throw new InputError(
    `options.average must be one of 'micro', 'macro', 'weighted', 'samples' or null, got ${describe(value)}`,
  );
}

function checkZeroDivision(value: unknown): number {
  if (value === undefined || value === 0) return 0;
  if (value === 1) return 1;
  if (value === 'nan') return NaN;
  throw new InputError(`options.zeroDivision must be 0, 1 or 'nan', got ${describe(value)}`);
}

function checkBeta(value: unknown): number {
  assertFiniteNumber('options.beta', value);
  if (value < 0) throw new InputError(`options.beta must be a finite number >= 0, got ${value}`);
  return value;
}

function checkDecisions(yTrue: Matrix, yPred: Matrix): [number, number] {
  const a = assertBinaryMatrix('yTrue', yTrue);
  const b = assertBinaryMatrix('yPred', yPred);
  assertSameShape('yTrue', a, 'yPred', b);
  return a;
}

function checkScores(yTrue: Matrix, probs: Matrix): [number, number] {
  const a = assertBinaryMatrix('yTrue', yTrue);
  const b = assertProbabilityMatrix('probs', probs);
  assertSameShape('yTrue', a, 'probs', b);
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

/** The sufficient statistics for one averaging mode: one entry per label, per sample, or one in total. */
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

/** sklearn's `_prf_divide`: a 0 denominator yields the zero_division value instead of NaN/Infinity. */
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
  } else {
    // (1 + b^2) tp / (b^2 (tp + fn) + tp + fp): only ill-defined when tp + fp + fn == 0 (sklearn >= 1.3).
    const beta2 = beta * beta;
    const num = new Float64Array(tp.length);
    const den = new Float64Array(tp.length);
    for (let k = 0; k < tp.length; k++) {
      num[k] = (1 + beta2) * tp[k];
      den[k] = beta2 * trueSum[k] + pred[k];
    }
    fScore = divide(num, den, zeroDivision);
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
 * Used in lessons: 02, 03.
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
 *   non-finite `beta`, or a `zeroDivision` other than 0, 1, 'nan'.
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
  const o = checkOptions(options);
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
  const o = checkOptions(options);
  const averageMode = checkAverage(o.average);
  const beta = needsBeta ? checkBeta(o.beta) : 1;
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return prfs(tally(yTrue, yPred, n, numLabels), averageMode, beta, zeroDivision)[part];
}

/**
 * Precision tp / (tp + fp), as sklearn's `precision_score`; see {@link precisionRecallFscoreSupport}
 * for the averages and `zeroDivision` (used when nothing is predicted).
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
 * @param yTrue 0/1 multi-hot ground truth.
 * @param yPred 0/1 decisions, same shape.
 * @param options `{ beta, average, zeroDivision? }`; `beta` and `average` are required.
 * @returns a number, or one number per label when `average` is null.
 * @throws {InputError} on bad matrices, mismatched shapes, a negative or non-finite `beta`, an
 *   unknown `average` or `zeroDivision`.
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
  const o = checkOptions(options);
  const averageMode = checkAverage(o.average);
  const zeroDivision = checkZeroDivision(o.zeroDivision);
  return jaccard(tally(yTrue, yPred, n, numLabels), averageMode, zeroDivision);
}

// ---------------------------------------------------------------------------------------------
// Ranking metrics (they use the scores, not decisions)

function lrap(yTrue: Matrix, probs: Matrix, n: number, numLabels: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = probs[i];
    let relevant = 0;
    for (let j = 0; j < numLabels; j++) relevant += t[j];
    // sklearn: with no relevant labels (or all), the ranking means nothing and the row scores 1.
    if (relevant === 0 || relevant === numLabels) {
      total += 1;
      continue;
    }
    let rowSum = 0;
    for (let j = 0; j < numLabels; j++) {
      if (t[j] !== 1) continue;
      const sj = s[j];
      // Ties share the worst rank ("max" ranking): every label scored >= sj counts as ranked above.
      let rank = 0;
      let relevantAbove = 0;
      for (let k = 0; k < numLabels; k++) {
        if (s[k] >= sj) {
          rank++;
          relevantAbove += t[k];
        }
      }
      rowSum += relevantAbove / rank;
    }
    total += rowSum / relevant;
  }
  return total / n;
}

function coverage(yTrue: Matrix, probs: Matrix, n: number, numLabels: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const s = probs[i];
    let lowest = Infinity;
    for (let j = 0; j < numLabels; j++) if (t[j] === 1 && s[j] < lowest) lowest = s[j];
    // A row with no true labels covers nothing (sklearn's masked min is filled with 0).
    if (lowest === Infinity) continue;
    let depth = 0;
    for (let j = 0; j < numLabels; j++) if (s[j] >= lowest) depth++;
    total += depth;
  }
  return total / n;
}

function categorical(yTrue: Matrix, probs: Matrix, n: number, numLabels: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    if (argmax(yTrue[i], numLabels) === argmax(probs[i], numLabels)) hits++;
  }
  return hits / n;
}

/** First index of the maximum, as tf.argMax and np.argmax. */
function argmax(row: readonly number[], numLabels: number): number {
  let best = 0;
  for (let j = 1; j < numLabels; j++) if (row[j] > row[best]) best = j;
  return best;
}

/**
 * Label ranking average precision, as sklearn's `label_ranking_average_precision_score`: for
 * each true label of a row, the fraction of labels ranked at or above it that are true, averaged
 * over the row's true labels and then over rows. Tied scores all take the lowest of their ranks.
 * A row with no true labels (or with every label true) scores 1, as in sklearn.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param probs probabilities in [0, 1], same shape.
 * @returns LRAP in (0, 1]; 1 means every true label outranks every false one.
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, probabilities outside [0, 1], or mismatched shapes.
 */
export function labelRankingAveragePrecision(yTrue: Matrix, probs: Matrix): number {
  const [n, numLabels] = checkScores(yTrue, probs);
  return lrap(yTrue, probs, n, numLabels);
}

/**
 * Coverage error, as sklearn's `coverage_error`: how far down the ranked labels one must go, on
 * average, to cover all true labels (ties with the lowest-scored true label all count). A row
 * with no true labels contributes 0, as in sklearn.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param probs probabilities in [0, 1], same shape.
 * @returns the mean depth, in [0, numLabels]; the best possible is the mean number of true labels.
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, probabilities outside [0, 1], or mismatched shapes.
 */
export function coverageError(yTrue: Matrix, probs: Matrix): number {
  const [n, numLabels] = checkScores(yTrue, probs);
  return coverage(yTrue, probs, n, numLabels);
}

/**
 * Categorical accuracy exactly as Keras computes it: the fraction of rows where
 * argmax(yTrue row) == argmax(probs row), the first index winning ties (as tf.argMax).
 * On multi-hot targets this only checks whether the top-scored label is the FIRST true label
 * (and an all-zero row counts label 0 as its argmax), which is why tf.keras' 'accuracy' is
 * misleading for multi-label models.
 * Used in lessons: 03.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param probs probabilities in [0, 1], same shape.
 * @returns fraction of rows whose argmaxes agree, in [0, 1].
 * @throws {InputError} on empty, ragged, non-0/1 or NaN input, probabilities outside [0, 1], or mismatched shapes.
 */
export function categoricalAccuracy(yTrue: Matrix, probs: Matrix): number {
  const [n, numLabels] = checkScores(yTrue, probs);
  return categorical(yTrue, probs, n, numLabels);
}

// ---------------------------------------------------------------------------------------------
// Summaries

/**
 * Every metric of this module for one set of probabilities, as a plain record of named numbers
 * (one table row in a notebook). Decisions use `p >= threshold` (default 0.5) or per-label
 * `thresholds`; the ranking metrics and categorical accuracy use `probs` directly.
 * Used in lessons: 02, 03.
 *
 * @param yTrue 0/1 multi-hot ground truth.
 * @param probs probabilities in [0, 1], same shape.
 * @param options `{ threshold?, thresholds?, zeroDivision? }`, at most one of the first two.
 * @returns a {@link MetricSummary} with the keys listed in {@link SUMMARY_METRICS}.
 * @throws {InputError} on bad matrices or shapes, both `threshold` and `thresholds`, a threshold
 *   outside [0, 1], the wrong number of thresholds, or a bad `zeroDivision`.
 */
export function metricSummary(
  yTrue: Matrix,
  probs: Matrix,
  options: SummaryOptions = {},
): MetricSummary {
  const [n, numLabels] = checkScores(yTrue, probs);
  const o = checkOptions(options);
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
    labelRankingAveragePrecision: lrap(yTrue, probs, n, numLabels),
    coverageError: coverage(yTrue, probs, n, numLabels),
    categoricalAccuracy: categorical(yTrue, probs, n, numLabels),
  };
}

/**
 * Turns several named summaries into table rows, one per metric and one column per summary:
 * `summaryRows({ 'all zeros': s1, 'model @0.5': s2 })` gives
 * `[{ metric: 'binaryAccuracy', 'all zeros': 0.9, 'model @0.5': 0.95 }, ...]`.
 * Used in lessons: 02, 03.
 *
 * @param summaries named {@link MetricSummary} objects (insertion order = column order).
 * @returns one row per entry of {@link SUMMARY_METRICS}.
 * @throws {InputError} if `summaries` is not a non-empty object, a name is `'metric'`, or a
 *   summary lacks a metric or has a non-number value.
 */
export function summaryRows(summaries: Readonly<Record<string, MetricSummary>>): SummaryRow[] {
  if (typeof summaries !== 'object' || summaries === null || Array.isArray(summaries)) {
    throw new InputError(
      `summaries must be an object of named metric summaries, got ${describe(summaries)}`,
    );
  }
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
    for (const m of SUMMARY_METRICS) {
      const v: unknown = (s as Record<string, unknown>)[m];
      if (typeof v !== 'number')
        throw new InputError(
          `summaries[${JSON.stringify(name)}].${m} must be a number, got ${describe(v)}`,
        );
    }
  }
  return SUMMARY_METRICS.map((metric) => {
    const row: SummaryRow = { metric };
    for (const name of names) row[name] = summaries[name][metric];
    return row;
  });
}
