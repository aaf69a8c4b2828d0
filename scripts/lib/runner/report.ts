/** The runner's report: one line per notebook run, its failing cell and a short reason. */
import { type NotebookResult } from './types';

/** Stack frames from Node's and tslab's own code say nothing about the lesson; drop them. */
export function condenseReason(reason: string, maxLines = 12): string {
  const noise =
    /^\s+at .*(node:|node_modules[\\/]tslab|sigintHandlersWrap|evalmachine\.<anonymous>:\d+:\d+\)?$)/;
  const lines = reason
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => !noise.test(l));
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept.push(`... (${lines.length - maxLines} more lines)`);
  return kept.join('\n');
}

/**
 * The most telling line of a failure: the error line, a failed claim or a type error; else the
 * first line.
 */
export function headline(reason: string, max = 300): string {
  const lines = reason.split('\n').filter((l) => l.trim() !== '');
  const telling =
    /claim failed|\d+:\d+ - |timed out|kernel died|interrupted|wrote to stderr|cannot read|honour/;
  const chosen =
    lines.find((l) => /^\s*(Uncaught )?([A-Z]\w*)?(Error|Exception)\b/.test(l)) ??
    lines.find((l) => telling.test(l)) ??
    lines[0] ??
    'unknown';
  const text = chosen.trim();
  return text.length > max ? text.slice(0, max) + '...' : text;
}

export function cellText(r: NotebookResult): string {
  const cell = r.failure?.cell ?? 0;
  if (cell === 0)
    return r.kernelSeconds === undefined ? 'before the kernel started' : 'before the first cell';
  return `cell ${cell} of ${r.cells || '?'}`;
}

export function resultLine(r: NotebookResult, index: number, total: number): string {
  const where = `[${index + 1}/${total}] ${r.label}`;
  const restarted = (r.kernelStarts ?? 1) > 1 ? ` (kernel started on try ${r.kernelStarts})` : '';
  const seconds = `${r.seconds.toFixed(1)} s${restarted}`;
  if (r.ok) return `ok   ${where}  ${r.cells} cells  ${seconds}`;
  const why = headline(r.failure?.reason ?? 'unknown');
  return `${r.stopped ? 'STOP' : 'FAIL'} ${where}  ${cellText(r)}  ${seconds}: ${why}`;
}
