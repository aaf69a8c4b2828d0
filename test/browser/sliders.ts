/**
 * The sliders of lessons 02 and 05 in the HTML edition, moved as a reader moves them: a mouse
 * click on the slider's rail at a step's tick. After each click the test waits until the chart
 * shows that step's readout, then reads what the chart holds (`gd.data` and the readout drawn
 * above the plot) and compares it with the lessons' formulas and with the page's own table.
 * `sliderProblems` returns what is wrong, one line each (empty when all is right).
 */
import type { Page } from 'playwright-core';

const MOVE_TIMEOUT_MS = 20_000;
const LOGIT_CHART = 'Two labels: sigmoid against softmax';
const COST_CHART = 'What each head costs';
const COST_TABLE = 'Training the output layer on';

/** What the browser sees of one chart after a move. */
interface ChartState {
  active: number;
  label: string;
  data: { x: number[]; y: number[] }[];
  /** The readout as drawn in the SVG, lines joined by spaces. */
  readout: string;
}

/** Index among the page's `.multilabel-chart` divs of the chart whose title starts with `title`. */
async function chartIndex(tab: Page, title: string): Promise<number> {
  return tab.evaluate((prefix) => {
    const divs = Array.from(document.querySelectorAll('.multilabel-chart'));
    return divs.findIndex((div) => {
      const layout = (div as unknown as { layout?: { title?: { text?: string } } }).layout;
      return (layout?.title?.text ?? '').startsWith(prefix);
    });
  }, title);
}

/**
 * Clicks the rail of chart `index`'s slider at the tick of the step labelled `label`, waits until
 * the chart shows that step (its readout annotation drawn and the slider's active step set), and
 * returns what the chart holds then.
 */
async function moveSlider(tab: Page, index: number, label: string): Promise<ChartState> {
  const chart = tab.locator('.multilabel-chart').nth(index);
  await chart.scrollIntoViewIfNeeded();
  const step = await chart.evaluate((div, wanted) => {
    const gd = div as unknown as { layout: { sliders: { steps: { label: string }[] }[] } };
    return gd.layout.sliders[0].steps.findIndex((s) => s.label === wanted);
  }, label);
  if (step < 0) throw new Error(`the slider has no step labelled ${label}`);
  const tick = await chart.locator('.slider-tick-rect').nth(step).boundingBox();
  const rail = await chart.locator('.slider-rail-touch-rect').boundingBox();
  if (!tick || !rail) throw new Error('the slider is not drawn');
  await tab.mouse.click(tick.x + tick.width / 2, rail.y + rail.height / 2);
  // No named functions inside page callbacks: tsx would wrap them in a helper the page lacks.
  await tab.waitForFunction(
    ([div, wanted]) => {
      const gd = div as unknown as {
        layout: {
          sliders: { active: number; steps: { args: [unknown, Record<string, string>] }[] }[];
        };
      };
      const expected = Object.values(gd.layout.sliders[0].steps[wanted].args[1])[0];
      return (
        gd.layout.sliders[0].active === wanted &&
        Array.from(div.querySelectorAll('.annotation-text')).some(
          (t) =>
            (t.textContent ?? '').replace(/\s+/g, '') ===
            expected.replace(/<br>/g, '').replace(/\s+/g, ''),
        )
      );
    },
    [await chart.elementHandle(), step] as const,
    { polling: 'raf', timeout: MOVE_TIMEOUT_MS },
  );
  return chart.evaluate((div) => {
    const gd = div as unknown as {
      data: { x: number[]; y: number[] }[];
      layout: {
        annotations: { text: string }[];
        sliders: { active: number; steps: { label: string }[] }[];
      };
    };
    const slider = gd.layout.sliders[0];
    const texts = Array.from(div.querySelectorAll('.annotation-text'));
    return {
      active: slider.active,
      label: slider.steps[slider.active].label,
      data: gd.data.map((t) => ({ x: Array.from(t.x), y: Array.from(t.y) })),
      // A multi-line readout is drawn as one tspan.line per line.
      readout: texts
        .map((t) =>
          t.querySelectorAll('tspan.line').length > 0
            ? Array.from(t.querySelectorAll('tspan.line'))
                .map((line) => line.textContent ?? '')
                .join(' ')
            : (t.textContent ?? ''),
        )
        .join(' '),
    };
  });
}

const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Lesson 02: at logits (2, 2) both sigmoids are high and softmax gives 0.5 each; at (-2, -2) both
 * sigmoids are low; softmax's pair sums to 1 everywhere.
 */
