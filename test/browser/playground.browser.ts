/**
 * `npm run test:browser` (playground part): lesson 01's live playground trains both networks with
 * TensorFlow.js in a real page, in the HTML edition (opened from file://) and in JupyterLab (the
 * lesson's cells up to the playground, run from the Run menu).
 *
 * In each: the page's predictions for three points with the weights the kernel embedded equal
 * the kernel's `model.predict` to 1e-5; at five seeds, both networks train for the default
 * number of epochs (the test waits for the page's `data-state="done"` at that epoch) and the page
 * reports what lesson 01 claims: sigmoid above 0.9 exact match on {1,1} and {0,0} points, softmax
 * none of the {0,0} points; one seed trained again draws the same maps (a seed names the run),
 * and so does that seed trained to a quarter of the epochs and then on to the end; clicking a
 * point shows both networks' probabilities and decisions;
 * and the page requests nothing but file:// (or the lab's own server). Screenshots of the HTML
 * edition's playground before and after training go to build/screenshots/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { ROOT } from '../../scripts/lib/env';
import { buildHtmlEdition, HTML_DIR } from '../../scripts/lib/html-edition';
import { BROWSER_TEST_LAB_SETTINGS, startLab } from '../../scripts/lib/lab-server';
import { EXECUTED_DIR, NOTEBOOKS_DIR } from '../../scripts/lib/lesson-files';
import { cleanNotebook, formatNotebook } from '../../scripts/lib/notebook-clean';
import { readNotebook, text } from '../../scripts/lib/notebook-json';
import { waitUntil } from '../support/wait';

const LESSON = '01-sigmoid-vs-softmax';
const UNTRUSTED = `${LESSON}-executed.ipynb`;
const SEEDS = [1, 2, 3, 4, 5];
const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
const ROOT_SELECTOR = '.ml-pg[data-ready="true"]';
const TRAIN_TIMEOUT_MS = 300_000;

type Kind = 'sigmoid' | 'softmax';
type Report = Record<Kind, Record<string, { rows: number; exactMatch: number }>> & {
  epoch: number;
};

interface RunResult {
  seed: number;
  seconds: number;
  report: Report;
}

/** The largest |page − kernel| over the check points, per network kind. */
function predictionGaps(page: Page): Promise<Record<Kind, number>> {
  return page.evaluate(() => {
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const playground = (window as unknown as { __playground: PlaygroundApi }).__playground;
    const check = playground.spec.check;
    const [sigmoid, softmax] = (['sigmoid', 'softmax'] as const).map((kind) => {
      const got = playground.predictWith(kind, check.weights[kind], check.points).flat();
      const want = check.expected[kind].flat();
      if (got.length !== want.length || got.length === 0) return Infinity;
      return Math.max(...got.map((v, i) => Math.abs(v - want[i])));
    });
    return { sigmoid, softmax };
  });
}

interface PlaygroundApi {
  spec: {
    x: number[][];
    bounds: { x: number[]; y: number[] };
    defaults: { numEpochs: number };
    check: {
      points: number[][];
      weights: Record<'sigmoid' | 'softmax', unknown[]>;
      expected: Record<'sigmoid' | 'softmax', number[][]>;
    };
  };
  predictWith(kind: string, weights: unknown[], points: number[][]): number[][];
}

/** Sets the seed field (which resets both networks) and waits for the reset. */
async function setSeed(page: Page, seed: number): Promise<void> {
  const field = page.locator(`${ROOT_SELECTOR} input[name="seed"]`);
  await field.fill(String(seed));
  await field.dispatchEvent('change');
  await page.waitForSelector(`${ROOT_SELECTOR}[data-state="idle"][data-epoch="0"]`);
}

/** Trains from the reset state to the default epoch count; returns the page's report. */
async function trainRun(page: Page, seed: number, epochs: number): Promise<RunResult> {
  await setSeed(page, seed);
  const t0 = Date.now();
  await page.locator(`${ROOT_SELECTOR} button[data-action="train"]`).click();
  await page.waitForSelector(`${ROOT_SELECTOR}[data-state="done"][data-epoch="${epochs}"]`, {
    timeout: TRAIN_TIMEOUT_MS,
  });
  const report = JSON.parse(
    (await page.locator(ROOT_SELECTOR).getAttribute('data-report')) ?? 'null',
  ) as Report;
  return { seed, seconds: (Date.now() - t0) / 1000, report };
}

