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
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { MAX_SEED } from '../../src/eval/uncertainty';
import { parseCommandLine, wholeNumber } from './cli';
import { printedText, readNotebook, type NotebookCell } from './notebook-json';
import { ensureEnv, jupyterEnv, KERNEL_NAME, PYTHON, ROOT, shown } from './env';

/** The environment variable that tells a lesson which seed to use instead of its own. */
export const SEED_VARIABLE = 'LESSON_SEED';
/** Milliseconds a stopped executor gets to shut its kernel down and write its copy. */
const STOP_GRACE_MS = 20_000;

export interface RunnerOptions {
  /** Notebook name prefixes to run ("01"); all when empty. */
  only: string[];
  bail: boolean;
  /** Seconds one cell may take. */
  cellTimeout: number;
  /**
   * Notebooks run at once, never more than there are runs. Default 1 for callers that time
   * lessons one by one; `parseRunnerArgs` (the CLI) defaults to the number of cores.
   */
  jobs?: number;
  /**
   * Seeds to run every notebook at, through `LESSON_SEED`; each seed's executed copies go to
   * `outDir/seed-N/`. Empty or absent: the lessons' own seeds, copies in `outDir`.
   */
  seeds?: number[];
  /** Runs each notebook with no network: a network namespace with only loopback (`unshare`). */
  offline?: boolean;
  notebooksDir: string;
  outDir: string;
  /** Extra environment for the kernel (e.g. TFJS_BACKEND). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** One execution of one notebook: what `runPlanned` runs. */
export interface PlannedRun {
  /** The source notebook. */
  path: string;
  /** Its name without `.ipynb`. */
  notebook: string;
  /** How its lines name it: the notebook, and the seed when one is set. */
  label: string;
  /** The `LESSON_SEED` given to the kernel, if any. */
  seed?: number;
  /** Where the executed copy goes. */
  output: string;
  offline: boolean;
  /** Environment for the executor and kernel; an `undefined` value removes the variable. */
  env: Record<string, string | undefined>;
}

export interface NotebookResult {
  notebook: string;
  label: string;
  seed?: number;
  ok: boolean;
  /** Stopped by --bail before it could finish (another notebook failed); not counted as failed. */
  stopped?: boolean;
  /** Code cells in the notebook. */
  cells: number;
  seconds: number;
  kernelSeconds?: number;
  /** How many starts the kernel took: more than 1 when one died before answering. */
  kernelStarts?: number;
  /** Process id of the notebook's kernel, once it started. */
  kernelPid?: number;
  cellSeconds: number[];
  /** `cell` is the 1-based number of the code cell (0: before the first cell). */
  failure?: { cell: number; reason: string };
  /** Where the executed copy goes. */
  output: string;
  /** Whether the executed copy was written (also on failure; not for an unreadable notebook). */
  written: boolean;
}

export interface RunSummary {
  /** Every run that started, in plan (lesson) order. */
  results: NotebookResult[];
  /** The runs that failed (stopped ones not included). */
  failures: NotebookResult[];
  /** The runs --bail stopped. */
  stopped: NotebookResult[];
  /** Runs that never started (after --bail or a signal). */
  notRun: number;
  /** Notebooks that ran at once. */
  jobs: number;
  seconds: number;
  /** The signal that stopped the run early, if one did. */
  interrupted?: NodeJS.Signals;
}

const USAGE =
  'usage: run-lessons [PREFIX ...] [--jobs=N] [--seed=N[,N...]] [--offline] [--bail] ' +
  '[--timeout=SECONDS] [--notebooks=DIR] [--out=DIR]';

const SECONDS = ' of seconds';

const positiveInteger = (name: string, text: string, unit = ''): number => {
  try {
    return wholeNumber(name, text);
  } catch {
    throw new Error(`${name} must be a positive whole number${unit}, got ${JSON.stringify(text)}`);
  }
};

/**
 * Parses a seed list such as "1,2,3".
 * @throws Error naming `name` when an entry is not a whole number from 0 to 2^32 - 1.
 */
export function parseSeeds(name: string, text: string): number[] {
  const seeds = text.split(',').map((s) => s.trim());
  for (const s of seeds) {
    if (!/^\d+$/.test(s) || Number(s) > MAX_SEED)
      throw new Error(
        `${name} must be whole numbers from 0 to ${MAX_SEED} separated by commas, ` +
          `got ${JSON.stringify(text)}`,
      );
  }
  return [...new Set(seeds.map(Number))];
}

/**
 * Parses `01 03 --jobs=2 --seed=1,2 --offline --bail --timeout=300 --notebooks=DIR --out=DIR`.
 * Defaults come from LESSON_JOBS (else the number of cores), LESSON_SEED (else none) and
 * LESSON_CELL_TIMEOUT (else 600). With seeds, `--out` defaults to build/seeds/.
 * @throws Error naming the bad argument, what was expected and what was given.
 */
export function parseRunnerArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): RunnerOptions {
  const options: RunnerOptions = {
    only: [],
    bail: false,
    cellTimeout: positiveInteger('LESSON_CELL_TIMEOUT', env.LESSON_CELL_TIMEOUT ?? '600', SECONDS),
    jobs:
      env.LESSON_JOBS === undefined
        ? availableParallelism()
        : positiveInteger('LESSON_JOBS', env.LESSON_JOBS),
    seeds: env[SEED_VARIABLE] === undefined ? [] : parseSeeds(SEED_VARIABLE, env[SEED_VARIABLE]),
    offline: false,
    notebooksDir: join(ROOT, 'notebooks'),
    outDir: join(ROOT, 'build', 'notebooks'),
  };
  const { values, positionals } = parseCommandLine(
    argv,
    {
      bail: { type: 'boolean' },
      offline: { type: 'boolean' },
      timeout: { type: 'string' },
      jobs: { type: 'string' },
      seed: { type: 'string' },
      notebooks: { type: 'string' },
      out: { type: 'string' },
    },
    USAGE,
    true,
  );
  for (const [name, v] of Object.entries(values))
    if (v === '') throw new Error(`--${name} needs a value (${USAGE})`);
  options.only = positionals;
  options.bail = values.bail === true;
  options.offline = values.offline === true;
  if (values.timeout !== undefined)
    options.cellTimeout = positiveInteger('--timeout', values.timeout, SECONDS);
  if (values.jobs !== undefined) options.jobs = positiveInteger('--jobs', values.jobs);
  if (values.seed !== undefined) options.seeds = parseSeeds('--seed', values.seed);
  if (values.notebooks !== undefined) options.notebooksDir = resolve(values.notebooks);
  const outGiven = values.out !== undefined;
  if (values.out !== undefined) options.outDir = resolve(values.out);
  // Runs at other seeds never replace the lessons' own executed copies.
  if (!outGiven && options.seeds!.length > 0) options.outDir = join(ROOT, 'build', 'seeds');
  if (resolve(options.outDir) === resolve(options.notebooksDir)) {
    throw new Error(
      `--out must differ from --notebooks (${options.outDir}): ` +
        'the runner never overwrites the source notebooks',
    );
  }
  return options;
}

