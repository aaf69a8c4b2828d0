/**
 * What k-fold cross-validation needs around a model: the rows of each fold, the five measures
 * the multi-label papers report per fold, and their mean and standard deviation over folds.
 */
import {
  assertFiniteList,
  assertFiniteNumber,
  assertInteger,
  assertObject,
  assertOptions,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import { summarizeDecisions } from './decodings';
import type { MetricSummary } from './metrics';
import { studentTQuantile, type Interval } from './uncertainty';

/**
 * The rows of fold `f` (test) and of every other fold (training), each in ascending order.
 * Used in lessons: 06.
 * @param folds the fold of each row (whole numbers >= 0).
 * @throws InputError for folds that are not whole numbers >= 0, or an `f` no row has.
 */
export function foldRows(folds: readonly number[], f: number): { train: number[]; test: number[] } {
  if (!Array.isArray(folds) || folds.length === 0)
    throw new InputError(`folds must be a non-empty array of fold numbers, got ${describe(folds)}`);
  folds.forEach((g, i) => assertInteger(`folds[${i}]`, g, 0));
  assertInteger('f', f, 0);
  const test = folds.flatMap((g, i) => (g === f ? [i] : []));
  if (test.length === 0) throw new InputError(`no row is in fold ${describe(f)}`);
  return { train: folds.flatMap((g, i) => (g === f ? [] : [i])), test };
}

/**
 * The five measures of Zhang & Zhou's BP-MLL (2006) and ML-kNN (2007) tables, in their order.
 * Used in lessons: 06.
 */
export const PAPER_MEASURES = [
  'hammingLoss',
  'oneError',
  'coverage',
  'rankingLoss',
  'averagePrecision',
] as const;
/** One of {@link PAPER_MEASURES}. */
export type PaperMeasure = (typeof PAPER_MEASURES)[number];
/** The five measures of one model on one set of rows. */
export type PaperScores = Record<PaperMeasure, number>;

/**
 * The papers' five measures: Hamming loss of the 0/1 `decisions`, and from the `scores` one-error,
 * coverage as the papers define it (scikit-learn's `coverage_error` minus 1: how far down the
 * ranking one must go, counting from 0, to cover every true label), ranking loss and average
 * precision (scikit-learn's label ranking average precision).
 * Used in lessons: 06.
 * @throws InputError as {@link summarizeDecisions}.
 */
export function paperScores(yTrue: Matrix, scores: Matrix, decisions: Matrix): PaperScores {
  return paperScoresOf(summarizeDecisions(yTrue, scores, decisions));
}

/**
 * The papers' five measures read off a {@link MetricSummary} (whose decision metrics came from
 * the decisions to be judged): coverage is its `coverageError` minus 1.
 * Used in lessons: 06.
 */
export function paperScoresOf(s: MetricSummary): PaperScores {
  assertObject('s', s, 'a MetricSummary (from metricSummary)');
  return {
    hammingLoss: s.hammingLoss,
    oneError: s.oneError,
    coverage: s.coverageError - 1,
    rankingLoss: s.labelRankingLoss,
    averagePrecision: s.labelRankingAveragePrecision,
  };
}

/** Mean and sample standard deviation (n - 1) of per-fold values, as papers give "mean ± std". */
export interface FoldSpread {
  mean: number;
  sd: number;
  folds: number;
}

/**
 * The mean and sample standard deviation (divided by n - 1) of per-fold values.
 * Used in lessons: 06.
 * @throws InputError for fewer than 2 values or a value that is not a finite number.
 */
export function foldSpread(values: readonly number[]): FoldSpread {
  const n = assertFiniteList('values', values);
  if (n < 2) throw new InputError(`values must hold at least 2 folds, got ${n}`);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, folds: n };
}

/** A difference A - B over folds, its 95% interval, and which side the interval favours. */
export interface FoldComparison {
  difference: Interval;
  verdict: 'A better' | 'B better' | 'within noise';
}

function verdictOf(d: Interval, higherIsBetter: boolean): FoldComparison['verdict'] {
  if (higherIsBetter ? d.low > 0 : d.high < 0) return 'A better';
  if (higherIsBetter ? d.high < 0 : d.low > 0) return 'B better';
  return 'within noise';
}

