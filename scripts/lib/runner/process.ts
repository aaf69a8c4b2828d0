/**
 * One notebook's run as a process: its executor and kernel started, watched, timed out and
 * stopped, with no kernel left behind, and its executed copy checked for the seed it was given.
 */
import { jupyterEnv, KERNEL_NAME, PYTHON, ROOT } from '../env';
import { printedText, readNotebook } from '../notebook-json';
import { SEED_VARIABLE } from './args';
import { type NotebookResult, type PlannedRun } from './types';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Milliseconds a stopped executor gets to shut its kernel down and write its copy. */
export const STOP_GRACE_MS = 20_000;

/**
 * True when `pid` is alive and is one of our kernels (checked on /proc where there is one, so a
 * reused pid is never hit).
 */
export function isOurKernel(pid: number): boolean {
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
export function killKernel(pid: number | undefined): void {
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

export interface Running {
  child: ChildProcess;
  result: NotebookResult;
  /** Set once the runner asked the executor to stop. */
  stopping?: NodeJS.Timeout;
  stoppedByBail?: boolean;
}

/** Process ids whose parent is `pid` (from /proc; empty where there is none). */
export function childrenOf(pid: number | undefined): number[] {
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
export function stopRun(running: Running, signal: NodeJS.Signals): void {
  if (running.stopping) return;
  running.child.kill(signal);
  running.stopping = setTimeout(() => {
    // The kernel too, even if it started too recently for its pid to have been reported.
    for (const pid of [running.result.kernelPid, ...childrenOf(running.child.pid)]) killKernel(pid);
    running.child.kill('SIGKILL');
  }, STOP_GRACE_MS);
}

export function executeNotebook(
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
