import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  LESSON01_OPTIONS,
  lesson01Csv,
  lesson01Labels,
} from '../../src/lessons/01-sigmoid-vs-softmax';
import { loadLabelledCsv, makeClassification, trainTestSplit } from '../../src/core/data';
import { InputError } from '../../src/core/validate';

const CSV = join(__dirname, '..', '..', 'data', 'lesson01-clusters.csv');

test('data/lesson01-clusters.csv is exactly what the seeded generator makes', () => {
  assert.equal(readFileSync(CSV, 'utf8'), lesson01Csv());
});

test('makeClassification: shapes, equal class shares, determinism', () => {
  const options = {
    numSamples: 301,
    numFeatures: 4,
    numClasses: 3,
    classSep: 2,
    flipY: 0,
    seed: 5,
  };
  const d = makeClassification(options);
  assert.equal(d.x.length, 301 * 4);
  assert.equal(d.classIndex.length, 301);
  const counts = [0, 0, 0];
  d.classIndex.forEach((c) => counts[c]++);
  assert.deepEqual(counts, [101, 100, 100]);
  assert.deepEqual(makeClassification(options).x, d.x);
  assert.notDeepEqual(makeClassification({ ...options, seed: 6 }).x, d.x);
});

test('makeClassification: class centres are hypercube vertices at +-classSep', () => {
  const d = makeClassification({
    numSamples: 30000,
    numFeatures: 3,
    numClasses: 2,
    classSep: 3,
    flipY: 0,
    seed: 1,
  });
  for (let k = 0; k < 2; k++) {
    for (let f = 0; f < 3; f++) {
      let sum = 0;
      let n = 0;
      d.classIndex.forEach((c, r) => {
        if (c === k) {
          sum += d.x[r * 3 + f];
          n++;
        }
      });
      assert.ok(Math.abs(Math.abs(sum / n) - 3) < 0.1, `class ${k} feature ${f} mean ${sum / n}`);
    }
  }
});

test('makeClassification: flipY relabels about that share of rows', () => {
  // Far-apart clusters: a row's cluster is the nearer class mean, so a label that disagrees was
  // flipped.
  const base = { numSamples: 20000, numFeatures: 2, numClasses: 2, classSep: 50, seed: 3 };
  const clean = makeClassification({ ...base, flipY: 0 });
  const means = [0, 1].map((k) =>
    [0, 1].map((f) => {
      let sum = 0;
      let n = 0;
      clean.classIndex.forEach((c, r) => {
        if (c === k) {
          sum += clean.x[r * 2 + f];
          n++;
        }
      });
      return sum / n;
    }),
  );
  const disagreeing = (d: ReturnType<typeof makeClassification>) =>
    d.classIndex.filter((c, r) => {
      const dist = means.map((m) => (d.x[r * 2] - m[0]) ** 2 + (d.x[r * 2 + 1] - m[1]) ** 2);
      return (dist[0] < dist[1] ? 0 : 1) !== c;
    }).length / base.numSamples;
  assert.equal(disagreeing(clean), 0);
  // Half of the flipped rows draw their own class again, so about 10% disagree.
  const share = disagreeing(makeClassification({ ...base, flipY: 0.2 }));
  assert.ok(share > 0.08 && share < 0.12, `share ${share}`);
});

test('lesson 01 labels: a = class 0, b = class 0 or 1', () => {
  assert.deepEqual([0, 1, 2].map(lesson01Labels), [
    [1, 1],
    [0, 1],
    [0, 0],
  ]);
  assert.equal(LESSON01_OPTIONS.numSamples, 10000);
});

test('makeClassification rejects impossible settings', () => {
  const ok = { numSamples: 10, numFeatures: 2, numClasses: 2, classSep: 1, flipY: 0, seed: 0 };
  assert.throws(
    () => makeClassification({ ...ok, numClasses: 5 }),
    (e: unknown) =>
      e instanceof InputError && /numClasses must be at most 2\^numFeatures = 4/.test(e.message),
  );
  assert.throws(
    () => makeClassification({ ...ok, flipY: 1.5 }),
    (e: unknown) =>
      e instanceof InputError && /flipY must be a number in \[0, 1\], got 1.5/.test(e.message),
  );
  assert.throws(
    () => makeClassification({ ...ok, numSamples: 0 }),
    (e: unknown) => e instanceof InputError && /numSamples/.test(e.message),
  );
});

test('loadLabelledCsv loads features and labels as tensors through danfo', async () => {
  const data = await loadLabelledCsv(CSV, {
    features: ['x1', 'x2', 'x3', 'x4', 'x5'],
    labels: ['a', 'b'],
  });
  assert.deepEqual(data.x.shape, [10000, 5]);
  assert.deepEqual(data.y.shape, [10000, 2]);
  assert.deepEqual(data.df.shape, [10000, 8]);
  const firstLine = readFileSync(CSV, 'utf8').split('\n')[1].split(',').map(Number);
  const x0 = data.x.slice([0, 0], [1, 5]).dataSync();
  firstLine.slice(0, 5).forEach((v, i) => assert.ok(Math.abs(x0[i] - v) < 1e-5));
  assert.deepEqual(Array.from(data.y.slice([0, 0], [1, 2]).dataSync()), firstLine.slice(6, 8));
  tf.dispose([data.x, data.y]);
});

test('trainTestSplit: sizes, disjoint seeded rows', () => {
  const x = tf.tensor2d(Array.from({ length: 100 }, (_, i) => [i]));
  const y = tf.tensor2d(Array.from({ length: 100 }, (_, i) => [i % 2]));
  const s = trainTestSplit(x, y, { testFraction: 0.25, seed: 1 });
  assert.deepEqual(s.xTrain.shape, [75, 1]);
  assert.deepEqual(s.xTest.shape, [25, 1]);
  const ids = [...s.xTrain.dataSync(), ...s.xTest.dataSync()].sort((a, b) => a - b);
  assert.deepEqual(
    ids,
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.deepEqual(
    Array.from(s.yTest.dataSync()),
    Array.from(s.xTest.dataSync(), (v) => v % 2),
  );
  const again = trainTestSplit(x, y, { testFraction: 0.25, seed: 1 });
  assert.deepEqual(again.xTest.dataSync(), s.xTest.dataSync());
  assert.throws(
    () => trainTestSplit(x, y, { testFraction: 0, seed: 1 }),
    (e: unknown) => e instanceof InputError && /leaves an empty part/.test(e.message),
  );
  tf.dispose([
    x,
    y,
    s.xTrain,
    s.yTrain,
    s.xTest,
    s.yTest,
    again.xTrain,
    again.yTrain,
    again.xTest,
    again.yTest,
  ]);
});
