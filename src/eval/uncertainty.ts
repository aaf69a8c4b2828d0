/**
 * Evidence over seeds. A single training run is one draw: the data sample, the initial weights
 * and the batch order all move the result. So an experiment runs at S seeds derived from the
 * lesson's `SEED`, and a comparison is decided on the paired difference per seed (same data and
 * same start on both sides) with a 95% Student-t interval: "A beats B" only when the whole
 * interval is on one side of 0, otherwise the difference is within noise.
 */
import {
  assertFiniteList,
  assertFiniteNumber,
  assertInteger,
  assertObject,
  assertOptions,
  assertProbability,
  describe,
  InputError,
} from '../core/validate';

/** A mean with its confidence interval, from `n` independent values (one per seed). */
export interface Interval {
  mean: number;
  /** Half the interval's width: the interval is `mean ± halfWidth`. */
  halfWidth: number;
  low: number;
  high: number;
  /** Sample standard deviation (n - 1 in the denominator). */
  sd: number;
  n: number;
}

/** A paired comparison of A and B over the same seeds. */
export interface PairedComparison {
  /** The interval of the per-seed differences A - B. */
  difference: Interval;
  /**
   * Seeds on which A did better than B, and on which B did better: A - B > 0 and < 0 when higher
   * is better, the other way round when lower is (a loss).
   */
  wins: number;
  losses: number;
  /**
   * `A better` / `B better` when the interval excludes 0 (on the side where bigger is better, per
   * `higherIsBetter`), otherwise `within noise`.
   */
  verdict: 'A better' | 'B better' | 'within noise';
}

// Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4),
// enough for the t distribution's CDF to 1e-12 over the degrees of freedom seeds give.
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

function logGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for z > 0.
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = g[0];
  for (let i = 1; i < 9; i++) sum += g[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (typeof t !== 'number' || Number.isNaN(t))
    throw new InputError(`t must be a number, got ${describe(t)}`);
  assertInteger('df', df, 1);
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, x);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The quantile of Student's t: the `t` with P(T <= t) = p. Exact for 1 and 2 degrees of freedom
 * (closed forms); otherwise by bisection on the CDF (monotone) inside a bracket doubled until it
 * holds the quantile, so far tails are not cut off. `studentTQuantile(0.975, 7)` is 2.3646 and
 * `studentTQuantile(0.99995, 1)` 6366.2 (scipy.stats.t.ppf).
 * @throws InputError for p outside (0, 1) or df not an integer >= 1.
 */
export function studentTQuantile(p: number, df: number): number {
  assertProbability('p', p);
  if (p === 0 || p === 1) throw new InputError(`p must be strictly between 0 and 1, got ${p}`);
  assertInteger('df', df, 1);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // Bracket [lo, hi] on the quantile's side of 0, widened until it holds the quantile.
  const sign = p >= 0.5 ? 1 : -1;
  let far = sign;
  while (sign * (studentTCdf(far, df) - p) < 0) far *= 2;
  let lo = Math.min(0, far);
  let hi = Math.max(0, far);
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The mean of `values` with a Student-t confidence interval, the usual interval for a mean of a
 * few independent runs (at 8 seeds, t = 2.36 standard errors each side).
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @param values one value per seed, at least 2, all finite
 * @param confidence the interval's coverage, default 0.95
 * @throws InputError for fewer than 2 values, a non-finite value or a confidence outside (0, 1).
 */
export function meanInterval(values: readonly number[], confidence = 0.95): Interval {
  const n = assertFiniteList('values', values);
  if (n < 2) throw new InputError(`values needs at least 2 runs for an interval, got ${n}`);
  assertProbability('confidence', confidence);
  if (confidence === 0 || confidence === 1) {
    throw new InputError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const halfWidth = (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, sd, n };
}

/**
 * Compares A and B run at the same seeds: the interval of the per-seed differences A - B, how
 * many seeds each side won, and the verdict. Pairing removes what both sides share at a seed
 * (the data sample, the test rows), so it detects differences that two separate intervals miss.
 * Used in lessons: 01, 02, 03, 04, 06.
 * @param a one value of A per seed
 * @param b one value of B per seed, in the same seed order
 * @param options `higherIsBetter` (default true; false for losses), `confidence` (default 0.95)
 * @throws InputError for lists of different lengths, or as {@link meanInterval}.
 */
export function pairedComparison(
  a: readonly number[],
  b: readonly number[],
  options: { higherIsBetter?: boolean; confidence?: number } = {},
): PairedComparison {
  assertOptions<{ higherIsBetter?: boolean; confidence?: number }>(options, {
    higherIsBetter: true,
    confidence: true,
  });
  assertHigherIsBetter(options.higherIsBetter);
  const na = assertFiniteList('a', a);
  const nb = assertFiniteList('b', b);
  if (na !== nb) {
    throw new InputError(`a and b must hold one value per seed each, got ${na} and ${nb} values`);
  }
  const { higherIsBetter = true, confidence = 0.95 } = options;
  const diffs = a.map((v, i) => v - b[i]);
  const difference = meanInterval(diffs, confidence);
  const sign = higherIsBetter ? 1 : -1;
  const wins = diffs.filter((d) => sign * d > 0).length;
  const losses = diffs.filter((d) => sign * d < 0).length;
  const aAhead = higherIsBetter ? difference.low > 0 : difference.high < 0;
  const bAhead = higherIsBetter ? difference.high < 0 : difference.low > 0;
  const verdict = aAhead ? 'A better' : bAhead ? 'B better' : 'within noise';
  return { difference, wins, losses, verdict };
}

/** Throws unless `value`, the option `higherIsBetter`, is true, false or absent. */
function assertHigherIsBetter(value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean')
    throw new InputError(`options.higherIsBetter must be true or false, got ${describe(value)}`);
}

/**
 * Throws unless `value` is an interval as {@link meanInterval} makes it: an object with a finite
 * mean and half width.
 */
export function assertInterval(name: string, value: unknown): asserts value is Interval {
  assertObject(name, value, '{ mean, halfWidth } (from meanInterval)');
  assertFiniteNumber(`${name}.mean`, value.mean);
  assertFiniteNumber(`${name}.halfWidth`, value.halfWidth);
}

/**
 * `0.504 ± 0.012`: a mean and its interval's half width, for tables and claims.
 * @throws InputError for a digits count outside 0..10.
 */
export function formatInterval(interval: Interval, digits = 3): string {
  assertInterval('interval', interval);
  assertInteger('digits', digits, 0, 10);
  return `${interval.mean.toFixed(digits)} ± ${interval.halfWidth.toFixed(digits)}`;
}
