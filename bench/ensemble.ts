/**
 * Ensemble timings: K members trained at once by `trainEnsemble`, against one model trained by
 * `trainSeeded` and against K models trained one after the other, on the wasm backend. Each
 * repetition times the three in rotating order for every K, so that the machine's load drifts
 * over all of them alike; figures are medians of the per-repetition ratios.
 */
import * as tf from '@tensorflow/tfjs';
import {
  denseEnsemble,
  makeOptimizer,
  trainEnsemble,
  type OptimizerSpec,
} from '../src/core/ensemble';
import { denseClassifier } from '../src/core/models';
import { trainSeeded } from '../src/core/train';
import { makeBenchData } from './data';
import { median } from './tfjs';

/** One model of the ensemble benchmark: its architecture, optimizer, batch and rows timed. */
export interface EnsembleBenchSpec {
  id: string;
  title: string;
  numFeatures: number;
  hiddenUnits: number[];
  numLabels: number;
  optimizer: OptimizerSpec;
  batchSize: number;
  /** Training rows of one timed epoch. */
  rows: number;
  seed: number;
}

/** Lesson 01's model, lesson 04's shared network and the question's model. */
export const ENSEMBLE_SPECS: readonly EnsembleBenchSpec[] = [
  {
    id: 'lesson01',
    title: 'lesson 01 model 5-5-2, SGD, batch 100, 7,500 rows',
    numFeatures: 5,
    hiddenUnits: [5],
    numLabels: 2,
    optimizer: { name: 'sgd', learningRate: 0.01 },
    batchSize: 100,
    rows: 7500,
    seed: 1,
  },
  {
    id: 'lesson04',
    title: 'lesson 04 shared network 24-32-3, Adam, batch 32, 3,000 rows',
    numFeatures: 24,
    hiddenUnits: [32],
    numLabels: 3,
    optimizer: { name: 'adam', learningRate: 0.01 },
    batchSize: 32,
    rows: 3000,
    seed: 4,
  },
  {
    id: 'question',
    title: 'question model 21-128-64-26, RMSprop, batch 32, 6,400 rows',
    numFeatures: 21,
    hiddenUnits: [128, 64],
    numLabels: 26,
    optimizer: { name: 'rmsprop', learningRate: 0.001 },
    batchSize: 32,
    rows: 6400,
    seed: 2,
  },
];

/** Median seconds of one epoch and median ratios, for one model and one K. */
export interface EnsembleTiming {
  spec: EnsembleBenchSpec;
  members: number;
  /** trainEnsemble with K members, one epoch. */
  ensembleSeconds: number;
  /** trainSeeded on one model, one epoch. */
  singleSeconds: number;
  /** trainSeeded on K models one after the other, one epoch each. */
  sequentialSeconds: number;
  /** Median over repetitions of ensemble / single. */
  vsOne: number;
  /** Median over repetitions of ensemble / sequential. */
  vsSequential: number;
  steps: number;
  runs: number;
}

function tensors(spec: EnsembleBenchSpec): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const data = makeBenchData({
    id: spec.id,
    title: spec.title,
    rows: spec.rows,
    numFeatures: spec.numFeatures,
    hiddenUnits: spec.hiddenUnits,
    numLabels: spec.numLabels,
    optimizer: 'sgd',
    learningRate: spec.optimizer.learningRate,
    validationSplit: 0,
    seed: spec.seed,
  });
  return {
    x: tf.tensor2d(data.x, [spec.rows, spec.numFeatures]),
    y: tf.tensor2d(data.y, [spec.rows, spec.numLabels]),
  };
}

function arch(spec: EnsembleBenchSpec) {
  return {
    numFeatures: spec.numFeatures,
    hiddenUnits: spec.hiddenUnits,
    numLabels: spec.numLabels,
    outputActivation: 'sigmoid' as const,
  };
}

/** Seconds of one epoch of `trainSeeded` on each of `count` fresh models, built before timing. */
async function timeSeeded(
  spec: EnsembleBenchSpec,
  x: tf.Tensor,
  y: tf.Tensor,
  count: number,
  seed: number,
): Promise<number> {
  const models = Array.from({ length: count }, (_, k) => {
    const model = denseClassifier({ ...arch(spec), seed: seed + 10 * k });
    // No metrics: the ensemble computes none either.
    model.compile({ optimizer: makeOptimizer(spec.optimizer), loss: 'binaryCrossentropy' });
    return model;
  });
  const start = performance.now();
  for (const [k, model] of models.entries())
    await trainSeeded(model, x, y, { numEpochs: 1, batchSize: spec.batchSize, seed: seed + k });
  const seconds = (performance.now() - start) / 1000;
  for (const model of models) {
    model.optimizer.dispose();
    model.dispose();
  }
  return seconds;
}

