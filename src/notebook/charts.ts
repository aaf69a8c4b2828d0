/**
 * Plotly charts in notebooks, offline.
 *
 * Each chart is one output with two representations: `application/vnd.plotly.v1+json` (a JSON
 * object, rendered by JupyterLab's plotly extension, trusted or not) and `text/html` (a div
 * drawn by plotly.js, for nbconvert's HTML export and frontends without the extension). The
 * HTML needs plotly.js in the page: the first chart of a kernel session carries the library
 * from the `plotly.js-dist` package, gzip-compressed and inlined, so no page loads it from a
 * network. Later charts wait for it.
 */
import type { Config, Data, ErrorBar, Layout } from 'plotly.js';
import { show, type MimeBundle } from './display';
import { inlineLibraryHtml } from './inline-library';
import {
  assertArray,
  assertFiniteList,
  assertMatrix,
  assertObject,
  assertOptions,
  describe,
  InputError,
} from '../core/validate';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** A Plotly figure: traces, layout and config, as plotly.js takes them. */
export interface Figure {
  data: Partial<Data>[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

const QUEUE = '__multilabelPlotlyQueue';

/**
 * A script that decompresses plotly.js in the browser and draws the charts queued for it (see
 * inline-library.ts).
 */
export function plotlyLibraryHtml(): string {
  return inlineLibraryHtml('Plotly', QUEUE, require.resolve('plotly.js-dist'));
}

let chartCount = 0;

/** The HTML fallback of one figure: a div and a script that draws it once plotly.js is there. */
export function figureHtml(
  figure: Figure,
  id = `multilabel-chart-${process.pid}-${++chartCount}`,
): string {
  assertObject('figure', figure, '{ data, layout }');
  if (typeof id !== 'string' || id === '')
    throw new InputError(`id must be a non-empty string, got ${describe(id)}`);
  // Escape "</" so that a string inside the figure cannot close the script element.
  const json = JSON.stringify(figure).replace(/<\//g, '<\\/');
  const height = typeof figure.layout?.height === 'number' ? figure.layout.height : 450;
  const draw =
    `function draw() { window.Plotly.newPlot("${id}", figure.data, figure.layout || {}, ` +
    'Object.assign({ responsive: true }, figure.config || {})); }';
  return `<div id="${id}" class="multilabel-chart" style="width:100%;height:${height}px"></div>
<script>(function () {
  var figure = ${json};
  ${draw}
  if (window.Plotly) draw(); else (window.${QUEUE} = window.${QUEUE} || []).push(draw);
})();</script>`;
}

/** Throws unless the figure's traces hold only finite numbers where they hold numbers. */
function assertFigure(figure: Figure): void {
  if (!figure || !Array.isArray(figure.data) || figure.data.length === 0) {
    throw new InputError('figure.data must be a non-empty array of traces');
  }
  figure.data.forEach((trace, t) => {
    for (const axis of ['x', 'y', 'z'] as const) {
      const values = (trace as Record<string, unknown>)[axis];
      if (Array.isArray(values) || ArrayBuffer.isView(values)) {
        const bad = Array.from(values as ArrayLike<unknown>).findIndex(
          (v) => typeof v === 'number' && !Number.isFinite(v),
        );
        if (bad >= 0)
          throw new InputError(
            `figure.data[${t}].${axis}[${bad}] must be finite, ` +
              `got ${(values as ArrayLike<unknown>)[bad]}`,
          );
      }
    }
  });
}

/**
 * The output bundle of a figure: Plotly JSON (typed arrays become plain arrays) and the HTML
 * fallback, with the plotly.js library when `includeLibrary` is set.
 * @throws InputError when the figure has no traces or a NaN/Infinity coordinate.
 */
export function figureBundle(figure: Figure, options: { includeLibrary: boolean }): MimeBundle {
  assertFigure(figure);
  assertOptions<{ includeLibrary: boolean }>(options, { includeLibrary: true }, { required: true });
  if (typeof options.includeLibrary !== 'boolean')
    throw new InputError(
      `options.includeLibrary must be true or false, got ${describe(options.includeLibrary)}`,
    );
  const plain = JSON.parse(
    JSON.stringify(figure, (_key, value) =>
      ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
    ),
  ) as Figure;
  const layout = { ...plain.layout };
  const title = typeof layout.title === 'string' ? layout.title : layout.title?.text;
  return {
    [PLOTLY_MIME]: { data: plain.data, layout, config: plain.config ?? {} },
    'text/html': (options.includeLibrary ? plotlyLibraryHtml() : '') + figureHtml(plain),
    'text/plain': `<Plotly chart${title ? `: ${title}` : ''}>`,
  };
}

let libraryShown = false;

/**
 * Shows a figure in the notebook. The first chart of the session carries plotly.js for the
 * HTML fallback; later ones reuse it.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @throws InputError for an empty or non-finite figure.
 */
export function showFigure(figure: Figure): void {
  show(figureBundle(figure, { includeLibrary: !libraryShown }));
  libraryShown = true;
}

/** Options shared by the chart builders below. */
export interface ChartText {
  title: string;
  xTitle?: string;
  yTitle?: string;
  height?: number;
}

/** Throws unless `text` is a chart's text: an object with a string `title`. */
function assertChartText(text: unknown): void {
  assertObject('text', text, '{ title, xTitle?, yTitle? }');
  if (typeof text.title !== 'string')
    throw new InputError(`text.title must be a string, got ${describe(text.title)}`);
}

function layoutFor(text: ChartText, extra: Partial<Layout> = {}): Partial<Layout> {
  assertChartText(text);
  return {
    title: { text: text.title },
    xaxis: { title: { text: text.xTitle ?? '' } },
    yaxis: { title: { text: text.yTitle ?? '' } },
    height: text.height ?? 420,
    margin: { t: 60, r: 20, b: 60, l: 60 },
    ...extra,
  };
}

/**
 * A named series of values, with optional error bars: `errors[i]` is the half width of the
 * interval around `values[i]` (e.g. a 95% interval over seeds), drawn symmetrically.
 */
export interface SeriesWithErrors {
  name: string;
  values: readonly number[];
  errors?: readonly number[];
}

function assertErrors(s: SeriesWithErrors, length: number): void {
  if (s.errors === undefined) return;
  if (assertFiniteList(`series "${s.name}" errors`, s.errors) !== length) {
    throw new InputError(
      `series "${s.name}" has ${s.errors.length} errors for ${length} values: one per value`,
    );
  }
  const negative = s.errors.findIndex((e) => e < 0);
  if (negative >= 0) {
    throw new InputError(
      `series "${s.name}" errors[${negative}] must be a half width >= 0, got ${s.errors[negative]}`,
    );
  }
}

function errorBars(s: SeriesWithErrors): { error_y?: ErrorBar } {
  if (s.errors === undefined) return {};
  return { error_y: { type: 'data', array: [...s.errors], visible: true, thickness: 1.5 } };
}

/**
 * A scatter plot with one coloured trace per group (e.g. per label combination).
 * Used in lessons: 01.
 * @throws InputError when the coordinate and group arrays differ in length.
 */
export function scatterByGroup(
  points: { x: ArrayLike<number>; y: ArrayLike<number>; groups: readonly string[] },
  text: ChartText,
): Figure {
  assertObject('points', points, '{ x, y, groups }');
  assertObject('text', text, '{ title, xTitle, yTitle }');
  const { x, y, groups } = points;
  if (x.length !== y.length || x.length !== groups.length) {
    throw new InputError(
      'scatterByGroup needs x, y and groups of one length, ' +
        `got ${x.length}, ${y.length} and ${groups.length}`,
    );
  }
  assertFiniteList('points.x', x);
  assertFiniteList('points.y', y);
  const names = [...new Set(groups)].sort().reverse();
  const data = names.map((name) => {
    const xs: number[] = [];
    const ys: number[] = [];
    groups.forEach((g, i) => {
      if (g === name) {
        xs.push(x[i]);
        ys.push(y[i]);
      }
    });
    return {
      type: 'scatter' as const,
      mode: 'markers' as const,
      name,
      x: xs,
      y: ys,
      marker: { size: 4, opacity: 0.55 },
    };
  });
  return { data, layout: layoutFor(text, { legend: { title: { text: 'labels' } } }) };
}

/**
 * Grouped bars: one bar per series within each category, with an optional dashed reference line.
 * Used in lessons: 02, 03, 06.
 * @throws InputError when a series has not one value per category.
 */
export function groupedBars(
  categories: readonly string[],
  series: readonly SeriesWithErrors[],
  text: ChartText & { referenceY?: number },
): Figure {
  assertChartText(text);
  if (!Array.isArray(categories) || categories.length === 0)
    throw new InputError('categories must be a non-empty array of names');
  if (!Array.isArray(series) || series.length === 0)
    throw new InputError('series must be a non-empty array of { name, values }');
  series.forEach((s) => {
    if (s.values.length !== categories.length)
      throw new InputError(
        `series "${s.name}" has ${s.values.length} values for ${categories.length} categories`,
      );
    assertFiniteList(`series "${s.name}" values`, s.values);
    assertErrors(s, categories.length);
  });
  const shapes =
    text.referenceY === undefined
      ? []
      : [
          {
            type: 'line' as const,
            xref: 'paper' as const,
            x0: 0,
            x1: 1,
            y0: text.referenceY,
            y1: text.referenceY,
            line: { dash: 'dash' as const, width: 1 },
          },
        ];
  return {
    data: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      x: [...categories],
      y: [...s.values],
      ...errorBars(s),
    })),
    layout: layoutFor(text, { barmode: 'group', shapes }),
  };
}