/** Both decision maps as PNG data URLs: equal maps mean the same decisions everywhere. */
function maps(page: Page): Promise<string[]> {
  return page
    .locator(`${ROOT_SELECTOR} canvas[data-map]`)
    .evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()));
}

/** Drives the playground in `page` and returns the problems found, with a line per run. */
async function checkPlayground(
  page: Page,
  where: string,
  screenshots: { before?: string; after?: string } = {},
): Promise<string[]> {
  const problems: string[] = [];
  await page.waitForSelector(ROOT_SELECTOR, { timeout: 120_000 });
  const epochs = await page.evaluate(
    () =>
      (window as unknown as { __playground: PlaygroundApi }).__playground.spec.defaults.numEpochs,
  );
  const gaps = await predictionGaps(page);
  console.log(
    `${where}: page − kernel predictions, largest gap: sigmoid ${gaps.sigmoid.toExponential(1)}, ` +
      `softmax ${gaps.softmax.toExponential(1)}`,
  );
  for (const kind of ['sigmoid', 'softmax'] as const)
    if (!(gaps[kind] <= 1e-5))
      problems.push(`${kind}: page predictions differ from the kernel's by ${gaps[kind]}`);

  const runs: RunResult[] = [];
  for (const [i, seed] of SEEDS.entries()) {
    if (i === 0) {
      await setSeed(page, seed);
      if (screenshots.before)
        await page.locator(ROOT_SELECTOR).screenshot({ path: screenshots.before });
    }
    const run = await trainRun(page, seed, epochs);
    runs.push(run);
    if (i === 0 && screenshots.after)
      await page.locator(ROOT_SELECTOR).screenshot({ path: screenshots.after });
    const { sigmoid, softmax } = run.report;
    const em = (r: Report[Kind], c: string) => r[c]?.exactMatch ?? NaN;
    const row = (r: Report[Kind]) =>
      ['{1,1}', '{0,1}', '{0,0}'].map((c) => `${c} ${em(r, c).toFixed(3)}`).join(' ');
    console.log(
      `${where}: seed ${seed}, ${epochs} epochs in ${run.seconds.toFixed(1)} s: exact match ` +
        `sigmoid ${row(sigmoid)}; softmax ${row(softmax)}`,
    );
    for (const c of ['{1,1}', '{0,0}'])
      if (!(em(sigmoid, c) > 0.9))
        problems.push(`seed ${seed}: sigmoid exact match on ${c} is ${em(sigmoid, c)}, not > 0.9`);
    if (em(softmax, '{0,0}') !== 0)
      problems.push(`seed ${seed}: softmax gets ${em(softmax, '{0,0}')} of {0,0} points right`);
  }
  // Clicking a point pins it: the readout gives both networks' probabilities and decisions.
  const map = page.locator(`${ROOT_SELECTOR} canvas[data-map="sigmoid"]`);
  const spot = await page.evaluate(() => {
    const { spec } = (window as unknown as { __playground: PlaygroundApi }).__playground;
    const [x, y] = spec.x[0];
    return {
      x: (x - spec.bounds.x[0]) / (spec.bounds.x[1] - spec.bounds.x[0]),
      y: (spec.bounds.y[1] - y) / (spec.bounds.y[1] - spec.bounds.y[0]),
    };
  });
  const box = await map.boundingBox();
  if (box) await map.click({ position: { x: spot.x * box.width, y: spot.y * box.height } });
  const readout = (await page.locator(`${ROOT_SELECTOR} [data-info]`).innerText()).trim();
  const answers = readout
    .split('\n')
    .filter((l) => /p\(a\) [\d.]+ +p\(b\) [\d.]+ +decides \{/.test(l));
  if (!/pinned/.test(readout) || answers.length !== 2)
    problems.push(`clicking a point shows "${readout}", not both networks' answers`);
  // The same seed again: the same run, so the same decision maps and the same report.
  const first = await maps(page);
  const again = await trainRun(page, SEEDS[SEEDS.length - 1], epochs);
  const second = await maps(page);
  if (JSON.stringify(again.report) !== JSON.stringify(runs[runs.length - 1].report))
    problems.push(`seed ${again.seed} trained twice gave two different reports`);
  if (first.join() !== second.join())
    problems.push(`seed ${again.seed} trained twice drew different decision maps`);
  // Stopped at a quarter of the epochs and trained on to the end, it is the same run again.
  const epochsField = page.locator(`${ROOT_SELECTOR} input[name="epochs"]`);
  await epochsField.fill(String(Math.floor(epochs / 4)));
  await epochsField.dispatchEvent('change');
  await trainRun(page, again.seed, Math.floor(epochs / 4));
  await epochsField.fill(String(epochs));
  await epochsField.dispatchEvent('change');
  await page.locator(`${ROOT_SELECTOR} button[data-action="train"]`).click();
  await page.waitForSelector(`${ROOT_SELECTOR}[data-state="done"][data-epoch="${epochs}"]`, {
    timeout: TRAIN_TIMEOUT_MS,
  });
  if ((await maps(page)).join() !== first.join())
    problems.push(`seed ${again.seed} trained in two parts drew other maps than in one go`);
  return problems.map((p) => `${where}: ${p}`);
}

async function htmlEdition(browser: Browser): Promise<string[]> {
  const path = join(HTML_DIR, `${LESSON}.html`);
  if (!existsSync(path)) await buildHtmlEdition((line) => console.log(`[html] ${line}`));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(file|data|blob):/.test(url)) requests.push(url);
  });
  await context.route('**/*', (route) =>
    /^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    await page.locator(ROOT_SELECTOR).scrollIntoViewIfNeeded({ timeout: 120_000 });
    const problems = await checkPlayground(page, 'HTML edition', {
      before: join(SCREENSHOTS, 'playground-before.png'),
      after: join(SCREENSHOTS, 'playground-after.png'),
    });
    return [
      ...problems,
      ...requests.map((url) => `HTML edition: requested ${url}`),
      ...errors.map((message) => `HTML edition: script error: ${message}`),
    ];
  } finally {
    await context.close();
  }
}