/** Seconds of one epoch of `trainEnsemble` with `count` members, built before timing. */
async function timeEnsemble(
  spec: EnsembleBenchSpec,
  x: tf.Tensor,
  y: tf.Tensor,
  count: number,
  seed: number,
): Promise<{ seconds: number; steps: number }> {
  const seeds = Array.from({ length: count }, (_, k) => seed + 10 * k);
  const ensemble = denseEnsemble({ ...arch(spec), seeds });
  const start = performance.now();
  const h = await trainEnsemble(ensemble, x, y, {
    loss: 'binaryCrossentropy',
    optimizer: spec.optimizer,
    numEpochs: 1,
    batchSize: spec.batchSize,
    seeds: seeds.map((_, k) => seed + k),
  });
  const seconds = (performance.now() - start) / 1000;
  ensemble.dispose();
  return { seconds, steps: h.steps };
}

/**
 * Times K = each of `memberCounts` for one model: `reps` repetitions, each timing one model, an
 * ensemble of K and K sequential models in an order that rotates with the repetition.
 */
export async function timeEnsembles(
  spec: EnsembleBenchSpec,
  memberCounts: readonly number[],
  reps: number,
  log: (line: string) => void,
): Promise<EnsembleTiming[]> {
  const { x, y } = tensors(spec);
  try {
    // Warm-up: kernels and optimizer code paths run once before anything is timed.
    await timeSeeded(spec, x, y, 1, 0);
    await timeEnsemble(spec, x, y, 2, 0);
    const results: EnsembleTiming[] = [];
    for (const K of memberCounts) {
      const times = {
        ensemble: [] as number[],
        single: [] as number[],
        sequential: [] as number[],
      };
      const vsOne: number[] = [];
      const vsSequential: number[] = [];
      let steps = 0;
      for (let rep = 0; rep < reps; rep++) {
        const seed = 1 + rep;
        const t: Record<string, number> = {};
        const runs: [string, () => Promise<number>][] = [
          ['single', () => timeSeeded(spec, x, y, 1, seed)],
          [
            'ensemble',
            async () => {
              const r = await timeEnsemble(spec, x, y, K, seed);
              steps = r.steps;
              return r.seconds;
            },
          ],
          ['sequential', () => timeSeeded(spec, x, y, K, seed)],
        ];
        for (let i = 0; i < runs.length; i++) {
          const [name, run] = runs[(i + rep) % runs.length];
          t[name] = await run();
        }
        times.ensemble.push(t.ensemble);
        times.single.push(t.single);
        times.sequential.push(t.sequential);
        vsOne.push(t.ensemble / t.single);
        vsSequential.push(t.ensemble / t.sequential);
        log(
          `${spec.id} K=${K} rep ${rep + 1}: ensemble ${t.ensemble.toFixed(2)} s, ` +
            `one ${t.single.toFixed(2)} s, ${K} sequential ${t.sequential.toFixed(2)} s`,
        );
      }
      results.push({
        spec,
        members: K,
        ensembleSeconds: median(times.ensemble),
        singleSeconds: median(times.single),
        sequentialSeconds: median(times.sequential),
        vsOne: median(vsOne),
        vsSequential: median(vsSequential),
        steps,
        runs: reps,
      });
    }
    return results;
  } finally {
    tf.dispose([x, y]);
  }
}

/** The K = 1/4/8/16 ratios as one Markdown table per figure. */
export function ensembleTable(timings: readonly EnsembleTiming[]): string {
  const counts = [...new Set(timings.map((t) => t.members))];
  const specs = [...new Set(timings.map((t) => t.spec))];
  const head = `| model | ${counts.map((K) => `K = ${K}`).join(' | ')} |`;
  const rule = `| --- | ${counts.map(() => '---').join(' | ')} |`;
  const line = (spec: EnsembleBenchSpec, cell: (t: EnsembleTiming) => string): string =>
    `| ${spec.title} | ${counts
      .map((K) => {
        const t = timings.find((r) => r.spec === spec && r.members === K);
        return t ? cell(t) : '-';
      })
      .join(' | ')} |`;
  return [
    'K members at once / one model (trainSeeded), time of one epoch:',
    head,
    rule,
    ...specs.map((s) => line(s, (t) => `${t.vsOne.toFixed(2)}x`)),
    '',
    'K members at once / K models trained one after the other:',
    head,
    rule,
    ...specs.map((s) => line(s, (t) => `${t.vsSequential.toFixed(2)}x`)),
  ].join('\n');
}
