/**
 * The runner's command line (`npm run lessons -- 01 03 --jobs=2 --seed=1,2 ...`) and the
 * environment variables that set its defaults.
 */
import { MAX_SEED } from '../../../src/core/seeds';
import { parseCommandLine, wholeNumber } from '../cli';
import { ROOT } from '../env';
import { type RunnerOptions } from './types';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

/** The environment variable that tells a lesson which seed to use instead of its own. */
export const SEED_VARIABLE = 'LESSON_SEED';

export const USAGE =
  'usage: run-lessons [PREFIX ...] [--jobs=N] [--seed=N[,N...]] [--offline] [--bail] ' +
  '[--timeout=SECONDS] [--notebooks=DIR] [--out=DIR]';

export const SECONDS = ' of seconds';

/**
 * Parses a seed list such as "1,2,3".
 * @throws Error naming `name` when an entry is not a whole number from 0 to 2^32 - 1.
 */
export function parseSeeds(name: string, text: string): number[] {
  const seeds = text.split(',').map((s) => s.trim());
  for (const s of seeds) {
    if (!/^\d+$/.test(s) || Number(s) > MAX_SEED)
      throw new Error(
        `${name} must be whole numbers from 0 to ${MAX_SEED} separated by commas, ` +
          `got ${JSON.stringify(text)}`,
      );
  }
  return [...new Set(seeds.map(Number))];
}

/**
 * Parses `01 03 --jobs=2 --seed=1,2 --offline --bail --timeout=300 --notebooks=DIR --out=DIR`.
 * Defaults come from LESSON_JOBS (else the number of cores), LESSON_SEED (else none) and
 * LESSON_CELL_TIMEOUT (else 600). With seeds, `--out` defaults to build/seeds/.
 * @throws Error naming the bad argument, what was expected and what was given.
 */
export function parseRunnerArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): RunnerOptions {
  const options: RunnerOptions = {
    only: [],
    bail: false,
    cellTimeout: wholeNumber(
      'LESSON_CELL_TIMEOUT',
      env.LESSON_CELL_TIMEOUT ?? '600',
      1,
      undefined,
      SECONDS,
    ),
    jobs:
      env.LESSON_JOBS === undefined
        ? availableParallelism()
        : wholeNumber('LESSON_JOBS', env.LESSON_JOBS),
    seeds: env[SEED_VARIABLE] === undefined ? [] : parseSeeds(SEED_VARIABLE, env[SEED_VARIABLE]),
    offline: false,
    notebooksDir: join(ROOT, 'notebooks'),
    outDir: join(ROOT, 'build', 'notebooks'),
  };
  const { values, positionals } = parseCommandLine(
    argv,
    {
      bail: { type: 'boolean' },
      offline: { type: 'boolean' },
      timeout: { type: 'string' },
      jobs: { type: 'string' },
      seed: { type: 'string' },
      notebooks: { type: 'string' },
      out: { type: 'string' },
    },
    USAGE,
    true,
  );
  for (const [name, v] of Object.entries(values))
    if (v === '') throw new Error(`--${name} needs a value (${USAGE})`);
  options.only = positionals;
  options.bail = values.bail === true;
  options.offline = values.offline === true;
  if (values.timeout !== undefined)
    options.cellTimeout = wholeNumber('--timeout', values.timeout, 1, undefined, SECONDS);
  if (values.jobs !== undefined) options.jobs = wholeNumber('--jobs', values.jobs);
  if (values.seed !== undefined) options.seeds = parseSeeds('--seed', values.seed);
  if (values.notebooks !== undefined) options.notebooksDir = resolve(values.notebooks);
  const outGiven = values.out !== undefined;
  if (values.out !== undefined) options.outDir = resolve(values.out);
  // Runs at other seeds never replace the lessons' own executed copies.
  if (!outGiven && options.seeds!.length > 0) options.outDir = join(ROOT, 'build', 'seeds');
  if (resolve(options.outDir) === resolve(options.notebooksDir)) {
    throw new Error(
      `--out must differ from --notebooks (${options.outDir}): ` +
        'the runner never overwrites the source notebooks',
    );
  }
  return options;
}
