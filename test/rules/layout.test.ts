/**
 * The layout rules, read from the imports themselves: dependencies point one way (lessons ->
 * notebook / eval -> core), a lesson module stands alone, every lesson notebook has its lesson
 * module of the same name and the reverse, and the library never reaches into scripts/ or test/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import {
  fileModuleReferences,
  isInside,
  lessonNotebooks,
  repoPath,
  resolveSpecifier,
  typeScriptFiles,
  type ModuleReference,
} from '../support/imports';

const ROOT = join(__dirname, '..', '..');
const LESSON_MODULE = /^\d{2}-[^/]+\.ts$/;

function referenceText(ref: ModuleReference): string {
  const s = `'${ref.specifier}'`;
  switch (ref.kind) {
    case 'import':
      return `import ... from ${s}`;
    case 'export-from':
      return `export ... from ${s}`;
    case 'require':
      return `require(${s})`;
    case 'dynamic-import':
      return `import(${s})`;
    case 'import-equals':
      return `import ... = require(${s})`;
  }
}

/** Every break of the layout rules under `root`, one readable line each (empty when none). */
function layoutViolations(root: string): string[] {
  const at = (path: string) => join(root, path);
  const problems: string[] = [];
  const references = (file: string) =>
    fileModuleReferences(file).flatMap((ref) => {
      const target = resolveSpecifier(dirname(file), ref.specifier);
      return target === null ? [] : [{ ref, target }];
    });
  const where = (file: string, ref: ModuleReference, target: string) =>
    `${repoPath(root, file)}:${ref.line} ${referenceText(ref)} (${repoPath(root, target)})`;

  const forbidden = ['src/notebook', 'src/lessons', 'scripts', 'test'];
  for (const layer of ['src/core', 'src/eval']) {
    for (const file of typeScriptFiles(at(layer))) {
      for (const { ref, target } of references(file)) {
        const area = forbidden.find((dir) => isInside(target, at(dir)));
        if (area)
          problems.push(`${layer} must not import from ${area}: ${where(file, ref, target)}`);
      }
    }
  }

  const lessonModules = typeScriptFiles(at('src/lessons'));
  for (const file of lessonModules) {
    for (const { ref, target } of references(file)) {
      if (target !== file && isInside(target, at('src/lessons')))
        problems.push(`a lesson module must not import another: ${where(file, ref, target)}`);
    }
  }

  const notebooks = lessonNotebooks(root).map((path) => basename(path));
  const moduleNames = new Set(
    lessonModules.filter((f) => dirname(f) === at('src/lessons')).map((f) => basename(f)),
  );
  for (const name of notebooks) {
    const module = name.replace(/\.ipynb$/, '.ts');
    if (!moduleNames.has(module))
      problems.push(`notebooks/${name} has no lesson module src/lessons/${module}`);
  }
  const notebookNames = new Set(notebooks);
  for (const file of lessonModules) {
    const notebook = basename(file).replace(/\.ts$/, '.ipynb');
    if (dirname(file) !== at('src/lessons') || !LESSON_MODULE.test(basename(file)))
      problems.push(`${repoPath(root, file)} is not a lesson module src/lessons/NN-name.ts`);
    else if (!notebookNames.has(notebook))
      problems.push(`${repoPath(root, file)} has no notebook notebooks/${notebook}`);
  }
  return problems;
}

function assertNoViolations(problems: string[]): void {
  if (problems.length > 0)
    assert.fail(`${problems.length} layout rule violation(s):\n  ${problems.join('\n  ')}`);
}

test('the source tree follows the layout rules', () => {
  // A wrong root would find nothing to break the rules.
  for (const dir of ['src/core', 'src/eval', 'src/notebook', 'src/lessons'])
    assert.ok(typeScriptFiles(join(ROOT, dir)).length > 0, `${dir} holds TypeScript files`);
  assertNoViolations(layoutViolations(ROOT));
});

test('the layout rules catch each kind of violation, naming the file and the import', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'layout-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'src/core/a.ts',
    [
      "import * as tf from '@tensorflow/tfjs';",
      'import {',
      '  chart,',
      "} from '../notebook/charts';",
      "const env = require('../../scripts/lib/env');",
      "export { one } from '../lessons/01-one';",
      "// import { claim } from '../notebook/claims';",
      'const text = "require(\'../lessons/02-two\')";',
    ].join('\n'),
  );
  write(
    'src/eval/deep/m.ts',
    [
      "import type { NumberTree } from '../../../test/support/close';",
      "export const later = () => import('../../lessons');",
      "import { b } from '../../core/a';",
    ].join('\n'),
  );
  write('src/notebook/charts.ts', "import { a } from '../core/a';\nexport const chart = 1;");
  write('src/lessons/01-one.ts', "import { two } from './02-two';\nexport const one = 1;");
  write(
    'src/lessons/02-two.ts',
    "import { chart } from '../notebook/charts';\nexport const two = 2;",
  );
  write('src/lessons/03-orphan.ts', 'export const three = 3;');
  write('src/lessons/shared.ts', "import { one } from './01-one';");
  write('scripts/lib/env.ts', "import { two } from '../../src/lessons/02-two';");
  for (const name of ['01-one', '02-two', '04-missing', 'notes'])
    write(`notebooks/${name}.ipynb`, '{"cells": []}');

  assert.deepEqual(layoutViolations(root), [
    'src/core must not import from src/notebook: src/core/a.ts:2 ' +
      "import ... from '../notebook/charts' (src/notebook/charts.ts)",
    'src/core must not import from scripts: src/core/a.ts:5 ' +
      "require('../../scripts/lib/env') (scripts/lib/env.ts)",
    'src/core must not import from src/lessons: src/core/a.ts:6 ' +
      "export ... from '../lessons/01-one' (src/lessons/01-one.ts)",
    'src/eval must not import from test: src/eval/deep/m.ts:1 ' +
      "import ... from '../../../test/support/close' (test/support/close)",
    "src/eval must not import from src/lessons: src/eval/deep/m.ts:2 import('../../lessons') " +
      '(src/lessons)',
    'a lesson module must not import another: src/lessons/01-one.ts:1 ' +
      "import ... from './02-two' (src/lessons/02-two.ts)",
    'a lesson module must not import another: src/lessons/shared.ts:1 ' +
      "import ... from './01-one' (src/lessons/01-one.ts)",
    'notebooks/04-missing.ipynb has no lesson module src/lessons/04-missing.ts',
    'src/lessons/03-orphan.ts has no notebook notebooks/03-orphan.ipynb',
    'src/lessons/shared.ts is not a lesson module src/lessons/NN-name.ts',
  ]);
});

test('tests are filed by kind: unit tests run in process, nothing lies loose in test/', () => {
  const TEST = join(ROOT, 'test');
  const loose = readdirSync(TEST).filter((f) => f.endsWith('.test.ts'));
  assert.deepEqual(loose, [], 'test files belong in test/unit, test/rules or test/integration');
  // The fast loop stays fast: a unit test that needs Jupyter, a kernel or the runner is an
  // integration test.
  const unit = join(TEST, 'unit');
  const outOfProcess = readdirSync(unit)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => /scripts\/lib\/|jupyter|tslab/.test(readFileSync(join(unit, f), 'utf8')));
  assert.deepEqual(outOfProcess, [], 'unit tests that reach Jupyter, tslab or the scripts');
});
