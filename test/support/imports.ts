/**
 * Reading imports with the TypeScript parser rather than regular expressions, so that imports
 * split over several lines, aliases (`a as b`), type-only imports and comments are all read the
 * way the compiler reads them. Used by the rule tests (layout, back-links).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import { readNotebook, text } from '../../scripts/lib/notebook-json';
import { findNotebooks } from '../../scripts/lib/runner';

/** One reference from a source file to another module. */
export interface ModuleReference {
  /** The module specifier as written, e.g. `'../core/validate'`. */
  specifier: string;
  /** How the reference is made. */
  kind: 'import' | 'export-from' | 'require' | 'dynamic-import' | 'import-equals';
  /** 1-based line of the reference. */
  line: number;
}

/** Names a notebook cell imports from one module. */
export interface NotebookImport {
  /** The module specifier as written, e.g. `'./src/core/labels'`. */
  specifier: string;
  /** Exported names the cell imports (the name in the module, not a local alias). */
  names: string[];
  /** True for `import * as m` or a default import, whose used exports cannot be read off. */
  wholeModule: boolean;
  /** 0-based index of the cell in the notebook. */
  cell: number;
}

function stringArgument(node: ts.CallExpression): string | null {
  const [first] = node.arguments;
  return node.arguments.length === 1 && first && ts.isStringLiteralLike(first) ? first.text : null;
}

/**
 * Every module reference in TypeScript or JavaScript source: static `import ... from` and
 * side-effect imports, `export ... from`, `import x = require(...)`, `require('...')` and
 * `import('...')` with a string literal. Calls whose argument is not a literal are skipped: they
 * name their module only at run time.
 */
export function moduleReferences(code: string, fileName = 'source.ts'): ModuleReference[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: ModuleReference[] = [];
  const add = (specifier: string, kind: ModuleReference['kind'], node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ specifier, kind, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, 'import', node);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteralLike(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, 'export-from', node);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteralLike(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression.text, 'import-equals', node);
    } else if (ts.isCallExpression(node)) {
      const specifier = stringArgument(node);
      if (specifier !== null) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          add(specifier, 'dynamic-import', node);
        } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
          add(specifier, 'require', node);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The module references of a file on disk (see {@link moduleReferences}). */
export function fileModuleReferences(path: string): ModuleReference[] {
  return moduleReferences(readFileSync(path, 'utf8'), path);
}

/**
 * The static imports of one notebook cell's code, with the names each one imports. tslab cells
 * are TypeScript with top-level `await`, which the parser accepts as it is.
 */
export function cellImports(code: string, cell = 0): NotebookImport[] {
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true);
  const found: NotebookImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteralLike(statement.moduleSpecifier))
      continue;
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    const names =
      bindings && ts.isNamedImports(bindings)
        ? bindings.elements.map((e) => (e.propertyName ?? e.name).text)
        : [];
    const wholeModule = Boolean(
      clause?.name || (bindings !== undefined && ts.isNamespaceImport(bindings)),
    );
    found.push({ specifier: statement.moduleSpecifier.text, names, wholeModule, cell });
  }
  return found;
}

/** Every static import in a notebook's code cells (see {@link cellImports}). */
export function notebookImports(path: string): NotebookImport[] {
  return readNotebook(path).cells.flatMap((cell, i) =>
    cell.cell_type === 'code' ? cellImports(text(cell.source), i) : [],
  );
}

/**
 * The lesson notebooks under `<root>/notebooks` (`NN-name.ipynb`, as the lesson runner finds
 * them), sorted, as absolute paths.
 */
export function lessonNotebooks(root: string): string[] {
  return findNotebooks(join(root, 'notebooks'));
}

/** The two-digit lesson number of a lesson notebook or module path ("03"). */
export function lessonNumber(path: string): string {
  const match = /^(\d{2})-/.exec(basename(path));
  if (!match) throw new Error(`${path} is not named NN-name`);
  return match[1];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves a relative specifier the way Node resolves it for TypeScript sources: the path itself,
 * then with `.ts`, `.tsx`, `.js`, `.json`, then `index.*` in that directory. Returns the absolute
 * path of the file, or, when no file matches, the absolute path the specifier names (so that a
 * rule about folders still applies to it). Package names (not starting with `.` or `/`) give null.
 */
export function resolveSpecifier(fromDir: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const base = resolve(fromDir, specifier);
  const extensions = ['.ts', '.tsx', '.js', '.json'];
  const candidates = [
    base,
    ...extensions.map((e) => base + e),
    ...extensions.map((e) => join(base, `index${e}`)),
  ];
  return candidates.find(isFile) ?? base;
}

/** Every `.ts` file under `dir`, recursively, sorted; an absent directory gives none. */
export function typeScriptFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** A path relative to `root` with forward slashes, for messages. */
export function repoPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** True when `path` is `dir` itself or inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
