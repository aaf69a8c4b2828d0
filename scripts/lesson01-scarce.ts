/**
 * `npx tsx scripts/lesson01-scarce.ts [--seed=N] [--out=PATH]`: lesson 01's comparison of
 * softmax and sigmoid outputs on exclusive classes where data or steps are scarce, at every
 * training-set size and step budget of `SCARCE`, with `SCARCE.repetitions` paired repetitions,
 * through the same function the notebook runs (`scarceAccuracy`), and writes the accuracies with
 * the command, settings and code version to data/lesson01-scarce.json (or PATH). The notebook
 * shows them; test/unit/lesson01-experiment.test.ts checks that the file agrees with the code.
 * Takes about 4 minutes on two shared cores.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadLabelledCsv, trainTestSplit } from '../src/core/data';
import { denseClassifier } from '../src/core/models';
import { repetitionSeeds } from '../src/eval/uncertainty';
import { chooseBackend, describeBackend } from '../src/notebook/backend';
import { lesson01Draws, SCARCE, scarceAccuracy } from '../src/lessons/01-sigmoid-vs-softmax';

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
  const out = option('out', join(ROOT, 'data', 'lesson01-scarce.json'));
  const backend = await chooseBackend();
  console.log(`${describeBackend(backend)}; lesson 01 scarce data, seed ${seed}`);
  const start = Date.now();
  // As the notebook: the file's rows split at the seed, then fresh draws for repetitions 1...
  const data = await loadLabelledCsv(join(ROOT, 'data', 'lesson01-clusters.csv'), {
    features: ['x1', 'x2', 'x3', 'x4', 'x5'],
    labels: ['a', 'b'],
  });
  const split = trainTestSplit(data.x, data.y, { testFraction: 0.2, seed });
  const seeds = [seed, ...repetitionSeeds(seed, SCARCE.repetitions).slice(1)];
  const draws = lesson01Draws(split, seeds);
  // The notebook's buildModel(output, seed, 3): Dense 5 ReLU, Dense 3, Glorot seeded seed + layer.
  const builder = (output: 'sigmoid' | 'softmax') => (s: number) =>
    denseClassifier({
      numFeatures: 5,
      hiddenUnits: [5],
      numLabels: 3,
      outputActivation: output,
      seed: s,
    });
  const accuracy: Record<string, Record<string, Record<string, number[]>>> = {};
  for (const output of ['sigmoid', 'softmax'] as const) {
    accuracy[output] = {};
    for (const steps of SCARCE.steps) {
      const t0 = Date.now();
      const bySize = await scarceAccuracy(draws, seeds, builder(output), {
        output,
        sizes: SCARCE.sizes,
        steps,
      });
      accuracy[output][steps] = Object.fromEntries(SCARCE.sizes.map((n, i) => [n, bySize[i]]));
      console.log(`${output}, ${steps} steps: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const seconds = (Date.now() - start) / 1000;
  const command = ['npx tsx scripts/lesson01-scarce.ts', ...process.argv.slice(2)].join(' ');
  const record = {
    about:
      'Lesson 01: accuracy (largest of 3 outputs) of softmax and sigmoid networks on exclusive ' +
      'classes, per output, step budget and training-set size, one value per repetition; made ' +
      'by the command below from the code at the commit below.',
    command,
    code: {
      commit: git(['rev-parse', 'HEAD']),
      // Uncommitted changes to the code that computes the figures, if any, at run time.
      uncommittedChanges: git(['status', '--porcelain', '--', 'src', 'scripts']) !== '',
    },
    createdAt: new Date().toISOString(),
    seconds: Number(seconds.toFixed(1)),
    environment: { tfjs: tf.version.tfjs, backend: backend.backend, node: process.version },
    settings: { seed, seeds, ...SCARCE },
    accuracy,
  };
  writeFileSync(out, `${JSON.stringify(record, null, 1)}\n`);
  console.log(`wrote ${relative(process.cwd(), out)} in ${seconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
