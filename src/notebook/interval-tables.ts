/**
 * Tables of results over repetitions, one cell per mean with its 95% interval: metrics by model
 * (one row per metric), and paired comparisons (one row per comparison, with its verdict), so
 * that a lesson shows one table where it would otherwise print a list of lines.
 */
import { assertArray, assertObject, describe, InputError } from '../core/validate';
import { SUMMARY_METRICS, type MetricSummary, type SummaryMetric } from '../eval/metrics';
import { meanInterval, type Interval, type PairedComparison } from '../eval/uncertainty';
import { intervalCell } from './evidence';

/**
 * One metric over the repetitions: the mean of each summary's value and its 95% interval.
 * Used in lessons: 06.
 * @throws InputError for fewer than 2 summaries.
 */
export function metricInterval(
  summaries: readonly MetricSummary[],
  metric: SummaryMetric,
): Interval {
  assertArray('summaries', summaries, 'metric summaries (one per repetition)', 2);
  if (!(SUMMARY_METRICS as readonly unknown[]).includes(metric))
    throw new InputError(
      `metric must be one of ${SUMMARY_METRICS.join(', ')}, got ${describe(metric)}`,
    );
  summaries.forEach((s, i) => assertObject(`summaries[${i}]`, s, 'a MetricSummary'));
  return meanInterval(summaries.map((s) => s[metric]));
}

/**
 * Table rows, one per metric, one column per named set of repetitions, each cell the mean and
 * its 95% interval ("0.752 ± 0.002"). `coverageError` is shown as the papers' coverage
 * (coverage error - 1).
 * Used in lessons: 06.
 * @throws InputError for a set with fewer than 2 summaries.
 */
export function intervalRows(
  runs: Readonly<Record<string, readonly MetricSummary[]>>,
  metrics: readonly SummaryMetric[],
  digits = 3,
): Record<string, string>[] {
  assertObject('runs', runs, '{ name: MetricSummary[] }');
  assertArray('metrics', metrics, 'metric names', 1);
  return metrics.map((metric) => {
    const shift = metric === 'coverageError' ? 1 : 0;
    const row: Record<string, string> = {
      metric: shift ? 'coverage (coverage error − 1)' : metric,
    };
    for (const [name, summaries] of Object.entries(runs))
      row[name] = intervalCell(meanInterval(summaries.map((s) => s[metric] - shift)), digits);
    return row;
  });
}

/** One paired comparison for {@link comparisonRows}: A against B on a named measure. */
export interface ComparisonEntry {
  a: string;
  b: string;
  measure: string;
  comparison: PairedComparison;
}

/**
 * One table row per paired comparison: `A − B`, the measure, the difference's mean ± 95%
 * half-width, on how many seeds A was ahead, and the verdict (`A better`, `B better` by name, or
 * `within noise` when the interval includes 0).
 * Used in lessons: 06.
 * @throws InputError for an empty list.
 */
export function comparisonRows(
  entries: readonly ComparisonEntry[],
  digits = 3,
): Record<string, string>[] {
  if (!Array.isArray(entries) || entries.length === 0)
    throw new InputError('entries must hold at least one comparison');
  return entries.map(({ a, b, measure, comparison }) => {
    const d = comparison.difference;
    const verdict =
      comparison.verdict === 'A better'
        ? `${a} better`
        : comparison.verdict === 'B better'
          ? `${b} better`
          : 'within noise';
    return {
      comparison: `${a} − ${b}`,
      measure,
      difference: `${d.mean >= 0 ? '+' : ''}${intervalCell(d, digits)}`,
      'ahead on': `${comparison.wins} of ${d.n} seeds`,
      verdict,
    };
  });
}
