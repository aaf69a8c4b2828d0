/**
 * What k-fold cross-validation needs around a model: the rows of each fold, the five measures
 * the multi-label papers report per fold, and their mean and standard deviation over folds.
 */
import {
  assertFiniteList,
  assertInteger,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import { summarizeDecisions } from './decodings';

/**
 * The rows of fold `f` (test) and of every other fold (training), each in ascending order.
 * Used in lessons: 06.
 * @param folds the fold of each row (whole numbers >= 0).
 * @throws InputError for folds that are not whole numbers >= 0, or an `f` no row has.
 */
export function foldRows(folds: readonly number[], f: number): { train: number[]; test: number[] } {
  if (!Array.isArray(folds)) throw new InputError(`folds must be an array, got ${describe(folds)}`);
  folds.forEach((g, i) => assertInteger(`folds[${i}]`, g, 0));
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
  const s = summarizeDecisions(yTrue, scores, decisions);
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
