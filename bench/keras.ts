/**
 * Keras side of the benchmark: a separate Python environment in build/bench-venv with
 * TensorFlow's CPU build from PyPI (never a dependency of the lessons), and a client for the
 * bench/keras_bench.py worker, so Keras epochs can alternate with TensorFlow.js epochs.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { ROOT, dataPath, type BenchModel } from './data';

export const BENCH_VENV = join(ROOT, 'build', 'bench-venv');
const PYTHON = join(BENCH_VENV, 'bin', 'python');
/** TensorFlow's CPU-only wheel; Keras 3 comes with it. */
export const KERAS_REQUIREMENT = 'tensorflow-cpu==2.21.0';
const STAMP = join(BENCH_VENV, '.bench-requirement');

/** Creates build/bench-venv and installs TensorFlow into it, unless already done. */
export function ensureBenchVenv(log: (line: string) => void): void {
  if (
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8').trim() === KERAS_REQUIREMENT &&
    existsSync(PYTHON)
  )
    return;
  const run = (command: string, args: string[]): void => {
    const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: ROOT });
    if (result.status !== 0)
      throw new Error(
        `${command} ${args.join(' ')} failed ` +
          `(${result.error?.message ?? `exit code ${result.status}`})`,
      );
  };
  if (!existsSync(PYTHON)) {
    log('creating build/bench-venv for the Keras comparison');
    run(process.env.PYTHON ?? 'python3', ['-m', 'venv', BENCH_VENV]);
  }
  log(`installing ${KERAS_REQUIREMENT} into build/bench-venv (once)`);
  run(PYTHON, [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--quiet',
    KERAS_REQUIREMENT,
  ]);
  writeFileSync(STAMP, KERAS_REQUIREMENT + '\n');
}

export interface KerasInfo {
  keras: string;
  tensorflow: string;
  threads: number;
  backend: string;
}

/** A running keras_bench.py worker. */
export class KerasWorker {
  private child: ChildProcessWithoutNullStreams;
  private lines: Interface;
  private pending: ((line: string) => void)[] = [];
  private stderr = '';

  constructor(threads = cpus().length) {
    this.child = spawn(PYTHON, [join(ROOT, 'bench', 'keras_bench.py')], {
      cwd: ROOT,
      env: { ...process.env, BENCH_THREADS: String(threads), TF_CPP_MIN_LOG_LEVEL: '3' },
    });
    this.child.stderr.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)),
    );
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.child.on('close', (code) => {
      for (const resolve of this.pending.splice(0))
        resolve(
          JSON.stringify({
            ok: false,
            error:
              `worker exited with ${code}: ` + this.stderr.trim().split('\n').slice(-3).join(' | '),
          }),
        );
    });
  }

  private request(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.pending.push((line) => {
        const reply = JSON.parse(line) as Record<string, unknown>;
        if (reply.ok) resolve(reply);
        else reject(new Error(`Keras worker: ${String(reply.error)}`));
      });
      this.child.stdin.write(JSON.stringify(command) + '\n');
    });
  }

  async info(): Promise<KerasInfo> {
    return (await this.request({ cmd: 'info' })) as unknown as KerasInfo;
  }

  async setup(spec: BenchModel, batchSize: number): Promise<void> {
    await this.request({ cmd: 'setup', path: dataPath(spec), batchSize, ...spec });
  }

  async epoch(): Promise<number> {
    return Number((await this.request({ cmd: 'epoch' })).seconds);
  }

  async matMulFlops(n: number, reps: number): Promise<number> {
    return Number((await this.request({ cmd: 'matmul', n, reps })).flops);
  }

  async close(): Promise<void> {
    try {
      await this.request({ cmd: 'quit' });
    } catch {
      // already gone
    }
    this.child.kill();
  }
}
