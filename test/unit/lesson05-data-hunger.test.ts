/**
 * Lesson 05's saved data-hunger run (data/lesson05-data-hunger.json, written by
 * scripts/lesson05-data-hunger.ts): made with the module's settings by a commit in this history,
 * one record per member and head, internally consistent (early stopping's bookkeeping, the cap,
 * the step budgets), and equal to what the code recomputes for one cell of each experiment
 * (training is deterministic on one backend).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chooseBackend } from '../../src/notebook/backend';
import { HUNGER_SETTINGS } from '../../src/lessons/05-label-powerset';
import { repetitionSeeds } from '../../src/core/seeds';
import {
  runStopping,
  runSweep,
  stoppingSchedule,
  type BudgetScore,
  type StoppedMember,
} from '../../scripts/lesson05-data-hunger';
import { assertMadeHere } from '../support/saved-runs';

const ROOT = join(__dirname, '..', '..');
const saved = JSON.parse(readFileSync(join(ROOT, 'data', 'lesson05-data-hunger.json'), 'utf8'));
const stopping: StoppedMember[] = saved.figures.stopping;
const sweep: BudgetScore[] = saved.figures.sweep;
const S = HUNGER_SETTINGS;

test('the saved run was made with the module settings, by a commit in this history', () => {
  const { seed, seeds, ...settings } = saved.settings;
  assert.deepEqual(settings, JSON.parse(JSON.stringify(S)));
  assert.deepEqual(seeds, repetitionSeeds(seed, S.repetitions));
  assertMadeHere(saved, 'scripts/lesson05-data-hunger.ts');
});

test('one early-stopping record per label count, size, repetition and head', () => {
  const keys = stopping.map((m) => `${m.numLabels}/${m.trainingRows}/${m.repetition}/${m.head}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(keys.length, S.numLabels.length * S.sizes.length * S.repetitions * 2);
  for (const n of S.numLabels)
    for (const size of S.sizes)
      for (let r = 0; r < S.repetitions; r++)
        for (const head of ['sigmoid', 'powerset'])
          assert.ok(keys.includes(`${n}/${size}/${r}/${head}`), `${n}/${size}/${r}/${head}`);
});

test("the early-stopping records keep early stopping's books", () => {
  for (const m of stopping) {
    const { stepsPerEpoch, patience, numEpochs } = stoppingSchedule(m.trainingRows, S);
    assert.equal(m.stepsPerEpoch, stepsPerEpoch);
    assert.equal(m.valLoss.length, m.epochs);
    assert.ok(m.epochs <= numEpochs && m.epochs * stepsPerEpoch <= S.maxSteps + stepsPerEpoch);
    const best = Math.min(...m.valLoss);
    // The best epoch was taken from unrounded losses; the saved ones have 6 digits.
    assert.ok(Math.abs(m.valLoss[m.bestEpoch - 1] - best) <= 1e-5 * best, `${m.bestEpoch}`);
    if (m.stoppedEarly) assert.equal(m.epochs - m.bestEpoch, patience);
    else assert.equal(m.epochs, numEpochs);
    for (const v of [m.exactMatch, m.hammingLoss]) assert.ok(v >= 0 && v <= 1);
  }
});

test('one sweep record per label count, budget, repetition and head, at the sweep size', () => {
  const { stepsPerEpoch } = stoppingSchedule(S.sweep.trainingRows, S);
  const budgets = S.sweep.checkpoints.map((c) => c * stepsPerEpoch);
  assert.equal(sweep.length, S.numLabels.length * budgets.length * S.repetitions * 2);
  assert.ok(sweep.every((s) => s.trainingRows === S.sweep.trainingRows));
  assert.deepEqual([...new Set(sweep.map((s) => s.steps))], budgets);
  const keys = sweep.map((s) => `${s.numLabels}/${s.steps}/${s.repetition}/${s.head}`);
  assert.equal(new Set(keys).size, keys.length);
});

test('one cell of each experiment is what the code recomputes', async () => {
  // The saved run's backend: float rounding differs between backends.
  const backend = await chooseBackend({ prefer: saved.environment.backend });
  assert.equal(backend.backend, saved.environment.backend);
  const seed = saved.settings.seed;
  const n = S.numLabels[0];
  const size = S.sizes[0];
  // All repetitions: once a member stops, the others' batches are weighted, which rounds
  // differently, so a member's validation losses after its best depend on when the others stop.
  for (const m of await runStopping(S, seed, n, size)) {
    const same = stopping.find(
      (s) =>
        s.numLabels === n &&
        s.trainingRows === size &&
        s.repetition === m.repetition &&
        s.head === m.head,
    );
    assert.deepEqual(m, same);
  }
  const short = { ...S, sweep: { ...S.sweep, checkpoints: S.sweep.checkpoints.slice(0, 2) } };
  for (const b of await runSweep(short, seed, n, 2)) {
    const same = sweep.find(
      (s) =>
        s.numLabels === n &&
        s.steps === b.steps &&
        s.repetition === b.repetition &&
        s.head === b.head,
    );
    assert.deepEqual(b, same);
  }
});
