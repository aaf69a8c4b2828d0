/**
 * Reading lesson notebooks: the sources in notebooks/, their executed copies in build/notebooks/
 * (made by the headless runner when missing, failed or older than the source), what the executed
 * copies show (charts, tables), and the title and summary of each lesson.
 */
import { PLOTLY_MIME } from '../../src/notebook/charts';
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from './env';
import { readNotebook, text, type Notebook } from './notebook-json';
import { findNotebooks, parseRunnerArgs, runLessons } from './runner';

export const NOTEBOOKS_DIR = join(ROOT, 'notebooks');
export const EXECUTED_DIR = join(ROOT, 'build', 'notebooks');

/** How many Plotly charts and HTML DataFrame tables an executed notebook's outputs hold. */
export function outputCounts(nb: Notebook): { charts: number; tables: number } {
  let charts = 0;
  let tables = 0;
  for (const cell of nb.cells) {
    for (const output of cell.outputs ?? []) {
      const data = output.data ?? {};
      if (data[PLOTLY_MIME] !== undefined) charts++;
      if (text(data['text/html']).includes('class="dataframe"')) tables++;
    }
  }
  return { charts, tables };
}

/**
 * Whether an executed copy comes from a run that went through: every code cell carries the
 * timing the runner records when a cell finishes, and no cell has stderr or error output. (The
 * runner writes the copy even when a cell fails, to show the output up to the failure.)
 */
export function isCompleteRun(nb: Notebook): boolean {
  return nb.cells
    .filter((cell) => cell.cell_type === 'code')
    .every((cell) => {
      const timing = cell.metadata?.execution as Record<string, unknown> | undefined;
      const outputs = cell.outputs ?? [];
      return (
        timing !== undefined &&
        typeof timing['iopub.status.idle'] === 'string' &&
        !outputs.some(
          (o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'),
        )
      );
    });
}

/**
 * The executed copy of every lesson in build/notebooks/, running (headlessly) the lessons whose
 * copy is missing, incomplete or older than their source. `only` keeps the lessons whose names
 * start with one of its prefixes. Throws when a lesson fails.
 */
export async function ensureExecutedLessons(
  log: (line: string) => void = console.log,
  only: string[] = [],
): Promise<string[]> {
  const sources = findNotebooks(NOTEBOOKS_DIR, only);
  const stale = sources.filter((source) => {
    const executed = join(EXECUTED_DIR, basename(source));
    return (
      !existsSync(executed) ||
      statSync(executed).mtimeMs < statSync(source).mtimeMs ||
      !isCompleteRun(readNotebook(executed))
    );
  });
  if (stale.length > 0) {
    log(
      `running ${stale.length} lesson(s) headlessly first: ` +
        stale.map((s) => basename(s, '.ipynb')).join(', '),
    );
    const options = parseRunnerArgs(stale.map((s) => basename(s, '.ipynb')));
    // The lessons' own seeds, whatever LESSON_SEED says: these copies are the reference edition.
    const summary = await runLessons({ ...options, seeds: [], outDir: EXECUTED_DIR, log });
    if (summary.failures.length > 0) {
      throw new Error(
        `headless run failed for ${summary.failures.map((f) => f.notebook).join(', ')}`,
      );
    }
  }
  return sources.map((source) => join(EXECUTED_DIR, basename(source)));
}

/** Removes inline Markdown markup (emphasis, code, links, HTML tags) from a line of prose. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/\*([^*\s](?:[^*]*[^*\s])?)\*/g, '$1')
    .replace(/\b_([^_\s](?:[^_]*[^_\s])?)_\b/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A lesson's title (the first `#` heading of its first Markdown cell) and summary (the first
 * paragraph of that cell that is not a heading), as plain text.
 */
export function lessonSummary(
  nb: Notebook,
  fallbackTitle: string,
): { title: string; summary: string } {
  const first = nb.cells.find((cell) => cell.cell_type === 'markdown');
  const paragraphs = text(first?.source)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const heading = paragraphs.find((p) => /^#\s/.test(p));
  const prose = paragraphs.find((p) => !/^#{1,6}\s/.test(p));
  return {
    title: heading ? plainText(heading.replace(/^#\s+/, '')) : fallbackTitle,
    // A bold lead-in such as "**The question.**" labels the paragraph; the summary is what follows.
    summary: prose ? plainText(prose.replace(/^\*\*[^*]{1,40}[.:]\*\*\s*/, '')) : '',
  };
}
