/**
 * A live playground: two small networks (sigmoid outputs with binary cross-entropy, softmax
 * outputs with categorical cross-entropy) trained side by side in the reader's page with
 * TensorFlow.js, on points of a plane, their decision maps and loss curves redrawn every epoch.
 *
 * The output is one `text/html` output. It carries TensorFlow.js's browser bundle
 * (`@tensorflow/tfjs/dist/tf.min.js`, the installed version), gzip-compressed and inlined like
 * plotly.js in charts.ts, so the page loads nothing from a network. Where scripts run (the HTML
 * edition; JupyterLab for outputs made in the session) the script replaces a static picture of
 * the data with the playground; where they do not (an untrusted notebook), the static picture and
 * a line saying how to make it live remain. The picture is a table of coloured cells, because
 * JupyterLab's sanitizer keeps tables and background colours but drops SVG and data-URI images.
 */
import {
  assertBinaryMatrix,
  assertFiniteNumber,
  assertInteger,
  assertMatrix,
  assertObject,
  describe,
  InputError,
} from '../core/validate';
import { escapeHtml, show } from './display';
import { inlineLibraryHtml } from './inline-library';
import { PLAYGROUND_SCRIPT } from './playground-page';

/** One weight tensor of a model, as `model.getWeights()` gives it: shape and values. */
export interface WeightValues {
  shape: number[];
  values: number[];
}

/** What the playground shows and how it starts. */
export interface PlaygroundSpec {
  /** `[n][2]` points of the plane, and `[n][2]` their labels a and b (0/1). */
  x: number[][];
  y: number[][];
  /** Names of the plane's two axes. */
  axes: [string, string];
  /** The controls' starting values, and the batch size (fixed). */
  defaults: {
    hiddenUnits: number;
    learningRate: number;
    numEpochs: number;
    batchSize: number;
    seed: number;
  };
  /** What to try, shown under the playground. */
  caption: string;
  /**
   * Weights and the kernel's predictions for a few points, so that a test can check the page's
   * arithmetic against the kernel's (`window.__playground.predictWith`).
   */
  check: {
    points: number[][];
    weights: { sigmoid: WeightValues[]; softmax: WeightValues[] };
    expected: { sigmoid: number[][]; softmax: number[][] };
  };
}

/** The spec as the page gets it (`window.__multilabelPlaygroundStart`): with the plane's bounds. */
export type PlaygroundPageSpec = PlaygroundSpec & {
  bounds: { x: [number, number]; y: [number, number] };
};

const QUEUE = '__multilabelTfQueue';
function tfjsLibraryHtml(): string {
  return inlineLibraryHtml('tf', QUEUE, require.resolve('@tensorflow/tfjs/dist/tf.min.js'));
}

const AREA: Record<string, string> = {
  '{1,1}': '#1f6fb4',
  '{0,1}': '#e07b10',
  '{0,0}': '#2a9d3a',
  '{1,0}': '#c0392b',
};
const CELLS = 32;

/** Bounds of the points' plane, 5% wider than the points on each side. */
function boundsOf(x: readonly number[][]): PlaygroundPageSpec['bounds'] {
  const range = (j: number): [number, number] => {
    const values = x.map((p) => p[j]);
    const [low, high] = [Math.min(...values), Math.max(...values)];
    const pad = 0.05 * (high - low || 1);
    return [low - pad, high + pad];
  };
  return { x: range(0), y: range(1) };
}

