import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import {
  cleanNotebook,
  formatNotebook,
  notebookProblems,
  sourceNotebooks,
} from '../../scripts/lib/notebook-clean';
import type { Notebook } from '../../scripts/lib/notebook-json';

const sources = sourceNotebooks();

test('notebooks/ holds lesson sources', () => {
  assert.ok(sources.length > 0, 'no notebook in notebooks/');
});

for (const path of sources) {
  const name = basename(path);
  const raw = readFileSync(path, 'utf8');

  test(`${name} is committed clean: no outputs or counts, tslab kernelspec, cell ids`, () => {
    assert.deepEqual(
      notebookProblems(JSON.parse(raw) as Notebook),
      [],
      `${name} is not clean: run \`npm run clean-notebooks\``,
    );
  });

  test(`${name} is laid out as nbformat writes it, so cleaning it changes no byte`, () => {
    assert.ok(
      formatNotebook(cleanNotebook(JSON.parse(raw) as Notebook)) === raw,
      `${name} differs from its cleaned form: run \`npm run clean-notebooks\``,
    );
  });
}

/** A lesson source as an executed copy looks: outputs, counts and timing on every code cell. */
function executedCopy(nb: Notebook): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  copy.cells.forEach((cell, i) => {
    cell.metadata = {
      ...cell.metadata,
      execution: { 'iopub.status.busy': '2026-01-01T00:00:00Z' },
    };
    if (cell.cell_type !== 'code') return;
    cell.execution_count = i + 1;
    cell.outputs = [{ output_type: 'stream', name: 'stdout', text: ['42\n'] }];
  });
  return copy;
}

test('cleaning an executed copy gives back the source; the check sees every kind of dirt', () => {
  const source = JSON.parse(readFileSync(sources[0], 'utf8')) as Notebook;
  const dirty = executedCopy(source);
  const codeCells = source.cells.filter((c) => c.cell_type === 'code').length;
  const problems = notebookProblems(dirty);
  assert.equal(problems.filter((p) => /output/.test(p)).length, codeCells);
  assert.equal(problems.filter((p) => /execution count/.test(p)).length, codeCells);
  assert.equal(problems.filter((p) => /timing/.test(p)).length, source.cells.length);
  const cleaned = cleanNotebook(dirty);
  assert.deepEqual(notebookProblems(cleaned), []);
  assert.equal(formatNotebook(cleaned), formatNotebook(source));
  assert.notEqual(
    formatNotebook(dirty),
    formatNotebook(source),
    'cleanNotebook must not change its argument',
  );
});

test('the check rejects a bad kernelspec, missing or repeated cell ids and old nbformat', () => {
  const source = JSON.parse(readFileSync(sources[0], 'utf8')) as Notebook;
  const python = {
    ...source,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  };
  assert.equal(
    notebookProblems(python).filter((p) => p.startsWith('metadata.kernelspec')).length,
    3,
  );
  assert.equal(
    notebookProblems({ ...source, metadata: {} }).filter((p) => p.startsWith('metadata.kernelspec'))
      .length,
    3,
  );
  const cells = source.cells.map((c) => ({ ...c }));
  delete cells[0].id;
  cells[2].id = cells[1].id;
  assert.deepEqual(notebookProblems({ ...source, cells }), [
    'cell 0 has no id',
    `cell 2 repeats the id ${cells[1].id}`,
  ]);
  assert.match(notebookProblems({ ...source, nbformat_minor: 4 }).join(), /nbformat must be 4\.5/);
});
