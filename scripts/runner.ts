/**
 * The headless lesson runner, used by `npm run lessons` and by the tests.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
  cells: number;
  seconds: number;
  kernelSeconds?: number;
  cellSeconds: number[];
  failure?: { cell: number; reason: string };
}

export interface RunSummary {
  results: NotebookResult[];
  failures: NotebookResult[];
  seconds: number;
}

/** Parses `01 03 --bail --timeout=300`. */
export function parseRunnerArgs(argv: string[]): RunnerOptions {
  const options: RunnerOptions = {
    only: [],
    bail: false,
    cellTimeout: Number(process.env.LESSON_CELL_TIMEOUT ?? 600),
    notebooksDir: join(ROOT, 'notebooks'),
    outDir: join(ROOT, 'build', 'notebooks'),
  };
  for (const arg of argv) {
    if (arg === '--bail') options.bail = true;
    else if (arg.startsWith('--timeout=')) options.cellTimeout = Number(arg.slice('--timeout='.length));
    else if (arg.startsWith('--notebooks=')) options.notebooksDir = resolve(arg.slice('--notebooks='.length));
    else if (arg.startsWith('--out=')) options.outDir = resolve(arg.slice('--out='.length));
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (known: --bail, --timeout=SECONDS, --notebooks=DIR, --out=DIR)`);
    else options.only.push(arg);
  }
  if (!Number.isInteger(options.cellTimeout) || options.cellTimeout <= 0) {
    throw new Error(`--timeout must be a positive whole number of seconds, got ${options.cellTimeout}`);
  }
  return options;
}

/** Lesson notebooks (`NN-name.ipynb`) in order, filtered by name prefixes. */
export function findNotebooks(dir: string, only: string[] = []): string[] {
  const all = readdirSync(dir)
    .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
    .sort();
  const chosen = only.length === 0 ? all : all.filter((f) => only.some((p) => f.startsWith(p)));
  if (chosen.length === 0) throw new Error(`no notebook in ${dir} matches ${only.length ? only.join(', ') : 'NN-*.ipynb'}`);
  return chosen.map((f) => join(dir, f));
}

let active: ReturnType<typeof spawn> | null = null;

function executeNotebook(path: string, options: RunnerOptions): Promise<NotebookResult> {
  const name = basename(path, '.ipynb');
  const output = join(options.outDir, basename(path));
  const args = [join(ROOT, 'scripts', 'execute_notebook.py'), path, output, `--kernel=${KERNEL_NAME}`, `--timeout=${options.cellTimeout}`];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PYTHON, args, { env: jupyterEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    active = child;
    const result: NotebookResult = { notebook: name, ok: false, cells: 0, seconds: 0, cellSeconds: [] };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (event.event === 'kernel') result.kernelSeconds = Number(event.seconds);
      if (event.event === 'cell') result.cellSeconds.push(Number(event.seconds));
      if (event.event === 'done') {
        result.ok = Boolean(event.ok);
        result.cells = Number(event.cells);
        result.seconds = Number(event.seconds);
        const failure = event.failure as { cell: number; reason: string } | null;
        if (failure) result.failure = { cell: failure.cell, reason: failure.reason };
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      active = null;
      if (result.cells === 0 && !result.failure) {
        result.failure = { cell: 0, reason: `the executor exited with ${signal ?? `code ${code}`}: ${stderr.trim().split('\n').slice(-5).join('\n')}` };
      }
      if (code !== 0) result.ok = false;
      resolvePromise(result);
    });
  });
}

function firstLine(text: string, max = 300): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const chosen = lines.find((l) => /Error|error|claim/.test(l)) ?? lines[0] ?? '';
  return chosen.length > max ? chosen.slice(0, max) + '...' : chosen;
}

/** Runs the chosen lessons in order and prints one line per notebook and a summary. */
export async function runLessons(options: RunnerOptions): Promise<RunSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  ensureEnv(log);
  const notebooks = findNotebooks(options.notebooksDir, options.only);
  const onSignal = (signal: NodeJS.Signals) => {
    // The executor shuts its kernel down on SIGINT; then we leave with the usual status.
    active?.kill('SIGINT');
    setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 5000).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const start = Date.now();
  const results: NotebookResult[] = [];
  try {
    for (const [i, path] of notebooks.entries()) {
      const result = await executeNotebook(path, options);
      results.push(result);
      const where = `[${i + 1}/${notebooks.length}] ${result.notebook}`;
      if (result.ok) log(`ok   ${where}  ${result.cells} cells  ${result.seconds.toFixed(1)} s`);
      else log(`FAIL ${where}  cell ${result.failure?.cell ?? '?'}  ${result.seconds.toFixed(1)} s: ${firstLine(result.failure?.reason ?? 'unknown')}`);
      if (!result.ok && options.bail) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const failures = results.filter((r) => !r.ok);
  const seconds = (Date.now() - start) / 1000;
  log(`${results.length - failures.length} of ${notebooks.length} lessons passed in ${seconds.toFixed(1)} s; executed copies in ${options.outDir}`);
  for (const f of failures) {
    log(`  failed: ${f.notebook}, cell ${f.failure?.cell ?? '?'}:\n    ${(f.failure?.reason ?? '').split('\n').slice(0, 12).join('\n    ')}`);
  }
  return { results, failures, seconds };
}
