/**
 * Saved runs: experiments too heavy for a lesson's time are run by a script into `data/`, with
 * the command, the code's commit and the settings beside the figures; the lessons read them back
 * here, checked, and run a smaller slice live. (scripts/lib/saved-run.ts writes them.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, InputError } from './validate';

/** What every saved run holds around its settings and figures. */
export interface SavedRun<Settings, Figures> {
  about: string;
  /** The command that made the file. */
  command: string;
  /** The commit the code was at, and whether `src/` or `scripts/` had uncommitted changes. */
  code: { commit: string; uncommittedChanges: boolean };
  createdAt: string;
  /** Wall time of the run. */
  seconds: number;
  environment: { tfjs: string; backend: string; node: string };
  settings: Settings;
  figures: Figures;
}

/** A file of the project's `data/` folder, resolved from this module. */
export function dataFile(name: string): string {
  if (typeof name !== 'string' || name === '')
    throw new InputError(`name must be a file name in data/, got ${describe(name)}`);
  return join(__dirname, '..', '..', 'data', name);
}

/**
 * Reads a saved run and checks its envelope: an object with the fields of {@link SavedRun}, a
 * 40-digit commit and `settings` and `figures` objects.
 * @throws InputError naming the file and what is missing.
 */
export function readSavedRun<R extends SavedRun<unknown, unknown>>(path: string): R {
  if (typeof path !== 'string' || path === '')
    throw new InputError(`path must be a saved run's file path, got ${describe(path)}`);
  if (!existsSync(path))
    throw new InputError(`saved run ${path} does not exist (its script writes it)`);
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`saved run ${path} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const r = record as Partial<SavedRun<unknown, unknown>> | null;
  if (typeof r !== 'object' || r === null)
    throw new InputError(`saved run ${path} must hold an object, got ${describe(record)}`);
  for (const key of ['about', 'command', 'createdAt'] as const)
    if (typeof r[key] !== 'string') throw new InputError(`saved run ${path} lacks ${key}`);
  if (typeof r.code?.commit !== 'string' || !/^[0-9a-f]{40}$/.test(r.code.commit))
    throw new InputError(`saved run ${path} lacks the commit its code was at`);
  for (const key of ['settings', 'figures', 'environment'] as const)
    if (typeof r[key] !== 'object' || r[key] === null)
      throw new InputError(`saved run ${path} must hold ${key}, got ${describe(r[key])}`);
  return record as R;
}

/** A saved run whose figures are one value per repetition. */
export type SavedFigureLists = SavedRun<{ repetitions: number }, Record<string, number[]>>;

/**
 * Reads a saved run ({@link readSavedRun}) whose figures are one value per repetition, and checks
 * that every figure is a list of `settings.repetitions` finite numbers.
 * @throws InputError naming the file and the figure.
 */
export function readSavedFigureLists<R extends SavedFigureLists>(path: string): R {
  const record = readSavedRun<R>(path);
  const repetitions: unknown = record.settings.repetitions;
  if (typeof repetitions !== 'number' || !Number.isInteger(repetitions) || repetitions < 1)
    throw new InputError(
      `saved run ${path} lacks settings.repetitions, got ${describe(repetitions)}`,
    );
  for (const [name, values] of Object.entries(record.figures as Record<string, unknown>))
    if (
      !Array.isArray(values) ||
      values.length !== repetitions ||
      !values.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      throw new InputError(
        `figure ${name} in ${path} must hold ${repetitions} finite values, got ${describe(values)}`,
      );
  return record;
}
