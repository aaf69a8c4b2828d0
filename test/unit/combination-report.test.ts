/**
 * The report per label combination: rows grouped by their true combination, mean probabilities,
 * what the decisions made of them, and the same as table rows, on hand-computed data.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combinationRows, reportByCombination } from '../../src/eval/combination-report';
import { assertClose } from '../support/close';
import { P4, Y4 } from '../support/combinations';

test('reportByCombination: per true combination, mean probabilities and what was decided', () => {
  const report = reportByCombination(Y4, P4);
  assert.deepEqual(
    report.map((r) => [r.combination, r.rows, r.exactMatch, r.binaryAccuracy]),
    [
      ['{1,1}', 2, 0.5, 0.75],
      ['{0,1}', 1, 1, 1],
      ['{0,0}', 1, 0, 0.5],
    ],
  );
  assertClose(report[0].meanProbs[0], 0.65, 1e-12);
  assert.deepEqual(
    [...report[0].predicted],
    [
      ['{1,1}', 1],
      ['{0,1}', 1],
    ],
  );
  // Decisions of another rule: a threshold of 0.85 switches off all but one label.
  const strict = reportByCombination(
    Y4,
    P4,
    P4.map((r) => r.map((p) => (p >= 0.85 ? 1 : 0))),
  );
  assert.deepEqual(
    [...strict[0].predicted],
    [
      ['{1,0}', 1],
      ['{0,1}', 1],
    ],
  );
  assert.equal(strict[2].exactMatch, 1);
  const rows = combinationRows(report, ['a', 'b']);
  assert.equal(rows[0]['predicted as'], '{1,1} 1 · {0,1} 1');
  assert.equal(rows[2]['mean P(b)'], 0.6);
});
