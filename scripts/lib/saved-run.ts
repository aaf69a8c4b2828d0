/**
 * Writing a saved run (src/core/saved-runs.ts reads it): the script's command line (`--seed=N`,
 * `--out=PATH`), the backend, the run itself, and the record of the command, the code's commit,
 * the settings and the time beside the figures.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { SavedRun } from '../../src/core/saved-runs';
import { MAX_SEED } from '../../src/core/seeds';
import { chooseBackend, describeBackend } from '../../src/notebook/backend';
import { parseCommandLine, wholeNumber } from './cli';
import { ROOT } from './env';

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

/** What a saved-run script says about itself and how it computes its figures. */
export interface SavedRunScript<Settings, Figures> {
  /** The script's path from the project root, e.g. `scripts/lesson04-sharing.ts`. */
  script: string;
  /** Where the file goes unless `--out` says otherwise. */
  out: string;
  /** The seed unless `--seed` says otherwise. */
  seed: number;
  /** One sentence on what the figures are. */
  about: string;
  /** Lays out the file's JSON text (default: one key per line). */
  format?: (json: string) => string;
  /**
   * Runs the experiment at `seed`; `progress` names a live progress line, or is false. `more`
   * holds whatever else the file keeps beside the figures (fold assignments, summaries).
   */
  run(
    seed: number,
    progress: string | false,
  ): Promise<{ settings: Settings; figures: Figures; more?: Record<string, unknown> }>;
}

/** Runs a saved-run script from its command line and writes its record; returns the record. */
export async function writeSavedRun<Settings, Figures>(
  spec: SavedRunScript<Settings, Figures>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<SavedRun<Settings, Figures>> {
  const usage = `usage: npx tsx ${spec.script} [--seed=N] [--out=PATH]`;
  const { values } = parseCommandLine(
    argv,
    { seed: { type: 'string' }, out: { type: 'string' } },
    usage,
  );
  const seed =
    values.seed === undefined ? spec.seed : wholeNumber('--seed', values.seed, 0, MAX_SEED);
  const out = values.out || spec.out;
  const backend = await chooseBackend();
  console.log(`${describeBackend(backend)}; ${spec.script}, seed ${seed}`);
  const start = Date.now();
  const result = await spec.run(seed, process.stdout.isTTY ? spec.script : false);
  const seconds = (Date.now() - start) / 1000;
  if (process.stdout.isTTY) process.stdout.write('\n');
  const record: SavedRun<Settings, Figures> = {
    about: `${spec.about} Made by the command below from the code at the commit below.`,
    command: ['npx tsx', spec.script, ...argv].join(' '),
    code: {
      commit: git(['rev-parse', 'HEAD']),
      // Uncommitted changes to the code that computes the figures, if any, at run time.
      uncommittedChanges: git(['status', '--porcelain', '--', 'src', 'scripts']) !== '',
    },
    createdAt: new Date().toISOString(),
    seconds: Number(seconds.toFixed(1)),
    environment: { tfjs: tf.version.tfjs, backend: backend.backend, node: process.version },
    settings: result.settings,
    ...result.more,
    figures: result.figures,
  };
  const json = JSON.stringify(record, null, 1);
  writeFileSync(out, `${spec.format ? spec.format(json) : json}\n`);
  console.log(`wrote ${relative(process.cwd(), out)} in ${seconds.toFixed(0)} s`);
  return record;
}

/** The `main` of a saved-run script: runs it, and exits 1 with the message on an error. */
export function savedRunMain<Settings, Figures>(spec: SavedRunScript<Settings, Figures>): void {
  writeSavedRun(spec).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