/** What a picture-only page shows: the number of coloured grid cells and the line under them. */
function staticPicture(page: Page): Promise<{ cells: number; line: string }> {
  return page.evaluate(() => {
    const root = document.querySelector('.ml-pg');
    // Coloured cells that take room on the screen: the picture is drawn, not only present.
    const cells = Array.from(root?.querySelectorAll('td') ?? []).filter(
      (td) =>
        /background-color/.test(td.getAttribute('style') ?? '') &&
        td.getBoundingClientRect().width >= 3,
    );
    return { cells: cells.length, line: (root?.textContent ?? '').replace(/\s+/g, ' ') };
  });
}

const LIVE_LINE = 'Run this cell (or File > Trust Notebook) to train live.';

/** Where scripts cannot run, the output is a picture of the sample and a line saying why. */
function pictureProblems(where: string, shown: { cells: number; line: string }): string[] {
  const problems: string[] = [];
  if (shown.cells < 100) problems.push(`${where}: the static picture has ${shown.cells} cells`);
  if (!shown.line.includes(LIVE_LINE)) problems.push(`${where}: no "${LIVE_LINE}" line`);
  return problems;
}

async function htmlWithoutScripts(browser: Browser): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(HTML_DIR, `${LESSON}.html`)).href);
    const shown = await staticPicture(page);
    console.log(`HTML edition, scripts off: a picture of ${shown.cells} cells and the line`);
    return pictureProblems('HTML edition, scripts off', shown);
  } finally {
    await context.close();
  }
}

/** Waits until the open notebook runs on tslab and is idle (the toolbar says "No Kernel" first). */
async function kernelReady(page: Page): Promise<void> {
  await waitUntil(
    'the kernel to start',
    () =>
      page.evaluate(() => {
        const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
        const kernel = panel?.querySelector('.jp-KernelName .jp-ToolbarButtonComponent-label');
        return (
          (kernel?.textContent ?? '').trim() === 'TypeScript (tslab)' &&
          panel?.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') ===
            'idle'
        );
      }),
    { timeoutMs: 180_000, intervalMs: 500 },
  );
}

