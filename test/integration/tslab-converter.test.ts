/**
 * The kernel's converter (scripts/tslab-converter.js) finds the names a cell declares without
 * tslab's first program rebuild. It must change nothing but time: every code cell of every lesson,
 * and cells that fail, redeclare, re-run or are JavaScript, convert to the same JavaScript,
 * declarations, diagnostics and flags as with tslab's own converter.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ConverterOptions, createConverter } from 'tslab/dist/converter';
import { ROOT } from '../../scripts/lib/env';
import { readNotebook, text } from '../../scripts/lib/notebook-json';
import { sourceNotebooks } from '../../scripts/lib/notebook-clean';
import { compileConverter, CONVERTER, singleRebuildSource } from '../../scripts/tslab-converter';

type Converter = ReturnType<typeof createConverter>;
type Variant = (options?: ConverterOptions) => Converter;

/** tslab's `createConverter` from a converter module compiled from `source`. */
function converterFrom(source: string): Variant {
  return (compileConverter(source).exports as { createConverter: Variant }).createConverter;
}

const ORIGINAL_SOURCE = readFileSync(CONVERTER, 'utf8');

/** Converters watch files; closing them lets the test process end. */
const opened: Converter[] = [];
after(() => opened.forEach((c) => c.close()));

function make(source: string, options?: ConverterOptions): Converter {
  const converter = converterFrom(source)(options);
  opened.push(converter);
  return converter;
}

const PATCHED_SOURCE = singleRebuildSource(ORIGINAL_SOURCE) ?? ORIGINAL_SOURCE;

/**
 * Runs cells through one converter as tslab's executor does: a cell's declarations become the
 * next cell's `prevDecl` only when it converts without diagnostics.
 */
function convertAll(converter: Converter, cells: string[]): string[] {
  let prevDecl = '';
  return cells.map((src) => {
    const r = converter.convert(prevDecl, src);
    if (r.diagnostics.length === 0) prevDecl = r.declOutput ?? '';
    return JSON.stringify(r);
  });
}

function codeCells(path: string): string[] {
  return readNotebook(path)
    .cells.filter((c) => c.cell_type === 'code')
    .map((c) => text(c.source));
}

test('the one-rebuild patch applies to the installed tslab, once', () => {
  const patched = singleRebuildSource(ORIGINAL_SOURCE);
  assert.ok(patched !== undefined, 'tslab converter is not the text the patch expects');
  assert.equal(singleRebuildSource(patched), undefined, 'the patched text must not match again');
  assert.equal(
    singleRebuildSource(ORIGINAL_SOURCE.replace('if (keys.size > 0)', 'if (1)')),
    undefined,
  );
});

test('edge cells convert exactly as with tslab: errors, redeclarations, re-runs, types', () => {
  const cells = [
    'const a = 1;\nlet b: number = a + 1;',
    'const broken = ;', // syntax error
    'const wrong: string = 3;', // type error: the declarations stay those of cell 1
    'a + b', // last expression, no declarations
    'const a = "again";\nfunction f(x: number) { return x * 2; }\nclass C { y = f(2); }',
    'const a = "again";\nfunction f(x: number) { return x * 2; }\nclass C { y = f(2); }',
    'interface P { q: number }\ntype R = P[];\nenum E { X }\nnamespace N { export const z = 2; }',
    'const { u, v: [w] } = { u: 1, v: [2] };\nvar old = u + w;\nconst r: R = [{ q: E.X }];',
    "import { join } from 'node:path';\nimport * as fs from 'node:fs';\nconst p = join('x', 'y');",
    'const t = await Promise.resolve(N.z);\nt',
    'for (let i = 0; i < 2; i++) { const inner = i; }\n{ let block = 1; }',
    '// only a comment',
    'export const exported = 1;',
  ];
  const original = convertAll(make(ORIGINAL_SOURCE), cells);
  const patched = convertAll(make(PATCHED_SOURCE), cells);
  assert.ok(
    original.some((r) => r.includes('"diagnostics":[{')),
    'some cells must fail',
  );
  assert.deepEqual(patched, original);
});

test('JavaScript cells (jslab) convert exactly as with tslab', () => {
  const cells = [
    '/** @typedef {{ q: number }} P */\n/** @type {P} */\nconst p = { q: 1 };',
    'const { q } = p;\nfunction g() { return q; }\ng()',
    'let n = 1;\nn = "x";',
  ];
  const options = { isJS: true };
  const original = convertAll(make(ORIGINAL_SOURCE, options), cells);
  const patched = convertAll(make(PATCHED_SOURCE, options), cells);
  assert.deepEqual(patched, original);
});

test('every lesson cell converts exactly as with tslab', { timeout: 300_000 }, () => {
  const notebooks = sourceNotebooks();
  assert.ok(notebooks.length >= 6);
  const original = make(ORIGINAL_SOURCE);
  const patched = make(PATCHED_SOURCE);
  for (const path of notebooks) {
    const cells = codeCells(path);
    const expected = convertAll(original, cells);
    const got = convertAll(patched, cells);
    expected.forEach((r, i) => {
      assert.equal(got[i], r, `${path}, code cell ${i + 1}`);
      assert.match(r, /"diagnostics":\[\]/, `${path}, code cell ${i + 1} should convert cleanly`);
    });
  }
});

test('the kernel launcher runs tslab with the one-rebuild converter', (t) => {
  // A preload reports, as the launched process exits, which converter tslab's modules loaded.
  const dir = mkdtempSync(join(tmpdir(), 'tslab-converter-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const preload = join(dir, 'report.js');
  writeFileSync(
    preload,
    `process.on('exit', () => {
      const loaded = require.cache[${JSON.stringify(CONVERTER)}];
      const source = loaded ? String(loaded.exports.createConverter) : 'not loaded';
      process.stderr.write('one rebuild: ' + source.includes('ts.bindSourceFile') + '\\n');
    });`,
  );
  const launcher = join(ROOT, 'scripts', 'tslab-kernel.js');
  const run = spawnSync(process.execPath, ['-r', preload, launcher, '--version'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^tslab \d/);
  assert.match(run.stderr, /one rebuild: true/);
});
