/**
 * Properties of the label codecs, metrics and threshold tuning on random inputs (fast-check),
 * with fixed seeds so every run checks the same cases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fc from 'fast-check';
import {
  decodePowerset,
  decodePowersetRows,
  encodePowerset,
  encodePowersetRows,
} from '../../src/core/powerset';
import {
  decodeSeenCombinations,
  encodeSeenCombinations,
  fitSeenCombinations,
} from '../../src/core/seen-combinations';
import { fromMultiHot, toMultiHot } from '../../src/core/labels';
import {
  binaryAccuracy,
  f1Score,
  hammingLoss,
  metricSummary,
  SUMMARY_METRICS,
} from '../../src/eval/metrics';
import { toDecisions, tunePerLabelThresholds } from '../../src/eval/thresholds';

const RUNS = { numRuns: 200 };
const bit = fc.integer({ min: 0, max: 1 });
/** Probabilities with many ties and the edge values, as models' rounded outputs have. */
const prob = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
);

function matrix<T>(value: fc.Arbitrary<T>, rows: number, cols: number): fc.Arbitrary<T[][]> {
  return fc.array(fc.array(value, { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
}

/** Shape first, then matrices of that shape. */
const shape = fc.record({
  rows: fc.integer({ min: 1, max: 40 }),
  cols: fc.integer({ min: 1, max: 8 }),
});
const decisions = shape.chain(({ rows, cols }) =>
  fc.record({ yTrue: matrix(bit, rows, cols), yPred: matrix(bit, rows, cols) }),
);
const scored = shape.chain(({ rows, cols }) =>
  fc.record({ yTrue: matrix(bit, rows, cols), probs: matrix(prob, rows, cols) }),
);
/** A pair plus a row order and a label order to permute by. */
const permuted = shape.chain(({ rows, cols }) =>
  fc.record({
    yTrue: matrix(bit, rows, cols),
    yPred: matrix(bit, rows, cols),
    rowOrder: fc.shuffledSubarray([...Array(rows).keys()], { minLength: rows, maxLength: rows }),
    colOrder: fc.shuffledSubarray([...Array(cols).keys()], { minLength: cols, maxLength: cols }),
  }),
);

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

test('labels: the powerset codec round-trips every row and class index', () => {
  fc.assert(
    fc.property(fc.array(bit, { minLength: 1, maxLength: 30 }), (row) => {
      const code = encodePowerset(row);
      assert.ok(Number.isInteger(code) && code >= 0 && code < 2 ** row.length);
      assert.deepEqual(decodePowerset(code, row.length), row);
    }),
    { seed: 101, ...RUNS },
  );
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 30 })
        .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: 2 ** n - 1 }))),
      ([n, code]) => {
        assert.equal(encodePowerset(decodePowerset(code, n)), code);
      },
    ),
    { seed: 102, ...RUNS },
  );
  fc.assert(
    fc.property(
      shape.chain(({ rows, cols }) => matrix(bit, rows, cols)),
      (yTrue) => {
        assert.deepEqual(decodePowersetRows(encodePowersetRows(yTrue), yTrue[0].length), yTrue);
      },
    ),
    { seed: 103, ...RUNS },
  );
});

test('labels: seen combinations and multi-hot lists round-trip', () => {
  fc.assert(
    fc.property(
      shape.chain(({ rows, cols }) => matrix(bit, rows, cols)),
      (yTrue) => {
        const seen = fitSeenCombinations(yTrue);
        const classes = encodeSeenCombinations(yTrue, seen);
        assert.deepEqual(decodeSeenCombinations(classes, seen), yTrue);
        assert.equal(seen.combinations.length, new Set(yTrue.map((r) => r.join())).size);
        assert.deepEqual(toMultiHot(fromMultiHot(yTrue), yTrue[0].length), yTrue);
      },
    ),
    { seed: 104, ...RUNS },
  );
});

test('metrics: Hamming loss is 1 - binary accuracy', () => {
  fc.assert(
    fc.property(decisions, ({ yTrue, yPred }) => {
      assert.ok(close(hammingLoss(yTrue, yPred), 1 - binaryAccuracy(yTrue, yPred)));
    }),
    { seed: 201, ...RUNS },
  );
});

test('metrics: micro-F1 does not change when rows or labels are permuted', () => {
  fc.assert(
    fc.property(permuted, ({ yTrue, yPred, rowOrder, colOrder }) => {
      const f1 = f1Score(yTrue, yPred, { average: 'micro' });
      const byRows = (m: number[][]) => rowOrder.map((i) => m[i]);
      const byCols = (m: number[][]) => m.map((r) => colOrder.map((j) => r[j]));
      assert.ok(close(f1Score(byRows(yTrue), byRows(yPred), { average: 'micro' }), f1));
      assert.ok(close(f1Score(byCols(yTrue), byCols(yPred), { average: 'micro' }), f1));
      assert.ok(
        close(f1Score(byCols(byRows(yTrue)), byCols(byRows(yPred)), { average: 'micro' }), f1),
      );
    }),
    { seed: 202, ...RUNS },
  );
});

test('metrics: every summary metric stays within its range', () => {
  fc.assert(
    fc.property(scored, fc.constantFrom(0, 0.3, 0.5, 1), ({ yTrue, probs }, threshold) => {
      const s = metricSummary(yTrue, probs, { threshold });
      const numLabels = yTrue[0].length;
      for (const m of SUMMARY_METRICS) {
        const v = s[m];
        const max = m === 'coverageError' ? numLabels : 1;
        assert.ok(
          Number.isFinite(v) && v >= 0 && v <= max + 1e-12,
          `${m} = ${v} outside [0, ${max}]`,
        );
      }
      assert.ok(
        s.subsetAccuracy <= s.binaryAccuracy + 1e-12,
        'an exact row match implies every label right',
      );
      assert.ok(s.labelRankingAveragePrecision > 0);
    }),
    { seed: 203, ...RUNS },
  );
});

test("thresholds: per-label tuning never lowers any label's validation F1 against 0.5", () => {
  fc.assert(
    fc.property(scored, ({ yTrue, probs }) => {
      const tuned = tunePerLabelThresholds(yTrue, probs);
      assert.equal(tuned.length, yTrue[0].length);
      const atHalf = f1Score(yTrue, toDecisions(probs, 0.5), { average: null });
      const atTuned = f1Score(yTrue, toDecisions(probs, tuned), { average: null });
      atHalf.forEach((f, j) =>
        assert.ok(
          atTuned[j] >= f - 1e-12,
          `label ${j}: tuned ${tuned[j]} gives F1 ${atTuned[j]} < ${f} at 0.5`,
        ),
      );
      assert.ok(
        f1Score(yTrue, toDecisions(probs, tuned), { average: 'macro' }) >=
          f1Score(yTrue, toDecisions(probs, 0.5), { average: 'macro' }) - 1e-12,
      );
    }),
    { seed: 301, ...RUNS },
  );
});
