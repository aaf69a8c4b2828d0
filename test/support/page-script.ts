/**
 * Checks for JavaScript that runs in a page rather than in Node and so lives in a string (lesson
 * 01's playground, src/notebook/playground-page.ts): TypeScript type-checks it as a strict
 * JavaScript file against the DOM and ES2017 and a declaration file stating the page's globals,
 * and ESLint lints it as an ES2017 script with `@eslint/js`'s recommended rules. Both report
 * findings at their line in the TypeScript file that holds the string.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import js from '@eslint/js';
import { Linter } from 'eslint';
import ts from 'typescript';
import { ROOT } from '../../scripts/lib/env';

/** One finding of either checker, where it is in the file that holds the script. */
export interface Finding {
  /** Repository-relative path. */
  file: string;
  /** 1-based. */
  line: number;
  message: string;
}

/** Where a script string sits: the file that holds it, and the line its first line is on. */
export interface ScriptOrigin {
  file: string;
  line: number;
}

/**
 * The line of `file` (repository-relative) on which the string `script` starts.
 * @throws Error when the file does not contain the string.
 */
export function originOf(file: string, script: string): ScriptOrigin {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const at = text.indexOf(script);
  if (at < 0) throw new Error(`${file} does not contain the script`);
  return { file, line: text.slice(0, at).split('\n').length };
}

/** `file:line message`, one a line, for assertion messages. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n');
}

const PAGE_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2017,
  lib: ['lib.es2017.d.ts', 'lib.dom.d.ts'],
  // No @types packages: Node's globals are not the page's.
  types: [],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  skipLibCheck: true,
};

/**
 * Files read from disk, parsed once for all checks of a process (the DOM's and TensorFlow.js's
 * declarations take most of a check's time).
 */
const parsed = new Map<string, ts.SourceFile>();

/**
 * TypeScript's diagnostics for `script` as a page's JavaScript file (checkJs, strict, lib DOM and
 * ES2017, no @types) whose globals `declarations` (a repository-relative .d.ts file) states.
 * Only the script's and the declarations' own diagnostics count: the declarations may import
 * types from modules written for Node.
 */
export function typeCheckPageScript(
  script: string,
  origin: ScriptOrigin,
  declarations: string,
): Finding[] {
  // The script as a file beside the declarations, so that both resolve packages alike.
  const scriptPath = join(ROOT, declarations.replace(/\.d\.ts$/, '.page.js'));
  const declarationsPath = join(ROOT, declarations);
  const host = ts.createCompilerHost(PAGE_OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) => {
    if (name === scriptPath)
      return ts.createSourceFile(name, script, version, true, ts.ScriptKind.JS);
    let file = parsed.get(name);
    if (!file) {
      file = getSourceFile.call(host, name, version, ...rest);
      if (file) parsed.set(name, file);
    }
    return file;
  };
  host.fileExists = (name) => name === scriptPath || fileExists.call(host, name);
  host.readFile = (name) => (name === scriptPath ? script : readFile.call(host, name));
  const program = ts.createProgram([scriptPath, declarationsPath], PAGE_OPTIONS, host);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[scriptPath, declarationsPath].flatMap((path) => {
      const file = program.getSourceFile(path);
      if (!file) throw new Error(`the program lost ${path}`);
      return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    }),
  ];
  return diagnostics.map((d) => {
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    if (!d.file || d.start === undefined) return { file: '(program)', line: 0, message };
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    return d.file.fileName === scriptPath
      ? { file: origin.file, line: origin.line + line, message }
      : { file: relative(ROOT, d.file.fileName), line: line + 1, message };
  });
}

const linter = new Linter({ configType: 'flat' });

/**
 * ESLint's findings (errors and warnings) for `script` as an ES2017 script with `@eslint/js`'s
 * recommended rules and no globals but `globals` (ES2017's own are always there).
 */
export function lintPageScript(
  script: string,
  origin: ScriptOrigin,
  globals: readonly string[],
): Finding[] {
  const config: Linter.Config[] = [
    js.configs.recommended,
    {
      languageOptions: {
        ecmaVersion: 2017,
        sourceType: 'script',
        globals: Object.fromEntries(globals.map((name) => [name, 'readonly' as const])),
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
    },
  ];
  return linter.verify(script, config, { filename: 'page.js' }).map((m) => ({
    file: origin.file,
    line: origin.line + m.line - 1,
    message: `${m.ruleId ?? 'parse'}: ${m.message}`,
  }));
}
