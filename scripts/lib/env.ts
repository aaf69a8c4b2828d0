/**
 * The project-local Jupyter environment: a Python virtual environment in `.venv` with the
 * pinned `requirements.txt`, and the tslab kernelspec installed into that environment (never
 * into the user's own Jupyter). Every step checks before it acts, so running it again is cheap.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const VENV = join(ROOT, '.venv');
export const VENV_BIN = join(VENV, 'bin');
export const PYTHON = join(VENV_BIN, 'python');
export const KERNEL_NAME = 'tslab';
const REQUIREMENTS = join(ROOT, 'requirements.txt');
const STAMP = join(VENV, '.requirements.sha256');

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT });
  if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${what} failed (exit code ${result.status}): ${command} ${args.join(' ')}`);
}

function ensureVenv(log: (line: string) => void): void {
  if (!existsSync(PYTHON)) {
    const basePython = process.env.PYTHON ?? 'python3';
    log(`creating the Python environment in .venv with ${basePython}`);
    run(
      basePython,
      ['-m', 'venv', VENV],
      'creating .venv (is python3 with the venv module installed?)',
    );
  }
  const wanted = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === wanted) return;
  log('installing Jupyter into .venv from requirements.txt');
  run(
    PYTHON,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '-r', REQUIREMENTS],
    'pip install -r requirements.txt',
  );
  writeFileSync(STAMP, wanted + '\n');
}

/** The kernelspec that starts the project's own tslab, from the project root, with the Node.js running this script. */
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

function ensureKernelSpec(log: (line: string) => void): void {
  const tslab = join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
  if (!existsSync(tslab)) throw new Error('node_modules/tslab is missing: run `npm install` first');
  const dir = join(VENV, 'share', 'jupyter', 'kernels', KERNEL_NAME);
  const file = join(dir, 'kernel.json');
  const wanted = JSON.stringify(kernelSpec(), null, 2) + '\n';
  if (existsSync(file) && readFileSync(file, 'utf8') === wanted) return;
  log(`installing the ${KERNEL_NAME} kernelspec into .venv`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, wanted);
}

/** Makes sure .venv, its packages and the kernelspec are in place. */
export function ensureEnv(
  log: (line: string) => void = (line) => console.log(`[setup] ${line}`),
): void {
  ensureVenv(log);
  ensureKernelSpec(log);
}

/** Environment for Jupyter processes: the venv first on PATH, and no user-level kernels or config leaking in. */
export function jupyterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${VENV_BIN}:${process.env.PATH ?? ''}`,
    VIRTUAL_ENV: VENV,
    JUPYTER_PLATFORM_DIRS: '1',
    PYTHONNOUSERSITE: '1',
    ...extra,
  };
}
