/**
 * `npm run build`: compiles `src/` into `lib/`, which the notebooks import, when `lib/` is not
 * current (`npm install`, `npm run lessons` and `npm start` do this too). After editing `src/`,
 * run it and restart the notebook's kernel.
 */
import { ensureLibrary } from './lib/library';
import { ROOT } from './lib/env';

try {
  if (!ensureLibrary(ROOT, (line) => console.log(`[build] ${line}`)))
    console.log('[build] lib/ is current');
} catch (error) {
  console.error(`[build] ${(error as Error).message}`);
  process.exit(1);
}
