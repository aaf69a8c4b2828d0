/**
 * The options the metrics share (`average`, `zeroDivision`, `beta`) and their checks, with
 * scikit-learn's accepted values.
 */
import {
  assertBinaryMatrix,
  assertSameShape,
  describe,
  InputError,
  type Matrix,
  type OptionNames,
} from '../../core/validate';

/**
 * How per-label (or per-sample) scores are combined into one number, as sklearn's `average`.
 */
export type Average = 'micro' | 'macro' | 'weighted' | 'samples';

/**
 * What a score gives for an `average` of type `A`: one value per label (`PerLabel`) for `null`,
 * one value (`One`) for an average, and either when the type of `A` does not say which.
 */
export type Averaged<A, PerLabel = number[], One = number> = [A] extends [null]
  ? PerLabel
  : [A] extends [Average]
    ? One
    : PerLabel | One;

/**
 * Value of a score whose denominator is 0, as sklearn's `zero_division` (`'nan'` means NaN).
 */
export type ZeroDivision = 0 | 1 | 'nan';

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

export const SCORE_OPTIONS: OptionNames<ScoreOptions> = { average: true, zeroDivision: true };

export const FBETA_OPTIONS: OptionNames<FbetaOptions> = { ...SCORE_OPTIONS, beta: true };

export const PRFS_OPTIONS: OptionNames<PrfsOptions> = FBETA_OPTIONS;

export const AVERAGES: readonly string[] = ['micro', 'macro', 'weighted', 'samples'];

export function checkAverage(value: unknown): Average | null {
  if (value === null || (typeof value === 'string' && AVERAGES.includes(value)))
    return value as Average | null;
  throw new InputError(
    "options.average must be one of 'micro', 'macro', 'weighted', 'samples' or null, " +
      `got ${describe(value)}`,
  );
}

export function checkZeroDivision(value: unknown): number {
  if (value === undefined || value === 0) return 0;
  if (value === 1) return 1;
  if (value === 'nan') return NaN;
  throw new InputError(`options.zeroDivision must be 0, 1 or 'nan', got ${describe(value)}`);
}

export function checkBeta(value: unknown): number {
  // Infinity is allowed, as in sklearn (where it gives recall); NaN and negatives are not.
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new InputError(
      `options.beta must be a number >= 0 (Infinity gives recall), got ${describe(value)}`,
    );
  }
  return value;
}

export function checkDecisions(yTrue: Matrix, yPred: Matrix): [number, number] {
  const a = assertBinaryMatrix('yTrue', yTrue);
  const b = assertBinaryMatrix('yPred', yPred);
  assertSameShape('yTrue', a, 'yPred', b);
  return a;
}
