import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng, permutation } from '../../src/core/random';
import { InputError } from '../../src/core/validate';

test('the same seed gives the same sequence, another seed another', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const seqA = Array.from({ length: 5 }, () => a.uniform());
  assert.deepEqual(
    seqA,
    Array.from({ length: 5 }, () => b.uniform()),
  );
  assert.notDeepEqual(
    seqA,
    Array.from({ length: 5 }, () => c.uniform()),
  );
});

test('uniform numbers lie in [0, 1) with mean near 1/2; normals have mean 0 and sd 1', () => {
  const rng = createRng(1);
  const u = Array.from({ length: 20000 }, () => rng.uniform());
  assert.ok(u.every((v) => v >= 0 && v < 1));
  assert.ok(Math.abs(u.reduce((s, v) => s + v, 0) / u.length - 0.5) < 0.01);
  const z = Array.from({ length: 20000 }, () => rng.normal());
  const mean = z.reduce((s, v) => s + v, 0) / z.length;
  const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(sd - 1) < 0.03, `sd ${sd}`);
  const ints = Array.from({ length: 3000 }, () => rng.int(3));
  assert.deepEqual([...new Set(ints)].sort(), [0, 1, 2]);
});

test('permutation holds every index once and depends on the seed', () => {
  const p = permutation(1000, createRng(7));
  assert.deepEqual(
    [...p].sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.deepEqual([...permutation(1000, createRng(7))], [...p]);
  assert.notDeepEqual([...permutation(1000, createRng(8))], [...p]);
  assert.equal(permutation(0, createRng(1)).length, 0);
});

test('bad seeds and sizes are named in the error', () => {
  assert.throws(
    () => createRng(-1),
    (e: unknown) =>
      e instanceof InputError &&
      /seed must be an integer in \[0, 4294967295\], got -1/.test(e.message),
  );
  assert.throws(
    () => createRng(1.5),
    (e: unknown) => e instanceof InputError && /seed/.test(e.message),
  );
  assert.throws(
    () => permutation(-3, createRng(1)),
    (e: unknown) => e instanceof InputError && /n must be an integer >= 0, got -3/.test(e.message),
  );
});
