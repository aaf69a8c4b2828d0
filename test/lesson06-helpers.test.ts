/**
 * Lesson 06's helpers, on hand-computed fixtures: standardizing with training statistics, each
 * repetition's validation rows, the per-label masks, decodings (top-k, at least one label, one
 * tuned threshold), the trivial baseline, label statistics, the unseen label sets, the mixed
 * decision/ranking summary and the threshold slider figure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  atLeastOneDecisions,
  averageScores,
  coOccurrence,
  fitStandardizer,
  frequencyScores,
  intervalRows,
  labelCorrelation,
  perLabelMasks,
  repetitionRows,
  standardize,
  summarize,
  thresholdSliderFigure,
  topKDecisions,
  tuneGlobalThreshold,
  unseenSetReport,
  unseenTestRows,
} from '../src/lessons/06-real-data-yeast';
import { metricSummary, precisionRecallFscoreSupport } from '../src/eval/metrics';
import { InputError } from '../src/core/validate';
import { assertArrayClose, assertClose } from './support/close';

const isInputError = (pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && pattern.test(e.message);

test('fitStandardizer: population mean and sd per column, used by standardize', () => {
  const x = [
    [1, 10, 5],
    [3, 10, 5],
    [5, 10, 5],
    [7, 10, 5],
  ];
  const s = fitStandardizer(x);
  assert.deepEqual(s.mean, [4, 10, 5]);
  // sqrt(((-3)^2 + (-1)^2 + 1^2 + 3^2) / 4) = sqrt(5); a constant column gets sd 1.
  assertArrayClose(s.sd, [Math.sqrt(5), 1, 1], 1e-12);
  assertArrayClose(standardize([[4 + Math.sqrt(5), 11, 5]], s), [[1, 1, 0]], 1e-12);
  assert.throws(() => standardize([[1, 2]], s), isInputError(/x must have 3 columns, got 2/));
});

test('repetitionRows: a seeded shuffle per seed, its last fifth held out', () => {
  const rows = repetitionRows([5, 6], 10, 0.2);
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.train.length, 8);
    assert.equal(r.validation.length, 2);
    assert.deepEqual(r.order.slice(8), r.validation);
    assert.deepEqual(
      [...r.train, ...r.validation].sort((a, b) => a - b),
      [...Array(10).keys()],
    );
  }
  assert.notDeepEqual(rows[0].order, rows[1].order);
  assert.deepEqual(repetitionRows([5], 10, 0.2)[0], rows[0]);
  assert.throws(() => repetitionRows([1], 10, 0.05), isInputError(/must leave both parts/));
});

test('perLabelMasks: a block feeds its own output; chain links read earlier labels', () => {
  const [first, second] = perLabelMasks('separate', 2, 3, 2);
  assert.deepEqual(first, [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
  ]);
  assert.deepEqual(second, [
    [1, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0, 0, 1],
  ]);
  const [chainFirst, chainSecond] = perLabelMasks('chain', 2, 3, 2);
  assert.deepEqual(chainSecond, second);
  // Inputs: 2 features, then labels 0, 1, 2; hidden blocks 0 (units 0-1), 1 (2-3), 2 (4-5).
  assert.deepEqual(chainFirst, [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
    [0, 0, 1, 1, 1, 1],
    [0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 0],
  ]);
});

test('topKDecisions and atLeastOneDecisions', () => {
  const probs = [
    [0.9, 0.2, 0.6, 0.6],
    [0.1, 0.3, 0.2, 0.05],
  ];
  // Ties go to the earlier label.
  assert.deepEqual(topKDecisions(probs, 2), [
    [1, 0, 1, 0],
    [0, 1, 1, 0],
  ]);
  assert.deepEqual(atLeastOneDecisions(probs), [
    [1, 0, 1, 1],
    [0, 1, 0, 0],
  ]);
  assert.throws(() => topKDecisions(probs, 5), isInputError(/k must be an integer in \[1, 4\]/));
});

test('tuneGlobalThreshold: the candidate with the best micro F1 on the given rows', () => {
  const y = [
    [1, 0],
    [1, 1],
    [0, 0],
  ];
  const p = [
    [0.45, 0.1],
    [0.8, 0.35],
    [0.3, 0.2],
  ];
  // At 0.35: tp 3, fp 0, fn 0 -> F1 1; at 0.5: tp 1, fn 2 -> 0.5; at 0.2: fp 2 -> 0.75.
  assert.equal(tuneGlobalThreshold(y, p, [0.2, 0.35, 0.5]), 0.35);
  // Every threshold in (0.3, 0.35] gives F1 1 on the default grid; ties go to the one nearest 0.5.
  assert.equal(tuneGlobalThreshold(y, p), 0.35);
});

test('frequencyScores, coOccurrence and labelCorrelation', () => {
  const y = [
    [1, 1, 0],
    [1, 0, 0],
    [1, 1, 1],
    [0, 0, 1],
  ];
  assert.deepEqual(frequencyScores(y, 2), [
    [0.75, 0.5, 0.5],
    [0.75, 0.5, 0.5],
  ]);
  assert.deepEqual(coOccurrence(y), [
    [3, 2, 1],
    [2, 2, 1],
    [1, 1, 2],
  ]);
  // Labels 0 and 1: means 0.75 and 0.5; cov sum 0.5, variance sums 0.75 and 1.
  assertClose(labelCorrelation(y, 0, 1), 0.5 / Math.sqrt(0.75), 1e-12);
  assert.throws(() => labelCorrelation([[1], [1]], 0, 0), isInputError(/must both vary/));
});

test('unseenTestRows and unseenSetReport on a fixture', () => {
  const yTrain = [
    [1, 0, 0],
    [0, 1, 0],
    [1, 1, 0],
  ];
  const yTest = [
    [1, 0, 0], // seen
    [1, 1, 1], // unseen
    [0, 0, 1], // unseen
  ];
  assert.deepEqual(unseenTestRows(yTrain, yTest), [1, 2]);
  const decisions = [
    [1, 0, 0], // right, seen set
    [1, 1, 0], // 1 wrong, seen set
    [0, 0, 1], // right, new set
  ];
  assert.deepEqual(unseenSetReport(yTrain, yTest, decisions), {
    rows: [1, 2],
    exact: 1,
    novelPredictions: 1,
    novelRight: 1,
    wrongUnseen: 0.5,
    wrongSeen: 0,
  });
  assert.throws(
    () => unseenSetReport(yTrain, yTest, decisions.slice(1)),
    isInputError(/decisions must have 3 rows/),
  );
});

test('summarize: decision metrics from the decisions, ranking metrics from the scores', () => {
  const y = [
    [1, 0, 1],
    [0, 1, 0],
  ];
  const scores = [
    [0.4, 0.3, 0.2],
    [0.1, 0.45, 0.3],
  ];
  const decisions = [
    [1, 0, 1],
    [0, 1, 0],
  ];
  const mixed = summarize(y, scores, decisions);
  const fromScores = metricSummary(y, scores);
  assert.equal(mixed.hammingLoss, 0);
  assert.equal(mixed.subsetAccuracy, 1);
  assert.equal(fromScores.subsetAccuracy, 0);
  assert.equal(mixed.labelRankingAveragePrecision, fromScores.labelRankingAveragePrecision);
  assert.equal(mixed.coverageError, fromScores.coverageError);
  assert.equal(mixed.oneError, fromScores.oneError);
});

test('averageScores and intervalRows (coverage shown as coverage error - 1)', () => {
  assert.deepEqual(averageScores([[[0.2, 0.4]], [[0.4, 0.8]]]), [
    [0.30000000000000004, 0.6000000000000001],
  ]);
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
});

test('thresholdSliderFigure: one restyle step per threshold, starting at 0.5', () => {
  const y = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const p = [
    [0.9, 0.4],
    [0.3, 0.6],
    [0.45, 0.7],
  ];
  const figure = thresholdSliderFigure(y, p, ['a', 'b'], [0.4, 0.5], 'title');
  assert.equal(figure.data.length, 3);
  const slider = figure.layout!.sliders![0];
  assert.equal(slider.active, 1);
  assert.equal(slider.steps!.length, 2);
  const step = slider.steps![0] as { method: string; args: [{ y: number[][] }, number[]] };
  assert.equal(step.method, 'restyle');
  assert.deepEqual(step.args[1], [0, 1, 2]);
  const at = (t: number) =>
    precisionRecallFscoreSupport(
      y,
      p.map((r) => r.map((v) => (v >= t ? 1 : 0))),
    );
  const expected = at(0.4);
  assertArrayClose(step.args[0].y, [expected.precision, expected.recall, expected.fScore], 1e-3);
  assertArrayClose((figure.data[0] as { y: number[] }).y, at(0.5).precision, 1e-3);
  assert.throws(
    () => thresholdSliderFigure(y, p, ['a'], [0.5], 't'),
    isInputError(/labelNames must name the 2 labels/),
  );
});
