/**
 * `npx tsx scripts/lesson05-data-hunger.ts [--seed=N] [--out=PATH]`: runs lesson 05's
 * data-hunger experiment at full size (`HUNGER_SETTINGS`: 3 label counts x 3 training-set sizes x
 * 12 repetitions x 2 heads trained until their validation loss stops improving, and a sweep of
 * step budgets at 300 rows) and writes every member's figures with the command, the settings and
 * the code version to data/lesson05-data-hunger.json (or PATH). The notebook shows them and runs a
 * slice live; test/lesson05-data-hunger.test.ts checks that the file agrees with the code.
 * Takes about 3 minutes on two cores.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chooseBackend, describeBackend } from '../src/notebook/backend';
import { HUNGER_SETTINGS } from '../src/lessons/05-label-powerset';
import { repetitionSeeds } from '../src/eval/uncertainty';
import { runDataHunger } from './lib/lesson05-data-hunger';

const ROOT = join(__dirname, '..');

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function option(name: string, fallback: string): string {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : arg.slice(name.length + 3);
}

async function main(): Promise<void> {
  const seed = Number(option('seed', '0'));
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number >= 0`);
  const out = option('out', join(ROOT, 'data', 'lesson05-data-hunger.json'));
  const backend = await chooseBackend();
  console.log(`${describeBackend(backend)}; lesson 05 data hunger, seed ${seed}`);
  const start = Date.now();
  const { stopping, sweep } = await runDataHunger(HUNGER_SETTINGS, seed, (line) =>
    console.log(line),
  );
  const seconds = (Date.now() - start) / 1000;
  const command = ['npx tsx scripts/lesson05-data-hunger.ts', ...process.argv.slice(2)].join(' ');
  const record = {
    about:
      "Lesson 05's data-hunger experiment at full size, one record per member (head, label " +
      'count, training-set size, repetition); made by the command below from the code at the ' +
      'commit below. stopping: trained until the validation loss stopped improving, scored at ' +
      'the restored best weights; sweep: scored after each budget of steps, no early stopping.',
    command,
    code: {
      commit: git(['rev-parse', 'HEAD']),
      // Uncommitted changes to the code that computes the figures, if any, at run time.
      uncommittedChanges: git(['status', '--porcelain', '--', 'src', 'scripts']) !== '',
    },
    createdAt: new Date().toISOString(),
    seconds: Number(seconds.toFixed(1)),
    environment: { tfjs: tf.version.tfjs, backend: backend.backend, node: process.version },
    settings: {
      seed,
      seeds: repetitionSeeds(seed, HUNGER_SETTINGS.repetitions),
      ...HUNGER_SETTINGS,
    },
    stopping,
    sweep,
  };
  // One line per member record and per array of numbers, so that the file diffs by member.
  const text = JSON.stringify(record, null, 1)
    .replace(/\[\n\s*([-\d.e+,\s]*?)\n\s*\]/g, (_, list: string) => `[${list.replace(/\s+/g, '')}]`)
    .replace(
      /\{\n\s*("numLabels"[^{}]*?)\n\s*\}/g,
      (_, body: string) => `{${body.replace(/\n\s*/g, ' ')}}`,
    );
  writeFileSync(out, `${text}\n`);
  console.log(`wrote ${relative(process.cwd(), out)} in ${seconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
