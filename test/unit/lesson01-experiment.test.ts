/**
 * Lesson 01's pieces: the stacked data draws, the softmax loss floor, the report per label
 * combination, the per-network scores and their paired comparison, and the three-class targets,
 * each against hand-computed values.
 */
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeClassification } from '../../src/core/data';

import { createRng } from '../../src/core/random';
import { meanInterval, pairedComparison } from '../../src/eval/uncertainty';
import {
  classAccuracy,
  classTargets,
  compareKinds,
  comparisonRows,
  LESSON01_METRICS,
  LESSON01_OPTIONS,
  lesson01Draws,
  lesson01Labels,
  loadScarce,
  SCARCE,
  scarceAccuracy,
  scoreNetworks,
  softmaxLossFloor,
  type Lesson01Scores,
} from '../../src/lessons/01-sigmoid-vs-softmax';
import { assertClose, assertInputError } from '../support/close';
import { assertMadeHere } from '../support/saved-runs';
import { scarceNetwork } from '../../scripts/lesson01-scarce';
import { repetitionSeeds } from '../../src/core/seeds';
import { P4, Y4 } from '../support/combinations';

/** A split of `train` + `test` rows as the lesson makes it from its file (here: a fresh draw). */
function smallSplit(train: number, test: number, seed: number) {
  const d = makeClassification({ ...LESSON01_OPTIONS, numSamples: train + test, seed });
  const x = Array.from({ length: train + test }, (_, r) =>
    Array.from(d.x.subarray(r * 5, r * 5 + 5)),
  );
  const y = Array.from(d.classIndex, lesson01Labels);
  return {
    xTrain: tf.tensor2d(x.slice(0, train)),
    yTrain: tf.tensor2d(y.slice(0, train)),
    xTest: tf.tensor2d(x.slice(train)),
    yTest: tf.tensor2d(y.slice(train)),
  };
}

test('lesson01Draws: block 0 is the given split, block r the generator with seed r', () => {
  const split = smallSplit(30, 12, 99);
  const draws = lesson01Draws(split, [5, 6, 7]);
  try {
    assert.deepEqual(draws.xTrain.shape, [3, 30, 5]);
    assert.deepEqual(draws.yTrain.shape, [3, 30, 2]);
    assert.deepEqual(draws.xTest.shape, [3, 12, 5]);
    assert.equal(draws.yTest.length, 3);
    const xTrain = draws.xTrain.arraySync();
    const xTest = draws.xTest.arraySync();
    const yTrain = draws.yTrain.arraySync();
    assert.deepEqual(xTrain[0], split.xTrain.arraySync());
    assert.deepEqual(xTest[0], split.xTest.arraySync());
    assert.deepEqual(yTrain[0], split.yTrain.arraySync());
    assert.deepEqual(draws.yTest[0], split.yTest.arraySync());
    for (const r of [1, 2]) {
      const fresh = smallSplit(30, 12, [5, 6, 7][r]);
      assert.deepEqual(xTrain[r], fresh.xTrain.arraySync(), `block ${r} training features`);
      assert.deepEqual(yTrain[r], fresh.yTrain.arraySync(), `block ${r} training labels`);
      assert.deepEqual(xTest[r], fresh.xTest.arraySync(), `block ${r} test features`);
      assert.deepEqual(draws.yTest[r], fresh.yTest.arraySync(), `block ${r} test labels`);
      tf.dispose(Object.values(fresh));
    }
  } finally {
    tf.dispose(Object.values(split));
    tf.dispose([draws.xTrain, draws.yTrain, draws.xTest]);
  }
});

test('lesson01Draws names bad seeds and a split of the wrong width', () => {
  const split = smallSplit(6, 3, 1);
  try {
    assertInputError(() => lesson01Draws(split, [1]), /^seeds must hold at least 2 seeds/);
    assertInputError(
      () => lesson01Draws(split, [1, -2]),
      /^seeds\[1\] must be an integer in \[0, 2147483647\], got -2$/,
    );
    const narrow = { ...split, xTest: tf.zeros([3, 4]) as tf.Tensor2D };
    assertInputError(
      () => lesson01Draws(narrow, [1, 2]),
      /^split must hold 5 features and 2 labels, got 5,4,2,2$/,
    );
    narrow.xTest.dispose();
  } finally {
    tf.dispose(Object.values(split));
  }
});

