/**
 * The first cell of every lesson: choose the backend and print, in one line, the versions,
 * the backend and the seed, so every executed notebook records what produced its numbers.
 */
import { basename, dirname, resolve } from 'node:path';
import { chooseBackend, describeBackend } from './backend';
import { assertLibraryCurrent, LIBRARY_DIR } from './compiled-library';
import { setProgressSink } from '../core/progress';
import { assertInteger, assertOptions, InputError } from '../core/validate';
import { MAX_SEED } from '../core/seeds';
import { updatableOutput } from './display';

/**
 * The lesson's seed: the `LESSON_SEED` environment variable when it is set (the runner's
 * `--seed=N` sets it for the kernel), otherwise `fallback`. Every random source of a lesson derives
 * from this one number, so a lesson run at another seed draws other data, weights and shuffles.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @param fallback the lesson's own seed, used when `LESSON_SEED` is unset or empty.
 * @throws {InputError} when `LESSON_SEED` is not a whole number in [0, 2^21], naming the variable.
 */
export function lessonSeed(fallback: number): number {
  const text = process.env.LESSON_SEED?.trim() ?? '';
  if (text === '') {
    assertInteger('fallback', fallback, 0, MAX_SEED);
    return fallback;
  }
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed > MAX_SEED) {
    throw new InputError(`LESSON_SEED must be a whole number from 0 to ${MAX_SEED}, got '${text}'`);
  }
  return seed;
}

/**
 * Prepares a lesson: checks that the compiled library it runs is current, picks the backend and
 * prints the versions line.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @throws InputError for a seed that is not a non-negative integer.
 * @throws Error when this code runs from a `lib/` compiled from other sources than `src/` holds.
 */
export async function startLesson(options: { seed: number }): Promise<void> {
  assertOptions<{ seed: number }>(options, { seed: true }, { required: true });
  assertInteger('seed', options.seed, 0, 2 ** 32 - 1);
  // From lib/notebook/ (a notebook's import) the project root is two levels up; run from src/
  // (tests, scripts), there is nothing compiled to check.
  const root = resolve(__dirname, '..', '..');
  if (basename(dirname(__dirname)) === LIBRARY_DIR) assertLibraryCurrent(root);
  const report = await chooseBackend();
  // Progress lines of training become one notebook output each, redrawn in place.
  setProgressSink(() => {
    const output = updatableOutput();
    return (line) => output({ 'text/plain': line });
  });
  const tslabVersion = (() => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab may be missing
      return (require('tslab/package.json') as { version: string }).version;
    } catch {
      return 'not loaded';
    }
  })();
  console.log(
    `${describeBackend(report)} · tslab ${tslabVersion} · Node ${process.version} · ` +
      `seed ${options.seed}`,
  );
}
