/**
 * The notebooks import the library compiled into lib/: it is rebuilt exactly when a source
 * changed (by content, not by time), a failed compile keeps the old lib/, and a lesson refuses
 * to start on a lib/ that is behind src/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type * as TypeScript from '@tslab/typescript-for-tslab';
import { ensureLibrary } from '../../scripts/lib/library';
import { assertLibraryCurrent, libraryDrift } from '../../src/notebook/compiled-library';

const ROOT = join(__dirname, '..', '..');

/** A project of its own in a temporary directory, with the repository's node_modules. */
function project(t: { after: (fn: () => void) => void }): {
  root: string;
  write: (path: string, text: string) => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'compiled-library-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  return { root, write };
}

test('lib/ is compiled when missing or behind src/, and only then', (t) => {
  const { root, write } = project(t);
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'CommonJS', strict: true, types: [] },
    }),
  );
  write(
    'tsconfig.lib.json',
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { declaration: true, rootDir: 'src', outDir: 'lib' },
      include: ['src/**/*.ts'],
    }),
  );
  write('src/core/a.ts', 'export const a: number = 1;\n');
  write('src/notebook/b.ts', "import { a } from '../core/a';\nexport const b = a + 1;\n");
  assert.deepEqual(libraryDrift(root), ['lib/ has not been built']);

  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  assert.equal(ensureLibrary(root, log), true);
  assert.deepEqual(lines, ['compiling src/ into lib/ (lib/ has not been built)']);
  assert.match(readFileSync(join(root, 'lib/notebook/b.js'), 'utf8'), /a \+ 1/);
  assert.match(readFileSync(join(root, 'lib/core/a.d.ts'), 'utf8'), /a: number/);
  assert.deepEqual(libraryDrift(root), []);
  assert.equal(ensureLibrary(root, log), false, 'current: nothing to do');
  assert.equal(lines.length, 1);

  // A newer time with the same content is no change.
  utimesSync(join(root, 'src/core/a.ts'), new Date(), new Date(Date.now() + 60_000));
  assert.deepEqual(libraryDrift(root), []);

  write('src/core/a.ts', 'export const a: number = 2;\n');
  assert.deepEqual(libraryDrift(root), ['src/core/a.ts changed']);
  assert.throws(
    () => assertLibraryCurrent(root),
    /lib\/ is out of date \(src\/core\/a\.ts changed\): run `npm run build`, then restart/,
  );

  rmSync(join(root, 'src/notebook/b.ts'));
  write('src/core/c.ts', 'export const c = 3;\n');
  assert.deepEqual(libraryDrift(root), [
    'src/core/a.ts changed',
    'src/core/c.ts added',
    'src/notebook/b.ts removed',
  ]);
  assert.equal(ensureLibrary(root, log), true);
  assert.equal(lines[1], 'compiling src/ into lib/ (3 source files differ)');
  assert.ok(!existsSync(join(root, 'lib/notebook/b.js')), 'a removed module leaves no output');
  assert.match(readFileSync(join(root, 'lib/core/a.js'), 'utf8'), /a = 2/);
  assert.ok(existsSync(join(root, 'lib/core/c.js')));
  assert.doesNotThrow(() => assertLibraryCurrent(root));

  // A type error: tsc's message, and the last good lib/ stays.
  write('src/core/a.ts', "export const a: number = 'two';\n");
  assert.throws(
    () => ensureLibrary(root, log),
    /compiling src\/ failed \(tsc -p tsconfig\.lib\.json, exit code 2\):\n.*a\.ts.*TS2322/s,
  );
  assert.match(readFileSync(join(root, 'lib/core/a.js'), 'utf8'), /a = 2/);
  assert.deepEqual(
    readdirSync(root).filter((f) => f.startsWith('lib.')),
    [],
    'no staging directory left',
  );
  assert.deepEqual(libraryDrift(root), ['src/core/a.ts changed'], 'still behind: tried again');
});

test('a lesson started from a lib/ behind src/ stops and says what to run', (t) => {
  // The project's own lib/ and src/, copied so that the copy's source can change.
  ensureLibrary(ROOT, () => {});
  const { root } = project(t);
  for (const part of ['src', 'lib', 'tsconfig.json', 'tsconfig.lib.json'])
    cpSync(join(ROOT, part), join(root, part), { recursive: true });
  const start = (): string => {
    const script =
      `require(${JSON.stringify(join(root, 'lib/notebook/lesson.js'))})` +
      '.startLesson({ seed: 0 }).then(() => console.log("started"), ' +
      '(e) => console.log(e.message));';
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`.trim();
  };
  assert.match(start(), /seed 0\nstarted$/, 'a current lib/ starts');
  const source = join(root, 'src/core/labels.ts');
  writeFileSync(source, readFileSync(source, 'utf8') + '\n// edited\n');
  assert.equal(
    start(),
    'the compiled library in lib/ is out of date (src/core/labels.ts changed): ' +
      'run `npm run build`, then restart the kernel',
  );
});

test("tslab's own TypeScript reads every declaration file of lib/ without an error", () => {
  // lib/ is compiled by the project's TypeScript, and read in the kernel by tslab's older one:
  // a declaration it cannot parse or resolve would silently turn the library's types into any.
  ensureLibrary(ROOT, () => {});
  // The TypeScript that tslab itself loads (a dependency of tslab's, not of the project's).
  const fromTslab = createRequire(require.resolve('tslab/package.json'));
  const ts = fromTslab('@tslab/typescript-for-tslab') as typeof TypeScript;
  const files = readdirSync(join(ROOT, 'lib'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => join(ROOT, 'lib', f));
  assert.ok(files.length >= 30, `${files.length} declaration files`);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    types: ['node'],
    noEmit: true,
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName.startsWith(join(ROOT, 'lib')))
    .map(
      (d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
  assert.deepEqual(problems, []);
});