/** Lesson notebooks (`NN-name.ipynb`) in order, filtered by name prefixes. */
export function findNotebooks(dir: string, only: string[] = []): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`notebook directory ${dir} does not exist`);
  const all = readdirSync(dir)
    .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
    .sort();
  const chosen = only.length === 0 ? all : all.filter((f) => only.some((p) => f.startsWith(p)));
  if (chosen.length === 0) {
    const wanted = only.length ? only.join(', ') : 'NN-*.ipynb';
    throw new Error(
      `no notebook in ${dir} matches ${wanted}; there are: ${all.join(', ') || 'none'}`,
    );
  }
  return chosen.map((f) => join(dir, f));
}

/**
 * The runs `options` asks for, in order: each chosen notebook, once per seed when seeds are given.
 * @throws Error when the notebook directory has no matching notebook.
 */
export function planRuns(options: RunnerOptions): PlannedRun[] {
  const seeds = options.seeds ?? [];
  return findNotebooks(options.notebooksDir, options.only).flatMap((path): PlannedRun[] => {
    const notebook = basename(path, '.ipynb');
    const common = { path, notebook, offline: options.offline ?? false };
    // A LESSON_SEED in the runner's own environment must not reach a run without a seed.
    if (seeds.length === 0)
      return [
        {
          ...common,
          label: notebook,
          output: join(options.outDir, basename(path)),
          env: { ...options.env, [SEED_VARIABLE]: undefined },
        },
      ];
    return seeds.map((seed) => ({
      ...common,
      label: `${notebook} seed ${seed}`,
      seed,
      output: join(options.outDir, `seed-${seed}`, basename(path)),
      env: { ...options.env, [SEED_VARIABLE]: String(seed) },
    }));
  });
}

let offlineCheck: string | null | undefined;

/**
 * Why notebooks cannot run offline here, or null when they can: offline runs need `unshare -rn`
 * (a user and network namespace) and `ip` to bring loopback up, which the kernel's sockets use.
 */
