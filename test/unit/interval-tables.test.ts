/**
 * Interval tables: metrics by model with each cell a mean and its 95% interval, and paired
 * comparisons one row each with their verdict.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricSummary } from '../../src/eval/metrics';
import { pairedComparison } from '../../src/eval/uncertainty';
import { comparisonRows, intervalRows, metricInterval } from '../../src/notebook/interval-tables';
import { isInputError, assertClose } from '../support/close';

test('intervalRows: a row per metric, coverage shown as coverage error - 1', () => {
  const base = metricSummary([[1, 0]], [[0.9, 0.1]]);
  const rows = intervalRows(
    {
      a: [
        { ...base, coverageError: 2 },
        { ...base, coverageError: 4 },
      ],
    },
    ['coverageError'],
  );
  // Mean of 1 and 3 is 2; sd sqrt(2), t(0.975, 1) = 12.706: half width 12.706.
  assert.equal(rows[0].metric, 'coverage (coverage error − 1)');
  assert.equal(rows[0].a, '2.000 ± 12.706');
  const interval = metricInterval(
    [
      { ...base, hammingLoss: 0.1 },
      { ...base, hammingLoss: 0.3 },
    ],
    'hammingLoss',
  );
  assertClose(interval.mean, 0.2, 1e-12);
  assert.equal(interval.n, 2);
});

test('comparisonRows: one row per comparison, with its verdict by name', () => {
  const better = pairedComparison([0.8, 0.7, 0.75], [0.6, 0.55, 0.6]);
  const noise = pairedComparison([0.5, 0.6, 0.4], [0.55, 0.5, 0.5]);
  const rows = comparisonRows([
    { a: 'powerset', b: 'sigmoid', measure: 'LRAP', comparison: better },
    { a: 'chain', b: 'sigmoid', measure: 'LRAP', comparison: noise },
  ]);
  assert.equal(rows[0].comparison, 'powerset − sigmoid');
  assert.equal(rows[0].verdict, 'powerset better');
  assert.equal(rows[0]['ahead on'], '3 of 3 seeds');
  assert.match(rows[0].difference, /^\+0\.167 ± /);
  assert.equal(rows[1].verdict, 'within noise');
  const worse = pairedComparison([0.1, 0.2, 0.15], [0.3, 0.4, 0.35], { higherIsBetter: false });
  assert.equal(
    comparisonRows([{ a: 'x', b: 'y', measure: 'loss', comparison: worse }])[0].verdict,
    'x better',
  );
  assert.throws(() => comparisonRows([]), isInputError(/at least one comparison/));
});