/**
 * Lines over a shared x axis (epochs, thresholds, sizes).
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @throws InputError when a series has not one value per x.
 */
export function lineChart(
  x: readonly number[],
  series: readonly (SeriesWithErrors & { dash?: 'solid' | 'dash' | 'dot' })[],
  text: ChartText & { logY?: boolean; logX?: boolean },
): Figure {
  assertChartText(text);
  assertFiniteList('x', x);
  if (!Array.isArray(series) || series.length === 0)
    throw new InputError('series must be a non-empty array of { name, values }');
  series.forEach((s) => {
    if (s.values.length !== x.length)
      throw new InputError(
        `series "${s.name}" has ${s.values.length} values for ${x.length} x positions`,
      );
    assertFiniteList(`series "${s.name}" values`, s.values);
    assertErrors(s, x.length);
  });
  const axes: Partial<Layout> = {};
  if (text.logY) axes.yaxis = { type: 'log', title: { text: text.yTitle ?? '' } };
  if (text.logX) axes.xaxis = { type: 'log', title: { text: text.xTitle ?? '' } };
  return {
    data: series.map((s) => ({
      type: 'scatter' as const,
      mode: 'lines+markers' as const,
      name: s.name,
      x: [...x],
      y: [...s.values],
      line: { dash: s.dash ?? 'solid' },
      ...errorBars(s),
    })),
    layout: layoutFor(text, axes),
  };
}