export function offlineProblem(): string | null {
  if (offlineCheck !== undefined) return offlineCheck;
  const r = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up && ip -o link show lo'], {
    encoding: 'utf8',
  });
  if (r.error) offlineCheck = `unshare is not available: ${r.error.message}`;
  else if (r.status !== 0)
    offlineCheck = `unshare -rn failed (no right to make a network namespace?): ${r.stderr.trim()}`;
  else offlineCheck = null;
  return offlineCheck;
}

/**
 * True when `pid` is alive and is one of our kernels (checked on /proc where there is one, so a
 * reused pid is never hit).
 */
function isOurKernel(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('tslab-kernel.js');
  } catch {
    return !existsSync('/proc');
  }
}

/** Kills a kernel that outlived its executor (the executor normally shuts it down itself). */
function killKernel(pid: number | undefined): void {
  if (pid === undefined || !isOurKernel(pid)) return;
  try {
    // Its own session and process group: jupyter_client starts kernels so.
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

interface Running {
  child: ChildProcess;
  result: NotebookResult;
  /** Set once the runner asked the executor to stop. */
  stopping?: NodeJS.Timeout;
  stoppedByBail?: boolean;
}

/** Process ids whose parent is `pid` (from /proc; empty where there is none). */
function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined || !existsSync('/proc')) return [];
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the parent id follows the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid)
        children.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return children;
}

/** Asks a running executor to stop (it shuts its kernel down); kills both if it is not in time. */
function stopRun(running: Running, signal: NodeJS.Signals): void {
  if (running.stopping) return;
  running.child.kill(signal);
  running.stopping = setTimeout(() => {
    // The kernel too, even if it started too recently for its pid to have been reported.
    for (const pid of [running.result.kernelPid, ...childrenOf(running.child.pid)]) killKernel(pid);
    running.child.kill('SIGKILL');
  }, STOP_GRACE_MS);
}

