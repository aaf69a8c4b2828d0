/**
 * Lesson 04's saved sharing experiment (data/lesson04-sharing.json): made with the module's
 * settings by a commit in this history, internally consistent, and its first repetition what
 * the code recomputes.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { repetitionSeeds } from '../../src/core/seeds';
import { loadSharing, SHARING } from '../../src/lessons/04-separate-vs-shared';
import { chooseBackend } from '../../src/notebook/backend';
import { runSharing } from '../../scripts/lesson04-sharing';
import { assertMadeHere } from '../support/saved-runs';

const saved = loadSharing();
const f = saved.figures;

before(async () => {
  await chooseBackend({ prefer: 'wasm' });
});

test('the saved figures were made with the module settings, by a commit in this history', () => {
  const { seed, seeds, ...settings } = saved.settings;
  assert.deepEqual(settings, JSON.parse(JSON.stringify({ ...SHARING, seed: undefined })));
  assert.deepEqual(seeds, repetitionSeeds(seed, SHARING.repetitions));
  assertMadeHere(saved, 'scripts/lesson04-sharing.ts');
});

test('the saved figures are consistent: every approach, size and score, each in range', () => {
  const names = [
    ...SHARING.few.sizes.flatMap((n) =>
      ['separate', 'shared', 'shared wide'].map((a) => `few.${n}.${a}`),
    ),
    ...SHARING.many.sizes.flatMap((n) =>
      ['shared', 'separate', 'separate wide'].map((a) => `many.${n}.${a}`),
    ),
  ].flatMap((p) => [`${p}.exactMatch`, `${p}.macroF1`]);
  const probes = ['shared', 'separate', 'untrained', 'inputs'].flatMap((p) =>
    ['factors', 'interaction'].map((t) => `probe.${p}.${t}`),
  );
  const readers = ['shared', 'untrained', 'separate', 'separate wide'].map((r) => `newLabel.${r}`);
  assert.deepEqual(Object.keys(f).sort(), [...names, ...probes, ...readers].sort());
  for (const name of [...names, ...readers])
    assert.ok(
      f[name].every((v) => v >= 0 && v <= 1),
      name,
    );
  for (const name of probes)
    assert.ok(
      f[name].every((v) => v <= 1),
      name,
    );
  // A row is exactly right only if each of its labels is: exact match cannot beat macro-F1 by
  // much, and many labels make it rarer than few.
  for (const n of SHARING.few.sizes)
    assert.ok(f[`few.${n}.shared.exactMatch`].every((v, r) => v < f[`few.${n}.shared.macroF1`][r]));
});

test('the saved first repetition is what the code recomputes', async () => {
  const again = await runSharing([saved.settings.seeds[0]]);
  for (const [name, values] of Object.entries(again)) assert.equal(values[0], f[name][0], name);
});
