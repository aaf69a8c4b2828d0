/**
 * `npm run test:browser` (last part): the lessons as a reader sees them in JupyterLab 4.
 *
 * `npm run test:browser -- 01 03` checks only the lessons whose names start with those prefixes
 * (npm passes the arguments to this, the last command of the script). Lessons run up to
 * `LAB_JOBS` at a time (default: one per core), each worker in its own page and JupyterLab
 * workspace; the lines print in lesson order.
 *
 * Starts JupyterLab from the project's .venv on a temporary copy of the lessons (the sources in
 * notebooks/ are never written), opens every lesson in Chromium, checks that it is on the
 * TypeScript (tslab) kernel, runs all cells from the Run menu, and asserts: every code cell ran,
 * no cell shows an error or stderr output, every Plotly chart is drawn (an SVG from JupyterLab's
 * plotly renderer) and every DataFrame is an HTML table, as many of each as the headless run
 * produced (build/notebooks/). Saves a screenshot of each whole notebook to build/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { ROOT } from '../../scripts/lib/env';
import { BROWSER_TEST_LAB_SETTINGS, startLab, type LabServer } from '../../scripts/lib/lab-server';
import { cleanNotebook, formatNotebook } from '../../scripts/lib/notebook-clean';
import { ensureExecutedLessons, outputCounts } from '../../scripts/lib/lesson-files';
import { readNotebook } from '../../scripts/lib/notebook-json';
import { waitUntil } from '../support/wait';

const KERNEL_DISPLAY_NAME = 'TypeScript (tslab)';
const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
/** Seconds one lesson may take in the browser (JupyterLab adds little to the headless time). */
const LESSON_TIMEOUT_S = Number(process.env.BROWSER_LESSON_TIMEOUT ?? 1800);
const STDERR_MIME = 'application/vnd.jupyter.stderr';
const ERROR_MIME = 'application/vnd.jupyter.error';

interface NotebookState {
  status: string;
  kernelName: string;
  prompts: string[];
  stderr: string[];
  errors: string[];
  charts: number;
  drawnCharts: number;
  tables: number;
  /** MIME type of each output that holds a drawn Plotly chart, whatever renderer drew it. */
  svgOutputs: string[];
  /** Cells whose code JupyterLab shows folded (a placeholder with the code's first line). */
  folded: number;
}

/** What the open notebook shows right now. */
function notebookState(page: Page): Promise<NotebookState> {
  return page.evaluate(
    ({ stderr, error }) => {
      const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
      if (!panel)
        return {
          status: 'no notebook',
          kernelName: '',
          prompts: [],
          stderr: [],
          errors: [],
          charts: 0,
          drawnCharts: 0,
          tables: 0,
          svgOutputs: [],
          folded: 0,
        };
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      // The plotly extension's renderer is no RenderedCommon: it marks its node with a class,
      // not data-mime-type.
      const charts = Array.from(panel.querySelectorAll('.jp-OutputArea-output.jp-RenderedPlotly'));
      return {
        status:
          panel.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') ??
          'unknown',
        kernelName: (
          panel.querySelector('.jp-KernelName .jp-ToolbarButtonComponent-label')?.textContent ?? ''
        ).trim(),
        prompts: Array.from(panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')).map((e) =>
          (e.textContent ?? '').trim(),
        ),
        stderr: Array.from(
          panel.querySelectorAll(`.jp-OutputArea-output[data-mime-type="${stderr}"]`),
        ).map((e) => (e.textContent ?? '').trim().slice(0, 500)),
        errors: Array.from(
          panel.querySelectorAll(`.jp-OutputArea-output[data-mime-type="${error}"]`),
        ).map((e) => (e.textContent ?? '').trim().slice(0, 500)),
        charts: charts.length,
        drawnCharts: charts.filter((c) => c.querySelector('.main-svg') !== null).length,
        tables: panel.querySelectorAll('.jp-OutputArea-output table.dataframe').length,
        svgOutputs: Array.from(panel.querySelectorAll('.jp-OutputArea-output'))
          .filter((o) => o.querySelector('.main-svg') !== null)
          .map((o) =>
            o.classList.contains('jp-RenderedPlotly')
              ? 'plotly extension'
              : (o.getAttribute('data-mime-type') ?? 'unknown renderer'),
          ),
        folded: panel.querySelectorAll('.jp-CodeCell .jp-InputPlaceholder').length,
      };
    },
    { stderr: STDERR_MIME, error: ERROR_MIME },
  );
}