/** Variance factor of a k-fold mean, corrected for overlapping training sets (see below). */
const foldFactor = (k: number) => 1 / k + 1 / (k - 1);

/** Throws unless `options` is `{ higherIsBetter?: boolean }` (or absent). */
function assertComparisonOptions(options: unknown): void {
  const { higherIsBetter } = assertOptions<{ higherIsBetter?: boolean }>(options, {
    higherIsBetter: true,
  });
  if (higherIsBetter !== undefined && typeof higherIsBetter !== 'boolean')
    throw new InputError(
      `options.higherIsBetter must be true or false, got ${describe(higherIsBetter)}`,
    );
}

/**
 * A and B on the same k folds: the mean per-fold difference A - B with a 95% interval by the
 * corrected resampled t test (Nadeau & Bengio, Machine Learning 52, 2003). Any two training sets
 * of k-fold cross-validation share (k - 2)/(k - 1) of their rows, so per-fold differences are
 * not independent and the plain t interval (variance s^2 / k) is too narrow; the correction
 * takes the variance of the mean as (1/k + n_test/n_train) s^2, with n_test/n_train = 1/(k - 1),
 * on k - 1 degrees of freedom.
 * Used in lessons: 06.
 * @param options `higherIsBetter` (default true; false for losses).
 * @throws InputError for lists of other lengths, fewer than 2 folds, or non-finite values.
 */
export function foldComparison(
  a: readonly number[],
  b: readonly number[],
  options: { higherIsBetter?: boolean } = {},
): FoldComparison {
  assertComparisonOptions(options);
  const k = assertFiniteList('a', a);
  if (assertFiniteList('b', b) !== k)
    throw new InputError(`a and b must hold one value per fold each, got ${k} and ${b.length}`);
  const { mean, sd } = foldSpread(a.map((v, i) => v - b[i]));
  const halfWidth = studentTQuantile(0.975, k - 1) * Math.sqrt(foldFactor(k)) * sd;
  const difference = { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, sd, n: k };
  return { difference, verdict: verdictOf(difference, options.higherIsBetter ?? true) };
}

/**
 * Our per-fold values against a published "mean ± std" over other folds of the same data: the
 * difference of the two means with a 95% Welch interval, each mean's variance corrected as in
 * {@link foldComparison} ((1/k + 1/(k - 1)) s^2). The folds differ, so nothing is paired: the
 * interval is wide, and it is only as good as the published standard deviation.
 * Used in lessons: 06.
 * @param published the paper's mean, standard deviation over folds and number of folds.
 * @returns the interval of ours - published (its `sd` is the difference's standard error).
 * @throws InputError for fewer than 2 values of ours, non-finite numbers, a negative sd, or
 *   fewer than 2 published folds.
 */
export function publishedComparison(
  ours: readonly number[],
  published: { mean: number; sd: number; folds: number },
  options: { higherIsBetter?: boolean } = {},
): FoldComparison {
  assertComparisonOptions(options);
  assertFiniteList('ours', ours);
  const mine = foldSpread(ours);
  assertObject('published', published, '{ mean, sd, folds }');
  const { mean, sd, folds } = published;
  assertFiniteNumber('published.mean', mean);
  assertFiniteNumber('published.sd', sd);
  assertInteger('published.folds', folds, 2);
  if (sd < 0) throw new InputError(`published.sd must be >= 0, got ${sd}`);
  const va = foldFactor(mine.folds) * mine.sd ** 2;
  const vb = foldFactor(folds) * sd ** 2;
  const se = Math.sqrt(va + vb);
  // Welch-Satterthwaite degrees of freedom, rounded down (a slightly wider interval).
  const welch = (va + vb) ** 2 / (va ** 2 / (mine.folds - 1) + vb ** 2 / (folds - 1));
  const df = Math.max(1, Math.floor(welch));
  const diff = mine.mean - mean;
  const halfWidth = studentTQuantile(0.975, df) * se;
  const difference = {
    mean: diff,
    halfWidth,
    low: diff - halfWidth,
    high: diff + halfWidth,
    sd: se,
    n: mine.folds,
  };
  return { difference, verdict: verdictOf(difference, options.higherIsBetter ?? true) };
}
