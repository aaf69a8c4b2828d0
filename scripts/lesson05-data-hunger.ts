/**
 * `npx tsx scripts/lesson05-data-hunger.ts [--seed=N] [--out=PATH]`: runs lesson 05's
 * data-hunger experiment at full size (`HUNGER_SETTINGS`: 3 label counts x 3 training-set sizes x
 * 12 repetitions x 2 heads trained until their validation loss stops improving, and a sweep of
 * step budgets at 300 rows) and writes every member's figures with the command, the settings and
 * the code version to data/lesson05-data-hunger.json (or PATH). The notebook shows them and runs a
 * slice live; test/unit/lesson05-data-hunger.test.ts checks that the file agrees with the code.
 * Takes about 3 minutes on two cores. Exports the experiment for the test.
 */
import * as tf from '@tensorflow/tfjs';
import type { Head } from '../src/core/head-decisions';
import {
  HUNGER_SETTINGS,
  hungerRuns,
  trainHead,
  type HungerScore,
} from '../src/lessons/05-label-powerset';
import { dataFile } from '../src/core/saved-runs';
import { savedRunMain } from './lib/saved-run';
import { repetitionSeeds } from '../src/core/seeds';

export type HungerSettings = typeof HUNGER_SETTINGS;

/** The notebook's `buildModel(seed, outputs, 'linear')`: 24 inputs, one ReLU layer, logits. */
export function hungerModel(seed: number, outputs: number, hiddenUnits: number): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [24],
      units: hiddenUnits,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  model.add(
    tf.layers.dense({
      units: outputs,
      activation: 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  return model;
}

/** The loss (from the logits) and optimizer of each head: the notebook's fitted models' recipe. */
export function recipe(head: Head, settings: HungerSettings) {
  return {
    loss:
      head === 'sigmoid'
        ? ('binaryCrossentropyFromLogits' as const)
        : ('sparseCategoricalCrossentropyFromLogits' as const),
    optimizer: { name: 'adam' as const, learningRate: settings.learningRate },
  };
}

/** Patience and cap, given in steps, as whole epochs (one pass over `size` rows each). */
export function stoppingSchedule(size: number, settings: HungerSettings) {
  const stepsPerEpoch = Math.ceil(size / settings.batchSize);
  const epochs = (steps: number) => Math.ceil(steps / stepsPerEpoch);
  return {
    stepsPerEpoch,
    patience: epochs(settings.patienceSteps),
    numEpochs: epochs(settings.maxSteps),
  };
}

/** One member trained with early stopping: its test scores at its restored weights and its run. */
export interface StoppedMember extends HungerScore {
  stepsPerEpoch: number;
  epochs: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  valLoss: number[];
}

/** One member's test scores after `steps` optimizer steps (no early stopping). */
export interface BudgetScore extends HungerScore {
  steps: number;
}

const round = (v: number) => Number(v.toPrecision(6));

/** Both heads' members at one label count and size, trained until validation loss stops. */
export async function runStopping(
  settings: HungerSettings,
  seed: number,
  numLabels: number,
  size: number,
  repetitions = settings.repetitions,
): Promise<StoppedMember[]> {
  const runs = hungerRuns(numLabels, seed, {
    ...{ sizes: [size], repetitions, rowsPerPass: size },
    validationRows: settings.validationRows,
  });
  const { stepsPerEpoch, patience, numEpochs } = stoppingSchedule(size, settings);
  const out: StoppedMember[] = [];
  try {
    for (const head of ['sigmoid', 'powerset'] as const) {
      const build = (s: number, outputs: number) => hungerModel(s, outputs, settings.hiddenUnits);
      const { history, scores } = await trainHead(build, head, runs, {
        ...recipe(head, settings),
        ...{ numEpochs, batchSize: settings.batchSize, validationSplit: runs.validationSplit },
        earlyStopping: { patience, restoreBestWeights: true },
      });
      scores.forEach((score, k) => {
        const m = history.members[k];
        const valLoss = m.history.val_loss;
        const bestEpoch = valLoss.indexOf(Math.min(...valLoss)) + 1;
        const { epochs, stoppedEarly } = m;
        const run = { stepsPerEpoch, epochs, bestEpoch, stoppedEarly, valLoss: valLoss.map(round) };
        out.push({ ...score, ...run });
      });
    }
  } finally {
    runs.xTest.dispose();
  }
  return out;
}

/** Both heads' members at the sweep's size, scored after each budget of `checkpoints` epochs. */
export async function runSweep(
  settings: HungerSettings,
  seed: number,
  numLabels: number,
  repetitions = settings.repetitions,
): Promise<BudgetScore[]> {
  const size = settings.sweep.trainingRows;
  const checkpoints = settings.sweep.checkpoints;
  const runs = hungerRuns(numLabels, seed, { sizes: [size], repetitions, rowsPerPass: size });
  const { stepsPerEpoch } = stoppingSchedule(size, settings);
  const out: BudgetScore[] = [];
  try {
    for (const head of ['sigmoid', 'powerset'] as const) {
      const build = (s: number, outputs: number) => hungerModel(s, outputs, settings.hiddenUnits);
      const { atCheckpoints } = await trainHead(build, head, runs, {
        ...recipe(head, settings),
        ...{ numEpochs: Math.max(...checkpoints), batchSize: settings.batchSize, checkpoints },
      });
      atCheckpoints.forEach((scores, c) =>
        out.push(...scores.map((s) => ({ ...s, steps: checkpoints[c] * stepsPerEpoch }))),
      );
    }
  } finally {
    runs.xTest.dispose();
  }
  return out;
}

/** The whole experiment: early stopping at every label count and size, then the sweep. */
export async function runDataHunger(
  settings: HungerSettings,
  seed: number,
  log: (line: string) => void = () => {},
) {
  const stopping: StoppedMember[] = [];
  const sweep: BudgetScore[] = [];
  for (const n of settings.numLabels) {
    for (const size of settings.sizes) {
      const start = Date.now();
      stopping.push(...(await runStopping(settings, seed, n, size)));
      log(`early stopping, n = ${n}, ${size} rows: ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
    const start = Date.now();
    sweep.push(...(await runSweep(settings, seed, n)));
    log(`budgets, n = ${n}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  return { stopping, sweep };
}

/** One line per member record and per array of numbers, so that the file diffs by member. */
function oneLinePerMember(json: string): string {
  return json
    .replace(/\[\n\s*([-\d.e+,\s]*?)\n\s*\]/g, (_, list: string) => `[${list.replace(/\s+/g, '')}]`)
    .replace(
      /\{\n\s*("numLabels"[^{}]*?)\n\s*\}/g,
      (_, body: string) => `{${body.replace(/\n\s*/g, ' ')}}`,
    );
}

if (require.main === module)
  savedRunMain({
    script: 'scripts/lesson05-data-hunger.ts',
    out: dataFile('lesson05-data-hunger.json'),
    seed: 0,
    about:
      "Lesson 05's data-hunger experiment at full size, one record per member (head, label " +
      'count, training-set size, repetition). stopping: trained until the validation loss ' +
      'stopped improving, scored at the restored best weights; sweep: scored after each budget ' +
      'of steps, no early stopping.',
    format: oneLinePerMember,
    async run(seed) {
      const figures = await runDataHunger(HUNGER_SETTINGS, seed, (line) => console.log(line));
      return {
        settings: {
          seed,
          seeds: repetitionSeeds(seed, HUNGER_SETTINGS.repetitions),
          ...HUNGER_SETTINGS,
        },
        figures,
      };
    },
  });
