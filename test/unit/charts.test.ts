import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  figureBundle,
  groupedBars,
  lineChart,
  PLOTLY_MIME,
  plotlyLibraryHtml,
  scatterByGroup,
  showFigure,
  type Figure,
} from '../../src/notebook/charts';
import { setDisplaySink, type MimeBundle } from '../../src/notebook/display';
import { InputError } from '../../src/core/validate';

const figure: Figure = {
  data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }],
  layout: { title: { text: 'A <b>title</b>' } },
};

test('a chart is one output with Plotly JSON as an object, an HTML fallback and plain text', () => {
  const bundle = figureBundle(figure, { includeLibrary: false });
  const json = bundle[PLOTLY_MIME] as Figure;
  assert.equal(typeof json, 'object');
  assert.deepEqual(json.data, figure.data);
  assert.match(
    bundle['text/html'] as string,
    /<div id="multilabel-chart-[^"]+" class="multilabel-chart"/,
  );
  assert.match(bundle['text/html'] as string, /Plotly\.newPlot/);
  assert.doesNotMatch(bundle['text/html'] as string, /DecompressionStream/);
  assert.equal(bundle['text/plain'], '<Plotly chart: A <b>title</b>>');
});

test('typed arrays become plain arrays; "</script>" in a string cannot close the script', () => {
  const bundle = figureBundle(
    {
      data: [{ type: 'bar', x: ['</script>'], y: new Float32Array([0.5]) as unknown as number[] }],
    },
    { includeLibrary: false },
  );
  assert.deepEqual((bundle[PLOTLY_MIME] as Figure).data[0], {
    type: 'bar',
    x: ['</script>'],
    y: [0.5],
  });
  assert.equal((bundle['text/html'] as string).match(/<\/script>/g)!.length, 1);
});

test('the inlined library is plotly.js-dist, gzip-compressed, with no network reference', () => {
  const html = plotlyLibraryHtml();
  const b64 = /var b64 = "([A-Za-z0-9+/=]+)"/.exec(html)![1];
  assert.deepEqual(
    gunzipSync(Buffer.from(b64, 'base64')),
    readFileSync(require.resolve('plotly.js-dist')),
  );
  assert.doesNotMatch(html, /https?:\/\//);
});

test('showFigure inlines plotly.js in the first chart of a session only', () => {
  const outputs: MimeBundle[] = [];
  const previous = setDisplaySink((bundle) => void outputs.push(bundle));
  try {
    showFigure(figure);
    showFigure(figure);
  } finally {
    setDisplaySink(previous);
  }
  assert.equal(outputs.length, 2);
  assert.match(outputs[0]['text/html'] as string, /DecompressionStream/);
  assert.doesNotMatch(outputs[1]['text/html'] as string, /DecompressionStream/);
});

test('bad figures are refused with the trace and position named', () => {
  assert.throws(
    () => figureBundle({ data: [] }, { includeLibrary: false }),
    (e: unknown) =>
      e instanceof InputError && /figure\.data must be a non-empty array/.test(e.message),
  );
  assert.throws(
    () =>
      figureBundle(
        { data: [{ type: 'scatter', x: [1, 2], y: [1, NaN] }] },
        { includeLibrary: false },
      ),
    (e: unknown) =>
      e instanceof InputError &&
      /figure\.data\[0\]\.y\[1\] must be finite, got NaN/.test(e.message),
  );
});

test('builders: one trace per group / series, and length checks', () => {
  const scatter = scatterByGroup(
    { x: [1, 2, 3], y: [4, 5, 6], groups: ['{0,1}', '{1,1}', '{0,1}'] },
    { title: 't' },
  );
  assert.deepEqual(
    scatter.data.map((t) => [(t as { name: string }).name, (t as { x: number[] }).x]),
    [
      ['{1,1}', [2]],
      ['{0,1}', [1, 3]],
    ],
  );
  const bars = groupedBars(['a', 'b'], [{ name: 's', values: [0.1, 0.2] }], {
    title: 't',
    referenceY: 0.5,
  });
  assert.equal(bars.layout?.barmode, 'group');
  assert.equal(bars.layout?.shapes?.length, 1);
  const lines = lineChart([1, 2], [{ name: 'l', values: [1, 10] }], { title: 't', logY: true });
  assert.equal(lines.layout?.yaxis?.type, 'log');
  assert.throws(
    () => groupedBars(['a'], [{ name: 's', values: [1, 2] }], { title: 't' }),
    (e: unknown) =>
      e instanceof InputError && /series "s" has 2 values for 1 categories/.test(e.message),
  );
  assert.throws(
    () => scatterByGroup({ x: [1], y: [1, 2], groups: ['a'] }, { title: 't' }),
    (e: unknown) => e instanceof InputError && /one length, got 1, 2 and 1/.test(e.message),
  );
});
