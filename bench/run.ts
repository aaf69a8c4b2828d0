/**
 * `npm run bench [-- --quick] [--no-keras] [--no-lessons | --lessons-only] [--lesson03-full]
 * [--no-ensemble | --ensemble-only]`: training speed of TensorFlow.js (wasm, cpu, tensorflow
 * backends) against Keras on the same data, lesson execution times, the share of the measured
 * matMul peak that training reaches, and the cost of training K ensemble members at once against
 * one model and K models in sequence. Prints one table and writes it to build/bench.json.
 *
 * The machine is shared, so absolute times are noisy: each TensorFlow.js epoch is timed right
 * before a Keras epoch, ratios are taken per pair, and every figure is a median of several runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { defaultLoader } from '../src/notebook/backend';
import { LESSON01, MODEL1, ROOT, writeBenchData, type BenchData, type BenchModel } from './data';
import { ensureBenchVenv, KerasWorker, type KerasInfo } from './keras';
import { ENSEMBLE_SPECS, ensembleTable, timeEnsembles, type EnsembleTiming } from './ensemble';
import { parseCommandLine } from '../scripts/lib/cli';
import { parseRunnerArgs } from '../scripts/lib/runner';
import { FIXTURES, timeLessons } from './lessons';
import {
  epochFlops,
  macsPerRow,
  matMulFlops,
  median,
  tfjsSession,
  useBackend,
  type TrainPath,
} from './tfjs';

interface Row {
  section: string;
  name: string;
  /** The measured figure, in `unit`. */
  value: number | null;
  unit: string;
  runs: number;
  /** Median over runs of (this time / the Keras time measured right after it). */
  vsKeras?: number;
  /** Milliseconds per training step (validation of the epoch included). */
  msPerStep?: number;
  note?: string;
}

const FLAGS = [
  'quick',
  'no-keras',
  'no-lessons',
  'lessons-only',
  'lesson03-full',
  'no-ensemble',
  'ensemble-only',
] as const;
const { values: flags } = parseCommandLine(
  process.argv.slice(2),
  Object.fromEntries(FLAGS.map((f) => [f, { type: 'boolean' as const }])),
  `usage: bench [${FLAGS.map((f) => `--${f}`).join('] [')}]`,
);
const args = Object.keys(flags).map((f) => `--${f}`);
const QUICK = args.includes('--quick');
/** Only the ensemble timings (a few minutes): no Keras, no backend comparison, no lessons. */
const ENSEMBLE_ONLY = args.includes('--ensemble-only');
const KERAS = !args.includes('--no-keras') && !ENSEMBLE_ONLY;
const LESSONS = !args.includes('--no-lessons') && !ENSEMBLE_ONLY;
const TRAINING = !args.includes('--lessons-only') && !ENSEMBLE_ONLY;
const ENSEMBLE = !args.includes('--no-ensemble') && !args.includes('--lessons-only');
/** A partial run does not overwrite the full run's results. */
const OUTPUT = ENSEMBLE_ONLY ? 'bench-ensemble.json' : 'bench.json';
/** Ensemble sizes timed. */
const MEMBER_COUNTS = [1, 4, 8, 16];
/** Also time lesson 03 at the question's full scale (LESSON03_FULL=1), once: several minutes. */
const LESSON03_FULL = args.includes('--lesson03-full');

/** Repetitions and the share of an epoch timed (extrapolated when below 1). */
const PLAN = QUICK
  ? {
      reps: 2,
      wasmFraction: { 32: 0.25, 256: 0.5, 100: 1 } as Record<number, number>,
      cpuFraction: { 32: 0.05, 256: 0.02, 100: 0.25 } as Record<number, number>,
      lessonRuns: 1,
      trivialRuns: 1,
    }
  : {
      reps: 3,
      wasmFraction: { 32: 1, 256: 1, 100: 1 } as Record<number, number>,
      cpuFraction: { 32: 0.2, 256: 0.1, 100: 1 } as Record<number, number>,
      lessonRuns: 2,
      trivialRuns: 3,
    };

const rows: Row[] = [];
const log = (line: string): void => console.error(`[bench] ${line}`);

function steps(spec: BenchModel, batchSize: number): number {
  return Math.ceil((spec.rows - Math.floor(spec.rows * spec.validationSplit)) / batchSize);
}

function pct(f: number): string {
  return `${Math.round(f * 100)}%`;
}

