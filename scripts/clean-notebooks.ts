/**
 * `npm run clean-notebooks [-- --check]`: strips outputs and execution counts from the lessons in
 * notebooks/, in place, and reports what cleaning cannot fix (`--check` only reports).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCommandLine } from './lib/cli';
import { NOTEBOOKS_DIR } from './lib/lesson-files';
import { type Notebook } from './lib/notebook-json';
import {
  cleanNotebook,
  formatNotebook,
  notebookProblems,
  sourceNotebooks,
} from './lib/notebook-clean';

function main(argv: string[]): number {
  const check =
    parseCommandLine(argv, { check: { type: 'boolean' } }, 'usage: clean-notebooks [--check]')
      .values.check === true;
  let dirty = 0;
  for (const path of sourceNotebooks()) {
    const before = readFileSync(path, 'utf8');
    const nb = JSON.parse(before) as Notebook;
    const problems = notebookProblems(nb);
    const after = formatNotebook(cleanNotebook(nb));
    const name = path.slice(NOTEBOOKS_DIR.length + 1);
    if (check) {
      if (problems.length > 0) {
        dirty++;
        console.log(`not clean: ${name}: ${problems.join('; ')}`);
      } else console.log(`clean:     ${name}`);
      continue;
    }
    if (after !== before) {
      writeFileSync(path, after);
      console.log(`cleaned:   ${name}`);
    } else console.log(`clean:     ${name}`);
    // Cleaning cannot add a kernelspec or cell ids: report what is left for the author.
    const left = notebookProblems(JSON.parse(after) as Notebook);
    if (left.length > 0) {
      dirty++;
      console.log(`  still to fix by hand: ${left.join('; ')}`);
    }
  }
  return dirty === 0 ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
