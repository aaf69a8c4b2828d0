/**
 * Compiles `src/` into `lib/`, the form in which the notebooks import the library (see
 * src/notebook/compiled-library.ts), when `lib/` was compiled from other sources than `src/`
 * holds now. The new `lib/` is built beside the old one and swapped in whole, so a module
 * removed from `src/` leaves nothing behind and a failed compile leaves the old `lib/` alone.
 */
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LIBRARY_DIR,
  LIBRARY_STAMP,
  libraryDrift,
  librarySources,
} from '../../src/notebook/compiled-library';

/**
 * Compiles `root/src` into `root/lib` with `tsconfig.lib.json` unless `lib/` is current.
 * @param log prints one line when it compiles, saying why.
 * @returns whether it compiled.
 * @throws Error with the compiler's output when `tsc` fails.
 */
export function ensureLibrary(root: string, log: (line: string) => void): boolean {
  const drift = libraryDrift(root);
  if (drift.length === 0) return false;
  const why = drift.length === 1 ? drift[0] : `${drift.length} source files differ`;
  log(`compiling src/ into ${LIBRARY_DIR}/ (${why})`);
  // Digests first: a source edited during the compile shows up as drift next time.
  const sources = librarySources(root);
  const staging = join(root, `${LIBRARY_DIR}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'tsconfig.lib.json'), '--outDir', staging],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(
      `compiling src/ failed (tsc -p tsconfig.lib.json, exit code ${result.status}):\n${output}`,
    );
  }
  writeFileSync(join(staging, LIBRARY_STAMP), JSON.stringify(sources, null, 2) + '\n');
  rmSync(join(root, LIBRARY_DIR), { recursive: true, force: true });
  renameSync(staging, join(root, LIBRARY_DIR));
  return true;
}
