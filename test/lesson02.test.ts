/**
 * Lesson 02's module: the repetitions' data, the ensemble that trains one network per
 * repetition, the per-repetition scores (checked against the metrics module) and the two charts.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  classWeightLosses,
  disposeRepetitions,
  f1AgainstThreshold,
  LESSON02_EXPERIMENT,
  lossAndGradientFigure,
  makeLesson02Data,
  makeLesson02Repetitions,
  scoreRepetitions,
  thresholdF1Figure,
  trainLesson02Ensemble,
} from '../src/lessons/02-independent-labels';
import { denseClassifier } from '../src/core/models';
import { toRows } from '../src/core/rows';
import { InputError } from '../src/core/validate';
import { metricSummary, precisionRecallFscoreSupport } from '../src/eval/metrics';
import { toDecisions } from '../src/eval/thresholds';
import { chooseBackend } from '../src/notebook/backend';
import { assertClose } from './support/close';

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
});

test('F1 against the threshold equals F1 of the decisions at each threshold', () => {
  const yTrue = [
    [1, 0],
    [1, 0],
    [0, 1],
    [0, 0],
  ];
  const probs = [
    [0.9, 0.2],
    [0.4, 0.6],
    [0.6, 0.7],
    [0.1, 0.3],
  ];
  const grid = [0, 0.35, 0.5, 0.65, 0.95, 1];
  const f1 = f1AgainstThreshold(yTrue, probs, grid);
  // Label 0 at 0.5: one true positive (0.9), one false positive (0.6), one miss (0.4).
  assertClose(f1[0][2], 2 / (2 + 1 + 1));
  // Nothing predicted and one positive: F1 0.
  assert.equal(f1[1][5], 0);
  grid.forEach((t, i) => {
    const expected = precisionRecallFscoreSupport(yTrue, toDecisions(probs, t)).fScore;
    expected.forEach((f, j) => assertClose(f1[j][i], f, 1e-12, `label ${j} at ${t}`));
  });
  assert.throws(() => f1AgainstThreshold(yTrue, probs, [0.5, 1.5]), /thresholds\[1\]/);
  assert.throws(() => f1AgainstThreshold(yTrue, [[0.5, 0.5]], [0.5]), InputError);
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

test('one network per repetition: probabilities of its own rows; weights change them', async () => {
  const seeds = [3, 4];
  const data = makeLesson02Repetitions(seeds, SMALL);
  try {
    const plain = await trainLesson02Ensemble(data, seeds);
    assert.equal(plain.validation.length, 2);
    assert.equal(plain.test[1].length, 40);
    assert.ok(plain.test.flat(2).every((p) => p >= 0 && p <= 1));
    const again = await trainLesson02Ensemble(data, seeds);
    assert.deepEqual(again, plain, 'the same seeds give the same probabilities');
    const weighted = await trainLesson02Ensemble(data, seeds, { posWeights: [3, 3, 3, 3, 3, 3] });
    // A positive weight above 1 pushes probabilities up: on average they end higher.
    const mean = (p: number[][][]) => p.flat(2).reduce((a, b) => a + b, 0) / p.flat(2).length;
    assert.ok(mean(weighted.test) > mean(plain.test));
    await assert.rejects(() => trainLesson02Ensemble(data, [3]), /one seed per repetition \(2\)/);
    await assert.rejects(
      () => trainLesson02Ensemble(data, seeds, { posWeights: [1, 2] }),
      /posWeights must be an array of 6/,
    );
  } finally {
    disposeRepetitions(data);
  }
  assert.equal(LESSON02_EXPERIMENT.hiddenUnits.length, 1);
});

test('the threshold chart marks each chosen threshold on its curve, in the curve colour', () => {
  const figure = thresholdF1Figure(
    ['a', 'b'],
    [0.25, 0.5, 0.75],
    [
      [0.2, 0.6, 0.4],
      [0.1, 0.3, 0.5],
    ],
    [
      { threshold: 0.5, f1: 0.6 },
      { threshold: 0.75, f1: 0.5 },
    ],
    { title: 't' },
  );
  assert.equal(figure.data.length, 4);
  const [curveB, markerB] = [figure.data[2], figure.data[3]] as {
    x: number[];
    y: number[];
    mode: string;
    line?: { color: string };
    marker?: { color: string };
  }[];
  assert.equal(markerB.mode, 'markers');
  assert.deepEqual([markerB.x, markerB.y], [[0.75], [0.5]]);
  assert.equal(markerB.marker?.color, curveB.line?.color);
  assert.throws(
    () =>
      thresholdF1Figure(['a'], [0.5], [[0.1, 0.2]], [{ threshold: 0.5, f1: 0.1 }], { title: 't' }),
    /f1\[0\] has 2 values for 1 thresholds/,
  );
  assert.throws(
    () => thresholdF1Figure(['a', 'b'], [0.5], [[0.1]], [], { title: 't' }),
    InputError,
  );
});

test('the loss-and-gradient chart puts gradients on the second axis', () => {
  const figure = lossAndGradientFigure(
    [-1, 0, 1],
    [
      { name: 'loss', values: [1.3, 0.7, 0.3], axis: 'loss' },
      { name: 'gradient', values: [-0.7, -0.5, -0.3], axis: 'gradient' },
    ],
    { title: 't', xTitle: 'z' },
  );
  assert.deepEqual(
    figure.data.map((d) => (d as { yaxis: string }).yaxis),
    ['y', 'y2'],
  );
  assert.equal((figure.layout?.yaxis2 as { overlaying: string }).overlaying, 'y');
  assert.throws(
    () =>
      lossAndGradientFigure([0, 1], [{ name: 'g', values: [0], axis: 'gradient' }], {
        title: 't',
        xTitle: 'z',
      }),
    /series "g" has 1 values for 2 logits/,
  );
  assert.throws(
    () =>
      lossAndGradientFigure([0], [{ name: 'g', values: [NaN], axis: 'loss' }], {
        title: 't',
        xTitle: 'z',
      }),
    /must be a finite number/,
  );
});

test('no tensor is left behind by the repetitions and the ensemble', async () => {
  const run = async () => {
    const data = makeLesson02Repetitions([1], SMALL);
    await trainLesson02Ensemble(data, [1]);
    disposeRepetitions(data);
  };
  await run();
  const before = tf.memory().numTensors;
  await run();
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
