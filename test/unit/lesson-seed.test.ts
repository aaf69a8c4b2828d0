/**
 * `lessonSeed`: the lesson's own seed unless the runner passes another through LESSON_SEED, and a
 * clear error for a LESSON_SEED that is not a usable seed.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { lessonSeed } from '../../src/notebook/lesson';
import { InputError } from '../../src/core/validate';

const saved = process.env.LESSON_SEED;
afterEach(() => {
  if (saved === undefined) delete process.env.LESSON_SEED;
  else process.env.LESSON_SEED = saved;
});

test('without LESSON_SEED (or with an empty one) the lesson keeps its own seed', () => {
  delete process.env.LESSON_SEED;
  assert.equal(lessonSeed(0), 0);
  assert.equal(lessonSeed(7), 7);
  process.env.LESSON_SEED = '  ';
  assert.equal(lessonSeed(3), 3);
});

test('LESSON_SEED replaces the lesson seed', () => {
  process.env.LESSON_SEED = '42';
  assert.equal(lessonSeed(0), 42);
  process.env.LESSON_SEED = String(2 ** 21);
  assert.equal(lessonSeed(0), 2 ** 21);
});

test('a LESSON_SEED that is not a whole number in range is rejected by name', () => {
  for (const bad of ['-1', '1.5', 'abc', '1e3', String(2 ** 21 + 1), '0x10']) {
    process.env.LESSON_SEED = bad;
    assert.throws(
      () => lessonSeed(0),
      (e: unknown) =>
        e instanceof InputError &&
        e.message === `LESSON_SEED must be a whole number from 0 to 2097152, got '${bad}'`,
      bad,
    );
  }
  delete process.env.LESSON_SEED;
  assert.throws(() => lessonSeed(-1), InputError);
});
