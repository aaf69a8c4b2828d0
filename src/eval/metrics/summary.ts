/**
 * Every metric for one set of probabilities as one table row, and tables of such rows.
 */
import {
  assertLabelsAndScores,
  assertOptions,
  assertProbability,
  describe,
  InputError,
  type Matrix,
} from '../../core/validate';
import { resolveThresholds } from '../thresholds';
import { type AveragedPrfs, jaccard, prfs } from './classification';
import { tally } from './counting';

import { checkZeroDivision, type ZeroDivision } from './options';
import { categorical, pairStats, topStats } from './ranking';

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
