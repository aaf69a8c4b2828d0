/**
 * The headless lesson runner, used by `npm run lessons` and by the tests.
 *
 * Each notebook runs in its own executor (scripts/lib/execute_notebook.py) and its own kernel, so a
 * failure, a hang or a dead kernel in one notebook never affects the next. Every failure is
 * reported with the notebook, the code cell and the reason, the executed copy up to the failure
 * is written, and the run goes on unless `bail` is set. SIGINT or SIGTERM stops the running
 * notebook, shuts its kernel down and ends the run; no kernel is left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureEnv, jupyterEnv, KERNEL_NAME, PYTHON, ROOT } from './env';

export interface RunnerOptions {
  /** Notebook name prefixes to run ("01"); all when empty. */
  only: string[];
  bail: boolean;
  /** Seconds one cell may take. */
  cellTimeout: number;
  notebooksDir: string;
  outDir: string;
  /** Extra environment for the kernel (e.g. TFJS_BACKEND). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface NotebookResult {
  notebook: string;
  ok: boolean;
  /** Code cells in the notebook. */
  cells: number;
  seconds: number;
  kernelSeconds?: number;
  /** Process id of the notebook's kernel, once it started. */
  kernelPid?: number;
  cellSeconds: number[];
  /** `cell` is the 1-based number of the code cell (0: before the first cell). */
  failure?: { cell: number; reason: string };
  /** Where the executed copy goes. */
  output: string;
  /** Whether the executed copy was written (also on failure; not when the notebook could not be read). */
  written: boolean;
}

export interface RunSummary {
  results: NotebookResult[];
  failures: NotebookResult[];
  seconds: number;
  /** The signal that stopped the run early, if one did. */
  interrupted?: NodeJS.Signals;
}

const USAGE =
  'usage: run-lessons [PREFIX ...] [--bail] [--timeout=SECONDS] [--notebooks=DIR] [--out=DIR]';