const ran = (prompt: string) => /^\[\d+\]:$/.test(prompt);

/**
 * Screenshot of the whole notebook: JupyterLab scrolls inside its panel, so grow the viewport to
 * fit it.
 */
async function screenshotNotebook(page: Page, path: string): Promise<void> {
  const { scrollHeight, clientHeight } = await page.evaluate(() => {
    const scroller = document.querySelector(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer',
    );
    if (scroller) scroller.scrollTop = 0;
    return { scrollHeight: scroller?.scrollHeight ?? 0, clientHeight: scroller?.clientHeight ?? 0 };
  });
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = Math.min(viewport.height - clientHeight + scrollHeight + 40, 32_000);
  await page.setViewportSize({ width: viewport.width, height });
  // Plotly charts are responsive: wait until the layout has settled at the new size, i.e. the
  // notebook's height and every chart's size stay the same over 20 animation frames in a row.
  await page.evaluate(() => delete (window as { layoutProbe?: unknown }).layoutProbe);
  await page.waitForFunction(
    () => {
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const w = window as { layoutProbe?: { last: string; stable: number } };
      const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
      const charts = Array.from(panel?.querySelectorAll('.main-svg') ?? []).map(
        (svg) => `${svg.clientWidth}x${svg.clientHeight}`,
      );
      const now = `${panel?.scrollHeight ?? 0}:${charts.join(',')}`;
      const probe = (w.layoutProbe ??= { last: '', stable: 0 });
      probe.stable = now === probe.last ? probe.stable + 1 : 0;
      probe.last = now;
      return probe.stable >= 20;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

interface LessonResult {
  name: string;
  charts: number;
  tables: number;
  expected: { charts: number; tables: number; folded: number };
  seconds: number;
  problems: string[];
}

async function checkLesson(
  lab: LabServer,
  page: Page,
  workspace: string,
  name: string,
  expected: { charts: number; tables: number; folded: number },
): Promise<LessonResult> {
  const t0 = Date.now();
  const problems: string[] = [];
  // A workspace per worker: pages that share one would fight over its saved layout.
  await page.goto(
    `${lab.base}/lab/workspaces/${workspace}/tree/${encodeURIComponent(name)}.ipynb` +
      `?reset&token=${lab.token}`,
  );
  await page.waitForSelector('.jp-NotebookPanel .jp-Notebook', { timeout: 120_000 });
  // Close the file browser: the notebook gets the width, the screenshot shows the lesson.
  const sidebarTab = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current');
  if ((await sidebarTab.count()) > 0) await sidebarTab.first().click();

  // The toolbar says "No Kernel" until the session has started the notebook's kernel.
  const ready = await waitUntil(
    'the kernel to start',
    async () => {
      const dialog = page.locator('.jp-Dialog');
      if ((await dialog.count()) > 0)
        throw new Error(
          `JupyterLab asks: ${(await dialog.first().innerText()).replace(/\s+/g, ' ').slice(0, 300)}`,
        );
      const state = await notebookState(page);
      return !['', 'No Kernel'].includes(state.kernelName) &&
        state.status === 'idle' &&
        state.prompts.length > 0
        ? state
        : null;
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  assert.equal(
    ready.kernelName,
    KERNEL_DISPLAY_NAME,
    `${name} opened on the kernel "${ready.kernelName}", not ${KERNEL_DISPLAY_NAME}`,
  );
  const codeCells = ready.prompts.length;
  // The claim checks open folded, as their cell metadata asks (source_hidden).
  if (ready.folded !== expected.folded)
    problems.push(`${ready.folded} cells open folded, the notebook folds ${expected.folded}`);

  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page
    .locator('.lm-Menu-item:visible .lm-Menu-itemLabel', { hasText: /^Run All Cells$/ })
    .click();

  // Run All marks every code cell it queues "[*]:" at once and runs them in order; after a failing
  // cell JupyterLab drops the queue and the cells left show "[ ]:" again. So the run has started
  // once a prompt is "[*]:" or a count, and it is over once the kernel is idle and no cell is
  // queued: every code cell then has its count, or the run stopped at a failure.
  const queued = (state: NotebookState) => state.prompts.includes('[*]:');
  await waitUntil(
    `${name} to start running`,
    async () => {
      const state = await notebookState(page);
      return queued(state) || state.prompts.some(ran) ? state : null;
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  const final = await waitUntil(
    `${name} to finish running`,
    async () => {
      const state = await notebookState(page);
      return state.status === 'idle' && !queued(state) ? state : null;
    },
    { timeoutMs: LESSON_TIMEOUT_S * 1000, intervalMs: 500 },
  );
  const unrun = final.prompts.map((p, i) => (ran(p) ? -1 : i)).filter((i) => i >= 0);
  if (unrun.length > 0)
    problems.push(
      `${unrun.length} of ${codeCells} code cells did not run (first: code cell ${unrun[0] + 1})`,
    );
  for (const text of final.stderr) problems.push(`stderr output: ${text.split('\n')[0]}`);
  for (const text of final.errors) problems.push(`error output: ${text.split('\n')[0]}`);
  const dialog = page.locator('.jp-Dialog');
  if ((await dialog.count()) > 0)
    problems.push(
      `JupyterLab shows a dialog: ${(await dialog.first().innerText()).replace(/\s+/g, ' ').slice(0, 300)}`,
    );

  // Charts draw asynchronously after their output arrives.
  let state: NotebookState;
  try {
    state = await waitUntil(
      'the charts to be drawn',
      async () => {
        const s = await notebookState(page);
        return s.drawnCharts >= expected.charts ? s : null;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  } catch {
    state = await notebookState(page);
  }
  if (state.charts !== expected.charts)
    problems.push(
      `${state.charts} Plotly outputs, the headless run has ${expected.charts} ` +
        `(charts drawn by: ${state.svgOutputs.join(', ') || 'none'})`,
    );
  const otherCharts = state.svgOutputs.filter((r) => r !== 'plotly extension');
  if (otherCharts.length > 0)
    problems.push(
      `${otherCharts.length} charts drawn by another renderer (${otherCharts.join(', ')}), ` +
        "not JupyterLab's plotly extension",
    );
  if (state.drawnCharts !== state.charts)
    problems.push(
      `${state.charts - state.drawnCharts} of ${state.charts} Plotly charts not drawn ` +
        '(no .main-svg)',
    );
  if (state.tables !== expected.tables)
    problems.push(`${state.tables} HTML DataFrame tables, the headless run has ${expected.tables}`);

  await screenshotNotebook(page, join(SCREENSHOTS, `${name}.png`));
  // Free this lesson's kernel before the worker's next lesson: the cores are shared.
  const sessions = (await (await lab.api('/api/sessions')).json()) as {
    id: string;
    path: string;
  }[];
  for (const session of sessions.filter((x) => basename(x.path) === `${name}.ipynb`))
    await lab.api(`/api/sessions/${session.id}`, 'DELETE');
  return {
    name,
    charts: state.drawnCharts,
    tables: state.tables,
    expected,
    seconds: (Date.now() - t0) / 1000,
    problems,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const executed = await ensureExecutedLessons((line) => console.log(`[headless] ${line}`), only);
  const work = mkdtempSync(join(tmpdir(), 'multilabel-lab-'));
  // Also when Ctrl-C ends the run (the server's signal handler exits the process).
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const notebookDir = join(work, 'notebooks');
  mkdirSync(notebookDir);
  // JupyterLab saves what it runs: it gets copies, never the sources in notebooks/. They are the
  // executed copies stripped of their outputs, i.e. the very sources the counts above come from.
  for (const path of executed)
    writeFileSync(
      join(notebookDir, basename(path)),
      formatNotebook(cleanNotebook(readNotebook(path))),
    );
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const path of executed)
    rmSync(join(SCREENSHOTS, `${basename(path, '.ipynb')}.failed.png`), { force: true });

  const results: LessonResult[] = [];
  let lab: LabServer | null = null;
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    const t0 = Date.now();
    // Started as `npm start` starts it, but on copies of the lessons, with settings of its own
    // in a temporary directory, on any free port (a reader's JupyterLab may hold 8888) and with
    // its log apart from that of `npm start`.
    lab = await startLab({
      notebookDir,
      stateDir: join(work, 'state'),
      port: 'any',
      logFile: join(ROOT, 'build', 'jupyterlab-browser-test.log'),
      say: (line) => console.log(`[lab] ${line}`),
      settings: BROWSER_TEST_LAB_SETTINGS,
    });
    console.log(
      `JupyterLab up in ${((Date.now() - t0) / 1000).toFixed(1)} s, ` +
        `serving copies of the lessons in ${notebookDir}`,
    );
    const served = (await (await lab.api('/api/contents/')).json()) as {
      content: { name: string }[];
    };
    assert.deepEqual(
      served.content
        .map((f) => f.name)
        .filter((n) => n.endsWith('.ipynb'))
        .sort(),
      executed.map((p) => basename(p)).sort(),
      'JupyterLab does not serve the temporary copy of the lessons',
    );
    browser = await launchChromium();
    const origin = lab.base;
    // A context (window) per worker: a second page of one window is a background tab, which
    // Chromium throttles. Nothing but the local server: the plotly renderer and JupyterLab must
    // work offline.
    const newPage = async (): Promise<Page> => {
      const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
      await context.route('**/*', (route) =>
        route.request().url().startsWith(origin) || route.request().url().startsWith('data:')
          ? route.continue()
          : route.abort(),
      );
      return context.newPage();
    };
    const pageErrors: string[] = [];
    const jobs = Math.max(
      1,
      Math.min(executed.length, Number(process.env.LAB_JOBS ?? availableParallelism())),
    );
    const done: (LessonResult | undefined)[] = executed.map(() => undefined);
    let printed = 0;
    const report = () => {
      // In lesson order: each line as soon as it and every line before it are known.
      for (let r = done[printed]; r !== undefined; r = done[++printed]) {
        results.push(r);
        console.log(
          `${r.problems.length === 0 ? 'ok  ' : 'FAIL'} ${r.name}: ` +
            `${r.charts}/${r.expected.charts} charts, ` +
            `${r.tables}/${r.expected.tables} tables, ${r.seconds.toFixed(1)} s` +
            (r.problems.length ? `\n       ${r.problems.join('\n       ')}` : ''),
        );
      }
    };
    let next = 0;
    const worker = async (k: number) => {
      const page = await newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      for (let i = next++; i < executed.length; i = next++) {
        const name = basename(executed[i], '.ipynb');
        const notebook = readNotebook(executed[i]);
        const folded = notebook.cells.filter(
          (c) => (c.metadata?.jupyter as { source_hidden?: boolean } | undefined)?.source_hidden,
        ).length;
        const expected = { ...outputCounts(notebook), folded };
        try {
          done[i] = await checkLesson(lab!, page, `lessons-${k}`, name, expected);
        } catch (error) {
          await page
            .screenshot({ path: join(SCREENSHOTS, `${name}.failed.png`) })
            .catch(() => undefined);
          done[i] = {
            name,
            charts: 0,
            tables: 0,
            expected,
            seconds: 0,
            problems: [error instanceof Error ? error.message : String(error)],
          };
        }
        report();
      }
      await page.context().close();
    };
    console.log(`running ${executed.length} lessons, ${jobs} at a time`);
    await Promise.all(Array.from({ length: jobs }, (_, k) => worker(k)));
    if (pageErrors.length > 0)
      console.log(`page errors (reported, not failing): ${pageErrors.slice(0, 5).join(' | ')}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await lab?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const failed = results.filter((r) => r.problems.length > 0);
  console.log(
    `${results.length - failed.length} of ${results.length} lessons passed in JupyterLab in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in build/screenshots/`,
  );
  if (failed.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
