/**
 * `npm run lessons [-- 01 03 ...] [--jobs=N] [--seed=N[,N...]] [--offline] [--bail]
 * [--timeout=SECONDS] [--notebooks=DIR] [--out=DIR]`: executes the lessons in notebooks/ on the
 * tslab kernel through Jupyter (nbclient), up to N at once (default: one per core, or
 * LESSON_JOBS), writes the executed copies to build/notebooks/, prints a line per notebook in
 * lesson order and a summary, and exits non-zero naming the notebook and cell of every failure.
 * The sources in notebooks/ are only read.
 *
 * `--seed=1,2` runs every lesson once per seed, with the seed in the kernel's LESSON_SEED (also
 * read from the environment), into build/seeds/seed-N/; a lesson that does not print that seed
 * in its first cell fails. `--offline` runs each notebook with no network (needs `unshare`).
 * `--bail` stops the running notebooks and starts no new one after the first failure.
 *
 * Exit codes: 0 all passed, 1 a notebook failed, 2 bad arguments or setup, 130/143 interrupted by
 * SIGINT/SIGTERM (the running kernels are shut down first).
 */
import { runLessons, parseRunnerArgs } from './lib/runner';

async function main(): Promise<number> {
  const summary = await runLessons(parseRunnerArgs(process.argv.slice(2)));
  if (summary.interrupted) return summary.interrupted === 'SIGINT' ? 130 : 143;
  return summary.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
