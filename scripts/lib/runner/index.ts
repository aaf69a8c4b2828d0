/**
 * The headless lesson runner, used by `npm run lessons` and by the tests.
 *
 * Each notebook runs in its own executor (scripts/lib/execute_notebook.py) and its own kernel, so
 * a failure, a hang or a dead kernel in one notebook never affects another. Up to `jobs`
 * notebooks run at once: the wasm backend is single-threaded, so one kernel per core is what
 * makes use of a machine. Each notebook's line is printed in lesson order, as soon as it and every
 * notebook before it have finished. Every failure is reported with the notebook, the code cell and
 * the reason, the executed copy up to the failure is written, and the run goes on unless `bail`
 * is set; then the running notebooks are stopped and no new one starts. SIGINT or SIGTERM stops
 * every running notebook, shuts its kernel down and ends the run; no kernel is left behind.
 *
 * With `seeds`, every notebook runs once per seed, with the seed in the kernel's `LESSON_SEED`;
 * a lesson honours it when its first code cell prints "seed N" for that N, which is checked.
 *
 * By role: args.ts (the command line), plan.ts (what runs, in which order), process.ts (one
 * notebook's executor and kernel), report.ts (the lines printed), types.ts.
 */
import { ensureEnv, shown } from '../env';
import { offlineProblem, planRuns, previousSeconds, startOrder } from './plan';
import { executeNotebook, type Running, seedProblem, stopRun } from './process';
import { cellText, condenseReason, resultLine } from './report';
import { type NotebookResult, type PlannedRun, type RunnerOptions, type RunSummary } from './types';
import { dirname } from 'node:path';

export { parseRunnerArgs, parseSeeds, SEED_VARIABLE } from './args';
export { findNotebooks, offlineProblem, planRuns, previousSeconds, startOrder } from './plan';
export { seedProblem } from './process';
export { condenseReason, headline } from './report';
export { type NotebookResult, type PlannedRun, type RunnerOptions, type RunSummary } from './types';

/** Runs the chosen lessons and prints one line per notebook and a summary of every failure. */
export async function runLessons(options: RunnerOptions): Promise<RunSummary> {
  return runPlanned(planRuns(options), options);
}

/**
 * Runs planned notebook runs, up to `options.jobs` at once and longest first (by their previous
 * executed copies), printing each run's line in plan order and then a summary with every failure
 * (notebook, cell, reason).
 * @throws Error when the Jupyter environment cannot be set up, or a run is offline and offline
 * runs are impossible here.
 */
