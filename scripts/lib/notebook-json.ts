/**
 * Jupyter notebooks as JSON: the types of the parts this project reads and writes, and the one
 * reader every script and test uses.
 */
import { readFileSync } from 'node:fs';

export interface NotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Joins Jupyter's "multiline string" (a string or a list of lines). */
export function text(value: unknown): string {
  if (Array.isArray(value)) return value.join('');
  return typeof value === 'string' ? value : '';
}

/**
 * Reads a notebook file.
 * @throws Error naming the file when it is not JSON or has no cells array.
 */
export function readNotebook(path: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
  } catch (error) {
    throw new Error(`${path} is not a readable notebook: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!nb || !Array.isArray(nb.cells))
    throw new Error(`${path} is not a Jupyter notebook (no cells array)`);
  return nb;
}

/** The text a code cell printed (its stream outputs), joined. */
export function printedText(cell: NotebookCell): string {
  return (cell.outputs ?? [])
    .filter((o) => o.output_type === 'stream')
    .map((o) => text(o.text))
    .join('');
}