async function trainingSection(
  spec: BenchModel,
  data: BenchData,
  batchSizes: number[],
  keras: KerasWorker | null,
  kerasInfo: KerasInfo | null,
): Promise<Record<string, number>> {
  const validation = spec.validationSplit ? `, validation ${spec.validationSplit}` : '';
  const section = `${spec.title}; ${spec.rows.toLocaleString('en')} rows${validation}`;
  const perEpoch: Record<string, number> = {};
  for (const batchSize of batchSizes) {
    const kerasTimes: number[] = [];
    if (keras) await keras.setup(spec, batchSize);
    const nSteps = steps(spec, batchSize);
    for (const backend of ['wasm', 'cpu', 'tensorflow'] as const) {
      const unavailable = await useBackend(backend);
      if (unavailable) {
        const missing =
          backend === 'tensorflow' &&
          defaultLoader.installedName('@tensorflow/tfjs-node') !== '@tensorflow/tfjs-node';
        rows.push({
          section,
          name: `batch ${batchSize} · ${backend}`,
          value: null,
          unit: 's/epoch',
          runs: 0,
          note: missing ? 'not installed (@tensorflow/tfjs-node)' : unavailable,
        });
        continue;
      }
      const fraction = (backend === 'cpu' ? PLAN.cpuFraction : PLAN.wasmFraction)[batchSize] ?? 1;
      const paths: TrainPath[] =
        backend === 'wasm'
          ? [
              'trainSeeded',
              'model.fit',
              'trainSeeded, original wasm matMul',
              'trainEnsemble (K = 1)',
            ]
          : ['trainSeeded', 'model.fit'];
      const sessions = [];
      for (const path of paths)
        sessions.push(await tfjsSession(spec, data, batchSize, path, fraction));
      const times: number[][] = paths.map(() => []);
      const ratios: number[][] = paths.map(() => []);
      const seededOverFit: number[] = [];
      for (let rep = 0; rep < PLAN.reps; rep++) {
        const t = [];
        for (const s of sessions) t.push(await s.epoch());
        t.forEach((v, i) => times[i].push(v));
        seededOverFit.push(t[0] / t[1]);
        if (keras) {
          const k = await keras.epoch();
          kerasTimes.push(k);
          t.forEach((v, i) => ratios[i].push(v / k));
        }
        log(
          `${spec.id} batch ${batchSize} ${backend} rep ${rep + 1}: ` +
            `${t.map((v) => v.toFixed(2)).join(' / ')} s` +
            (keras ? `, Keras ${kerasTimes[kerasTimes.length - 1].toFixed(2)} s` : ''),
        );
      }
      sessions.forEach((s) => s.dispose());
      const how =
        fraction < 1 ? `timed on ${pct(fraction)} of the rows and extrapolated` : 'full epochs';
      paths.forEach((path, i) => {
        const seconds = median(times[i]);
        perEpoch[`${backend}/${path}/${batchSize}`] = seconds;
        rows.push({
          section,
          name: `batch ${batchSize} · ${backend} · ${path}`,
          value: seconds,
          unit: 's/epoch',
          runs: times[i].length,
          vsKeras: keras ? median(ratios[i]) : undefined,
          msPerStep: (seconds / nSteps) * 1000,
          note: how + (path === 'model.fit' ? ', shuffle: true' : ''),
        });
      });
      rows.push({
        section,
        name: `batch ${batchSize} · ${backend} · trainSeeded / model.fit`,
        value: median(seededOverFit),
        unit: 'ratio',
        runs: seededOverFit.length,
        note: 'cost of the seeded per-epoch shuffle and fit call',
      });
    }
    if (keras && kerasInfo) {
      const seconds = median(kerasTimes);
      perEpoch[`keras/${batchSize}`] = seconds;
      rows.push({
        section,
        name: `batch ${batchSize} · Keras ${kerasInfo.keras}`,
        value: seconds,
        unit: 's/epoch',
        runs: kerasTimes.length,
        vsKeras: 1,
        msPerStep: (seconds / nSteps) * 1000,
        note: `TensorFlow ${kerasInfo.tensorflow} CPU, ${kerasInfo.threads} threads, full epochs`,
      });
    }
  }
  return perEpoch;
}

