import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSavedFigureLists, readSavedRun } from '../../src/core/saved-runs';
import { assertInputError } from '../support/close';

const dir = mkdtempSync(join(tmpdir(), 'saved-runs-'));
const envelope = {
  about: 'a test run',
  command: 'npx tsx scripts/x.ts',
  code: { commit: 'a'.repeat(40), uncommittedChanges: false },
  createdAt: '2026-01-01T00:00:00Z',
  seconds: 1,
  environment: { tfjs: '4.22.0', backend: 'wasm', node: 'v20' },
};
function saved(name: string, record: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(record));
  return path;
}

test('figure lists are read back when each holds one finite value per repetition', () => {
  const figures = { 'exact match': [0.5, 0.75], 'hamming loss': [0.1, 0.2] };
  const path = saved('good.json', { ...envelope, settings: { repetitions: 2 }, figures });
  assert.deepEqual(readSavedFigureLists(path).figures, figures);
});

test('a figure of the wrong length, a non-finite value or no repetition count is named', () => {
  const settings = { repetitions: 3 };
  const short = saved('short.json', { ...envelope, settings, figures: { f1: [1, 2] } });
  assertInputError(() => readSavedFigureLists(short), /figure f1 in .*short\.json must hold 3/);
  const nan = saved('nan.json', { ...envelope, settings, figures: { f1: [1, 2, 'NaN'] } });
  assertInputError(() => readSavedFigureLists(nan), /figure f1 in .*nan\.json must hold 3 finite/);
  const none = saved('none.json', { ...envelope, settings: {}, figures: {} });
  assertInputError(() => readSavedFigureLists(none), /lacks settings\.repetitions, got undefined/);
  const noCommit = saved('commit.json', { ...envelope, code: {}, settings, figures: {} });
  assertInputError(() => readSavedRun(noCommit), /lacks the commit its code was at/);
  assertInputError(() => readSavedRun(join(dir, 'missing.json')), /does not exist/);
});
