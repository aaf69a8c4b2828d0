/**
 * `npx tsx scripts/lesson01-scarce.ts [--seed=N] [--out=PATH]`: lesson 01's comparison of
 * softmax and sigmoid outputs on exclusive classes where data or steps are scarce, at every
 * training-set size and step budget of `SCARCE`, with `SCARCE.repetitions` paired repetitions,
 * through the same function the notebook runs (`scarceAccuracy`), and writes the accuracies with
 * the command, settings and code version to data/lesson01-scarce.json (or PATH). The notebook
 * shows them; test/unit/lesson01-experiment.test.ts checks that the file agrees with the code.
 * Takes about 4 minutes on two shared cores.
 */
import { join } from 'node:path';
import { loadLabelledCsv, trainTestSplit } from '../src/core/data';
import { denseClassifier } from '../src/core/models';
import { repetitionSeeds } from '../src/core/seeds';

import {
  lesson01Draws,
  SCARCE,
  SCARCE_FILE,
  scarceAccuracy,
} from '../src/lessons/01-sigmoid-vs-softmax';
import { savedRunMain } from './lib/saved-run';

const ROOT = join(__dirname, '..');

/** The notebook's buildModel(output, seed, 3): Dense 5 ReLU, Dense 3, Glorot seeded seed + i. */
export const scarceNetwork = (output: 'sigmoid' | 'softmax') => (seed: number) =>
  denseClassifier({
    numFeatures: 5,
    hiddenUnits: [5],
    numLabels: 3,
    outputActivation: output,
    seed,
  });

/** The sweep at `seed`: accuracy per output, step budget and size, one value per repetition. */
async function scarceSweep(seed: number) {
  // As the notebook: the file's rows split at the seed, then fresh draws for repetitions 1...
  const data = await loadLabelledCsv(join(ROOT, 'data', 'lesson01-clusters.csv'), {
    features: ['x1', 'x2', 'x3', 'x4', 'x5'],
    labels: ['a', 'b'],
  });
  const split = trainTestSplit(data.x, data.y, { testFraction: 0.2, seed });
  const seeds = [seed, ...repetitionSeeds(seed, SCARCE.repetitions).slice(1)];
  const draws = lesson01Draws(split, seeds);
  const accuracy: Record<string, Record<string, Record<string, number[]>>> = {};
  for (const output of ['sigmoid', 'softmax'] as const) {
    accuracy[output] = {};
    for (const steps of SCARCE.steps) {
      const t0 = Date.now();
      const bySize = await scarceAccuracy(draws, seeds, scarceNetwork(output), {
        output,
        sizes: SCARCE.sizes,
        steps,
      });
      accuracy[output][steps] = Object.fromEntries(SCARCE.sizes.map((n, i) => [n, bySize[i]]));
      console.log(`${output}, ${steps} steps: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  return { settings: { seed, seeds, ...SCARCE }, figures: accuracy };
}

if (require.main === module)
  savedRunMain({
    script: 'scripts/lesson01-scarce.ts',
    out: SCARCE_FILE,
    seed: 0,
    about:
      'Lesson 01: accuracy (largest of 3 outputs) of softmax and sigmoid networks on exclusive ' +
      'classes, per output, step budget and training-set size, one value per repetition.',
    run: (seed: number) => scarceSweep(seed),
  });
