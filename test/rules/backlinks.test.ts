/**
 * The back-links in the library's JSDoc agree with the notebooks: every export of src/ that a
 * lesson notebook imports carries one line `Used in lessons: 01, 02.` listing exactly the lessons
 * whose notebook imports it, and an export no notebook imports carries none. The truth is read
 * from the notebooks' import statements, so a lesson that starts or stops using an export makes
 * this test fail until the comment follows.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';
import {
  lessonNotebooks,
  lessonNumber,
  notebookImports,
  repoPath,
  resolveSpecifier,
  typeScriptFiles,
} from '../support/imports';

const ROOT = join(__dirname, '..', '..');
const BACKLINK = /^Used in lessons: (\d{2}(?:, \d{2})*)\.$/;

/** The back-link line for a set of lessons, as it must be written. */
function backlinkLine(lessons: Iterable<string>): string {
  return `Used in lessons: ${[...lessons].sort().join(', ')}.`;
}

interface ExportedDeclaration {
  name: string;
  /** 1-based line of the declaration (of its first one, for overloads). */
  line: number;
  /** The JSDoc comments of the declaration (several for overloads). */
  docs: string[];
}

/** The JSDoc comment right before a statement, if any (the last `/** ... *\/` before it). */
function jsDocOf(text: string, node: ts.Node): string[] {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const docs = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
  return docs.slice(-1);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))
    return statement.name ? [statement.name.text] : [];
  if (
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name))
  )
    return [statement.name.text];
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  return [];
}

/**
 * The exported declarations of a module with their JSDoc. `export { a as b }` takes the JSDoc of
 * the local `a` (and of the export statement); `export ... from` is reported as a problem, since
 * the declaration it names lives, and is documented, elsewhere.
 */
function exportedDeclarations(
  root: string,
  path: string,
): { exports: ExportedDeclaration[]; problems: string[] } {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const lineOf = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const locals = new Map<string, string[]>();
  for (const statement of source.statements) {
    for (const name of declaredNames(statement))
      locals.set(name, [...(locals.get(name) ?? []), ...jsDocOf(text, statement)]);
  }
  const byName = new Map<string, ExportedDeclaration>();
  const add = (name: string, node: ts.Node, docs: string[]) => {
    const known = byName.get(name);
    if (known) known.docs.push(...docs);
    else byName.set(name, { name, line: lineOf(node), docs: [...docs] });
  };
  const problems: string[] = [];
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const has = (kind: ts.SyntaxKind) => modifiers.some((m) => m.kind === kind);
    if (has(ts.SyntaxKind.ExportKeyword)) {
      const names = has(ts.SyntaxKind.DefaultKeyword) ? ['default'] : declaredNames(statement);
      for (const name of names) add(name, statement, jsDocOf(text, statement));
    } else if (ts.isExportAssignment(statement)) {
      add('default', statement, jsDocOf(text, statement));
    } else if (ts.isExportDeclaration(statement)) {
      // An index.ts re-exports its folder's modules (the back-links stay at the declarations,
      // followed by declaringFile); elsewhere a re-export would hide where a name lives.
      if (statement.moduleSpecifier && basename(path) !== 'index.ts') {
        problems.push(
          `${repoPath(root, path)}:${lineOf(statement)} re-exports from ` +
            `${statement.moduleSpecifier.getText(source)}: export declarations where they are ` +
            'declared, so that their JSDoc carries the back-links',
        );
      } else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const e of statement.exportClause.elements) {
          const local = (e.propertyName ?? e.name).text;
          add(e.name.text, statement, [...jsDocOf(text, statement), ...(locals.get(local) ?? [])]);
        }
      }
    }
  }
  return { exports: [...byName.values()], problems };
}

/**
 * The lessons named by the back-link line of some JSDoc comments (null when there is none), and
 * what is wrong with the way they are written.
 */
function readBacklinks(docs: string[]): { lessons: string[] | null; problems: string[] } {
  const problems: string[] = [];
  let lessons: string[] | null = null;
  for (const doc of docs) {
    let afterTag = false;
    const lines = doc
      .slice(3, -2)
      .split('\n')
      .map((line) => line.replace(/^\s*\*?/, '').trim());
    for (const line of lines) {
      if (line.startsWith('@')) afterTag = true;
      if (/Introduced in lesson/i.test(line)) {
        problems.push(`has a stale "Introduced in lesson" line: ${JSON.stringify(line)}`);
        continue;
      }
      if (!/Used in lessons?\b/i.test(line)) continue;
      const match = BACKLINK.exec(line);
      if (!match) {
        problems.push(
          `has a back-link that is not a line of its own of the form "Used in lessons: 01, 02.": ` +
            JSON.stringify(line),
        );
        continue;
      }
      const listed = match[1].split(', ');
      if (line !== backlinkLine(new Set(listed)))
        problems.push(`lists its lessons out of order or twice: ${JSON.stringify(line)}`);
      if (afterTag)
        problems.push(
          `has its back-link after a block tag, where it reads as part of that tag: ` +
            JSON.stringify(line),
        );
      if (lessons !== null) problems.push('has more than one back-link line');
      lessons = [...(lessons ?? []), ...listed];
    }
  }
  return { lessons, problems };
}

