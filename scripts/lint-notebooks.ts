/**
 * `npm run lint:notebooks [-- --write]`: lints the code cells of every lesson with the project's
 * ESLint config (100 columns included) and checks that Prettier would not change them; `--write`
 * formats the cells in place first. Exits 1 naming the notebook, cell and line of each problem.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ESLint } from 'eslint';
import { ROOT } from './lib/env';
import { parseCommandLine } from './lib/cli';
import { NOTEBOOKS_DIR } from './lib/lesson-files';
import { type Notebook } from './lib/notebook-json';
import { formatNotebookCells, lintNotebook } from './lib/notebook-cells';
import { formatNotebook, sourceNotebooks } from './lib/notebook-clean';

async function main(write: boolean): Promise<number> {
  const eslint = new ESLint({ cwd: ROOT });
  let problems = 0;
  for (const path of sourceNotebooks(NOTEBOOKS_DIR)) {
    const before = readFileSync(path, 'utf8');
    const { notebook, changed, errors } = await formatNotebookCells(JSON.parse(before) as Notebook);
    if (write && changed > 0) writeFileSync(path, formatNotebook(notebook));
    if (!write && changed > 0) {
      problems++;
      console.log(
        `${basename(path)}: ${changed} cell(s) not formatted (npm run lint:notebooks -- --write)`,
      );
    }
    for (const error of errors) {
      problems++;
      console.log(`${basename(path)}: Prettier cannot parse ${error}`);
    }
    for (const p of await lintNotebook(path, eslint)) {
      problems++;
      console.log(`${p.notebook}: cell ${p.cell}, line ${p.line}: ${p.message}`);
    }
  }
  console.log(problems === 0 ? 'notebook cells: clean' : `notebook cells: ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

const { values } = parseCommandLine(
  process.argv.slice(2),
  { write: { type: 'boolean' } },
  'usage: lint-notebooks [--write]',
);
main(values.write === true).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
