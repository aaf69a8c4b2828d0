/**
 * Figures the reader drives with a slider. Every position of the slider is computed in the
 * kernel and stored in the figure as one Plotly `update` step (new values for some traces and a
 * line of text above the plot), so moving it needs nothing but plotly.js: it works in JupyterLab,
 * trusted or not, and in the exported HTML, offline.
 */
import {
  assertArray,
  assertFiniteList,
  assertObject,
  describe,
  InputError,
} from '../core/validate';
import type { Data } from 'plotly.js';
import type { Figure } from './charts';

/** One position of a slider. */
export interface SliderStep {
  /** The slider's label for this position. */
  label: string;
  /** New values of the moving traces, in the order of `SliderOptions.traces`. */
  traces: { x?: number[]; y: number[] }[];
  /** The readout: text shown above the plot while this position is active. */
  readout: string;
}

/** Which traces a slider moves, what its current value is called, and where it starts. */
export interface SliderOptions {
  /** Indices in `figure.data` of the traces whose values the steps give. */
  traces: number[];
  /** Text before the current step's label, e.g. `'logit 2 = '`. */
  prefix: string;
  /** The step shown first (default 0). */
  active?: number;
}

/** What each step writes into the layout: the text of the readout annotation. */
function readoutKey(index: number): string {
  return `annotations[${index}].text`;
}

/**
 * `figure` with a slider over `steps`: each step replaces the y (and, when every step gives
 * them, the x) values of `options.traces` and the readout line above the plot. The figure
 * returned shows the active step's values and readout, so it is right before any move.
 * @throws InputError for a figure without traces, no steps, trace indices outside the figure, a
 *   step with another number of traces, or values that are not finite numbers.
 */
export function sliderFigure(figure: Figure, steps: SliderStep[], options: SliderOptions): Figure {
  assertObject('figure', figure, '{ data, layout }');
  assertArray('figure.data', figure.data, 'traces', 1);
  assertArray('steps', steps, 'steps ({ label, traces, readout })', 1);
  assertObject('options', options, '{ traces, prefix, active? }');
  assertArray('options.traces', options.traces, 'trace indices', 1);
  options.traces.forEach((t, i) => {
    if (!Number.isInteger(t) || t < 0 || t >= figure.data.length)
      throw new InputError(
        `options.traces[${i}] must be a trace index in [0, ${figure.data.length - 1}], ` +
          `got ${describe(t)}`,
      );
  });
  if (typeof options.prefix !== 'string')
    throw new InputError(`options.prefix must be a string, got ${describe(options.prefix)}`);
  const active = options.active ?? 0;
  if (!Number.isInteger(active) || active < 0 || active >= steps.length)
    throw new InputError(
      `options.active must be a step index in [0, ${steps.length - 1}], got ${describe(active)}`,
    );
  steps.forEach((step, s) => {
    assertObject(`steps[${s}]`, step, '{ label, traces, readout }');
    if (typeof step.label !== 'string' || typeof step.readout !== 'string')
      throw new InputError(`steps[${s}].label and .readout must be strings`);
    assertArray(`steps[${s}].traces`, step.traces, 'trace values ({ x?, y })');
    if (step.traces.length !== options.traces.length)
      throw new InputError(
        `steps[${s}].traces must give ${options.traces.length} traces (options.traces), ` +
          `got ${step.traces.length}`,
      );
    step.traces.forEach((t, i) => {
      assertFiniteList(`steps[${s}].traces[${i}].y`, t?.y);
      if (t.x !== undefined) assertFiniteList(`steps[${s}].traces[${i}].x`, t.x);
    });
  });
  const withX = steps.every((step) => step.traces.every((t) => t.x !== undefined));
  const annotations = [...(figure.layout?.annotations ?? [])];
  const readoutIndex = annotations.length;
  annotations.push({
    text: steps[active].readout,
    xref: 'paper',
    yref: 'paper',
    x: 0,
    y: 1,
    xanchor: 'left',
    yanchor: 'bottom',
    align: 'left',
    showarrow: false,
  });
  const data = figure.data.map((trace, t) => {
    const i = options.traces.indexOf(t);
    if (i < 0) return trace;
    const values = steps[active].traces[i];
    return {
      ...trace,
      y: [...values.y],
      ...(withX ? { x: [...values.x!] } : {}),
    } as Partial<Data>;
  });
  return {
    ...figure,
    data,
    layout: {
      ...figure.layout,
      annotations,
      sliders: [
        {
          active,
          currentvalue: { prefix: options.prefix },
          pad: { t: 50 },
          steps: steps.map((step) => ({
            label: step.label,
            method: 'update' as const,
            args: [
              {
                y: step.traces.map((t) => [...t.y]),
                ...(withX ? { x: step.traces.map((t) => [...t.x!]) } : {}),
              },
              { [readoutKey(readoutIndex)]: step.readout },
              [...options.traces],
            ],
          })),
        },
      ],
    },
  };
}

/**
 * The readout of every step of a figure made by `sliderFigure`, in step order: what the reader
 * sees above the plot at each position, for claims that check it.
 * Used in lessons: 05.
 * @throws InputError for a figure without such a slider.
 */
export function sliderReadouts(figure: Figure): string[] {
  assertObject('figure', figure, '{ data, layout }');
  const steps = figure.layout?.sliders?.[0]?.steps;
  if (!Array.isArray(steps) || steps.length === 0)
    throw new InputError('figure must have a slider made by sliderFigure (layout.sliders[0])');
  return steps.map((step, s) => {
    const layoutUpdate = (step.args as unknown[] | undefined)?.[1];
    const text =
      typeof layoutUpdate === 'object' && layoutUpdate !== null
        ? Object.entries(layoutUpdate).find(([key]) => /^annotations\[\d+\]\.text$/.test(key))
        : undefined;
    if (text === undefined || typeof text[1] !== 'string')
      throw new InputError(`step ${s} of the figure's slider has no readout`);
    return text[1];
  });
}