/**
 * The file that declares `name` for an importer of `file`: `file` itself, or, when `file` (an
 * index) re-exports it with `export { name } from './x'`, the file that declares it there.
 */
function declaringFile(file: string, name: string): string {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) continue;
    const clause = statement.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) continue;
    if (!clause.elements.some((e) => e.name.text === name)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const target = resolveSpecifier(dirname(file), specifier);
    if (target !== null && target.endsWith('.ts')) return declaringFile(target, name);
  }
  return file;
}

/**
 * Which lessons import each export of src/: file -> export name -> lesson numbers, from the
 * static imports of every `notebooks/NN-*.ipynb`. The kernel runs in the project root
 * (scripts/tslab-kernel.js) and notebooks import the library compiled, so a notebook's
 * `./lib/core/x` is `<root>/src/core/x.ts`; importing `./src/...` itself is a problem.
 */
function lessonsImporting(root: string): {
  uses: Map<string, Map<string, Set<string>>>;
  problems: string[];
} {
  const uses = new Map<string, Map<string, Set<string>>>();
  const problems: string[] = [];
  for (const notebook of lessonNotebooks(root)) {
    const lesson = lessonNumber(notebook);
    for (const imp of notebookImports(notebook)) {
      const where = `${repoPath(root, notebook)} cell ${imp.cell + 1}`;
      const [, dir, rest] = /^\.\/(src|lib)\/(.*)$/.exec(imp.specifier) ?? [];
      if (dir === 'src')
        problems.push(
          `${where} imports '${imp.specifier}': notebooks import the compiled library, ` +
            `'./lib/${rest}'`,
        );
      if (dir !== 'lib') continue;
      const target = resolveSpecifier(root, `./src/${rest}`) ?? '';
      if (!target.endsWith('.ts')) {
        problems.push(
          `${where} imports '${imp.specifier}', which has no TypeScript source in src/`,
        );
        continue;
      }
      if (imp.wholeModule)
        problems.push(
          `${where} imports the whole of '${imp.specifier}': import names ({ a, b }) ` +
            'so that the back-links can be derived',
        );
      for (const name of imp.names) {
        const source = declaringFile(target, name);
        const names = uses.get(source) ?? new Map<string, Set<string>>();
        uses.set(source, names);
        names.set(name, (names.get(name) ?? new Set()).add(lesson));
      }
    }
  }
  return { uses, problems };
}

/** Every disagreement between the back-links under `root/src` and the notebooks' imports. */
function backlinkProblems(root: string): string[] {
  const { uses, problems } = lessonsImporting(root);
  for (const file of typeScriptFiles(join(root, 'src'))) {
    const { exports, problems: exportProblems } = exportedDeclarations(root, file);
    problems.push(...exportProblems);
    const used = uses.get(file) ?? new Map<string, Set<string>>();
    for (const declaration of exports) {
      const where = `${repoPath(root, file)}:${declaration.line} ${declaration.name}`;
      const { lessons, problems: formProblems } = readBacklinks(declaration.docs);
      problems.push(...formProblems.map((p) => `${where} ${p}`));
      if (formProblems.length > 0) continue;
      const truth = used.get(declaration.name) ?? new Set<string>();
      if (truth.size > 0 && lessons === null) {
        problems.push(`${where} is imported by lessons but has no line "${backlinkLine(truth)}"`);
      } else if (truth.size === 0 && lessons !== null) {
        problems.push(
          `${where} is imported by no notebook but says "${backlinkLine(lessons)}": remove it`,
        );
      } else if (lessons !== null && backlinkLine(lessons) !== backlinkLine(truth)) {
        problems.push(
          `${where} says "${backlinkLine(lessons)}" but the notebooks say "${backlinkLine(truth)}"`,
        );
      }
    }
    for (const [name, lessons] of used) {
      if (!exports.some((d) => d.name === name))
        problems.push(
          `lessons ${[...lessons].sort().join(', ')} import ${name} from ` +
            `${repoPath(root, file)}, which does not export it`,
        );
    }
  }
  return problems;
}