async function jupyterLab(browser: Browser): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'multilabel-playground-'));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const notebookDir = join(work, 'notebooks');
  mkdirSync(notebookDir);
  // The lesson's cells up to its playground: what the playground needs, and no more to wait for.
  const lesson = cleanNotebook(readNotebook(join(NOTEBOOKS_DIR, `${LESSON}.ipynb`)));
  const last = lesson.cells.findIndex((c) => /\bshowPlayground\(/.test(text(c.source)));
  assert.ok(last >= 0, `${LESSON} has no cell that calls showPlayground`);
  writeFileSync(
    join(notebookDir, `${LESSON}.ipynb`),
    formatNotebook({ ...lesson, cells: lesson.cells.slice(0, last + 1) }),
  );
  // The executed lesson as a reader gets it from disk: not trusted, so its scripts do not run.
  const executed = join(EXECUTED_DIR, `${LESSON}.ipynb`);
  assert.ok(existsSync(executed), `${executed} is missing: run the lesson first`);
  copyFileSync(executed, join(notebookDir, UNTRUSTED));
  const lab = await startLab({
    notebookDir,
    stateDir: join(work, 'state'),
    port: 'any',
    logFile: join(ROOT, 'build', 'jupyterlab-playground-test.log'),
    say: (line) => console.log(`[lab] ${line}`),
    settings: BROWSER_TEST_LAB_SETTINGS,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(lab.base) && !/^(data|blob):/.test(url)) requests.push(url);
  });
  await context.route('**/*', (route) =>
    route.request().url().startsWith(lab.base) || /^(data|blob):/.test(route.request().url())
      ? route.continue()
      : route.abort(),
  );
  try {
    let page = await context.newPage();
    await page.goto(
      `${lab.base}/lab/workspaces/playground/tree/${LESSON}.ipynb?reset&token=${lab.token}`,
    );
    await page.waitForSelector('.jp-NotebookPanel .jp-Notebook', { timeout: 120_000 });
    await kernelReady(page);
    const t0 = Date.now();
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page
      .locator('.lm-Menu-item:visible .lm-Menu-itemLabel', { hasText: /^Run All Cells$/ })
      .click();
    // Run All is over when the kernel is idle and no cell waits; the playground is then there
    // (its script ran) or it is not, and what the output shows instead is reported.
    await waitUntil(
      'the cells to run',
      () =>
        page.evaluate(
          (root) =>
            document.querySelector(root) !== null ||
            (document
              .querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')
              ?.getAttribute('data-status') === 'idle' &&
              Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')).every(
                (e) => /^\[\d+\]:$/.test((e.textContent ?? '').trim()),
              )),
          ROOT_SELECTOR,
        ),
      { timeoutMs: 600_000, intervalMs: 500 },
    );
    try {
      await page.waitForSelector(ROOT_SELECTOR, { timeout: 60_000 });
    } catch {
      const shown = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.jp-OutputArea-output'))
          .slice(-1)
          .map((o) => `${o.getAttribute('data-mime-type')}: ${o.innerHTML.slice(0, 600)}`)
          .join(''),
      );
      return [`JupyterLab: no live playground after the run; the last output shows ${shown}`];
    }
    console.log(
      `JupyterLab: the lesson's cells up to the playground ran in ` +
        `${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    await page.locator(ROOT_SELECTOR).scrollIntoViewIfNeeded();
    const problems = await checkPlayground(page, 'JupyterLab', {
      after: join(SCREENSHOTS, 'playground-jupyterlab.png'),
    });
    // A new page and workspace for the copy; the lesson's page closed first, then its kernel.
    await page.close();
    const sessions = (await (await lab.api('/api/sessions')).json()) as { id: string }[];
    for (const session of sessions) await lab.api(`/api/sessions/${session.id}`, 'DELETE');
    page = await context.newPage();
    await page.goto(
      `${lab.base}/lab/workspaces/untrusted/tree/${UNTRUSTED}?reset&token=${lab.token}`,
    );
    await page.waitForSelector('.jp-NotebookPanel:not(.lm-mod-hidden) .ml-pg', {
      state: 'attached',
      timeout: 120_000,
    });
    // Its kernel starts when it opens: let it start before the page and the server go.
    await kernelReady(page);
    const shown = await staticPicture(page);
    await page
      .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:has(.ml-pg)')
      .screenshot({ path: join(SCREENSHOTS, 'playground-untrusted.png') });
    console.log(`JupyterLab, untrusted copy: a picture of ${shown.cells} cells and the line`);
    return [
      ...problems,
      ...pictureProblems('JupyterLab, untrusted copy', shown),
      ...requests.map((url) => `JupyterLab: requested ${url}`),
    ];
  } finally {
    await context.close();
    await lab.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const only = process.argv.slice(2);
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    if (only.length === 0 || only.includes('html')) {
      problems.push(...(await htmlEdition(browser)));
      problems.push(...(await htmlWithoutScripts(browser)));
    }
    if (only.length === 0 || only.includes('lab')) problems.push(...(await jupyterLab(browser)));
  } finally {
    await browser.close();
  }
  console.log(`playground checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (problems.length > 0) {
    console.error(`FAIL\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('ok: the playground trains in the page and agrees with the kernel');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