/** Parses `01 03 --bail --timeout=300 --notebooks=DIR --out=DIR`. */
export function parseRunnerArgs(argv: string[]): RunnerOptions {
  const options: RunnerOptions = {
    only: [],
    bail: false,
    cellTimeout: Number(process.env.LESSON_CELL_TIMEOUT ?? 600),
    notebooksDir: join(ROOT, 'notebooks'),
    outDir: join(ROOT, 'build', 'notebooks'),
  };
  const value = (arg: string, name: string): string => {
    const v = arg.slice(name.length + 1);
    if (v === '') throw new Error(`${name} needs a value, got "${arg}" (${USAGE})`);
    return v;
  };
  for (const arg of argv) {
    if (arg === '--bail') options.bail = true;
    else if (arg.startsWith('--timeout=')) options.cellTimeout = Number(value(arg, '--timeout'));
    else if (arg.startsWith('--notebooks='))
      options.notebooksDir = resolve(value(arg, '--notebooks'));
    else if (arg.startsWith('--out=')) options.outDir = resolve(value(arg, '--out'));
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (${USAGE})`);
    else options.only.push(arg);
  }
  if (!Number.isInteger(options.cellTimeout) || options.cellTimeout <= 0) {
    throw new Error(
      `--timeout (or LESSON_CELL_TIMEOUT) must be a positive whole number of seconds, got ${JSON.stringify(String(options.cellTimeout))}`,
    );
  }
  if (resolve(options.outDir) === resolve(options.notebooksDir)) {
    throw new Error(
      `--out must differ from --notebooks (${options.outDir}): the runner never overwrites the source notebooks`,
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
    throw new Error(
      `no notebook in ${dir} matches ${only.length ? only.join(', ') : 'NN-*.ipynb'}; there are: ${all.join(', ') || 'none'}`,
    );
  }
  return chosen.map((f) => join(dir, f));
}

/** True when `pid` is alive and is one of our kernels (checked on /proc where there is one, so a reused pid is never hit). */
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
    process.kill(-pid, 'SIGKILL'); // its own session and process group (jupyter_client starts it so)
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
}

function executeNotebook(
  path: string,
  options: RunnerOptions,
  onStart: (running: Running) => void,
): Promise<NotebookResult> {
  const name = basename(path, '.ipynb');
  const output = join(options.outDir, basename(path));
  const args = [
    join(ROOT, 'scripts', 'lib', 'execute_notebook.py'),
    path,
    output,
    `--kernel=${KERNEL_NAME}`,
    `--timeout=${options.cellTimeout}`,
  ];
  return new Promise((resolvePromise) => {
    const result: NotebookResult = {
      notebook: name,
      ok: false,
      cells: 0,
      seconds: 0,
      cellSeconds: [],
      output,
      written: false,
    };
    const child = spawn(PYTHON, args, {
      env: jupyterEnv(options.env),
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
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      killKernel(result.kernelPid);
      if (!done) {
        result.ok = false;
        const why = error
          ? `could not start ${PYTHON}: ${error.message}`
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

/** Stack frames from Node's and tslab's own code say nothing about the lesson; drop them. */
export function condenseReason(reason: string, maxLines = 12): string {
  const lines = reason
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter(
      (l) =>
        !/^\s+at .*(node:|node_modules[\\/]tslab|sigintHandlersWrap|evalmachine\.<anonymous>:\d+:\d+\)?$)/.test(
          l,
        ),
    );
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept.push(`... (${lines.length - maxLines} more lines)`);
  return kept.join('\n');
}

/** The most telling line of a failure: the error line, a failed claim or a type error; else the first line. */
export function headline(reason: string, max = 300): string {
  const lines = reason.split('\n').filter((l) => l.trim() !== '');
  const chosen =
    lines.find((l) => /^\s*(Uncaught )?([A-Z]\w*)?(Error|Exception)\b/.test(l)) ??
    lines.find((l) =>
      /claim failed|\d+:\d+ - |timed out|kernel died|interrupted|wrote to stderr|cannot read/.test(
        l,
      ),
    ) ??
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

/** Runs the chosen lessons in order and prints one line per notebook and a summary of every failure. */
export async function runLessons(options: RunnerOptions): Promise<RunSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  ensureEnv(log);
  const notebooks = findNotebooks(options.notebooksDir, options.only);
  let running: Running | null = null;
  let interrupted: NodeJS.Signals | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return; // a terminal's Ctrl-C reaches the executor too; one stop is enough
    interrupted = signal;
    log(`${signal}: stopping the running notebook and its kernel...`);
    // The executor stops the cell, shuts the kernel down and writes the executed copy.
    running?.child.kill('SIGINT');
    // If it does not manage within 20 s, kill it and the kernel, and leave.
    deadline = setTimeout(() => {
      if (running) {
        running.child.kill('SIGKILL');
        killKernel(running.result.kernelPid);
      }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }, 20_000);
    deadline.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const start = Date.now();
  const results: NotebookResult[] = [];
  try {
    for (const [i, path] of notebooks.entries()) {
      if (interrupted) break;
      const result = await executeNotebook(path, options, (r) => (running = r));
      running = null;
      results.push(result);
      const where = `[${i + 1}/${notebooks.length}] ${result.notebook}`;
      if (result.ok) log(`ok   ${where}  ${result.cells} cells  ${result.seconds.toFixed(1)} s`);
      else
        log(
          `FAIL ${where}  ${cellText(result)}  ${result.seconds.toFixed(1)} s: ${headline(result.failure?.reason ?? 'unknown')}`,
        );
      if (!result.ok && options.bail && i + 1 < notebooks.length) {
        log(
          `--bail: stopping after the first failure; ${notebooks.length - i - 1} notebook(s) not run`,
        );
        break;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (deadline) clearTimeout(deadline);
  }
  const failures = results.filter((r) => !r.ok);
  const seconds = (Date.now() - start) / 1000;
  const notRun = notebooks.length - results.length;
  log(
    `${results.length - failures.length} of ${notebooks.length} notebooks passed` +
      (failures.length ? `, ${failures.length} failed` : '') +
      (notRun ? `, ${notRun} not run` : '') +
      (interrupted ? ` (interrupted by ${interrupted})` : '') +
      ` in ${seconds.toFixed(1)} s; executed copies in ${options.outDir}`,
  );
  for (const f of failures) {
    const copy = f.written ? `executed copy: ${f.output}` : 'no executed copy';
    log(
      `  FAILED ${f.notebook}, ${cellText(f)} (${copy}):\n    ${condenseReason(
        f.failure?.reason ?? 'unknown',
      )
        .split('\n')
        .join('\n    ')}`,
    );
  }
  return { results, failures, seconds, ...(interrupted ? { interrupted } : {}) };
}
