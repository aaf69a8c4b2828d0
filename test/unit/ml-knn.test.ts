/**
 * ML-kNN (src/core/ml-knn.ts): priors, neighbour counts and posteriors worked by hand on five
 * rows; ties between equally distant neighbours; the shared-distance path equal to fit + predict;
 * bad input; and scikit-multilearn's MLkNN on yeast's standard split (test/fixtures/
 * ml-knn-reference.json, made by test/fixtures/ml-knn-reference.py, which also says how
 * scikit-multilearn's defaults differ from the paper).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  fitMlKnn,
  ML_KNN_PAPER,
  mlKnnOnRows,
  pairwiseSquaredDistances,
  predictMlKnn,
} from '../../src/core/ml-knn';
import { loadYeast } from '../../src/core/yeast';
import { paperScores } from '../../src/eval/cross-validation';
import { assertArrayClose, assertClose, isInputError } from '../support/close';

// Five rows on a line, two labels; k = 1, s = 1.
const x = [[0], [1], [3], [10], [11]];
const y = [
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
  [0, 1],
];

test('fitMlKnn: smoothed priors and leave-one-out neighbour counts, by hand', () => {
  const model = fitMlKnn(x, y, { k: 1, smoothing: 1 });
  // P(H1) = (s + positives) / (2s + m): (1 + 2) / 7 and (1 + 3) / 7.
  assertArrayClose(model.priors, [3 / 7, 4 / 7], 1e-15);
  // Each row's nearest other row: 0 -> 1, 1 -> 0 (1 away; row 2 is 2 away), 2 -> 1, 3 -> 4,
  // 4 -> 3. Label 1: rows 0 and 1 (which have it) see it once; row 2 (without) sees it once,
  // rows 3 and 4 (without) see it 0 times.
  assert.deepEqual(model.withLabel[0], [0, 2]);
  assert.deepEqual(model.withoutLabel[0], [2, 1]);
  // Label 2: rows with it are 1 (sees row 0: 0), 2 (sees row 1: 1), 4 (sees row 3: 0);
  // rows without it are 0 (sees row 1: 1), 3 (sees row 4: 1).
  assert.deepEqual(model.withLabel[1], [2, 1]);
  assert.deepEqual(model.withoutLabel[1], [0, 2]);
});

test('predictMlKnn: posteriors and MAP decisions, by hand', () => {
  const model = fitMlKnn(x, y, { k: 1, smoothing: 1 });
  // x = 0.4: nearest row 0 carries (1, 0).
  //   label 1, j = 1: P(E|H1) = (1 + 2) / (2 + 2) = 3/4, P(E|H0) = (1 + 1) / (2 + 3) = 2/5;
  //   posterior = (3/7)(3/4) / ((3/7)(3/4) + (4/7)(2/5)) = 45/77.
  //   label 2, j = 0: P(E|H1) = 3/5, P(E|H0) = 1/4; posterior = 48/63 = 16/21.
  // x = 10.6: nearest row 4 carries (0, 1): posteriors 15/63 = 5/21 and 32/77.
  const { probs, decisions } = predictMlKnn(model, [[0.4], [10.6]]);
  assertArrayClose(
    probs,
    [
      [45 / 77, 16 / 21],
      [5 / 21, 32 / 77],
    ],
    1e-12,
  );
  assert.deepEqual(decisions, [
    [1, 1],
    [0, 0],
  ]);
});

test('equally distant neighbours: the lower training row wins', () => {
  const model = fitMlKnn(x, y, { k: 1 });
  // 10.5 is as far from row 3 (0, 0) as from row 4 (0, 1): row 3 counts, so label 2 has j = 0.
  const { probs } = predictMlKnn(model, [[10.5]]);
  assertClose(probs[0][1], 16 / 21, 1e-12);
  // Reversing the training rows reverses which of the two comes first.
  const reversed = fitMlKnn([...x].reverse(), [...y].reverse(), { k: 1 });
  assertClose(predictMlKnn(reversed, [[10.5]]).probs[0][1], 32 / 77, 1e-12);
});

test('mlKnnOnRows on shared distances equals fitMlKnn + predictMlKnn, past the ranking too', () => {
  // 100 rows in a tight cluster and 100 far apart: a test row in the cluster has all of its 64
  // nearest rows in the test set, so its neighbours come from the full scan.
  const xs = Array.from({ length: 200 }, (_, i) => (i < 100 ? [i * 0.001, 0] : [100 + i, i % 7]));
  const ys = xs.map((_, i) => [i % 2, i % 3 === 0 ? 1 : 0, i < 100 ? 1 : 0]);
  const test_ = Array.from({ length: 80 }, (_, i) => i);
  const train = Array.from({ length: 120 }, (_, i) => 80 + i);
  const shared = mlKnnOnRows(pairwiseSquaredDistances(xs), ys, train, test_, { k: 10 });
  const model = fitMlKnn(
    train.map((i) => xs[i]),
    train.map((i) => ys[i]),
    { k: 10 },
  );
  const direct = predictMlKnn(
    model,
    test_.map((i) => xs[i]),
  );
  assert.deepEqual(shared.priors, model.priors);
  assert.deepEqual(shared.withLabel, model.withLabel);
  assert.deepEqual(shared.withoutLabel, model.withoutLabel);
  assert.deepEqual(shared.probs, direct.probs);
  assert.deepEqual(shared.decisions, direct.decisions);
});

test('bad input is refused with a clear error', () => {
  assert.throws(() => fitMlKnn(x, y, { k: 0 }), isInputError(/options.k must be an integer >= 1/));
  assert.throws(() => fitMlKnn(x, y, { k: 5 }), isInputError(/options.k must be below .* \(5\)/));
  assert.throws(() => fitMlKnn(x, y, { k: 1.5 }), isInputError(/options.k/));
  assert.throws(
    () => fitMlKnn(x, y, { k: 1, smoothing: -1 }),
    isInputError(/smoothing must be >= 0/),
  );
  assert.throws(() => fitMlKnn(x, y.slice(1)), isInputError(/got 5 and 4/));
  assert.throws(
    () =>
      fitMlKnn(
        x,
        y.map((r) => [r[0], r[1] * 2]),
      ),
    isInputError(/y/),
  );
  assert.throws(() => fitMlKnn([[0], [NaN], [3], [10], [11]], y), isInputError(/x/));
  assert.throws(() => fitMlKnn([[0], [1, 2], [3], [10], [11]], y), isInputError(/x/));
  const model = fitMlKnn(x, y, { k: 1 });
  assert.throws(() => predictMlKnn(model, [[1, 2]]), isInputError(/x must have 1 column/));
  assert.throws(() => predictMlKnn({} as never, [[1]]), isInputError(/fitMlKnn/));
  const d = pairwiseSquaredDistances(x);
  assert.throws(() => mlKnnOnRows(d, y.slice(1), [0, 1], [2]), isInputError(/distances/));
  assert.throws(() => mlKnnOnRows(d, y, [1, 0], [2], { k: 1 }), isInputError(/ascending/));
  assert.throws(() => mlKnnOnRows(d, y, [0, 1], [], { k: 1 }), isInputError(/testRows/));
  assert.throws(() => mlKnnOnRows(d, y, [0, 1], [5], { k: 1 }), isInputError(/testRows\[0\]/));
  assert.throws(() => mlKnnOnRows(d, y, [0, 1], [1], { k: 1 }), isInputError(/both/));
});

test('yeast standard split: scikit-multilearn, made to follow the paper, agrees', async () => {
  const ref = JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'ml-knn-reference.json'), 'utf8'),
  ) as {
    priors: number[];
    condTrue: number[][];
    condFalse: number[][];
    decisions: string[];
    posteriorFirstRows: number[][];
    measures: Record<string, number>;
  };
  const yeast = await loadYeast();
  const model = fitMlKnn(yeast.xTrain, yeast.yTrain, ML_KNN_PAPER);
  assertArrayClose(model.priors, ref.priors, 1e-12);
  const { k, smoothing: s } = model;
  const likelihoods = (c: number[]) =>
    c.map((v) => (s + v) / (s * (k + 1) + c.reduce((a, b) => a + b, 0)));
  assertArrayClose(model.withLabel.map(likelihoods), ref.condTrue, 1e-12);
  assertArrayClose(model.withoutLabel.map(likelihoods), ref.condFalse, 1e-12);
  const { probs, decisions } = predictMlKnn(model, yeast.xTest);
  assert.deepEqual(
    decisions.map((r) => r.join('')),
    ref.decisions,
  );
  assertArrayClose(probs.slice(0, ref.posteriorFirstRows.length), ref.posteriorFirstRows, 1e-12);
  const scores = paperScores(yeast.yTest, probs, decisions);
  for (const [name, value] of Object.entries(ref.measures))
    assertClose(scores[name as keyof typeof scores], value, 1e-12, name);
});
