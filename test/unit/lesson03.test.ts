/**
 * Lesson 03's module: the question-like set's recipe, a whole run of the lesson's experiments on
 * a tiny mode, and the saved full-scale figures (data/lesson03-full-scale.json): made with this
 * module's settings by a commit in this history, internally consistent, and equal to what the
 * code recomputes for its deterministic part (the data draws and the all-zero predictor).
 */
import assert from 'node:assert/strict';

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
  lesson03Figures,
  lesson03Seeds,
  loadFullScale,
  makeLesson03Data,
  makeQuestionLikeData,
  runLesson03,
  type Lesson03Mode,
} from '../../src/lessons/03-evaluating-multi-label';
import { labelShares, singleLabelShare } from '../../src/core/label-statistics';
import { metricSummary, SUMMARY_METRICS } from '../../src/eval/metrics';
import { toRows } from '../../src/core/rows';
import { assertMadeHere } from '../support/saved-runs';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

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

const TINY: Lesson03Mode = {
  name: 'default',
  fitRows: 60,
  testRows: 20,
  numEpochs: 1,
  batchSize: 16,
};

test('runLesson03: a figure per member; the softmax answer within its one-label cap', async () => {
  const before = tf.memory().numTensors;
  const results = await runLesson03(TINY, 5);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  const figures = lesson03Figures(results);
  for (const [name, values] of Object.entries(figures)) assert.equal(values.length, 8, name);
  const again = lesson03Figures(await runLesson03(TINY, 5));
  assert.deepEqual(again, figures, 'a run is a function of its seed');
  results.softmax.forEach((s, k) => {
    const cap = (1 - results.data[k].empty) / results.data[k].cardinality;
    assert.ok(s.recallMicro <= cap + 1e-12, `member ${k}: ${s.recallMicro} > ${cap}`);
  });
  const sum = (p: { single: number; multi: number; empty: number }) => p.single + p.multi + p.empty;
  results.rareFirstParts.forEach((p, k) => assert.ok(close(sum(p), results.rareFirst[k])));
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
  assertMadeHere(full, 'scripts/lesson03-full-scale.ts');
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
