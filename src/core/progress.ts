/**
 * Where long work reports progress. The library only says "here is the latest line for this
 * task"; a notebook installs a sink that redraws one output in place (see
 * `src/notebook/lesson.ts`), so core code never depends on how it is shown.
 */
import { describe, InputError } from './validate';

/** Opens a progress line; the returned function replaces that line's text. */
export type ProgressSink = () => (line: string) => void;

/** Outside a notebook, redraw the line on a terminal, and stay silent when output is piped. */
const terminalSink: ProgressSink = () => (line) => {
  if (process.stdout.isTTY) process.stdout.write(`\r${line}\x1b[K`);
};

let sink: ProgressSink = terminalSink;

/** Replaces where progress lines go; returns the previous sink. */
export function setProgressSink(next: ProgressSink): ProgressSink {
  if (typeof next !== 'function')
    throw new InputError(`next must be a function (text) => void, got ${describe(next)}`);
  const previous = sink;
  sink = next;
  return previous;
}

/** A new progress line: call the result with the line's latest text. */
export function progressLine(): (line: string) => void {
  return sink();
}
