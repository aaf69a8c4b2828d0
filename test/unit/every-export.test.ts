/**
 * Every exported function of src/core, src/eval and src/notebook (a folder with an index counts
 * as its index), given null, undefined or strings for its arguments, throws an InputError within
 * a second and leaves no tensor behind, or is listed below with the reason: ACCEPTS (it takes
 * such values by design) or NOT_YET (its bad input is not named yet). An export added without
 * checks fails here, and so does a NOT_YET entry that has been fixed, so the list only shrinks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { exportedFunctions } from '../support/exports';

const BAD: unknown[][] = [[null], [undefined, undefined, undefined], ['x', 'x', 'x']];
const label = (args: unknown[]) => args.map((a) => (a === 'x' ? "'x'" : String(a))).join(', ');

/** Calls that take these values by design: optional arguments, or any value at all. */
const ACCEPTS = new Map<string, string>([
  ["notebook/display.ts:updatableOutput('x', 'x', 'x')", 'takes no arguments'],
  ["core/progress.ts:progressLine('x', 'x', 'x')", 'takes no arguments'],
  ['core/validate.ts:describe(null)', 'describes any value'],
  ['core/validate.ts:describe(undefined, undefined, undefined)', 'describes any value'],
  ["core/validate.ts:describe('x', 'x', 'x')", 'describes any value'],
  ['notebook/charts.ts:plotlyLibraryHtml(null)', 'takes no arguments'],
  ['notebook/charts.ts:plotlyLibraryHtml(undefined, undefined, undefined)', 'takes no arguments'],
  ["notebook/charts.ts:plotlyLibraryHtml('x', 'x', 'x')", 'takes no arguments'],
  ['core/yeast.ts:loadYeast(undefined, undefined, undefined)', 'no path: the committed file'],
  [
    'notebook/backend.ts:chooseBackend(undefined, undefined, undefined)',
    'no options: the default backend',
  ],
  ["core/saved-runs.ts:dataFile('x', 'x', 'x')", 'any file name in data/'],
  ["notebook/display.ts:escapeHtml('x', 'x', 'x')", 'any string'],
  ['core/progress.ts:progressLine(undefined, undefined, undefined)', 'no sink: the current one'],
  ['notebook/display.ts:updatableOutput(undefined, undefined, undefined)', 'no arguments needed'],
  ['notebook/display.ts:updatableOutput(null)', 'takes no arguments'],
  ['core/progress.ts:progressLine(null)', 'takes no arguments'],
  [
    'core/wasm-matmul.ts:useFastWasmMatMul(undefined, undefined, undefined)',
    'no argument: turns the wrapper on (the default)',
  ],
]);

/** Calls whose bad input is still met by a TypeError from inside, or by a silent value. */
const NOT_YET = new Set<string>([]);

test('every export names its bad input, or is listed with the reason', async () => {
  const outcome = new Map<string, string>();
  const seen = new Set<string>();
  for (const [key, fn] of exportedFunctions()) {
    for (const args of BAD) {
      const call = `${key}(${label(args)})`;
      seen.add(call);
      if (ACCEPTS.has(call)) continue;
      const tensors = tf.memory().numTensors;
      const started = Date.now();
      let result = 'returned a value';
      try {
        await (fn as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        result =
          error instanceof Error && error.name === 'InputError'
            ? 'InputError'
            : `${(error as Error).name}: ${(error as Error).message.slice(0, 60)}`;
      }
      const ms = Date.now() - started;
      if (result === 'InputError' && tf.memory().numTensors !== tensors)
        result = 'InputError, leaving tensors';
      if (result === 'InputError' && ms > 1000) result = `InputError after ${ms} ms`;
      outcome.set(call, result);
    }
  }
  const failing = [...outcome].filter(([, r]) => r !== 'InputError');
  const unexpected = failing.filter(([call]) => !NOT_YET.has(call)).map(([c, r]) => `${c}: ${r}`);
  const fixed = [...NOT_YET].filter((call) => outcome.get(call) === 'InputError');
  const gone = [...NOT_YET, ...ACCEPTS.keys()].filter((call) => !seen.has(call));
  assert.deepEqual(unexpected, [], 'calls that do not name their bad input');
  assert.deepEqual(fixed, [], 'NOT_YET calls that now throw an InputError: remove them');
  assert.deepEqual(gone, [], 'listed calls of exports that no longer exist');
  const named = outcome.size - failing.length;
  console.log(
    `${outcome.size + ACCEPTS.size} calls of exported functions: ${named} InputErrors, ` +
      `${ACCEPTS.size} accepted by design, ${failing.length} not yet named`,
  );
});