export async function runPlanned(
  plan: PlannedRun[],
  options: Pick<RunnerOptions, 'bail' | 'cellTimeout' | 'jobs' | 'log'>,
): Promise<RunSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (plan.length === 0) throw new Error('nothing to run: the plan has no notebook');
  if (plan.some((r) => r.offline) && offlineProblem())
    throw new Error(`cannot run notebooks offline: ${offlineProblem()}`);
  ensureEnv(log);
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, plan.length));
  const runsWord = plan.some((r) => r.seed !== undefined) ? 'notebook runs' : 'notebooks';
  const runs = (n: number) => (n === 1 ? runsWord.replace(/s$/, '') : runsWord);
  log(`running ${plan.length} ${runs(plan.length)}, ${jobs} at a time`);

  const results: (NotebookResult | undefined)[] = new Array<NotebookResult | undefined>(
    plan.length,
  );
  const running = new Map<number, Running>();
  const order = startOrder(plan.map((r) => previousSeconds(r.output)));
  let next = 0;
  let printed = 0;
  let interrupted: NodeJS.Signals | undefined;
  let bailedAfter: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return; // a terminal's Ctrl-C reaches the executors too; one stop is enough
    interrupted = signal;
    log(`${signal}: stopping ${running.size} running notebook(s) and their kernels...`);
    // Each executor stops its cell, shuts its kernel down and writes its executed copy.
    for (const r of running.values()) stopRun(r, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const start = Date.now();

  const worker = async () => {
    while (!interrupted && bailedAfter === undefined && next < plan.length) {
      const index = order[next++];
      const run = plan[index];
      const result = await executeNotebook(run, options.cellTimeout, (r) => running.set(index, r));
      const entry = running.get(index);
      running.delete(index);
      if (entry?.stopping) clearTimeout(entry.stopping);
      settle(run, result, entry?.stoppedByBail === true && !interrupted, bailedAfter);
      results[index] = result;
      if (!result.ok && !result.stopped && options.bail && bailedAfter === undefined) {
        bailedAfter = run.label;
        log(
          `--bail: ${run.label} failed: stopping ${running.size} running notebook(s), ` +
            `${plan.length - next} not started`,
        );
        for (const r of running.values()) {
          r.stoppedByBail = true;
          stopRun(r, 'SIGTERM');
        }
      }
      // Lines in plan order: print every finished run that no unfinished one precedes.
      while (printed < plan.length && results[printed]) {
        log(resultLine(results[printed]!, printed, plan.length));
        printed++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const done = results.filter((r): r is NotebookResult => r !== undefined);
  return summarize(plan, done, { jobs, start, interrupted, runs, log });
}

/**
 * A finished run's verdict: a seeded run whose first cell did not print its seed fails, and a
 * run stopped by --bail reports the stop (one that failed by itself before it keeps its reason).
 */
function settle(
  run: PlannedRun,
  result: NotebookResult,
  stoppedByBail: boolean,
  bailedAfter: string | undefined,
): void {
  if (result.ok && run.seed !== undefined) {
    const problem = seedProblem(run.output, run.seed);
    if (problem) Object.assign(result, { ok: false, failure: { cell: 1, reason: problem } });
  }
  const stopReason = /^(interrupted by SIG\w+|the executor exited with SIG\w+)/;
  if (stoppedByBail && !result.ok && stopReason.test(result.failure?.reason ?? '')) {
    result.stopped = true;
    result.failure = {
      cell: result.failure?.cell ?? 0,
      reason: `stopped by --bail (${bailedAfter} failed)`,
    };
  }
}

/** The closing lines (the tally, then each failure with its reason) and the summary. */
function summarize(
  plan: readonly PlannedRun[],
  done: NotebookResult[],
  how: {
    jobs: number;
    start: number;
    interrupted: NodeJS.Signals | undefined;
    runs: (n: number) => string;
    log: (line: string) => void;
  },
): RunSummary {
  const { jobs, interrupted, runs, log } = how;
  const failures = done.filter((r) => !r.ok && !r.stopped);
  const stopped = done.filter((r) => r.stopped);
  const seconds = (Date.now() - how.start) / 1000;
  const notRun = plan.length - done.length;
  const dirs = [...new Set(plan.map((r) => shown(dirname(r.output))))];
  log(
    `${done.length - failures.length - stopped.length} of ` +
      `${plan.length} ${runs(plan.length)} passed` +
      (failures.length ? `, ${failures.length} failed` : '') +
      (stopped.length ? `, ${stopped.length} stopped by --bail` : '') +
      (notRun ? `, ${notRun} not run` : '') +
      (interrupted ? ` (interrupted by ${interrupted})` : '') +
      ` in ${seconds.toFixed(1)} s; executed copies in ${dirs.join(', ')}`,
  );
  for (const f of failures) {
    const copy = f.written ? `executed copy: ${f.output}` : 'no executed copy';
    const reason = condenseReason(f.failure?.reason ?? 'unknown');
    log(`  FAILED ${f.label}, ${cellText(f)} (${copy}):\n    ${reason.split('\n').join('\n    ')}`);
  }
  return {
    results: done,
    failures,
    stopped,
    notRun,
    jobs,
    seconds,
    ...(interrupted ? { interrupted } : {}),
  };
}