/** The static picture: each cell of a 32x32 grid coloured by the commonest combination in it. */
function staticPicture(spec: PlaygroundSpec, bounds: ReturnType<typeof boundsOf>): string {
  const counts = Array.from({ length: CELLS * CELLS }, () => new Map<string, number>());
  spec.x.forEach((p, i) => {
    const cx = Math.floor(((p[0] - bounds.x[0]) / (bounds.x[1] - bounds.x[0])) * CELLS);
    const cy = Math.floor(((bounds.y[1] - p[1]) / (bounds.y[1] - bounds.y[0])) * CELLS);
    const cell = counts[cy * CELLS + cx];
    const key = `{${spec.y[i][0]},${spec.y[i][1]}}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
  });
  const rows: string[] = [];
  for (let r = 0; r < CELLS; r++) {
    const cells = counts.slice(r * CELLS, (r + 1) * CELLS).map((cell) => {
      const top = [...cell].sort((a, b) => b[1] - a[1])[0];
      const colour = top ? AREA[top[0]] : '#f4f4f4';
      return `<td style="background-color:${colour}"></td>`;
    });
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  const legend = Object.entries(AREA)
    .map(([c, colour]) => `<span style="color:${colour};font-weight:bold">■ ${c}</span>`)
    .join(' ');
  return (
    '<table style="border-collapse:collapse;line-height:6px;font-size:1px" ' +
    'class="ml-pg-grid">' +
    rows.join('').replace(/<td /g, '<td width="6" height="6" ') +
    '</table>' +
    `<p>The sample, ${escapeHtml(spec.axes[0])} across and ${escapeHtml(spec.axes[1])} up, ` +
    `coloured by its combination {a,b}: ${legend}</p>`
  );
}

function assertSpec(spec: PlaygroundSpec): void {
  assertObject('spec', spec, '{ x, y, axes, defaults, caption, check }');
  const [rows, cols] = assertMatrix('spec.x', spec.x);
  const [labelRows, labelCols] = assertBinaryMatrix('spec.y', spec.y);
  if (cols !== 2 || labelCols !== 2 || labelRows !== rows)
    throw new InputError(
      `spec.x and spec.y must be [n][2] each, got [${rows}][${cols}] and ` +
        `[${labelRows}][${labelCols}]`,
    );
  if (!Array.isArray(spec.axes) || spec.axes.length !== 2)
    throw new InputError(`spec.axes must name the 2 axes, got ${describe(spec.axes)}`);
  assertObject('spec.defaults', spec.defaults, '{ hiddenUnits, learningRate, ... }');
  assertInteger('spec.defaults.hiddenUnits', spec.defaults.hiddenUnits, 1, 64);
  assertFiniteNumber('spec.defaults.learningRate', spec.defaults.learningRate);
  assertInteger('spec.defaults.numEpochs', spec.defaults.numEpochs, 1, 500);
  assertInteger('spec.defaults.batchSize', spec.defaults.batchSize, 1);
  assertInteger('spec.defaults.seed', spec.defaults.seed, 0, 2 ** 31 - 1);
  if (typeof spec.caption !== 'string')
    throw new InputError(`spec.caption must be a string, got ${describe(spec.caption)}`);
  assertObject('spec.check', spec.check, '{ points, weights, expected }');
}

/**
 * The playground's HTML: TensorFlow.js inlined (once per page), a static picture of the points
 * with a line saying how to make it live, and the script that replaces it with the playground.
 * @throws InputError for a spec whose points or labels are not `[n][2]`, or whose defaults are
 *   out of range.
 */
export function playgroundHtml(spec: PlaygroundSpec): string {
  assertSpec(spec);
  const bounds = boundsOf(spec.x);
  const pageSpec: PlaygroundPageSpec = { ...spec, bounds };
  const json = JSON.stringify(pageSpec).replace(/<\//g, '<\\/');
  return `${tfjsLibraryHtml()}
<div class="ml-pg" data-state="static">
<div class="ml-pg-static">
${staticPicture(spec, bounds)}
<p><b>Run this cell (or File &gt; Trust Notebook) to train live.</b></p>
</div>
</div>
<p class="ml-pg-caption">${escapeHtml(spec.caption)}</p>
<script>${PLAYGROUND_SCRIPT}</script>
<script>(function () {
  /** @type {PlaygroundPageSpec} */
  var spec = ${json};
  // This output's playground: the nearest .ml-pg before this script (no id, so that outputs are
  // the same from run to run, and two open copies of the lesson do not share one).
  /** @type {Element | null} */
  var root = document.currentScript;
  while (root && !(root.classList && root.classList.contains("ml-pg")))
    root = root.previousElementSibling;
  function run() { window.__multilabelPlaygroundStart(/** @type {HTMLElement} */ (root), spec); }
  if (window.tf) run(); else (window.${QUEUE} = window.${QUEUE} || []).push(run);
})();</script>`;
}

/**
 * Shows the playground as one output of the running cell.
 * Used in lessons: 01.
 * @throws InputError as {@link playgroundHtml}.
 */
export function showPlayground(spec: PlaygroundSpec): void {
  show({
    'text/html': playgroundHtml(spec),
    'text/plain': '<live playground: sigmoid and softmax networks trained in the page>',
  });
}
