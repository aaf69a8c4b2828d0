/**
 * Property: for every export of src/core, src/eval and src/notebook in the table
 * (`test/support/bad-input-table.ts`) and each of its parameters, a bad value of that
 * parameter's kind (drawn by fast-check, with a fixed seed) with every other argument valid
 * throws an InputError whose message names the parameter (or the misspelt option), within a
 * second, leaving no tensor behind. An export missing from both the table and UNCOVERED fails
 * here, and so does an UNCOVERED entry that the table now covers, so that list only shrinks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { badValues, type At, type Bad, type Param } from '../support/bad-input-kinds';
import { TABLE, UNCOVERED, type Entry } from '../support/bad-input-table';
import { exportedFunctions } from '../support/exports';

// The cpu backend prints an advert for tfjs-node on first use.
tf.env().set('PROD', true);

/** Drawn bad values per parameter, and the seed that makes every run draw the same ones. */
const RUNS = { numRuns: 12, seed: 20261207 };

function get(args: unknown[], at: At): unknown {
  if (typeof at === 'number') return args[at];
  const [index, ...path] = at;
  return path.reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], args[index]);
}

function set(args: unknown[], at: At, value: unknown): void {
  if (typeof at === 'number') {
    args[at] = value;
    return;
  }
  const [index, ...path] = at;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], args[index]);
  (parent as Record<string, unknown>)[path[path.length - 1]] = value;
}

/** Disposes every tensor and model an entry's arguments hold (after the call is judged). */
function release(values: unknown[], seen = new Set<unknown>()): void {
  for (const v of values) {
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof tf.Tensor) {
      if (!v.isDisposed) v.dispose();
    } else if (v instanceof tf.LayersModel) v.dispose();
    else if (typeof (v as { dispose?: unknown }).dispose === 'function')
      (v as { dispose(): void }).dispose();
    else if (Array.isArray(v)) release(v, seen);
    else if (Object.getPrototypeOf(v) === Object.prototype) release(Object.values(v), seen);
  }
}

const word = (name: string) =>
  new RegExp(`(^|[^\\w$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$])`);

/** What is wrong with one bad call, or null when it threw the right InputError in time. */
async function judge(fn: (...a: unknown[]) => unknown, entry: Entry, p: Param, bad: Bad) {
  const args = entry.args();
  const valid = get(args, p.at);
  let result: string | null = 'returned a value';
  try {
    set(args, p.at, bad.make(valid));
    const tensors = tf.memory().numTensors;
    const started = Date.now();
    try {
      await Promise.race([
        fn(...args),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
    } catch (error) {
      const e = error as Error;
      const ms = Date.now() - started;
      const name = bad.names ?? p.name;
      if (e?.name !== 'InputError') result = `${e?.name}: ${String(e?.message).slice(0, 100)}`;
      else if (!word(name).test(e.message)) result = `InputError not naming ${name}: ${e.message}`;
      else if (ms > 1000) result = `InputError after ${ms} ms`;
      else if (tf.memory().numTensors !== tensors)
        result = `InputError, leaving ${tf.memory().numTensors - tensors} tensors`;
      else result = null;
    }
  } finally {
    release([...args, valid]);
  }
  return result;
}

test('every export is in the bad-input table, or listed as not covered yet', () => {
  const exported = new Set(exportedFunctions().keys());
  const missing = [...exported].filter((k) => !(k in TABLE) && !UNCOVERED.has(k));
  const covered = [...UNCOVERED].filter((k) => k in TABLE);
  const gone = [...Object.keys(TABLE), ...UNCOVERED].filter((k) => !exported.has(k));
  assert.deepEqual(missing, [], 'exports missing from the table (test/support/bad-input-table.ts)');
  assert.deepEqual(covered, [], 'UNCOVERED exports that the table now covers: remove them');
  assert.deepEqual(gone, [], 'table entries of exports that no longer exist');
});

test("the table's valid arguments are valid: every entry's call returns", async () => {
  const exported = exportedFunctions();
  const failing: string[] = [];
  for (const [key, entry] of Object.entries(TABLE)) {
    const fn = exported.get(key);
    if (fn === undefined || entry.noValidCall !== undefined) continue;
    const args = entry.args();
    try {
      const result = await fn(...args);
      // seedMathRandom returns the function that puts Math.random back.
      if (key === 'core/random.ts:seedMathRandom') (result as () => void)();
      else release([result]);
    } catch (error) {
      failing.push(`${key}: ${(error as Error).message}`);
    } finally {
      release(args);
    }
  }
  assert.deepEqual(failing, []);
});

test('a bad value of any parameter is named in time, leaking nothing', async () => {
  const exported = exportedFunctions();
  const failures: string[] = [];
  let cases = 0;
  for (const [key, entry] of Object.entries(TABLE)) {
    const fn = exported.get(key);
    if (fn === undefined) continue;
    for (const p of entry.params) {
      if (process.env.BAD_INPUT_TRACE) console.error(`${key} ${p.name}`);
      const sampleArgs = entry.args();
      const { fixed, drawn } = badValues(p, get(sampleArgs, p.at));
      release(sampleArgs);
      let first: string | null = null;
      const check = async (bad: Bad) => {
        cases++;
        const problem = await judge(fn, entry, p, bad);
        if (problem !== null && first === null)
          first = `${key} ${p.name} = ${bad.what}: ${problem}`;
        return problem === null;
      };
      for (const bad of fixed) await check(bad);
      if (drawn.length > 0)
        await fc
          .assert(fc.asyncProperty(fc.oneof(...drawn), check), { ...RUNS, endOnFailure: true })
          .catch(() => undefined);
      if (first !== null) failures.push(first);
    }
  }
  const params = Object.values(TABLE).reduce((n, e) => n + e.params.length, 0);
  console.log(
    `${Object.keys(TABLE).length} exports, ${params} parameters, ${cases} bad calls; ` +
      `${UNCOVERED.size} exports not covered yet`,
  );
  assert.equal(
    failures.length,
    0,
    `${failures.length} bad values not named by an InputError:\n${failures.join('\n')}`,
  );
});
