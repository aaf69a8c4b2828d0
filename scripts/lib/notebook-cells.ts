/**
 * Notebook code cells held to the same rules as the library: every lesson's code cells, read in
 * order as one TypeScript program (tslab shares top-level names across cells, so a name defined
 * in one cell and used in a later one is a normal program to ESLint), linted with the project's
 * ESLint config, and formatted cell by cell with Prettier at 100 columns.
 */

import { basename, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { ROOT } from './env';
import { NOTEBOOKS_DIR } from './lesson-files';
import { readNotebook, text, type Notebook } from './notebook-json';

/** One problem in a notebook cell, located by cell number (0-based, all cells) and line. */
export interface CellProblem {
  notebook: string;
  cell: number;
  line: number;
  message: string;
}

interface Span {
  cell: number;
  firstLine: number;
  lines: number;
}

/** The code cells of a notebook joined into one program, with where each cell starts. */
export function cellProgram(nb: Notebook): { program: string; spans: Span[] } {
  const parts: string[] = [];
  const spans: Span[] = [];
  let line = 1;
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const source = text(cell.source).replace(/\n+$/, '');
    const lines = source.split('\n').length;
    spans.push({ cell: index, firstLine: line, lines });
    parts.push(source);
    line += lines + 1;
  });
  return { program: parts.join('\n\n') + '\n', spans };
}

function locate(spans: readonly Span[], line: number): { cell: number; line: number } {
  const span = spans.find((s) => line >= s.firstLine && line < s.firstLine + s.lines);
  return span ? { cell: span.cell, line: line - span.firstLine + 1 } : { cell: -1, line };
}

/** ESLint problems of a notebook's code cells, linted as one `.ts` file beside the lessons. */
export async function lintNotebook(
  path: string,
  eslint = new ESLint({ cwd: ROOT }),
): Promise<CellProblem[]> {
  const nb = readNotebook(path);
  const { program, spans } = cellProgram(nb);
  // notebooks/solutions/ holds notebooks of the lessons' names: say which one.
  const name = path.startsWith(NOTEBOOKS_DIR) ? relative(NOTEBOOKS_DIR, path) : basename(path);
  const [result] = await eslint.lintText(program, {
    filePath: join(ROOT, name.replace(/\.ipynb$/, '.ts')),
  });
  return result.messages.map((m) => ({
    notebook: name,
    ...locate(spans, m.line),
    message: `${m.message}${m.ruleId ? ` (${m.ruleId})` : ''}`,
  }));
}

/**
 * Formats every code cell with the project's Prettier options; returns the notebook and how many
 * cells changed. A cell Prettier cannot parse is left as it is and reported.
 */
export async function formatNotebookCells(
  nb: Notebook,
): Promise<{ notebook: Notebook; changed: number; errors: string[] }> {
  const options = (await prettier.resolveConfig(join(ROOT, 'src', 'x.ts'))) ?? {};
  let changed = 0;
  const errors: string[] = [];
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const source = text(cell.source);
    let formatted: string;
    try {
      formatted = (await prettier.format(source, { ...options, parser: 'typescript' })).replace(
        /\n$/,
        '',
      );
    } catch (error) {
      errors.push(
        `cell ${index}: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
      );
      continue;
    }
    if (formatted !== source) {
      cell.source = formatted.split(/(?<=\n)/);
      changed++;
    }
  }
  return { notebook: nb, changed, errors };
}
