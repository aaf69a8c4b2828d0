/**
 * The lessons import the library compiled: `lib/` holds what `tsc -p tsconfig.lib.json` makes of
 * `src/` (JavaScript and declarations). tslab type-checks and compiles again, in every kernel,
 * each TypeScript file a notebook imports with its whole tree; from declarations it only reads
 * types, which cuts a lesson's first cell from about 6.5 s to 2.5 s. The price is that `lib/`
 * can fall behind `src/`: `lib/.sources.json` records a digest of every file it was compiled
 * from, and a lesson refuses to start on a `lib/` whose sources have changed since.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, InputError } from '../core/validate';

/** The compiled library, relative to the project root. */
export const LIBRARY_DIR = 'lib';

/** The digests of the sources `lib/` was compiled from, inside `lib/`. */
export const LIBRARY_STAMP = '.sources.json';

/** Besides `src/**\/*.ts`, the files whose change changes the output. */
const BUILD_CONFIG = ['tsconfig.json', 'tsconfig.lib.json'];

/** Every `.ts` file under `dir`, recursively, in a stable order. */
function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return typeScriptFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
}

/** The project root these functions read: a directory path. */
function assertRoot(root: unknown): asserts root is string {
  if (typeof root !== 'string' || root === '' || !existsSync(join(root, 'src')))
    throw new InputError(
      `root must be the project's directory (holding src/), got ${describe(root)}`,
    );
}

/**
 * The SHA-256 of every file the library is compiled from, by path relative to `root`: the
 * sources under `src/` and the two tsconfig files.
 */
export function librarySources(root: string): Record<string, string> {
  assertRoot(root);
  const files = [...typeScriptFiles(join(root, 'src')), ...BUILD_CONFIG.map((f) => join(root, f))];
  const digests: Record<string, string> = {};
  for (const file of files) {
    if (!existsSync(file)) continue;
    digests[relative(root, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return digests;
}

/**
 * What differs between the sources `root/lib` was compiled from and those in `root` now: one
 * entry per changed, added or removed file (`src/core/x.ts changed`), or a single entry when
 * `lib/` has no record of its sources. Empty when `lib/` is current.
 */
export function libraryDrift(root: string): string[] {
  assertRoot(root);
  const stampFile = join(root, LIBRARY_DIR, LIBRARY_STAMP);
  if (!existsSync(stampFile)) return [`${LIBRARY_DIR}/ has not been built`];
  const built = JSON.parse(readFileSync(stampFile, 'utf8')) as Record<string, string>;
  const now = librarySources(root);
  const drift: string[] = [];
  for (const file of Object.keys({ ...built, ...now }).sort()) {
    if (!(file in built)) drift.push(`${file} added`);
    else if (!(file in now)) drift.push(`${file} removed`);
    else if (built[file] !== now[file]) drift.push(`${file} changed`);
  }
  return drift;
}

/**
 * Throws when `root/lib` was not compiled from the sources in `root/src` as they are now, naming
 * what changed and the command that brings it up to date.
 * @throws Error listing the changed sources (at most 5) and `npm run build`.
 */
export function assertLibraryCurrent(root: string): void {
  assertRoot(root);
  const drift = libraryDrift(root);
  if (drift.length === 0) return;
  const shown = drift.slice(0, 5).join(', ') + (drift.length > 5 ? `, ... (${drift.length})` : '');
  throw new Error(
    `the compiled library in ${LIBRARY_DIR}/ is out of date (${shown}): ` +
      'run `npm run build`, then restart the kernel',
  );
}
