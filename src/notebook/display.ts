/**
 * Sending rich outputs to the notebook.
 *
 * tslab's public `display.raw` sends one MIME type per output, but a chart needs two in the same
 * output: Plotly's JSON for JupyterLab's renderer and an HTML fallback for nbconvert and other
 * frontends. A frontend picks the richest type it can render from one output; two separate
 * outputs would show the chart twice. So this module writes the display message through the
 * writer tslab installs for the running cell (tslab 1.0.22, `dist/jupyter.js`).
 */
import { assertObject, assertOptions, describe, InputError } from '../core/validate';

/** MIME type -> data, as in a Jupyter `display_data` message. */
export type MimeBundle = Record<string, unknown>;

/** Receives one output; `displayId` and `update` let a later call replace it in place. */
export type DisplaySink = (
  bundle: MimeBundle,
  options: { displayId?: string; update?: boolean },
) => void;

type KernelWriter = (
  content: { data: MimeBundle; metadata: object; transient: { display_id?: string } },
  update: boolean,
) => void;

/** The running tslab kernel's writer, or null outside a kernel (tests, plain Node). */
function kernelWriter(): KernelWriter | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData?: KernelWriter | null };
    return jupyter.lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

/** Writes to the notebook when running in tslab, else prints the text/plain part to stdout. */
export const notebookSink: DisplaySink = (bundle, options) => {
  assertObject('bundle', bundle, "{ 'text/html': '...' }");
  assertObject('options', options, '{ displayId?, update? }');
  const { displayId, update = false } = options;
  const write = kernelWriter();
  if (write) {
    write(
      { data: bundle, metadata: {}, transient: displayId ? { display_id: displayId } : {} },
      update,
    );
  } else {
    const text = bundle['text/plain'];
    console.log(typeof text === 'string' ? text : `[${Object.keys(bundle).join(', ')} output]`);
  }
};

let sink: DisplaySink = notebookSink;

/** Text made safe to place inside HTML elements and double-quoted attributes. */
export function escapeHtml(text: string): string {
  if (typeof text !== 'string')
    throw new InputError(`text must be a string, got ${describe(text)}`);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Replaces where outputs go (tests capture them); returns the previous sink. */
export function setDisplaySink(next: DisplaySink): DisplaySink {
  if (typeof next !== 'function')
    throw new InputError(`next must be a function (bundle) => void, got ${describe(next)}`);
  const previous = sink;
  sink = next;
  return previous;
}

/** Shows one output with every MIME type in `bundle`. */
export function show(
  bundle: MimeBundle,
  options: { displayId?: string; update?: boolean } = {},
): void {
  assertObject('bundle', bundle, "{ 'text/html': '...' }");
  assertOptions<{ displayId?: string; update?: boolean }>(options, {
    displayId: true,
    update: true,
  });
  sink(bundle, options);
}

let nextId = 0;

/** An output that can be replaced in place (progress lines, live curves). */
export function updatableOutput(): (bundle: MimeBundle) => void {
  const displayId = `multilabel-${process.pid}-${++nextId}`;
  let shown = false;
  return (bundle) => {
    show(bundle, { displayId, update: shown });
    shown = true;
  };
}
