/**
 * `npm run test:html`: the HTML edition works offline. Builds build/html/ (scripts/html.ts),
 * then checks every page: no remote script, stylesheet or image in its source; opened in Chromium
 * from file:// with every other request blocked, no request is attempted, no script error is
 * thrown, every chart (as many as the executed notebook holds) is drawn as an SVG, and the cells
 * JupyterLab opens folded (the claim checks) are folded: code hidden until clicked, output shown.
 * The sliders of lessons 02 and 05 are moved with the mouse and checked (./sliders.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../scripts/lib/browser';
import { buildHtmlEdition, externalResources, HTML_DIR } from '../../scripts/lib/html-edition';
import { EXECUTED_DIR, outputCounts } from '../../scripts/lib/lesson-files';
import { readNotebook } from '../../scripts/lib/notebook-json';
import { sliderProblems } from './sliders';

const CHART_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const started = Date.now();
  const pages = await buildHtmlEdition((line) => console.log(`[html] ${line}`));
  assert.ok(pages.length > 0, 'the HTML edition has no lesson');
  const index = readFileSync(join(HTML_DIR, 'index.html'), 'utf8');
  for (const page of pages) {
    assert.ok(index.includes(`href="${page.file}"`), `index.html does not link ${page.file}`);
    assert.ok(
      page.summary.length > 20,
      `${page.file}: the summary taken from the first Markdown cell is empty or too short: ` +
        `"${page.summary}"`,
    );
  }
  assert.deepEqual(externalResources(index), [], 'index.html loads remote resources');

  const browser = await launchChromium();
  const failures: string[] = [];
  try {
    for (const page of ['index.html', ...pages.map((p) => p.file)]) {
      const t0 = Date.now();
      const path = join(HTML_DIR, page);
      const html = readFileSync(path, 'utf8');
      const remote = externalResources(html);
      const executed =
        page === 'index.html'
          ? null
          : readNotebook(join(EXECUTED_DIR, page.replace(/\.html$/, '.ipynb')));
      const expected = executed ? outputCounts(executed).charts : 0;
      const foldedCells = (executed?.cells ?? []).filter(
        (c) => (c.metadata?.jupyter as { source_hidden?: boolean } | undefined)?.source_hidden,
      ).length;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      const blocked: string[] = [];
      const errors: string[] = [];
      await tab.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:'))
          return route.continue();
        blocked.push(url);
        return route.abort();
      });
      tab.on('pageerror', (error) => errors.push(error.message));
      try {
        await tab.goto(pathToFileURL(path).href, { waitUntil: 'load' });
        const countDrawn = () =>
          tab.evaluate(
            () =>
              Array.from(document.querySelectorAll('.multilabel-chart')).filter(
                (div) => div.querySelector('.main-svg') !== null,
              ).length,
          );
        // Charts draw after the page loads: wait until all of them are drawn, or a script error
        // says they will not be; what was drawn is counted and reported either way.
        if (errors.length === 0) {
          const allDrawn = tab.waitForFunction(
            (n) =>
              Array.from(document.querySelectorAll('.multilabel-chart')).filter(
                (div) => div.querySelector('.main-svg') !== null,
              ).length >= n,
            expected,
            { polling: 'raf', timeout: CHART_TIMEOUT_MS },
          );
          const scriptError = new Promise((_, reject) => tab.once('pageerror', reject));
          await Promise.race([allDrawn, scriptError]).catch(() => undefined);
        }
        const drawn = await countDrawn();
        // A folded cell: closed, its code not visible, its outputs visible; one click opens it.
        const folds = tab.locator('details.folded-source');
        const foldCount = await folds.count();
        const openFolds = await tab.locator('details.folded-source[open]').count();
        let foldProblem: string | null = null;
        if (foldCount > 0) {
          const first = folds.first();
          const cell = tab.locator('.jp-CodeCell:has(details.folded-source)').first();
          const code = first.locator('.jp-InputArea-editor');
          if (await code.isVisible()) foldProblem = "shows a folded cell's code before a click";
          else if ((await cell.locator('.jp-OutputArea-output').count()) === 0)
            foldProblem = 'hides the outputs of a folded cell';
          else {
            await first.locator('summary').click();
            if (!(await code.isVisible())) foldProblem = "does not show a folded cell's code";
          }
        }
        const divs = await tab.locator('.multilabel-chart').count();
        const seconds = ((Date.now() - t0) / 1000).toFixed(1);
        console.log(
          `${page}: ${drawn} of ${divs} chart(s) drawn, ${expected} expected, ` +
            `${foldCount} folded cell(s), ${blocked.length} remote request(s) blocked, ` +
            `${seconds} s`,
        );
        const problems = [
          ...remote.map((r) => `references a remote resource: ${r}`),
          ...blocked.map((url) => `tried to load ${url}`),
          ...errors.map((message) => `script error: ${message}`),
        ];
        if (divs !== expected)
          problems.push(
            `has ${divs} chart containers, the executed notebook has ${expected} charts`,
          );
        if (foldCount !== foldedCells || openFolds > 0)
          problems.push(
            `has ${foldCount} folded cells (${openFolds} open), the notebook ${foldedCells}`,
          );
        if (foldProblem) problems.push(foldProblem);
        if (drawn !== expected)
          problems.push(`drew ${drawn} of ${expected} charts within ${CHART_TIMEOUT_MS / 1000} s`);
        if (drawn === expected) problems.push(...(await sliderProblems(tab, page)));
        failures.push(...problems.map((p) => `${page}: ${p}`));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`HTML edition checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length > 0) {
    console.error(`FAIL\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`ok: ${pages.length} lesson page(s) and the index work offline`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
