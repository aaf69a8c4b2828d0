/**
 * `npm run lessons [-- 01 03 ...] [--bail] [--timeout=SECONDS] [--notebooks=DIR] [--out=DIR]`:
 * executes the lessons in notebooks/ in order on the tslab kernel through Jupyter (nbclient),
 * writes the executed copies to build/notebooks/, prints a line per notebook and a summary, and
 * exits non-zero naming the notebook and cell of every failure. The sources in notebooks/ are
 * only read. Exit codes: 0 all passed, 1 a notebook failed, 2 bad arguments or setup,
 * 130/143 interrupted by SIGINT/SIGTERM (the running kernel is shut down first).
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
