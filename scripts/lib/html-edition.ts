/**
 * The HTML edition of the lessons. Exports the executed lessons in
 * build/notebooks/ (running the lessons first when a copy is missing or stale) to build/html/
 * with nbconvert from the project's .venv, and writes build/html/index.html listing them.
 *
 * The pages load nothing from a network: the `offline` template (scripts/lib/nbconvert/offline)
 * drops the require.js, MathJax and Mermaid scripts that nbconvert's lab template takes from
 * CDNs, and each chart's HTML carries plotly.js inlined (src/charts.ts). The export fails if a
 * page still references a remote script, stylesheet or image.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { escapeHtml } from '../../src/notebook/display';
import { ensureEnv, jupyterEnv, ROOT, VENV_BIN } from './env';
import { ensureExecutedLessons, lessonSummary } from './lesson-files';
import { readNotebook } from './notebook-json';

export const HTML_DIR = join(ROOT, 'build', 'html');
const TEMPLATES = join(ROOT, 'scripts', 'lib', 'nbconvert');

/**
 * Every remote resource a page would load: `src`/`href` of script, link, img, iframe, source,
 * audio, video and embed elements, and CSS `url(...)`/`@import`, that start with http:, https:
 * or //, and script `import("https://...")`. Hyperlinks (`<a href>`) load nothing and are not listed.
 */
export function externalResources(html: string): string[] {
  const found: string[] = [];
  const tag =
    /<(script|link|img|iframe|source|audio|video|embed)\b[^>]*?\s(?:src|href)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi;
  for (const match of html.matchAll(tag)) found.push(`<${match[1].toLowerCase()}> ${match[2]}`);
  const css = /(?:url\(\s*["']?|@import\s+["'])((?:https?:)?\/\/[^"')\s]+)/gi;
  for (const match of html.matchAll(css)) found.push(`css ${match[1]}`);
  const dynamicImport = /\bimport\(\s*["']((?:https?:)?\/\/[^"'\s]+)/g;
  for (const match of html.matchAll(dynamicImport)) found.push(`import() ${match[1]}`);
  return found;
}

export interface LessonPage {
  file: string;
  title: string;
  summary: string;
}

/** The index page: one entry per lesson with its title, link and one-paragraph summary. */
export function indexHtml(pages: readonly LessonPage[]): string {
  const items = pages
    .map(
      (p) =>
        `  <li>\n    <a href="${escapeHtml(encodeURI(p.file))}">${escapeHtml(p.title)}</a>\n` +
        `    <p>${escapeHtml(p.summary)}</p>\n  </li>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Multi-label classification with TensorFlow.js: the lessons</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem;
         line-height: 1.5; color: #222; }
  ol { padding-left: 1.2rem; }
  li { margin-bottom: 1.2rem; }
  li a { font-size: 1.1rem; font-weight: 600; }
  li p { margin: 0.3rem 0 0; }
</style>
</head>
<body>
<h1>Multi-label classification with TensorFlow.js</h1>
<p>Each lesson is a TypeScript notebook, executed and exported with its outputs and charts.
The pages work offline.</p>
<ol>
${items}
</ol>
</body>
</html>
`;
}

/** Exports every executed lesson to build/html/ and writes the index; returns the pages. */
export async function buildHtmlEdition(
  log: (line: string) => void = console.log,
): Promise<LessonPage[]> {
  ensureEnv(log);
  const executed = await ensureExecutedLessons(log);
  mkdirSync(HTML_DIR, { recursive: true });
  const result = spawnSync(
    join(VENV_BIN, 'jupyter'),
    [
      'nbconvert',
      '--to',
      'html',
      `--TemplateExporter.extra_template_basedirs=${TEMPLATES}`,
      '--template',
      'offline',
      '--output-dir',
      HTML_DIR,
      ...executed,
    ],
    { env: jupyterEnv(), encoding: 'utf8' },
  );
  if (result.error) throw new Error(`jupyter nbconvert failed: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`jupyter nbconvert failed (exit code ${result.status}):\n${result.stderr}`);
  const pages = executed.map((path) => {
    const name = basename(path, '.ipynb');
    return { file: `${name}.html`, ...lessonSummary(readNotebook(path), name) };
  });
  writeFileSync(join(HTML_DIR, 'index.html'), indexHtml(pages));
  const problems = ['index.html', ...pages.map((p) => p.file)].flatMap((file) =>
    externalResources(readFileSync(join(HTML_DIR, file), 'utf8')).map(
      (resource) => `${file}: ${resource}`,
    ),
  );
  if (problems.length > 0)
    throw new Error(`pages load remote resources:\n  ${problems.join('\n  ')}`);
  for (const page of pages) log(`wrote build/html/${page.file}  (${page.title})`);
  log(`wrote build/html/index.html listing ${pages.length} lesson(s)`);
  return pages;
}
