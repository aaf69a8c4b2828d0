/**
 * The first cell of every lesson: choose the backend and print, in one line, the versions,
 * the backend and the seed, so every executed notebook records what produced its numbers.
 */
import { chooseBackend, describeBackend, type BackendReport } from './backend';
import { setProgressSink } from '../core/progress';
import { assertInteger } from '../core/validate';
import { updatableOutput } from './display';

export interface LessonContext extends BackendReport {
  seed: number;
}

/**
 * Prepares a lesson: picks the backend and prints the versions line.
 * Used in lessons: 01, 02, 03, 04, 05.
 * @throws InputError for a seed that is not a non-negative integer.
 */
export async function startLesson(options: { seed: number }): Promise<LessonContext> {
  assertInteger('seed', options.seed, 0, 2 ** 32 - 1);
  const report = await chooseBackend();
  // Progress lines of training become one notebook output each, redrawn in place.
  setProgressSink(() => {
    const output = updatableOutput();
    return (line) => output({ 'text/plain': line });
  });
  const tslabVersion = (() => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab may be missing
      return (require('tslab/package.json') as { version: string }).version;
    } catch {
      return 'not loaded';
    }
  })();
  console.log(
    `${describeBackend(report)} · tslab ${tslabVersion} · Node ${process.version} · ` +
      `seed ${options.seed}`,
  );
  return { ...report, seed: options.seed };
}
