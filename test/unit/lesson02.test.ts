/**
 * Lesson 02's module: the repetitions' data, the per-repetition scores (checked against the
 * metrics module) and what `classWeight` does with multi-hot rows.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  classWeightLosses,
  disposeRepetitions,
  LESSON02_SPLITS,
  makeLesson02Data,
  makeLesson02Repetitions,
  scoreRepetitions,
} from '../../src/lessons/02-independent-labels';
import { denseClassifier } from '../../src/core/models';
import { toRows } from '../../src/core/rows';
import { InputError } from '../../src/core/validate';
import { metricSummary, precisionRecallFscoreSupport } from '../../src/eval/metrics';
import { toDecisions } from '../../src/eval/thresholds';
import { chooseBackend } from '../../src/notebook/backend';
import { assertClose } from '../support/close';

before(async () => {
  await chooseBackend({ prefer: 'wasm' });
});

const SMALL = { train: 60, validation: 30, test: 40 };

test('repetition k holds its own draw, cut in order into train, validation and test', () => {
  const seeds = [5, 6];
  const data = makeLesson02Repetitions(seeds, SMALL);
  try {
    assert.deepEqual(data.train.x.shape, [2, 60, 12]);
    assert.deepEqual(data.validation.y.shape, [2, 30, 6]);
    assert.deepEqual(data.test.x.shape, [2, 40, 12]);
    seeds.forEach((seed, k) => {
      // The data seed is offset from the repetition's seed by 2^31 (see DATA_SEED_OFFSET).
      const draw = makeLesson02Data(130, seed + 2 ** 31);
      assert.deepEqual(data.train.yRows[k], toRows(draw.y, 6, 0, 60));
      assert.deepEqual(data.validation.yRows[k], toRows(draw.y, 6, 60, 90));
      assert.deepEqual(data.test.yRows[k], toRows(draw.y, 6, 90, 130));
      const x = data.test.x.arraySync()[k];
      assert.deepEqual(x, toRows(draw.x, 12, 90, 130));
      assert.deepEqual(data.train.y.arraySync()[k], data.train.yRows[k]);
    });
    assert.notDeepEqual(data.train.yRows[0], data.train.yRows[1]);
  } finally {
    disposeRepetitions(data);
  }
  assert.ok(data.train.x.isDisposed && data.test.y.isDisposed);
});

test('the repetitions reject bad seeds and split sizes, naming the argument', () => {
  assert.throws(() => makeLesson02Repetitions([], SMALL), /seeds must be a non-empty array/);
  assert.throws(() => makeLesson02Repetitions([1, -1], SMALL), /seeds\[1\] must be an integer/);
  assert.throws(() => makeLesson02Repetitions([2 ** 31], SMALL), InputError);
  assert.throws(
    () => makeLesson02Repetitions([1], { ...SMALL, validation: 0 }),
    /splits\.validation must be an integer >= 1, got 0/,
  );
  assert.deepEqual(LESSON02_SPLITS, { train: 4000, validation: 2000, test: 4000 });
});

test('repetition scores agree with metricSummary and per-label recall', () => {
  const yTrue = [toRows(makeLesson02Data(200, 1).y, 6), toRows(makeLesson02Data(200, 2).y, 6)];
  const probs = yTrue.map((rows, k) =>
    rows.map((r, i) =>
      r.map((v, j) => Math.min(1, Math.abs(v * 0.6 + ((i * 7 + j * 3 + k) % 10) / 20))),
    ),
  );
  const thresholds = [
    [0.5, 0.4, 0.3, 0.2, 0.3, 0.5],
    [0.6, 0.5, 0.4, 0.3, 0.2, 0.1],
  ];
  for (const t of [0.5, thresholds]) {
    const scores = scoreRepetitions(yTrue, probs, t);
    yTrue.forEach((y, k) => {
      const tk = typeof t === 'number' ? t : t[k];
      const summary = metricSummary(
        y,
        probs[k],
        typeof tk === 'number' ? { threshold: tk } : { thresholds: tk },
      );
      assertClose(scores.binaryAccuracy[k], summary.binaryAccuracy, 1e-12);
      assertClose(scores.precisionMacro[k], summary.precisionMacro, 1e-12);
      assertClose(scores.recallMacro[k], summary.recallMacro, 1e-12);
      assertClose(scores.f1Macro[k], summary.f1Macro, 1e-12);
      const perLabel = precisionRecallFscoreSupport(y, toDecisions(probs[k], tk));
      const rare = [2, 3, 4, 5].map((j) => perLabel.recall[j]);
      assertClose(scores.rareRecall[k], rare.reduce((a, b) => a + b, 0) / 4, 1e-12);
      perLabel.fScore.forEach((f, j) => assertClose(scores.labelF1[j][k], f, 1e-12));
    });
  }
  assert.throws(() => scoreRepetitions(yTrue, probs.slice(1), 0.5), /one matrix per repetition/);
  assert.throws(() => scoreRepetitions(yTrue, probs, [thresholds[0]]), /one list per repetition/);
});

test('no tensor is left behind by the repetitions', () => {
  const run = () => disposeRepetitions(makeLesson02Repetitions([1, 2], SMALL));
  run();
  const before = tf.memory().numTensors;
  run();
  assert.equal(tf.memory().numTensors, before);
});

test('classWeightLosses: fit weights a multi-hot row by its first true label', async () => {
  const model = denseClassifier({
    numFeatures: 2,
    hiddenUnits: [4],
    numLabels: 3,
    outputActivation: 'sigmoid',
    seed: 7,
  });
  const x = [
    [0.5, -1],
    [1, 2],
    [-0.3, 0.8],
    [2, -0.5],
    [0, 0],
  ];
  const y = [
    [1, 0, 1], // first label 0: label 2's positive gets weight 1, not 4
    [0, 1, 1], // first label 1
    [0, 0, 1], // first label 2: the only positive of label 2 that gets 4
    [0, 0, 0], // no label: weighted like label 0
    [0, 1, 0],
  ];
  try {
    const same = await classWeightLosses(model, x, y, [1, 1, 1]);
    assertClose(same.byFirstLabel, same.byLabel, 1e-12);
    assertClose(same.reported, same.byFirstLabel, 1e-6);
    const weights = [2, 3, 4];
    const r = await classWeightLosses(model, x, y, weights);
    assertClose(r.reported, r.byFirstLabel, 1e-6);
    assert.ok(Math.abs(r.reported - r.byLabel) > 0.01, `${r.reported} vs ${r.byLabel}`);
    assert.deepEqual(r.weightedShare, [1, 1, 1 / 3]);
    // by hand: each row's mean BCE times the weight of its first true label
    const p = (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][];
    const firsts = [0, 1, 2, 0, 1];
    const hand =
      y.reduce((sum, row, i) => {
        const bce = row.map((t, j) => -(t * Math.log(p[i][j]) + (1 - t) * Math.log(1 - p[i][j])));
        return sum + (weights[firsts[i]] * bce.reduce((a, b) => a + b, 0)) / 3;
      }, 0) / y.length;
    assertClose(r.byFirstLabel, hand, 1e-6);
    await assert.rejects(classWeightLosses(model, x, y, [1, 1]), /weights must hold one positive/);
    await assert.rejects(classWeightLosses(model, x, y, [1, 0, 1]), /weights must hold one/);
    await assert.rejects(classWeightLosses(model, x.slice(1), y, weights), /x must have 5 rows/);
    await assert.rejects(
      classWeightLosses(model, x, [[1, 0.5, 0], ...y.slice(1)], weights),
      (e: unknown) => e instanceof InputError && /y/.test(e.message),
    );
  } finally {
    model.dispose();
  }
});
