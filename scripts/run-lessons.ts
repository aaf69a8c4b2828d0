/**
 * `npm run lessons [-- 01 03 ...] [--bail] [--timeout=SECONDS]`: executes the lessons in
 * notebooks/ in order on the tslab kernel through Jupyter (nbclient), writes the executed copies
 * to build/notebooks/, prints a line per notebook and a summary, and exits non-zero naming the
 * notebook and cell of every failure. The sources in notebooks/ are only read.
 */
import { runLessons, parseRunnerArgs } from './runner';

runLessons(parseRunnerArgs(process.argv.slice(2))).then(
  (summary) => process.exit(summary.failures.length === 0 ? 0 : 1),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