async function flopsSection(
  perEpoch: Record<string, number>,
  keras: KerasWorker | null,
): Promise<void> {
  const section = 'arithmetic: model 1, one epoch';
  const work = epochFlops(MODEL1);
  const w = macsPerRow(MODEL1);
  rows.push({
    section,
    name: 'work per epoch',
    value: work.total / 1e9,
    unit: 'GFLOP',
    runs: 1,
    note:
      `3 x 2 x ${w} weights x ${work.trainRows} training rows + ` +
      `2 x ${w} x ${work.valRows} validation rows (biases, activations, optimizer ignored)`,
  });
  const reps = QUICK ? 3 : 5;
  const peaks: Record<string, number> = {};
  await useBackend('wasm');
  peaks.wasm = await matMulFlops(1024, reps);
  await useBackend('cpu');
  peaks.cpu = await matMulFlops(512, reps);
  if (keras) peaks.keras = await keras.matMulFlops(1024, reps);
  for (const [name, peak] of Object.entries(peaks)) {
    rows.push({
      section,
      name: `peak · ${name}`,
      value: peak / 1e9,
      unit: 'GFLOP/s',
      runs: reps,
      note:
        `${name === 'cpu' ? 512 : 1024}x${name === 'cpu' ? 512 : 1024} matMul` +
        (name === 'keras' ? ' (tf.matmul, same threads as Keras)' : ''),
    });
  }
  for (const batchSize of [32, 256]) {
    for (const [name, key] of [
      ['wasm', `wasm/trainSeeded/${batchSize}`],
      ['cpu', `cpu/trainSeeded/${batchSize}`],
      ['keras', `keras/${batchSize}`],
    ] as const) {
      const seconds = perEpoch[key];
      if (!seconds || !peaks[name]) continue;
      const rate = work.total / seconds;
      rows.push({
        section,
        name: `training batch ${batchSize} · ${name}`,
        value: rate / 1e9,
        unit: 'GFLOP/s',
        runs: PLAN.reps,
        note: `${((100 * rate) / peaks[name]).toFixed(1)}% of the ${name} matMul peak`,
      });
    }
  }
}

async function lessonSection(): Promise<void> {
  const section = 'lessons (headless runner, default set)';
  // The target is for the set as `npm run lessons` runs it: its default number of jobs and its
  // output directory (which sets the start order). The per-lesson rows come from runs one at a
  // time, so that each lesson's time is its own rather than its share of a contended machine.
  const { jobs = 1, outDir } = parseRunnerArgs([]);
  log(`running the lesson set ${PLAN.lessonRuns} time(s) as npm run lessons does, ${jobs} at once`);
  const together = await timeLessons(join(ROOT, 'notebooks'), PLAN.lessonRuns, { jobs, outDir });
  log(`running the lesson set ${PLAN.lessonRuns} time(s), one lesson at a time`);
  const set = await timeLessons(join(ROOT, 'notebooks'), PLAN.lessonRuns);
  rows.push({
    section,
    name: `whole set, ${Math.min(jobs, together.lessons.length)} at a time`,
    value: together.totalSeconds,
    unit: 's',
    runs: together.runs,
    note: together.ok
      ? `${together.lessons.length} lessons as \`npm run lessons\` runs them, target <= 60 s`
      : `FAILED: ${together.failures.join('; ')}`,
  });
  rows.push({
    section,
    name: 'whole set, one at a time',
    value: set.totalSeconds,
    unit: 's',
    runs: set.runs,
    note: set.ok
      ? `${set.lessons.length} lessons (\`--jobs=1\`); the rows below are from these runs`
      : `FAILED: ${set.failures.join('; ')}`,
  });
  for (const l of set.lessons) {
    const slowest = l.slowest.map((c) => `#${c.cell} ${c.seconds.toFixed(1)} s`).join(', ');
    rows.push({
      section,
      name: l.notebook,
      value: l.seconds,
      unit: 's',
      runs: set.runs,
      note:
        `${l.cells} code cells, kernel start ${l.kernelSeconds.toFixed(1)} s; ` +
        `slowest cells ${slowest}`,
    });
  }
  log(`running the trivial-cell fixture ${PLAN.trivialRuns} time(s)`);
  const trivial = await timeLessons(FIXTURES, PLAN.trivialRuns);
  rows.push({
    section,
    name: 'kernel start',
    value: trivial.lessons[0].kernelSeconds,
    unit: 's',
    runs: trivial.runs,
    note: 'tslab kernel start and connect (fixture notebook)',
  });
  if (LESSON03_FULL) {
    log('running lesson 03 at full scale (LESSON03_FULL=1) once');
    const full = await timeLessons(join(ROOT, 'notebooks'), 1, {
      only: ['03'],
      env: { LESSON03_FULL: '1' },
    });
    const l = full.lessons[0];
    rows.push({
      section,
      name: `${l.notebook} full scale`,
      value: l.seconds,
      unit: 's',
      runs: 1,
      note: full.ok
        ? 'LESSON03_FULL=1, single run, target <= 300 s'
        : `FAILED: ${full.failures.join('; ')}`,
    });
  }
  rows.push({
    section,
    name: 'per-cell overhead',
    value: median(trivial.cellSeconds) * 1000,
    unit: 'ms',
    runs: trivial.cellSeconds.length,
    note: 'median over cells `1+1` (bench/fixtures/00-trivial-cells.ipynb)',
  });
}

