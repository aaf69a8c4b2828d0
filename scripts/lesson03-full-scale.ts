/**
 * `npx tsx scripts/lesson03-full-scale.ts [--seed=N] [--out=PATH]`: runs lesson 03's experiments
 * at the question's scale (`LESSON03_MODES.full`: 82,000 fit rows per repetition, batch 32) once,
 * through the same steps as the notebook (`runLesson03`), and writes the figures with the command,
 * the settings and the code version to data/lesson03-full-scale.json (or PATH). The notebook shows
 * them; test/unit/lesson03.test.ts checks that the file agrees with the code. Takes a few minutes.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chooseBackend, describeBackend } from '../src/notebook/backend';
import {
  LESSON03_DATA,
  LESSON03_MODES,
  QUESTION_LIKE_DATA,
  QUESTION_SETUP,
  REPETITIONS,
  lesson03Figures,
  lesson03Seeds,
  runLesson03,
} from '../src/lessons/03-evaluating-multi-label';

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
  const out = option('out', join(ROOT, 'data', 'lesson03-full-scale.json'));
  const backend = await chooseBackend();
  const mode = LESSON03_MODES.full;
  console.log(`${describeBackend(backend)}; lesson 03 at full scale, seed ${seed}`);
  const start = Date.now();
  const results = await runLesson03(mode, seed, 'lesson 03 full scale');
  const seconds = (Date.now() - start) / 1000;
  if (process.stdout.isTTY) process.stdout.write('\n');
  const command = ['npx tsx scripts/lesson03-full-scale.ts', ...process.argv.slice(2)].join(' ');
  const record = {
    about:
      "Lesson 03's figures at the question's scale, one value per repetition (ensemble member) " +
      'for every figure; made by the command below from the code at the commit below.',
    command,
    code: {
      commit: git(['rev-parse', 'HEAD']),
      // Uncommitted changes to the code that computes the figures, if any, at run time.
      uncommittedChanges: git(['status', '--porcelain', '--', 'src', 'scripts']) !== '',
    },
    createdAt: new Date().toISOString(),
    seconds: Number(seconds.toFixed(1)),
    environment: {
      tfjs: tf.version.tfjs,
      backend: backend.backend,
      node: process.version,
    },
    settings: {
      seed,
      repetitions: REPETITIONS,
      seeds: lesson03Seeds(seed),
      mode,
      setup: QUESTION_SETUP,
      data: LESSON03_DATA,
      questionLike: QUESTION_LIKE_DATA,
    },
    figures: lesson03Figures(results),
  };
  writeFileSync(out, `${JSON.stringify(record, null, 1)}\n`);
  console.log(`wrote ${relative(process.cwd(), out)} in ${seconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
