/**
 * The saved 10-fold figures of lesson 06 (data/yeast-10fold.json, made by
 * scripts/yeast-10fold.ts): made with the module's settings and the notebook's network by a
 * commit in this history; the means and standard deviations follow from the per-fold figures;
 * and the deterministic parts, the folds and ML-kNN's per-fold figures, are what the code
 * recomputes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { YEAST_10FOLD } from '../../scripts/yeast-10fold';
import { ML_KNN_PAPER, mlKnnOnRows, pairwiseSquaredDistances } from '../../src/core/ml-knn';
import { loadYeast } from '../../src/core/yeast';
import { foldRows, foldSpread, PAPER_MEASURES, paperScores } from '../../src/eval/cross-validation';
import { iterativeStratification } from '../../src/eval/iterative-stratification';
import { repetitionSeeds } from '../../src/core/seeds';
import { YEAST_BUDGET } from '../../src/lessons/06-real-data-yeast';
import { assertClose } from '../support/close';
import { assertMadeHere } from '../support/saved-runs';

const ROOT = join(__dirname, '..', '..');
const saved = JSON.parse(readFileSync(join(ROOT, 'data', 'yeast-10fold.json'), 'utf8')) as {
  command: string;
  code: { commit: string; uncommittedChanges: boolean };
  seconds: number;
  settings: {
    seed: number;
    numFolds: number;
    repetitions: number;
    seeds: number[];
    hiddenUnits: number;
    budget: unknown;
    mlKnn: unknown;
    measures: string[];
  };
  folds: number[];
  figures: Record<string, Record<string, number[]>>;
  summary: Record<string, Record<string, { mean: number; sd: number; folds: number }>>;
  members: Record<'sigmoid' | 'powerset', Record<string, number[]>[]>;
  epochs: Record<'sigmoid' | 'powerset', number[][]>;
};
const APPROACHES = ['sigmoid', 'sigmoid ensemble', 'powerset', 'powerset ensemble', 'ML-kNN'];

test('the file was made with the module settings, by a commit in this history', () => {
  const s = saved.settings;
  assert.equal(s.numFolds, YEAST_10FOLD.numFolds);
  assert.equal(s.repetitions, YEAST_10FOLD.repetitions);
  assert.deepEqual(s.seeds, repetitionSeeds(s.seed, s.repetitions));
  assert.deepEqual(s.budget, JSON.parse(JSON.stringify(YEAST_BUDGET)));
  assert.deepEqual(s.mlKnn, { ...ML_KNN_PAPER });
  assert.deepEqual(s.measures, [...PAPER_MEASURES]);
  assert.ok(saved.seconds > 0 && saved.seconds < 900, `${saved.seconds} s`);
  assertMadeHere(saved, 'scripts/yeast-10fold.ts');
});

test("the script's network is the notebook's buildModel, character for character", () => {
  const body = (text: string) => {
    const start = text.indexOf('function buildModel(');
    assert.ok(start >= 0, 'no buildModel');
    const end = text.indexOf('\n}', start);
    return text.slice(start, end + 2);
  };
  const notebook = JSON.parse(
    readFileSync(join(ROOT, 'notebooks', '06-real-data-yeast.ipynb'), 'utf8'),
  ) as { cells: { source: string[] | string }[] };
  const cells = notebook.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
  const cell = cells.find((c) => c.includes('function buildModel('));
  assert.ok(cell, 'the notebook defines buildModel');
  const script = readFileSync(join(ROOT, 'scripts', 'yeast-10fold.ts'), 'utf8');
  assert.equal(body(script), body(cell));
  const units = /const HIDDEN_UNITS = (\d+);/;
  assert.equal(script.match(units)?.[1], cell.match(units)?.[1]);
  assert.equal(saved.settings.hiddenUnits, Number(cell.match(units)?.[1]));
});

test('means and standard deviations follow from the per-fold figures', () => {
  assert.deepEqual(Object.keys(saved.figures), APPROACHES);
  for (const a of APPROACHES)
    for (const m of PAPER_MEASURES) {
      const values = saved.figures[a][m];
      assert.equal(values.length, saved.settings.numFolds, `${a} ${m}`);
      const spread = foldSpread(values);
      assertClose(saved.summary[a][m].mean, spread.mean, 1e-12, `${a} ${m}`);
      assertClose(saved.summary[a][m].sd, spread.sd, 1e-12, `${a} ${m}`);
      const [low, high] = m === 'coverage' ? [0, 13] : [0, 1];
      assert.ok(
        values.every((v) => v >= low && v <= high),
        `${a} ${m}`,
      );
    }
  // A single network's figure is the mean of its repetitions in that fold.
  for (const a of ['sigmoid', 'powerset'] as const)
    saved.members[a].forEach((fold, f) => {
      for (const m of PAPER_MEASURES) {
        assert.equal(fold[m].length, saved.settings.repetitions);
        const mean = fold[m].reduce((x, y) => x + y, 0) / fold[m].length;
        assertClose(saved.figures[a][m][f], mean, 1e-12, `${a} ${m} fold ${f}`);
      }
      assert.ok(saved.epochs[a][f].every((e) => e >= 1 && e <= YEAST_BUDGET.maxEpochs));
    });
});

test('the folds and ML-kNN on every fold are what the code recomputes', async () => {
  const yeast = await loadYeast();
  const x = [...yeast.xTest, ...yeast.xTrain];
  const y = [...yeast.yTest, ...yeast.yTrain];
  const folds = iterativeStratification(y, saved.settings.numFolds, saved.settings.seed);
  assert.deepEqual(saved.folds, folds);
  const distances = pairwiseSquaredDistances(x);
  for (let f = 0; f < saved.settings.numFolds; f++) {
    const { train, test: rows } = foldRows(folds, f);
    const knn = mlKnnOnRows(distances, y, train, rows, ML_KNN_PAPER);
    const scores = paperScores(
      rows.map((i) => y[i]),
      knn.probs,
      knn.decisions,
    );
    for (const m of PAPER_MEASURES)
      assert.equal(saved.figures['ML-kNN'][m][f], scores[m], `${m} ${f}`);
  }
});
