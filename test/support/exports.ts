/**
 * Every exported function of the library (src/core, src/eval, src/notebook), as the export-wide
 * tests enumerate them: a folder with an index.ts counts as its index, classes are left out.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

function publicModules(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory())
        return readdirSync(path).includes('index.ts')
          ? [join(path, 'index.ts')]
          : publicModules(path);
      return name.endsWith('.ts') ? [path] : [];
    });
}

/** Every exported function, keyed `module:name` (e.g. `core/seeds.ts:dataSeed`), in file order. */
export function exportedFunctions(): Map<string, (...args: unknown[]) => unknown> {
  const found = new Map<string, (...args: unknown[]) => unknown>();
  for (const file of ['core', 'eval', 'notebook'].flatMap((d) => publicModules(join(SRC, d)))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(file) as Record<string, unknown>;
    const where = relative(SRC, file);
    for (const [name, fn] of Object.entries(exports))
      if (typeof fn === 'function' && !/^[A-Z]/.test(name))
        found.set(`${where}:${name}`, fn as (...args: unknown[]) => unknown);
  }
  return found;
}