test('softmaxLossFloor: share of {1,1} rows times 2 ln 2, and no softmax goes below it', () => {
  const y = [
    [1, 1],
    [0, 1],
    [0, 0],
    [1, 1],
  ];
  const floor = softmaxLossFloor(y);
  assertClose(floor, 0.5 * 2 * Math.LN2, 1e-12);
  // Any logits: the mean categorical cross-entropy of a two-output softmax is at or above it.
  const rng = createRng(3);
  for (let trial = 0; trial < 20; trial++) {
    const logits = Array.from({ length: 4 }, () => [rng.uniformIn(-4, 4), rng.uniformIn(-4, 4)]);
    tf.tidy(() => {
      const probs = tf.softmax(tf.tensor2d(logits));
      const loss = tf.metrics.categoricalCrossentropy(tf.tensor2d(y), probs);
      assert.ok(loss.mean().dataSync()[0] >= floor - 1e-6);
    });
  }
  assertInputError(() => softmaxLossFloor([[1, 1, 0]]), /^yTrain must hold label pairs/);
});

test('scoreNetworks: exact match overall and per combination, per-label accuracy', () => {
  const [s] = scoreNetworks([Y4], [P4]);
  assert.deepEqual(s, {
    'exact match': 0.5,
    'exact match on {1,1}': 0.5,
    'exact match on {0,0}': 0,
    'exact match on {0,1}': 1,
    'per-label accuracy': 0.75,
  });
  assertInputError(() => scoreNetworks([Y4], []), /^yTest and probs must hold one block/);
  assertInputError(
    () => scoreNetworks([Y4.slice(0, 3)], [P4.slice(0, 3)]),
    /^yTest\[0\] has no \{0,0\} row to score$/,
  );
});

test('compareKinds pairs the networks by repetition; comparisonRows names the winner', () => {
  const scores = (base: number[]): Lesson01Scores[] =>
    base.map((b) => ({
      'exact match': b,
      'exact match on {1,1}': b,
      'exact match on {0,0}': b / 2,
      'exact match on {0,1}': 0.9,
      'per-label accuracy': b,
    }));
  const sigmoid = scores([0.9, 0.95, 0.92]);
  const softmax = scores([0.3, 0.35, 0.31]);
  const comparisons = compareKinds(sigmoid, softmax);
  assert.deepEqual(
    comparisons.map((c) => c.metric),
    [...LESSON01_METRICS],
  );
  const exact = comparisons[0];
  assert.deepEqual(exact.sigmoid, meanInterval([0.9, 0.95, 0.92]));
  assert.deepEqual(exact.comparison, pairedComparison([0.9, 0.95, 0.92], [0.3, 0.35, 0.31]));
  const rows = comparisonRows(comparisons);
  assert.equal(rows[0].verdict, 'sigmoid better');
  assert.equal(rows[3].verdict, 'within noise');
  // Differences 0.6, 0.6, 0.61: sd 0.00577, t(0.975, 2) = 4.303, half width 4.303 sd / √3.
  assert.equal(rows[0]['sigmoid − softmax'], '0.603 ± 0.014');
  assert.equal(comparisonRows(compareKinds(softmax, sigmoid))[0].verdict, 'softmax better');
  assertInputError(() => compareKinds(sigmoid, softmax.slice(1)), /^sigmoid and softmax must/);
});