async function ensembleSection(): Promise<EnsembleTiming[]> {
  await useBackend('wasm');
  const timings: EnsembleTiming[] = [];
  for (const spec of ENSEMBLE_SPECS) {
    log(`ensembles: ${spec.title}, K = ${MEMBER_COUNTS.join(', ')}, ${PLAN.reps} repetitions`);
    const results = await timeEnsembles(spec, MEMBER_COUNTS, PLAN.reps, log);
    for (const t of results) {
      rows.push({
        section: `ensembles, wasm: ${spec.title}`,
        name: `K = ${t.members} at once (trainEnsemble)`,
        value: t.ensembleSeconds,
        unit: 's/epoch',
        runs: t.runs,
        msPerStep: (t.ensembleSeconds / t.steps) * 1000,
        note:
          `${t.vsOne.toFixed(2)}x one model (${t.singleSeconds.toFixed(2)} s), ` +
          `${t.vsSequential.toFixed(2)}x ` +
          `${t.members === 1 ? '1 model' : `${t.members} models in sequence`} ` +
          `(${t.sequentialSeconds.toFixed(2)} s); median per-repetition ratios`,
      });
    }
    timings.push(...results);
  }
  return timings;
}

function formatValue(r: Row): string {
  if (r.value === null) return '-';
  const digits =
    r.unit === 'ms' || r.value >= 100 ? 0 : r.value >= 10 ? 1 : r.unit === 'ratio' ? 2 : 2;
  return `${r.value.toFixed(digits)} ${r.unit}`;
}

function table(): string {
  const head = ['measurement', 'median', 'runs', 'ms/step', 'vs Keras', 'note'];
  const lines: string[][] = [];
  let section = '';
  const out: string[] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    out.push(`\n${section}`);
    out.push(`| ${head.map((h, i) => h.padEnd(widths[i])).join(' | ')} |`);
    out.push(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
    for (const l of lines) out.push(`| ${l.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
    lines.length = 0;
  };
  for (const r of rows) {
    if (r.section !== section) {
      flush();
      section = r.section;
    }
    lines.push([
      r.name,
      formatValue(r),
      String(r.runs),
      r.msPerStep === undefined ? '' : r.msPerStep.toFixed(2),
      r.vsKeras === undefined ? '' : `${r.vsKeras.toFixed(2)}x`,
      r.note ?? '',
    ]);
  }
  flush();
  return out.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  log(
    `${QUICK ? 'quick' : 'default'} run: ${PLAN.reps} repetitions per figure; ` +
      `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ` +
      `TensorFlow.js ${tf.version.tfjs}`,
  );
  const model1 = TRAINING ? writeBenchData(MODEL1) : null;
  const lesson01 = TRAINING ? writeBenchData(LESSON01) : null;
  let keras: KerasWorker | null = null;
  let kerasInfo: KerasInfo | null = null;
  if (KERAS && TRAINING) {
    ensureBenchVenv(log);
    keras = new KerasWorker(cpus().length);
    kerasInfo = await keras.info();
    log(
      `Keras ${kerasInfo.keras} on TensorFlow ${kerasInfo.tensorflow} ` +
        `(${kerasInfo.backend}), ${kerasInfo.threads} threads`,
    );
  }
  try {
    if (TRAINING) {
      const perEpoch = await trainingSection(MODEL1, model1!, [32, 256], keras, kerasInfo);
      await trainingSection(LESSON01, lesson01!, [100], keras, kerasInfo);
      await flopsSection(perEpoch, keras);
    }
  } finally {
    await keras?.close();
  }
  const ensembles = ENSEMBLE ? await ensembleSection() : [];
  if (LESSONS) await lessonSection();
  const text = table() + (ensembles.length ? `\n\n${ensembleTable(ensembles)}` : '');
  const flags = args.length ? ` -- ${args.join(' ')}` : '';
  const timing = ENSEMBLE_ONLY
    ? 'ensemble, one model and K models in sequence timed in rotating order; ratios are ' +
      'medians of the per-repetition ratios'
    : 'each TensorFlow.js epoch paired with the Keras epoch timed right after it; "vs Keras" ' +
      'is the median of those per-pair ratios, below 1 is faster';
  const header =
    `npm run bench${flags}: medians of ${PLAN.reps} runs for training figures (${timing}); ` +
    `${cpus().length} shared cores; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`;
  console.log(header);
  console.log(text);
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  writeFileSync(
    join(ROOT, 'build', OUTPUT),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        quick: QUICK,
        reps: PLAN.reps,
        cores: cpus().length,
        node: process.version,
        tfjs: tf.version.tfjs,
        keras: kerasInfo,
        header,
        rows,
        table: text,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten to build/${OUTPUT}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
