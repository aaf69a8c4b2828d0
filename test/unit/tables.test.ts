import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataFrame } from 'danfojs-node';
import { dataFrameHtml, showTable, tableBundle } from '../../src/notebook/tables';
import { setDisplaySink, type MimeBundle } from '../../src/notebook/display';
import { InputError } from '../../src/core/validate';

test('a DataFrame becomes an HTML table with its index, columns and formatted numbers', () => {
  const df = new DataFrame({ name: ['<b>', 'y'], value: [0.123456789, 2] });
  const html = dataFrameHtml(df, { precision: 3, caption: 'C & D' });
  assert.match(html, /<table class="dataframe"/);
  assert.match(html, /<caption>C &amp; D<\/caption>/);
  assert.match(html, /<th>name<\/th><th>value<\/th>/);
  assert.match(html, /<tr><th>0<\/th><td>&lt;b&gt;<\/td><td>0\.123<\/td><\/tr>/);
  assert.match(html, /<tr><th>1<\/th><td>y<\/td><td>2<\/td><\/tr>/);
});

test('long frames show the first and last rows around an ellipsis, and the size', () => {
  const df = new DataFrame({ i: Array.from({ length: 50 }, (_, k) => k) });
  const html = dataFrameHtml(df, { maxRows: 4 });
  assert.equal((html.match(/<tr>/g) ?? []).length, 5);
  assert.match(html, /<td>1<\/td>.*<td>\.\.\.<\/td>.*<td>48<\/td>/);
  assert.match(html, /50 rows × 1 columns/);
});

test("arrays of rows are tables too; the plain-text part is danfo's own rendering", () => {
  const bundle = tableBundle([{ metric: 'F1', score: 0.5 }]);
  assert.match(bundle['text/html'] as string, /<td>F1<\/td><td>0\.5<\/td>/);
  assert.match(bundle['text/plain'] as string, /║.*metric.*score/);
  const outputs: MimeBundle[] = [];
  const previous = setDisplaySink((b) => void outputs.push(b));
  try {
    showTable([{ a: 1 }]);
  } finally {
    setDisplaySink(previous);
  }
  assert.deepEqual(Object.keys(outputs[0]).sort(), ['text/html', 'text/plain']);
});

test('empty tables are refused', () => {
  assert.throws(
    () => tableBundle([]),
    (e: unknown) => e instanceof InputError && /non-empty array of row objects/.test(e.message),
  );
  assert.throws(
    () => tableBundle([1 as unknown as object]),
    (e: unknown) => e instanceof InputError && /row 0 must be an object/.test(e.message),
  );
});

test('rows are read by column name, whatever the order of their keys', () => {
  const html = dataFrameHtml([
    { a: 1, b: 2 },
    { b: 3, a: 4 },
  ]);
  assert.match(html, /<tr><th>1<\/th><td>4<\/td><td>3<\/td><\/tr>/);
});

test('rows with other columns than the first are refused, naming the row and the columns', () => {
  assert.throws(
    () => tableBundle([{ a: 1, b: 2 }, { a: 3 }]),
    (e: unknown) => e instanceof InputError && /row 1 .*missing b/.test(e.message),
  );
  assert.throws(
    () => tableBundle([{ a: 1 }, { a: 3, c: 4 }]),
    (e: unknown) => e instanceof InputError && /row 1 .*extra c/.test(e.message),
  );
});