test('classTargets turns the label pairs back into one-hot classes; {1,0} is refused', () => {
  const y = tf.tensor3d([
    [
      [1, 1],
      [0, 1],
      [0, 0],
    ],
    [
      [0, 0],
      [1, 1],
      [0, 1],
    ],
  ]);
  const onehot = classTargets(y);
  try {
    assert.deepEqual(onehot.arraySync(), [
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [
        [0, 0, 1],
        [1, 0, 0],
        [0, 1, 0],
      ],
    ]);
    // the inverse of lesson01Labels: class c -> labels -> one-hot c
    for (const c of [0, 1, 2]) {
      const back = classTargets(tf.tensor3d([[lesson01Labels(c)]]));
      assert.deepEqual(back.arraySync(), [[[0, 1, 2].map((j) => (j === c ? 1 : 0))]]);
      back.dispose();
    }
  } finally {
    tf.dispose([y, onehot]);
  }
  const bad = tf.tensor3d([
    [
      [0, 1],
      [1, 0],
    ],
  ]);
  assertInputError(() => classTargets(bad), /row 1 is \{1,0\}, which no class of lesson 01 gives/);
  bad.dispose();
  const half = tf.tensor3d([[[0.5, 1]]]);
  assertInputError(() => classTargets(half), /must be a pair of 0\/1 labels/);
  half.dispose();
  const wide = tf.zeros([1, 2, 3]) as tf.Tensor3D;
  assertInputError(() => classTargets(wide), /y must be a \[S, rows, 2\] tensor/);
  wide.dispose();
});

test('classAccuracy: the share of rows whose largest output is their class', () => {
  const yTest = [
    [
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 0],
    ],
    [
      [0, 1],
      [0, 1],
    ],
  ];
  const outputs = [
    // right, right, wrong (class 1 on top), right: 3 of 4
    [
      [0.9, 0.05, 0.05],
      [0.2, 0.7, 0.6],
      [0.1, 0.8, 0.1],
      [0.3, 0.3, 0.4],
    ],
    // sigmoid-like outputs need not sum to 1: 1 of 2
    [
      [0.1, 0.9, 0.9001],
      [0.6, 0.7, 0.1],
    ],
  ];
  assert.deepEqual(classAccuracy(yTest, outputs), [0.75, 0.5]);
  assertInputError(() => classAccuracy(yTest, outputs.slice(0, 1)), /one block per network/);
  assertInputError(() => classAccuracy([[[1, 0]]], [[[1, 0, 0]]]), /yTest\[0\]\[0\] is \{1,0\}/);
  assertInputError(() => classAccuracy([[[1, 1]]], [[]]), /must have the same rows/);
});

// ---------------------------------------------------------------------------------------------
// The saved scarce-data sweep (data/lesson01-scarce.json)

const scarce = loadScarce();

test('the saved sweep was made with the module settings, by a commit in this history', () => {
  const { seed, seeds, ...settings } = scarce.settings;
  assert.deepEqual(settings, JSON.parse(JSON.stringify(SCARCE)));
  assert.deepEqual(seeds, [seed, ...repetitionSeeds(seed, SCARCE.repetitions).slice(1)]);
  assertMadeHere(scarce, 'scripts/lesson01-scarce.ts');
  assert.throws(() => loadScarce(join(__dirname, '..', '..', 'package.json')), /json lacks about$/);
});

test('the saved accuracies of repetitions 1 and 2 are what the code recomputes', async () => {
  // Repetitions r >= 1 are fresh draws of seed seeds[r]; block 0 (the file's split) is not
  // recomputed here, so any split of the same size stands in for it.
  const { seeds } = scarce.settings;
  const split = smallSplit(8000, 2000, 99);
  const draws = lesson01Draws(split, seeds.slice(0, 3));
  try {
    for (const output of ['sigmoid', 'softmax'] as const) {
      const build = scarceNetwork(output);
      const [accuracy] = await scarceAccuracy(draws, seeds.slice(0, 3), build, {
        output,
        sizes: [50],
        steps: 80,
      });
      assert.deepEqual(accuracy.slice(1), scarce.figures[output][80][50].slice(1, 3), output);
    }
  } finally {
    tf.dispose(Object.values(split));
    tf.dispose([draws.xTrain, draws.yTrain, draws.xTest]);
  }
});