function executeNotebook(
  run: PlannedRun,
  cellTimeout: number,
  onStart: (running: Running) => void,
): Promise<NotebookResult> {
  const args = [
    join(ROOT, 'scripts', 'lib', 'execute_notebook.py'),
    run.path,
    run.output,
    `--kernel=${KERNEL_NAME}`,
    `--timeout=${cellTimeout}`,
  ];
  // Offline: a new network namespace with only loopback, then the executor in it (same pid).
  const [command, commandArgs] = run.offline
    ? ['unshare', ['-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', PYTHON, ...args]]
    : [PYTHON, args];
  return new Promise((resolvePromise) => {
    const result: NotebookResult = {
      notebook: run.notebook,
      label: run.label,
      ...(run.seed === undefined ? {} : { seed: run.seed }),
      ok: false,
      cells: 0,
      seconds: 0,
      cellSeconds: [],
      output: run.output,
      written: false,
    };
    const child = spawn(command, commandArgs, {
      env: jupyterEnv(run.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onStart({ child, result });
    let stderr = '';
    let done = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20000);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (event.event === 'kernel') {
        result.kernelSeconds = Number(event.seconds);
        if (typeof event.pid === 'number') result.kernelPid = event.pid;
        if (typeof event.attempts === 'number') result.kernelStarts = event.attempts;
      }
      if (event.event === 'cell') result.cellSeconds.push(Number(event.seconds));
      if (event.event === 'done') {
        done = true;
        result.ok = Boolean(event.ok);
        result.cells = Number(event.cells);
        result.seconds = Number(event.seconds);
        result.written = event.written === true;
        const failure = event.failure as { cell: number; reason: string } | null;
        if (failure) result.failure = { cell: failure.cell, reason: failure.reason };
      }
    });
    let finished = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (finished) return; // 'error' can be followed by 'close'
      finished = true;
      killKernel(result.kernelPid);
      if (!done) {
        result.ok = false;
        const why = error
          ? `could not start ${command}: ${error.message}`
          : `the executor exited with ${signal ?? `code ${code}`}`;
        const tail = stderr.trim().split('\n').slice(-5).join('\n');
        result.failure ??= {
          cell: result.cellSeconds.length + 1,
          reason: tail ? `${why}: ${tail}` : why,
        };
      }
      if (code !== 0) result.ok = false;
      resolvePromise(result);
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/**
 * Why a run at `seed` did not honour it, or null when it did: the first code cell of the executed
 * copy must print "seed N" with N = `seed`.
 */
export function seedProblem(executedCopy: string, seed: number): string | null {
  let printed: string;
  try {
    const first = readNotebook(executedCopy).cells.find((c) => c.cell_type === 'code');
    printed = first === undefined ? '' : printedText(first);
  } catch (error) {
    return `cannot read the executed copy ${executedCopy}: ${(error as Error).message}`;
  }
  const said = /\bseed (\d+)\b/.exec(printed);
  if (said && Number(said[1]) === seed) return null;
  return (
    `the lesson does not honour ${SEED_VARIABLE}=${seed}: its first code cell printed ` +
    `${said ? `"${said[0]}"` : 'no "seed N"'} (it must take its seed from ` +
    `process.env.${SEED_VARIABLE} and print it)`
  );
}

/** Stack frames from Node's and tslab's own code say nothing about the lesson; drop them. */
export function condenseReason(reason: string, maxLines = 12): string {
  const noise =
    /^\s+at .*(node:|node_modules[\\/]tslab|sigintHandlersWrap|evalmachine\.<anonymous>:\d+:\d+\)?$)/;
  const lines = reason
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => !noise.test(l));
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept.push(`... (${lines.length - maxLines} more lines)`);
  return kept.join('\n');
}

/**
 * The most telling line of a failure: the error line, a failed claim or a type error; else the
 * first line.
 */
export function headline(reason: string, max = 300): string {
  const lines = reason.split('\n').filter((l) => l.trim() !== '');
  const telling =
    /claim failed|\d+:\d+ - |timed out|kernel died|interrupted|wrote to stderr|cannot read|honour/;
  const chosen =
    lines.find((l) => /^\s*(Uncaught )?([A-Z]\w*)?(Error|Exception)\b/.test(l)) ??
    lines.find((l) => telling.test(l)) ??
    lines[0] ??
    'unknown';
  const text = chosen.trim();
  return text.length > max ? text.slice(0, max) + '...' : text;
}

function cellText(r: NotebookResult): string {
  const cell = r.failure?.cell ?? 0;
  if (cell === 0)
    return r.kernelSeconds === undefined ? 'before the kernel started' : 'before the first cell';
  return `cell ${cell} of ${r.cells || '?'}`;
}

function resultLine(r: NotebookResult, index: number, total: number): string {
  const where = `[${index + 1}/${total}] ${r.label}`;
  const restarted = (r.kernelStarts ?? 1) > 1 ? ` (kernel started on try ${r.kernelStarts})` : '';
  const seconds = `${r.seconds.toFixed(1)} s${restarted}`;
  if (r.ok) return `ok   ${where}  ${r.cells} cells  ${seconds}`;
  const why = headline(r.failure?.reason ?? 'unknown');
  return `${r.stopped ? 'STOP' : 'FAIL'} ${where}  ${cellText(r)}  ${seconds}: ${why}`;
}

/**
 * How long a run's cells took last time, in seconds, from the timings in its previous executed
 * copy at `output`; undefined when there is no copy or a cell has no timing.
 */
export function previousSeconds(output: string): number | undefined {
  let cells: NotebookCell[];
  try {
    cells = readNotebook(output).cells;
  } catch {
    return undefined;
  }
  let total = 0;
  for (const cell of cells.filter((c) => c.cell_type === 'code')) {
    const timing = (cell.metadata.execution ?? {}) as Record<string, unknown>;
    const busy = Date.parse(String(timing['iopub.status.busy']));
    const idle = Date.parse(String(timing['iopub.status.idle']));
    if (!(idle >= busy)) return undefined;
    total += (idle - busy) / 1000;
  }
  return total;
}

/**
 * The order in which to start runs that took `seconds` last time: longest first, so that the
 * last run to finish on N jobs is a short one; runs with no previous time first, in plan order.
 */
export function startOrder(seconds: readonly (number | undefined)[]): number[] {
  return seconds
    .map((s, index) => ({ s: s ?? Infinity, index }))
    .sort((a, b) => (a.s === b.s ? a.index - b.index : b.s - a.s))
    .map((r) => r.index);
}

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
      if (result.ok && run.seed !== undefined) {
        const problem = seedProblem(run.output, run.seed);
        if (problem) Object.assign(result, { ok: false, failure: { cell: 1, reason: problem } });
      }
      // A stopped run reports the stop; one that failed by itself before the stop keeps its reason.
      const stopReason = /^(interrupted by SIG\w+|the executor exited with SIG\w+)/;
      if (
        entry?.stoppedByBail &&
        !result.ok &&
        !interrupted &&
        stopReason.test(result.failure?.reason ?? '')
      ) {
        result.stopped = true;
        result.failure = {
          cell: result.failure?.cell ?? 0,
          reason: `stopped by --bail (${bailedAfter} failed)`,
        };
      }
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
  const failures = done.filter((r) => !r.ok && !r.stopped);
  const stopped = done.filter((r) => r.stopped);
  const seconds = (Date.now() - start) / 1000;
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
