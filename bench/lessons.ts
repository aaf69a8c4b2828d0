/**
 * Lesson execution timings through the headless runner: the default lesson set, and a fixture
 * notebook of trivial cells for the kernel start and per-cell overhead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLessons, type RunSummary } from '../scripts/lib/runner';
import { ROOT } from './data';
import { median } from './tfjs';

export const FIXTURES = join(ROOT, 'bench', 'fixtures');

export interface LessonTimings {
  runs: number;
  ok: boolean;
  failures: string[];
  /** Median wall time of the whole set (runner start to end, kernel starts included). */
  totalSeconds: number;
  /** Per lesson: median seconds, median kernel start seconds. */
  lessons: {
    notebook: string;
    seconds: number;
    kernelSeconds: number;
    cells: number;
    slowest: { cell: number; seconds: number }[];
  }[];
}

/** How to run the notebooks being timed. */
export interface TimingOptions {
  /** Notebook name prefixes; all when empty. */
  only?: string[];
  env?: Record<string, string>;
  /** Notebooks run at once; 1 unless given. */
  jobs?: number;
  /**
   * Where executed copies go. The runner starts the notebooks that took longest there last time
   * first, so timing the set as `npm run lessons` runs it needs its directory; by default, a
   * temporary one per run.
   */
  outDir?: string;
}

async function runOnce(notebooksDir: string, options: TimingOptions): Promise<RunSummary> {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'bench-lessons-'));
  try {
    return await runLessons({
      only: options.only ?? [],
      bail: false,
      cellTimeout: 900,
      jobs: options.jobs ?? 1,
      notebooksDir,
      outDir,
      env: options.env,
      log: () => {},
    });
  } finally {
    if (options.outDir === undefined) rmSync(outDir, { recursive: true, force: true });
  }
}

/** Runs the notebooks `runs` times and takes medians. */
export async function timeLessons(
  notebooksDir: string,
  runs: number,
  options: TimingOptions = {},
): Promise<LessonTimings & { cellSeconds: number[] }> {
  const summaries: RunSummary[] = [];
  for (let i = 0; i < runs; i++) summaries.push(await runOnce(notebooksDir, options));
  const names = summaries[0].results.map((r) => r.notebook);
  const failures = [
    ...new Set(
      summaries.flatMap((s) =>
        s.failures.map(
          (f) =>
            `${f.notebook} cell ${f.failure?.cell ?? '?'}: ` +
            (f.failure?.reason ?? '').split('\n')[0],
        ),
      ),
    ),
  ];
  return {
    runs,
    ok: failures.length === 0,
    failures,
    totalSeconds: median(summaries.map((s) => s.seconds)),
    lessons: names.map((notebook) => {
      const results = summaries
        .map((s) => s.results.find((r) => r.notebook === notebook)!)
        .filter(Boolean);
      return {
        notebook,
        seconds: median(results.map((r) => r.seconds)),
        kernelSeconds: median(results.map((r) => r.kernelSeconds ?? NaN)),
        cells: results[0].cells,
        // Median seconds per code cell over the runs, the three slowest (1-based code cell
        // numbers).
        slowest: results[0].cellSeconds
          .map((_, i) => ({
            cell: i + 1,
            seconds: median(results.map((r) => r.cellSeconds[i] ?? NaN)),
          }))
          .sort((p, q) => q.seconds - p.seconds)
          .slice(0, 3),
      };
    }),
    cellSeconds: summaries.flatMap((s) => s.results.flatMap((r) => r.cellSeconds)),
  };
}
