/**
 * Assertions shared by the tests: float comparisons with an absolute tolerance, NaN equals NaN
 * (scores may legitimately be NaN, e.g. with zero_division 'nan'), infinities must match exactly.
 */
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/validate';

/** A number, or an array / typed array of numbers, nested to any depth. */
export type NumberTree = number | ArrayLike<NumberTree>;

/** Asserts |actual - expected| <= tol (NaN only matches NaN). */
export function assertClose(actual: number, expected: number, tol = 1e-6, msg?: string): void {
  const where = msg ? `${msg}: ` : '';
  if (typeof actual !== 'number') assert.fail(`${where}expected a number, got ${typeof actual}`);
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return;
    assert.fail(`${where}expected ${expected}, got ${actual}`);
  }
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    if (actual === expected) return;
    assert.fail(`${where}expected ${expected}, got ${actual}`);
  }
  if (!(Math.abs(actual - expected) <= tol)) {
    assert.fail(
      `${where}expected ${expected} ± ${tol}, got ${actual} ` +
        `(off by ${Math.abs(actual - expected)})`,
    );
  }
}

/** Asserts two (possibly nested) numeric arrays have the same shape and close entries. */
export function assertArrayClose(
  actual: NumberTree,
  expected: NumberTree,
  tol = 1e-6,
  msg?: string,
): void {
  compare(actual, expected, tol, msg ?? 'value', '');
}

function compare(
  actual: NumberTree,
  expected: NumberTree,
  tol: number,
  msg: string,
  path: string,
): void {
  if (typeof expected === 'number') {
    assertClose(actual as number, expected, tol, `${msg}${path}`);
    return;
  }
  if (
    typeof actual === 'number' ||
    actual === null ||
    typeof actual !== 'object' ||
    typeof actual.length !== 'number'
  ) {
    assert.fail(
      `${msg}${path}: expected an array of length ${expected.length}, got ${String(actual)}`,
    );
  }
  if (actual.length !== expected.length) {
    assert.fail(`${msg}${path}: expected length ${expected.length}, got ${actual.length}`);
  }
  for (let i = 0; i < expected.length; i++)
    compare(actual[i], expected[i], tol, msg, `${path}[${i}]`);
}

/** Asserts that `fn` throws an InputError whose message matches `pattern`. */
/** A predicate for `assert.throws`: an InputError whose message matches `pattern`. */
export const isInputError = (pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && pattern.test(e.message);

export function assertInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}
