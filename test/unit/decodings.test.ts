/**
 * Decodings on hand-computed fixtures: top-k, at least one label, one tuned threshold, every
 * decoding at once and over repetitions, the mixed decision/ranking summary, averaged scores,
 * powerset marginals and the report on label sets unseen in training.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  atLeastOneDecisions,
  averageScores,
  decodeAll,
  decodeRepetitions,
  powersetMarginals,
  summarizeDecisions,
  topKDecisions,
  tuneGlobalThreshold,
  unseenSetReport,
} from '../../src/eval/decodings';
import { metricSummary } from '../../src/eval/metrics';
import { isInputError, assertArrayClose } from '../support/close';

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

test('unseenSetReport on a fixture', () => {
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

test('summarizeDecisions: decision metrics from decisions, ranking metrics from scores', () => {
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
  const mixed = summarizeDecisions(y, scores, decisions);
  const fromScores = metricSummary(y, scores);
  assert.equal(mixed.hammingLoss, 0);
  assert.equal(mixed.subsetAccuracy, 1);
  assert.equal(fromScores.subsetAccuracy, 0);
  assert.equal(mixed.labelRankingAveragePrecision, fromScores.labelRankingAveragePrecision);
  assert.equal(mixed.coverageError, fromScores.coverageError);
  assert.equal(mixed.oneError, fromScores.oneError);
});

test('averageScores: the mean of the matrices, entry by entry', () => {
  assert.deepEqual(averageScores([[[0.2, 0.4]], [[0.4, 0.8]]]), [
    [0.30000000000000004, 0.6000000000000001],
  ]);
  assert.throws(() => averageScores([]), isInputError(/non-empty list/));
});

test('powersetMarginals: each label gets the probability of the sets that contain it', () => {
  const sets = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  assertArrayClose(powersetMarginals([[0.2, 0.3, 0.5]], sets), [[0.7, 0.8]], 1e-12);
  // A sum past 1 by rounding is capped.
  assert.deepEqual(powersetMarginals([[0.5, 0, 0.50000001]], sets)[0][0], 1);
  assert.throws(() => powersetMarginals([[0.5, 0.5]], sets), isInputError(/probs must have 3/));
});

test('decodeAll and decodeRepetitions: thresholds tuned on the validation rows', () => {
  const yVal = [
    [1, 0],
    [1, 1],
    [0, 0],
  ];
  const pVal = [
    [0.45, 0.1],
    [0.8, 0.35],
    [0.3, 0.2],
  ];
  const probs = [
    [0.4, 0.6],
    [0.2, 0.1],
  ];
  const decoded = decodeAll(probs, { yTrue: yVal, probs: pVal }, 1);
  assert.equal(decoded.globalThreshold, 0.35);
  assert.deepEqual(decoded.decisions['p ≥ 0.5'], [
    [0, 1],
    [0, 0],
  ]);
  assert.deepEqual(decoded.decisions['one tuned threshold'], [
    [1, 1],
    [0, 0],
  ]);
  assert.deepEqual(decoded.decisions['top-k'], [
    [0, 1],
    [1, 0],
  ]);
  assert.deepEqual(decoded.decisions['at least one label'], [
    [0, 1],
    [1, 0],
  ]);
  const yTest = [
    [1, 1],
    [1, 0],
  ];
  const run = decodeRepetitions(
    [probs, probs],
    [
      { yTrue: yVal, probs: pVal },
      { yTrue: yVal, probs: pVal },
    ],
    yTest,
    1,
  );
  assert.deepEqual(run.globalThresholds, [0.35, 0.35]);
  assert.deepEqual(run.emptyRows['p ≥ 0.5'], [1, 1]);
  assert.deepEqual(run.emptyRows['at least one label'], [0, 0]);
  assert.equal(run.summaries['top-k'][0].subsetAccuracy, 0.5);
  assert.equal(run.validationF1.length, 2);
  assert.equal(run.testF1[0].length, 2);
  assert.throws(
    () => decodeRepetitions([probs], [], yTest, 1),
    isInputError(/one set of rows per repetition \(1\)/),
  );
});