test('every export of src/ lists exactly the lessons whose notebooks import it', () => {
  // A wrong root would find no imports and no exports, and so nothing to disagree with.
  assert.ok(lessonNotebooks(ROOT).length > 0, 'lesson notebooks found');
  assert.ok(lessonsImporting(ROOT).uses.size > 0, 'notebooks import the library');
  const problems = backlinkProblems(ROOT);
  if (problems.length > 0)
    assert.fail(`${problems.length} back-link problem(s):\n  ${problems.join('\n  ')}`);
});

test('the back-link check reports each kind of disagreement', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'backlinks-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const notebook = (cells: [string, string][]) =>
    JSON.stringify({
      cells: cells.map(([type, source]) => ({
        cell_type: type,
        source: source.split(/(?<=\n)/),
      })),
    });
  write(
    'notebooks/01-first.ipynb',
    notebook([
      ['markdown', "import { C } from './lib/core/x';"],
      [
        'code',
        "import * as tf from '@tensorflow/tfjs';\n" +
          "import {\n  a,\n  b as bee,\n} from './lib/core/x';",
      ],
    ]),
  );
  write(
    'notebooks/02-second.ipynb',
    notebook([
      ['code', "import { a, E, F, g, zzz } from './lib/core/x';\nawait Promise.resolve();"],
      ['code', "import * as x from './lib/core/x';\nimport { q } from './lib/core/missing';"],
      ['code', "import { y } from './src/core/y';"],
    ]),
  );
  write('notebooks/notes.ipynb', notebook([['code', "import { C } from './lib/core/x';"]]));
  write(
    'src/core/x.ts',
    [
      '/** The module. */',
      "import { y } from './y';",
      '/**',
      ' * A, used by both.',
      ' * Used in lessons: 01, 02.',
      ' * @throws never',
      ' */',
      'export function a(): number;',
      'export function a(): number { return y; }',
      '/** B, without a back-link. */',
      'export const b = 2;',
      '/**',
      ' * C, imported by no lesson.',
      ' * Used in lessons: 01.',
      ' */',
      'export interface C { v: number }',
      '/**',
      ' * D, with the old form.',
      ' * Introduced in lesson 01.',
      ' */',
      'export type D = number;',
      '/**',
      ' * E, with the line after a tag.',
      ' * @throws never',
      ' * Used in lessons: 02.',
      ' */',
      'export class E {}',
      '/** F, inline. Used in lessons: 02. */',
      'export enum F { A }',
      '/**',
      ' * G, listed in an export clause, lessons out of order.',
      ' * Used in lessons: 02, 01.',
      ' */',
      'const g = 1;',
      'export { g };',
      "export { h } from './y';",
      '/**',
      ' * Wrong lessons.',
      ' * Used in lessons: 01.',
      ' */',
      'export const wrong = 1, unused = 2;',
    ].join('\n'),
  );
  write('src/core/y.ts', 'export const y = 1;\nexport const h = 2;');
  write('notebooks/03-third.ipynb', notebook([['code', "import { wrong } from './lib/core/x';"]]));

  assert.deepEqual(backlinkProblems(root), [
    "notebooks/02-second.ipynb cell 2 imports the whole of './lib/core/x': " +
      'import names ({ a, b }) so that the back-links can be derived',
    "notebooks/02-second.ipynb cell 2 imports './lib/core/missing', which has no TypeScript " +
      'source in src/',
    "notebooks/02-second.ipynb cell 3 imports './src/core/y': notebooks import the compiled " +
      "library, './lib/core/y'",
    "src/core/x.ts:36 re-exports from './y': export declarations where they are declared, " +
      'so that their JSDoc carries the back-links',
    'src/core/x.ts:11 b is imported by lessons but has no line "Used in lessons: 01."',
    'src/core/x.ts:16 C is imported by no notebook but says "Used in lessons: 01.": remove it',
    'src/core/x.ts:21 D has a stale "Introduced in lesson" line: "Introduced in lesson 01."',
    'src/core/x.ts:27 E has its back-link after a block tag, where it reads as part of that ' +
      'tag: "Used in lessons: 02."',
    'src/core/x.ts:29 F has a back-link that is not a line of its own of the form ' +
      '"Used in lessons: 01, 02.": "F, inline. Used in lessons: 02."',
    'src/core/x.ts:35 g lists its lessons out of order or twice: "Used in lessons: 02, 01."',
    'src/core/x.ts:41 wrong says "Used in lessons: 01." but the notebooks say ' +
      '"Used in lessons: 03."',
    'src/core/x.ts:41 unused is imported by no notebook but says "Used in lessons: 01.": remove it',
    'lessons 02 import zzz from src/core/x.ts, which does not export it',
  ]);
});
