/**
 * Which notebooks run, at which seeds, in which order (the longest first, by the timings of their
 * previous executed copies), and whether the machine can run them without a network.
 */
import { type NotebookCell, readNotebook } from '../notebook-json';
import { SEED_VARIABLE } from './args';
import { type PlannedRun, type RunnerOptions } from './types';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

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
