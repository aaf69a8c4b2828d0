import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dataSeed,
  MAX_DERIVED_SEED,
  MAX_SEED,
  networkSeeds,
  repetitionSeeds,
} from '../../src/core/seeds';
import { assertInputError } from '../support/close';

test('the seeds derived from the largest lesson seed stay within every bound', () => {
  const reps = repetitionSeeds(MAX_SEED, 1000);
  assert.ok(Math.max(...reps) <= MAX_DERIVED_SEED);
  for (const s of [reps[0], reps[999]]) {
    const nets = networkSeeds(s, 3);
    assert.ok([nets.shared, ...nets.labels].every((n) => n < 2 ** 30));
    assert.ok(dataSeed(s) < 2 ** 32);
  }
});

test("a repetition's data seed is apart from every network and repetition seed", () => {
  const reps = repetitionSeeds(5, 12);
  const data = reps.map(dataSeed);
  assert.equal(new Set([...reps, ...data]).size, 24);
  assert.ok(data.every((d) => d >= 2 ** 31));
});

test('seeds out of range are refused, naming the bound', () => {
  assertInputError(
    () => dataSeed(MAX_DERIVED_SEED + 1),
    /seed must be an integer in \[0, 2147483647\]/,
  );
  assertInputError(() => networkSeeds(2 ** 31, 2), /seed must be an integer in \[0, 2147483647\]/);
  assertInputError(
    () => repetitionSeeds(MAX_SEED + 1, 2),
    /seed must be an integer in \[0, 2097152\]/,
  );
});
