import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LESSON02_DATA, makeLesson02Data } from '../../src/lessons/02-independent-labels';
import { LESSON03_DATA, makeLesson03Data } from '../../src/lessons/03-evaluating-multi-label';
import { makeImbalancedMultiLabel, toTensorBlocks } from '../../src/core/synthetic';
import { toRows } from '../../src/core/rows';
import { InputError } from '../../src/core/validate';
import { createRng, permutation } from '../../src/core/random';

const small = {
  numSamples: 4000,
  numFeatures: 8,
  labelFrequencies: [0.4, 0.1, 0.02],
  parents: [-1, 0, -1],
  seed: 5,
};

function frequencies(y: Float32Array, numLabels: number): number[] {
  const counts = new Array<number>(numLabels).fill(0);
  for (let k = 0; k < y.length; k++) counts[k % numLabels] += y[k];
  return counts.map((c) => c / (y.length / numLabels));
}

/**
 * Largest difference, over features, between the feature's mean among positives and among
 * negatives of label j.
 */
function largestMeanGap(
  x: Float32Array,
  y: Float32Array,
  numFeatures: number,
  numLabels: number,
  j: number,
): number {
  const n = y.length / numLabels;
  let best = 0;
  for (let f = 0; f < numFeatures; f++) {
    let pos = 0,
      neg = 0,
      nPos = 0;
    for (let i = 0; i < n; i++) {
      if (y[i * numLabels + j] === 1) {
        pos += x[i * numFeatures + f];
        nPos++;
      } else neg += x[i * numFeatures + f];
    }
    best = Math.max(best, Math.abs(pos / nPos - neg / (n - nPos)));
  }
  return best;
}

test('same seed, same arrays; another seed, other arrays', () => {
  const a = makeImbalancedMultiLabel(small);
  const b = makeImbalancedMultiLabel(small);
  const c = makeImbalancedMultiLabel({ ...small, seed: 6 });
  assert.deepEqual(a.x, b.x);
  assert.deepEqual(a.y, b.y);
  assert.notDeepEqual(a.x, c.x);
});

test('shapes: typed arrays of rows x features and rows x labels, labels 0/1', () => {
  const d = makeLesson03Data(3000, 0);
  assert.ok(d.x instanceof Float32Array && d.y instanceof Float32Array);
  assert.equal(d.x.length, 3000 * 21);
  assert.equal(d.y.length, 3000 * 26);
  assert.deepEqual([d.numSamples, d.numFeatures, d.numLabels], [3000, 21, 26]);
  assert.ok(d.y.every((v) => v === 0 || v === 1));
  const e = makeLesson02Data(1000, 0);
  assert.deepEqual([e.numFeatures, e.numLabels], [12, 6]);
});

test('label frequencies are the ones asked for; lesson 03 spans 40% to 1%', () => {
  const d = makeImbalancedMultiLabel(small);
  frequencies(d.y, 3).forEach((f, j) =>
    assert.ok(Math.abs(f - small.labelFrequencies[j]) < 0.001, `label ${j}: ${f}`),
  );
  const freq = LESSON03_DATA.labelFrequencies;
  assert.equal(freq.length, 26);
  assert.ok(Math.abs(Math.max(...freq) - 0.4) < 1e-9 && Math.abs(Math.min(...freq) - 0.01) < 1e-9);
  assert.deepEqual(LESSON02_DATA.labelFrequencies.filter((f) => f <= 0.05).length, 4);
});

test(
  'labels depend on the features: class-conditional feature means differ, ' +
    'unlike shuffled labels',
  () => {
    const d = makeImbalancedMultiLabel(small);
    const order = permutation(d.numSamples, createRng(1));
    const shuffled = new Float32Array(d.y.length);
    for (let i = 0; i < d.numSamples; i++)
      shuffled.set(d.y.subarray(order[i] * 3, order[i] * 3 + 3), i * 3);
    for (let j = 0; j < 3; j++) {
      assert.ok(largestMeanGap(d.x, d.y, 8, 3, j) > 0.4, `label ${j} depends on some feature`);
      assert.ok(largestMeanGap(d.x, shuffled, 8, 3, j) < 0.3, `shuffled label ${j} does not`);
    }
  },
);

test('a child label is correlated with its parent', () => {
  const d = makeImbalancedMultiLabel({
    ...small,
    labelFrequencies: [0.3, 0.3, 0.3],
    parents: [-1, 0, -1],
  });
  const both = (a: number, b: number) => {
    let c = 0;
    for (let i = 0; i < d.numSamples; i++) c += d.y[i * 3 + a] * d.y[i * 3 + b];
    return c / d.numSamples;
  };
  // Independent labels at 30% would co-occur in 9% of rows.
  assert.ok(both(0, 1) > 0.18, `parent and child together in ${both(0, 1)}`);
  assert.ok(
    both(0, 1) > both(0, 2) + 0.08,
    `parent-child ${both(0, 1)} vs unrelated ${both(0, 2)}`,
  );
});

test('toRows and toTensorBlocks cut the same rows', () => {
  const d = makeLesson02Data(100, 1);
  const rows = toRows(d.y, 6, 60, 100);
  assert.equal(rows.length, 40);
  assert.deepEqual(rows[0], Array.from(d.y.subarray(360, 366)));
  const [a, b] = toTensorBlocks(d, [60, 40]);
  assert.deepEqual(a.x.shape, [60, 12]);
  assert.deepEqual(b.y.arraySync(), rows);
  [a.x, a.y, b.x, b.y].forEach((t) => t.dispose());
  assert.throws(() => toTensorBlocks(d, [60, 30]), /add up to numSamples = 100/);
  assert.throws(() => toRows(d.y, 7), InputError);
});

test('bad options throw InputError naming the argument', () => {
  assert.throws(
    () => makeImbalancedMultiLabel({ ...small, labelFrequencies: [0.5, 1] }),
    /labelFrequencies\[1\]/,
  );
  assert.throws(() => makeImbalancedMultiLabel({ ...small, parents: [-1, 2, -1] }), /parents\[1\]/);
  assert.throws(() => makeImbalancedMultiLabel({ ...small, numSamples: 0 }), /numSamples/);
  assert.throws(() => makeImbalancedMultiLabel({ ...small, noise: -1 }), /noise/);
  assert.throws(() => makeImbalancedMultiLabel({ ...small, parentWeight: 1 }), /parentWeight/);
});
