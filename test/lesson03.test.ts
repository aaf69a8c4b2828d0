/**
 * Lesson 03's module: the question-like set's recipe, the column-order helpers, the split of
 * categorical accuracy, the repeated draws and training step, and the saved full-scale figures
 * (data/lesson03-full-scale.json): made with this module's settings by a commit in this history,
 * internally consistent, and equal to what the code recomputes for its deterministic part (the
 * data draws and the all-zero predictor).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  LESSON03_DATA,
  LESSON03_MODES,
  QUESTION_LIKE_DATA,
  QUESTION_LIKE_SCALE,
  QUESTION_LIKE_SINGLE_SHARE,
  QUESTION_SETUP,
  REPETITIONS,
  categoricalParts,
  drawRepeated,
  frequencyOrder,
  labelShares,
  lesson03Figures,
  lesson03Seeds,
  loadFullScale,
  makeLesson03Data,
  makeQuestionLikeData,
  reorderColumns,
  singleLabelShare,
  trainQuestionNetworks,
  type Lesson03Mode,
} from '../src/lessons/03-evaluating-multi-label';
import { categoricalAccuracy, metricSummary, SUMMARY_METRICS } from '../src/eval/metrics';
import { toRows } from '../src/core/rows';
import { InputError } from '../src/core/validate';

const ROOT = join(__dirname, '..');
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

test('singleLabelShare is the probability of exactly one label, by enumeration', () => {
  const f = [0.4, 0.05, 0.3, 0.9, 0.12, 0.5];
  let exact = 0;
  for (let mask = 0; mask < 1 << f.length; mask++) {
    const on = f.map((_, j) => (mask >> j) & 1);
    if (on.reduce((a, b) => a + b, 0) !== 1) continue;
    exact += on.reduce((p, o, j) => p * (o ? f[j] : 1 - f[j]), 1);
  }
  assert.ok(close(singleLabelShare(f), exact), `${singleLabelShare(f)} vs ${exact}`);
  assert.equal(singleLabelShare([1]), 1);
  assert.equal(singleLabelShare([0, 0]), 0);
  assert.throws(
    () => singleLabelShare([0.2, 1.5]),
    /frequencies\[1\] must be a number in \[0, 1\]/,
  );
  assert.throws(() => singleLabelShare([]), InputError);
});

test('the question-like set: 9% single-label rows if independent, rare-first columns', () => {
  const scaled = LESSON03_DATA.labelFrequencies.map((f) => f * QUESTION_LIKE_SCALE);
  assert.ok(Math.abs(singleLabelShare(scaled) - QUESTION_LIKE_SINGLE_SHARE) < 1e-3);
  assert.ok(Math.abs(singleLabelShare(QUESTION_LIKE_DATA.labelFrequencies) - 0.09) < 1e-3);
  // A larger factor gives fewer single-label rows: the factor is where the share crosses 9%.
  const share = (s: number) => singleLabelShare(LESSON03_DATA.labelFrequencies.map((f) => f * s));
  assert.ok(share(QUESTION_LIKE_SCALE - 0.01) > 0.09 && share(QUESTION_LIKE_SCALE + 0.01) < 0.09);
  assert.equal(QUESTION_LIKE_DATA.noise, 1);

  const n = 3000;
  const d = makeQuestionLikeData(n, 11);
  const counts = Array.from({ length: 26 }, (_, j) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += d.y[i * 26 + j];
    return c;
  });
  // The generator meets each frequency exactly; the columns come out rarest first.
  const expected = [...QUESTION_LIKE_DATA.labelFrequencies]
    .sort((a, b) => a - b)
    .map((f) => Math.round(f * n));
  assert.deepEqual(counts, expected);
  assert.deepEqual(Array.from(d.x), Array.from(makeQuestionLikeData(n, 11).x));
});

test('frequencyOrder and reorderColumns', () => {
  const f = [0.3, 0.1, 0.3, 0.05];
  assert.deepEqual(frequencyOrder(f, 'rareFirst'), [3, 1, 0, 2]);
  assert.deepEqual(frequencyOrder(f, 'frequentFirst'), [0, 2, 1, 3]);
  assert.throws(() => frequencyOrder(f, 'sideways' as 'rareFirst'), /order must be/);
  assert.deepEqual(
    reorderColumns(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [2, 0, 1],
    ),
    [
      [3, 1, 2],
      [6, 4, 5],
    ],
  );
  assert.throws(() => reorderColumns([[1, 2]], [0, 0]), /order must be a permutation of the 2/);
  assert.throws(() => reorderColumns([[1, 2]], [0]), InputError);
});

test('categoricalParts splits categorical accuracy by the number of true labels', () => {
  const yTrue = [
    [0, 1, 0], // one label, on top: single
    [0, 1, 1], // first true label 1 on top: multi
    [1, 0, 1], // top is label 2, not the first true label
    [0, 0, 0], // no label, top is column 0: empty
    [0, 0, 0], // no label, top is column 1
    [0, 0, 1], // one label, not on top
  ];
  const scores = [
    [0.1, 0.8, 0.2],
    [0.1, 0.7, 0.6],
    [0.4, 0.1, 0.9],
    [0.5, 0.2, 0.1],
    [0.1, 0.6, 0.1],
    [0.9, 0.1, 0.2],
  ];
  const parts = categoricalParts(yTrue, scores);
  assert.deepEqual(parts, { single: 1 / 6, multi: 1 / 6, empty: 1 / 6 });
  assert.ok(close(parts.single + parts.multi + parts.empty, categoricalAccuracy(yTrue, scores)));
  assert.throws(() => categoricalParts(yTrue, scores.slice(1)), /scores must have 6 rows/);
  assert.deepEqual(labelShares(yTrue), {
    cardinality: 1,
    empty: 2 / 6,
    single: 2 / 6,
    multi: 2 / 6,
  });
});

const TINY: Lesson03Mode = {
  name: 'default',
  fitRows: 60,
  testRows: 20,
  numEpochs: 1,
  batchSize: 16,
};

test('drawRepeated stacks one draw per seed; the validation rows are the last 33%', () => {
  const draws = drawRepeated(makeLesson03Data, TINY, [3, 4]);
  try {
    assert.deepEqual(draws.xFit.shape, [2, 60, 21]);
    assert.deepEqual(draws.yFit.shape, [2, 60, 26]);
    assert.deepEqual(draws.xVal.shape, [2, 19, 21]);
    assert.deepEqual(draws.xTest.shape, [2, 20, 21]);
    const d = makeLesson03Data(80, 4);
    assert.deepEqual(draws.yTest[1], toRows(d.y, 26, 60, 80));
    assert.deepEqual(draws.yVal[1], toRows(d.y, 26, 41, 60));
    const xVal = draws.xVal.arraySync()[1];
    assert.deepEqual(xVal, toRows(d.x, 21, 41, 60));
  } finally {
    draws.dispose();
  }
  assert.throws(() => drawRepeated(makeLesson03Data, TINY, []), /seeds must be a non-empty/);
});

test('trainQuestionNetworks: the sigmoid and softmax answers on the same draws', async () => {
  const before = tf.memory().numTensors;
  const draws = drawRepeated(makeLesson03Data, TINY, [1, 2]);
  try {
    for (const output of ['sigmoid', 'softmax'] as const) {
      const nets = await trainQuestionNetworks(draws, TINY, [1, 2], output);
      try {
        assert.equal(nets.options.outputActivation, output);
        assert.deepEqual(nets.options.hiddenUnits, [...QUESTION_SETUP.hiddenUnits]);
        const probs = nets.predict(draws.xTest);
        const sums = tf.tidy(() => tf.sum(probs, 2).arraySync() as number[][]);
        probs.dispose();
        if (output === 'softmax') assert.ok(sums.flat().every((s) => Math.abs(s - 1) < 1e-5));
        else assert.ok(sums.flat().some((s) => Math.abs(s - 1) > 1e-3));
      } finally {
        nets.dispose();
      }
    }
  } finally {
    draws.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

// ---------------------------------------------------------------------------------------------
// The saved full-scale figures

const full = loadFullScale();
const f = full.figures;
const members = Array.from({ length: REPETITIONS }, (_, k) => k);

test('the saved figures were made with the module settings, by a commit in this history', () => {
  const s = full.settings;
  assert.deepEqual(s.mode, LESSON03_MODES.full);
  assert.deepEqual(s.data, JSON.parse(JSON.stringify(LESSON03_DATA)));
  assert.deepEqual(s.questionLike, JSON.parse(JSON.stringify(QUESTION_LIKE_DATA)));
  assert.deepEqual(s.setup, JSON.parse(JSON.stringify(QUESTION_SETUP)));
  assert.equal(s.repetitions, REPETITIONS);
  assert.deepEqual(s.seeds, lesson03Seeds(s.seed));
  assert.match(full.command, /^npx tsx scripts\/lesson03-full-scale\.ts/);
  assert.equal(full.code.uncommittedChanges, false);
  assert.match(full.code.commit, /^[0-9a-f]{40}$/);
  const git = spawnSync('git', ['merge-base', '--is-ancestor', full.code.commit, 'HEAD'], {
    cwd: ROOT,
  });
  // Outside a git checkout (status null or 128) the history cannot be checked.
  if (git.status === 0 || git.status === 1)
    assert.equal(git.status, 0, `${full.code.commit} is not an ancestor of HEAD`);
});

test('the saved figures have the names lesson03Figures gives, one value per repetition', () => {
  const y = [
    [1, 0],
    [0, 1],
  ];
  const s = metricSummary(y, y);
  const one = { cardinality: 1, empty: 0, single: 1, multi: 0 };
  const part = { single: 1, multi: 0, empty: 0 };
  const names = Object.keys(
    lesson03Figures({
      data: [one],
      zeros: [s],
      at05: [s],
      tuned: [s],
      frequentFirst: [1],
      rareFirst: [1],
      rareFirstParts: [part],
      softmax: [s],
      questionLikeData: [one],
      questionLike: [s],
      questionLikeParts: [part],
    }),
  ).sort();
  assert.deepEqual(Object.keys(f).sort(), names);
  for (const name of names) assert.equal(f[name].length, REPETITIONS, name);
});

test('the saved figures are consistent with each other', () => {
  const sum = (...names: string[]) => members.map((k) => names.reduce((a, n) => a + f[n][k], 0));
  for (const prefix of ['zeros', 'at05', 'tuned', 'softmax', 'questionLike'])
    for (const k of members)
      assert.ok(close(f[`${prefix}.hammingLoss`][k] + f[`${prefix}.binaryAccuracy`][k], 1), prefix);
  for (const k of members) {
    assert.ok(close(sum('data.empty', 'data.single', 'data.multi')[k], 1));
    assert.ok(
      close(
        sum(
          'order.rareFirstParts.single',
          'order.rareFirstParts.multi',
          'order.rareFirstParts.empty',
        )[k],
        f['order.rareFirst'][k],
      ),
    );
    assert.ok(
      close(
        sum('questionLikeParts.single', 'questionLikeParts.multi', 'questionLikeParts.empty')[k],
        f['questionLike.categoricalAccuracy'][k],
      ),
    );
    // Predicting nothing: no F1, and every positive entry wrong.
    assert.equal(f['zeros.f1Micro'][k], 0);
    assert.ok(close(f['zeros.binaryAccuracy'][k], 1 - f['data.cardinality'][k] / 26, 1e-9));
    // Thresholds do not move the ranking metrics.
    for (const m of ['oneError', 'coverageError', 'labelRankingLoss', 'categoricalAccuracy'])
      assert.equal(f[`tuned.${m}`][k], f[`at05.${m}`][k], m);
    // One label per row at most: recall capped at (rows with a label) / (true labels).
    const cap = (1 - f['data.empty'][k]) / f['data.cardinality'][k];
    assert.ok(f['softmax.recallMicro'][k] <= cap + 1e-12);
  }
  for (const m of SUMMARY_METRICS) assert.ok(f[`at05.${m}`].every(Number.isFinite), m);
});

test('the saved data figures and all-zero baseline are what the code recomputes', () => {
  const { mode, seeds } = full.settings;
  const n = mode.fitRows + mode.testRows;
  const yTest = toRows(makeLesson03Data(n, seeds.lesson[0]).y, 26, mode.fitRows, n);
  const shares = labelShares(yTest);
  for (const key of ['cardinality', 'empty', 'single', 'multi'] as const)
    assert.equal(f[`data.${key}`][0], shares[key], key);
  const zeros = metricSummary(
    yTest,
    yTest.map((r) => r.map(() => 0)),
  );
  for (const m of SUMMARY_METRICS) assert.equal(f[`zeros.${m}`][0], zeros[m], m);
  const like = toRows(makeQuestionLikeData(n, seeds.questionLike[0]).y, 26, mode.fitRows, n);
  assert.equal(f['questionLikeData.single'][0], labelShares(like).single);
});
