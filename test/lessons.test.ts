/**
 * Every lesson, executed headlessly through the same runner users run (`npm run lessons`):
 * each must pass its own claims, and each executed copy must be complete and clean.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findNotebooks, runLessons } from '../scripts/lib/runner';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'build', 'notebooks');

interface Output {
  output_type: string;
  name?: string;
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: Output[];
}

test(
  'every lesson runs headlessly with all claims holding',
  { timeout: 30 * 60 * 1000 },
  async () => {
    const lines: string[] = [];
    const summary = await runLessons({
      only: [],
      bail: false,
      cellTimeout: 900,
      notebooksDir: join(ROOT, 'notebooks'),
      outDir: OUT,
      log: (l) => {
        lines.push(l);
        console.log(l);
      },
    });
    assert.deepEqual(
      summary.failures.map((f) => `${f.notebook} cell ${f.failure?.cell}: ${f.failure?.reason}`),
      [],
    );
    assert.equal(summary.results.length, findNotebooks(join(ROOT, 'notebooks')).length);

    for (const result of summary.results) {
      const nb = JSON.parse(readFileSync(join(OUT, `${result.notebook}.ipynb`), 'utf8')) as {
        cells: Cell[];
      };
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      assert.ok(
        code.every((c) => typeof c.execution_count === 'number'),
        `${result.notebook}: a code cell was not executed`,
      );
      const outputs = code.flatMap((c) => c.outputs ?? []);
      assert.deepEqual(
        outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr'),
        [],
        `${result.notebook}: error or stderr output`,
      );
      const charts = outputs.filter(
        (o) => o.data && typeof o.data['application/vnd.plotly.v1+json'] === 'object',
      );
      assert.ok(charts.length >= 1, `${result.notebook}: no chart`);
      if (result.notebook.startsWith('01-'))
        assert.ok(charts.length >= 3, `lesson 01 has ${charts.length} charts, expected at least 3`);
    }
  },
);