async function logitSliderProblems(tab: Page, log: (line: string) => void): Promise<string[]> {
  const index = await chartIndex(tab, LOGIT_CHART);
  if (index < 0) return [`has no chart titled "${LOGIT_CHART}..."`];
  const problems: string[] = [];
  for (const z of [2, -2]) {
    const state = await moveSlider(tab, index, String(z));
    const [sig1, sig2, soft1, soft2] = state.data;
    const at = sig1.x.indexOf(z);
    const four = [sig1, sig2, soft1, soft2].map((t) => t.y[at]);
    const where = `logit slider at (${z}, ${z}): probabilities ${four.join(', ')}`;
    if (at < 0 || state.label !== String(z)) problems.push(`${where}: the step was not shown`);
    else {
      const high = z > 0;
      if (!four.slice(0, 2).every((p) => (high ? p > 0.85 : p < 0.15)))
        problems.push(`${where}: both sigmoids should be ${high ? 'above 0.85' : 'below 0.15'}`);
      if (!four.slice(0, 2).every((p) => close(p, sigmoid(z), 1e-4)))
        problems.push(`${where}: the sigmoids are not sigmoid(${z}) = ${sigmoid(z)}`);
      if (!four.slice(2).every((p) => close(p, 0.5, 1e-4)))
        problems.push(`${where}: softmax should give 0.5 to each label`);
    }
    if (!sig2.y.every((p) => close(p, sigmoid(z), 1e-4)))
      problems.push(`logit slider at logit 2 = ${z}: sigmoid P(label 2) moves with logit 1`);
    if (!soft1.y.every((p, i) => close(p + soft2.y[i], 1, 2e-4)))
      problems.push(`logit slider at logit 2 = ${z}: softmax's probabilities do not sum to 1`);
    if (!soft1.y.every((p, i) => close(p, sigmoid(soft1.x[i] - z), 1e-4)))
      problems.push(`logit slider at logit 2 = ${z}: softmax P(label 1) != sigmoid(z1 - z2)`);
    log(
      `logit slider moved to (${z}, ${z}): sigmoid, sigmoid, softmax, softmax ${four.join(', ')}`,
    );
    const shown = `sigmoid ${sigmoid(z).toFixed(3)} and ${sigmoid(z).toFixed(3)}, softmax 0.500`;
    if (!state.readout.includes(shown))
      problems.push(`logit slider at ${z}: the readout "${state.readout}" lacks "${shown}"`);
  }
  return problems;
}

/** The page's cost table: its caption, and each row as column name -> cell text. */
async function costTable(tab: Page): Promise<{ caption: string; rows: Record<string, string>[] }> {
  return tab.evaluate((prefix) => {
    const table = Array.from(document.querySelectorAll('table')).find((t) =>
      (t.querySelector('caption')?.textContent ?? '').startsWith(prefix),
    );
    if (!table) return { caption: '', rows: [] };
    const names = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent ?? '');
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
      Object.fromEntries(
        Array.from(tr.children).map((cell, i) => [names[i] || 'index', cell.textContent ?? '']),
      ),
    );
    return { caption: table.querySelector('caption')?.textContent ?? '', rows };
  }, COST_TABLE);
}

/**
 * Lesson 05: at n = 20 and 8 the markers sit at the formulas' counts, and the readout shows the
 * numbers of the table's row.
 */
async function costSliderProblems(tab: Page, log: (line: string) => void): Promise<string[]> {
  const index = await chartIndex(tab, COST_CHART);
  if (index < 0) return [`has no chart titled "${COST_CHART}..."`];
  const table = await costTable(tab);
  const hidden = Number(/on (\d+) units/.exec(table.caption)?.[1]);
  if (!(hidden > 0)) return [`has no table captioned "${COST_TABLE} N units..."`];
  const problems: string[] = [];
  for (const n of [20, 8]) {
    const state = await moveSlider(tab, index, String(n));
    const markers = state.data.slice(-2);
    const expected = [2 ** n, n, (hidden + 1) * 2 ** n, (hidden + 1) * n];
    if (!markers.every((m) => m.x.every((x) => x === n)))
      problems.push(`cost slider at n = ${n}: markers at ${JSON.stringify(markers[0].x)}`);
    if (JSON.stringify(markers[0].y) !== JSON.stringify(expected))
      problems.push(
        `cost slider at n = ${n}: outputs and parameters ${JSON.stringify(markers[0].y)}, ` +
          `the formulas 2^n, n, (h + 1)·2^n, (h + 1)·n give ${JSON.stringify(expected)}`,
      );
    log(`cost slider moved to n = ${n}: ${state.readout}`);
    const row = table.rows.find((r) => r.n === String(n));
    if (!row) problems.push(`the cost table has no row n = ${n}`);
    else {
      const cells = Object.entries(row).filter(([name]) => name !== 'index' && name !== 'n');
      const missing = cells.filter(([, text]) => !state.readout.includes(text));
      if (cells.length < 5 || missing.length > 0)
        problems.push(
          `cost slider at n = ${n}: the readout "${state.readout}" lacks the table's ` +
            missing.map(([name, text]) => `${name} ${text}`).join(', '),
        );
    }
  }
  return problems;
}

/**
 * The slider checks of one page of the HTML edition (none for pages without sliders); `log` gets
 * one line per move with what the chart showed.
 */
export async function sliderProblems(
  tab: Page,
  page: string,
  log: (line: string) => void = (line) => console.log(`${page}: ${line}`),
): Promise<string[]> {
  try {
    if (page.startsWith('02-')) return await logitSliderProblems(tab, log);
    if (page.startsWith('05-')) return await costSliderProblems(tab, log);
    return [];
  } catch (error) {
    return [`slider: ${error instanceof Error ? error.message : String(error)}`];
  }
}
