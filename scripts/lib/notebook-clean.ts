/**
 * Lesson sources are committed without outputs: what a clean notebook is, how to clean one
 * (outputs, execution counts and execution timing metadata stripped) and how to write it as
 * nbformat does (sorted keys, one-space indent).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NOTEBOOKS_DIR } from './lesson-files';
import { type Notebook } from './notebook-json';

/** The folder of notebooks/ that holds one notebook of worked solutions per lesson. */
export const SOLUTIONS = 'solutions';

export const KERNELSPEC = {
  display_name: 'TypeScript (tslab)',
  language: 'typescript',
  name: 'tslab',
} as const;

/** Why a notebook is not a clean lesson source; empty when it is clean. */
export function notebookProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  if (nb.nbformat !== 4 || typeof nb.nbformat_minor !== 'number' || nb.nbformat_minor < 5) {
    problems.push(
      `nbformat must be 4.5 or later (cell ids), got ${nb.nbformat}.${nb.nbformat_minor}`,
    );
  }
  const spec = (nb.metadata?.kernelspec ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(KERNELSPEC)) {
    if (spec[key] !== value)
      problems.push(
        `metadata.kernelspec.${key} must be ${JSON.stringify(value)}, ` +
          `got ${JSON.stringify(spec[key])}`,
      );
  }
  if (nb.metadata?.widgets !== undefined) problems.push('metadata.widgets holds widget state');
  const ids = new Set<string>();
  nb.cells.forEach((cell, i) => {
    if (typeof cell.id !== 'string' || cell.id === '') problems.push(`cell ${i} has no id`);
    else if (ids.has(cell.id)) problems.push(`cell ${i} repeats the id ${cell.id}`);
    else ids.add(cell.id);
    if (cell.metadata?.execution !== undefined)
      problems.push(`cell ${i} has execution timing metadata`);
    if (cell.cell_type !== 'code') return;
    if ((cell.outputs ?? []).length > 0)
      problems.push(`cell ${i} has ${cell.outputs?.length} output(s)`);
    if (cell.execution_count !== null)
      problems.push(`cell ${i} has execution count ${JSON.stringify(cell.execution_count)}`);
  });
  return problems;
}

/** A copy of the notebook without outputs, execution counts or execution timing. */
export function cleanNotebook(nb: Notebook): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  for (const cell of copy.cells) {
    if (cell.metadata && 'execution' in cell.metadata) delete cell.metadata.execution;
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The notebook as nbformat writes it: keys sorted, one-space indent, final newline. */
export function formatNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + '\n';
}

/** Every `.ipynb` in notebooks/, then in notebooks/solutions/ (worked exercises), sorted. */
export function sourceNotebooks(dir = NOTEBOOKS_DIR): string[] {
  const notebooksIn = (d: string) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith('.ipynb'))
          .sort()
          .map((f) => join(d, f))
      : [];
  return [...notebooksIn(dir), ...notebooksIn(join(dir, SOLUTIONS))];
}
