/**
 * The project-local Jupyter environment: a Python virtual environment in `.venv` with the
 * pinned `requirements.txt`, the tslab kernelspec installed into that environment (never
 * into the user's own Jupyter), and the compiled library in `lib/` that the notebooks import.
 * Every step checks before it acts, so running it again is cheap.
 *
 * Set-up prints a few lines (what it does, a summary). What pip and venv print goes to a log
 * file (build/setup-pip.log), because pip's own output is long and mostly noise (a machine-wide
 * pip configuration can add a warning per package); the log's tail is printed only on failure.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ensureLibrary } from './library';

export const ROOT = resolve(__dirname, '..', '..');
export const VENV = join(ROOT, '.venv');
export const VENV_BIN = join(VENV, 'bin');
export const PYTHON = join(VENV_BIN, 'python');
export const KERNEL_NAME = 'tslab';
const REQUIREMENTS = join(ROOT, 'requirements.txt');
const PIP_LOG = join(ROOT, 'build', 'setup-pip.log');
/** Lines of the log shown when a step fails. */
const TAIL_LINES = 25;

/** Where the environment goes; the defaults are the project's own. */
export interface EnvOptions {
  /** The virtual environment's directory (default `.venv`). */
  venv?: string;
  /** The pip requirements file (default `requirements.txt`). */
  requirements?: string;
  /** Where pip's and venv's output goes (default `build/setup-pip.log`). */
  pipLog?: string;
  /** Prints a line of progress (default: console.log with a `[setup]` prefix). */
  log?: (line: string) => void;
}

/** A path as the user knows it: relative to the project root when it is inside it. */
export function shown(path: string): string {
  const rel = relative(ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

/**
 * Runs a set-up command with its output appended to `pipLog`.
 * @throws Error naming the step and the command, with the log's last lines, when it fails.
 */
function run(command: string, args: string[], what: string, pipLog: string): void {
  appendFileSync(pipLog, `\n$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  appendFileSync(pipLog, (result.stdout ?? '') + (result.stderr ?? ''));
  if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = readFileSync(pipLog, 'utf8').trimEnd().split('\n').slice(-TAIL_LINES);
    throw new Error(
      `${what} failed (exit code ${result.status}): ${command} ${args.join(' ')}\n` +
        `last ${tail.length} lines of ${shown(pipLog)}:\n  ${tail.join('\n  ')}`,
    );
  }
}

function ensureVenv(venv: string, requirements: string, pipLog: string, log: (l: string) => void) {
  const python = join(venv, 'bin', 'python');
  const stamp = join(venv, '.requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted)
    return;
  mkdirSync(dirname(pipLog), { recursive: true });
  writeFileSync(pipLog, `set-up of ${venv} from ${requirements}, ${new Date().toISOString()}\n`);
  if (!existsSync(python)) {
    const basePython = process.env.PYTHON ?? 'python3';
    log(`creating the Python environment in ${shown(venv)} with ${basePython}`);
    run(
      basePython,
      ['-m', 'venv', venv],
      `creating ${shown(venv)} (is python3 with the venv module installed?)`,
      pipLog,
    );
  }
  log(`installing ${shown(requirements)} into ${shown(venv)} (pip's output: ${shown(pipLog)})`);
  const started = Date.now();
  run(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', requirements],
    `pip install -r ${shown(requirements)}`,
    pipLog,
  );
  // pip ends with "Successfully installed a-1.0 b-2.0 ..." when it installed anything.
  const installed = /^Successfully installed (.+)$/m.exec(readFileSync(pipLog, 'utf8'));
  const count = installed ? installed[1].trim().split(/\s+/).length : 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`pip installed ${count} package(s) in ${seconds} s`);
  writeFileSync(stamp, wanted + '\n');
}

/**
 * The kernelspec that starts the project's own tslab, from the project root, with the Node.js
 * running this script.
 */
export function kernelSpec(): object {
  return {
    argv: [
      process.execPath,
      join(ROOT, 'scripts', 'tslab-kernel.js'),
      'kernel',
      '--config-path',
      '{connection_file}',
    ],
    display_name: 'TypeScript (tslab)',
    language: 'typescript',
    metadata: { debugger: false },
  };
}

function ensureKernelSpec(venv: string, log: (line: string) => void): void {
  const tslab = join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
  if (!existsSync(tslab)) throw new Error('node_modules/tslab is missing: run `npm install` first');
  const dir = join(venv, 'share', 'jupyter', 'kernels', KERNEL_NAME);
  const file = join(dir, 'kernel.json');
  const wanted = JSON.stringify(kernelSpec(), null, 2) + '\n';
  if (existsSync(file) && readFileSync(file, 'utf8') === wanted) return;
  log(`installing the ${KERNEL_NAME} kernelspec into ${shown(venv)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, wanted);
}

/**
 * Makes sure the virtual environment, its packages, the kernelspec and the compiled library the
 * notebooks import (`lib/`) are in place, printing a line per step it takes (nothing when
 * everything is there).
 * @param options where the environment goes and how to print; a function is taken as `log`.
 * @throws Error naming the failed step, with the tail of pip's log, when a step fails.
 */
export function ensureEnv(options: EnvOptions | ((line: string) => void) = {}): void {
  const o = typeof options === 'function' ? { log: options } : options;
  const log = o.log ?? ((line: string) => console.log(`[setup] ${line}`));
  const venv = resolve(o.venv ?? VENV);
  ensureVenv(venv, resolve(o.requirements ?? REQUIREMENTS), resolve(o.pipLog ?? PIP_LOG), log);
  ensureKernelSpec(venv, log);
  ensureLibrary(ROOT, log);
}

/**
 * Environment for Jupyter processes: the venv first on PATH, and no user-level kernels or config
 * leaking in. `extra` is added last; a key whose value is `undefined` is removed.
 */
export function jupyterEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${VENV_BIN}:${process.env.PATH ?? ''}`,
    VIRTUAL_ENV: VENV,
    JUPYTER_PLATFORM_DIRS: '1',
    PYTHONNOUSERSITE: '1',
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
