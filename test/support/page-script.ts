/**
 * Checks for JavaScript that runs in a page rather than in Node and so lives in a string (lesson
 * 01's playground, src/notebook/playground-page.ts) or is written by a template (the playground's
 * start-up script in playground.ts, the bundle loader in inline-library.ts): TypeScript
 * type-checks it as a strict JavaScript file against the DOM and ES2017 and a declaration file
 * stating the page's globals, and ESLint lints it as an ES2017 script with `@eslint/js`'s
 * recommended rules. Both report findings at their line in the TypeScript file that holds the
 * string or the template. `assertFaultsFound` shows that a check finds faults put into a copy.
 */
import assert from 'node:assert/strict';
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template line as a pattern: its text, each `${...}` standing for any text on the line. */
const templateLine = (text: string) =>
  new RegExp(
    `^${text
      .split(/\$\{[^}]*\}/)
      .map(escapeRegExp)
      .join('.*')}$`,
  );

/**
 * Where the template that wrote `script` is: `script` is the text of a `<script>` element that a
 * template literal of `file` (repository-relative) writes, with each `${...}` on one line (an
 * identifier, a JSON value, a base64 payload), so that line k of the script is line k of the
 * template. The template's lines, from `<script>` to `</script>`, must match the script's line
 * for line, each `${...}` standing for any text.
 * @throws Error unless exactly one place in the file matches.
 */
export function originOfTemplate(file: string, script: string): ScriptOrigin {
  const source = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const lines = script.split('\n');
  const starts: number[] = [];
  for (let s = 0; s + lines.length <= source.length; s++) {
    const template = source.slice(s, s + lines.length);
    const open = template[0].lastIndexOf('<script>');
    if (open < 0) continue;
    template[0] = template[0].slice(open + '<script>'.length);
    const last = template.length - 1;
    const close = template[last].indexOf('</script>');
    if (close < 0) continue;
    template[last] = template[last].slice(0, close);
    if (template.every((text, k) => templateLine(text).test(lines[k]))) starts.push(s + 1);
  }
  if (starts.length !== 1)
    throw new Error(`${file} has ${starts.length} templates that write the script, not 1`);
  return { file, line: starts[0] };
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

/** A fault: text of a script, what replaces it, and what a checker must say about it. */
export type Fault = [from: string, to: string, finding: RegExp];

/**
 * Puts the faults into a copy of `script` (each fault's text replaced, once, by text of as many
 * lines) and requires `check` to find each on its line, saying what the fault says it must, and
 * nothing on any other line.
 */
export function assertFaultsFound(
  script: string,
  origin: ScriptOrigin,
  faults: readonly Fault[],
  check: (script: string) => Finding[],
): void {
  let copy = script;
  const lines = faults.map(([from, to]) => {
    const at = copy.indexOf(from);
    assert.ok(at >= 0 && copy.indexOf(from, at + 1) < 0, `not once in the script: ${from}`);
    assert.equal(to.split('\n').length, from.split('\n').length);
    copy = copy.slice(0, at) + to + copy.slice(at + from.length);
    return origin.line + copy.slice(0, at + to.length).split('\n').length - 1;
  });
  const findings = check(copy);
  const shown = formatFindings(findings);
  faults.forEach(([, to, finding], k) => {
    const hit = findings.some((f) => f.line === lines[k] && finding.test(f.message));
    assert.ok(hit, `no ${finding} at line ${lines[k]} (${to}) in:\n${shown}`);
  });
  const set = (numbers: number[]) => [...new Set(numbers)].sort((a, b) => a - b);
  assert.deepEqual(set(findings.map((f) => f.line)), set(lines), `findings elsewhere:\n${shown}`);
}

/** One page script's checks, bound to where it is written and what it may read. */
export interface PageScriptChecks {
  origin: ScriptOrigin;
  /** Type-checks `copy` (by default the script itself). */
  typeCheck(copy?: string): Finding[];
  /** Lints `copy` (by default the script itself). */
  lint(copy?: string): Finding[];
  /** {@link assertFaultsFound} on the script, with `typeCheck` or `lint`. */
  assertFound(faults: readonly Fault[], check: 'typeCheck' | 'lint'): void;
}

/** The checks of `script`, written at `origin`, whose globals `declarations` and `globals` name. */
export function pageScriptChecks(
  script: string,
  origin: ScriptOrigin,
  declarations: string,
  globals: readonly string[],
): PageScriptChecks {
  const checks: PageScriptChecks = {
    origin,
    typeCheck: (copy = script) => typeCheckPageScript(copy, origin, declarations),
    lint: (copy = script) => lintPageScript(copy, origin, globals),
    assertFound: (faults, check) =>
      assertFaultsFound(script, origin, faults, (copy) => checks[check](copy)),
  };
  return checks;
}