/**
 * Curves that each have their own x values, such as one precision-recall curve per label.
 * Used in lessons: 01, 05.
 * @throws InputError when there is no curve or a curve's x and y differ in length.
 */
export function curveChart(
  curves: readonly { name: string; x: readonly number[]; y: readonly number[] }[],
  text: ChartText,
): Figure {
  assertArray('curves', curves, '{ name, x, y } curves');
  assertObject('text', text, '{ title, xTitle, yTitle }');
  if (curves.length === 0) throw new InputError('curves must hold at least one curve, got none');
  curves.forEach((c) => {
    if (c.x.length !== c.y.length)
      throw new InputError(
        `curve "${c.name}" has ${c.x.length} x values and ${c.y.length} y values`,
      );
  });
  return {
    data: curves.map((c) => ({
      type: 'scatter' as const,
      mode: 'lines' as const,
      name: c.name,
      x: [...c.x],
      y: [...c.y],
    })),
    layout: layoutFor(text),
  };
}

/**
 * Overlaid histograms of one or more samples, with fixed bins `[start, end)` of width `size`.
 * Used in lessons: 04.
 * @throws InputError when there is no series, a series is empty or not finite, or the bins are
 *   invalid.
 */
export function histogram(
  series: readonly { name: string; values: readonly number[] }[],
  text: ChartText & { bins: { start: number; end: number; size: number } },
): Figure {
  assertArray('series', series, '{ name, values } series');
  assertObject('text', text, '{ title, xTitle, yTitle, bins }');
  assertObject('text.bins', text.bins, '{ start, end, size }');
  if (series.length === 0) throw new InputError('histogram needs at least one series, got none');
  const { start, end, size } = text.bins;
  if (![start, end, size].every(Number.isFinite) || size <= 0 || end <= start) {
    throw new InputError(
      'histogram bins need finite start < end and size > 0, ' +
        `got start ${start}, end ${end}, size ${size}`,
    );
  }
  series.forEach((s) => {
    if (s.values.length === 0) throw new InputError(`histogram series "${s.name}" is empty`);
  });
  return {
    data: series.map((s) => ({
      type: 'histogram' as const,
      name: s.name,
      x: [...s.values],
      xbins: { start, end, size },
      opacity: series.length > 1 ? 0.6 : 1,
    })),
    layout: layoutFor(text, { barmode: 'overlay' }),
  };
}

/**
 * A heatmap of a matrix: `z[i][j]` is drawn in row `names.y[i]`, column `names.x[j]`, the first
 * row on top as in a printed matrix, each cell's value written in it when `showValues` is set
 * (e.g. how many rows have both of two labels).
 * Used in lessons: 06.
 * @throws InputError when `z` is not a non-empty rectangular matrix of finite numbers, or the
 *   names are not one per column and one per row.
 */
export function heatmap(
  z: readonly (readonly number[])[],
  names: { x: readonly string[]; y: readonly string[] },
  text: ChartText & { colorTitle?: string; showValues?: boolean },
): Figure {
  assertChartText(text);
  const [rows, cols] = assertMatrix('z', z);
  if (!Array.isArray(names?.x) || names.x.length !== cols)
    throw new InputError(
      `names.x must name the ${cols} columns of z, got ${names?.x?.length ?? 'none'}`,
    );
  if (!Array.isArray(names.y) || names.y.length !== rows)
    throw new InputError(
      `names.y must name the ${rows} rows of z, got ${names.y?.length ?? 'none'}`,
    );
  return {
    data: [
      {
        type: 'heatmap' as const,
        z: z.map((row) => [...row]),
        x: [...names.x],
        y: [...names.y],
        colorscale: 'Viridis',
        colorbar: { title: { text: text.colorTitle ?? '' } },
        ...(text.showValues ? { texttemplate: '%{z}', hoverongaps: false } : {}),
      },
    ],
    layout: layoutFor(text, {
      yaxis: { title: { text: text.yTitle ?? '' }, autorange: 'reversed' },
    }),
  };
}
