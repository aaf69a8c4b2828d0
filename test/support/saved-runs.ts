/**
 * The provenance of a saved run (src/core/saved-runs.ts): made by its script, from committed
 * code, at a commit in this history.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SavedRun } from '../../src/core/saved-runs';

const ROOT = join(__dirname, '..', '..');

/** Asserts that `record` was made by `npx tsx <script>` from committed code in this history. */
export function assertMadeHere(
  record: Pick<SavedRun<unknown, unknown>, 'command' | 'code'>,
  script: string,
): void {
  assert.ok(
    record.command.startsWith(`npx tsx ${script}`),
    `${record.command} is not a run of ${script}`,
  );
  assert.equal(record.code.uncommittedChanges, false, 'made from uncommitted code');
  assert.match(record.code.commit, /^[0-9a-f]{40}$/);
  const git = spawnSync('git', ['merge-base', '--is-ancestor', record.code.commit, 'HEAD'], {
    cwd: ROOT,
  });
  // Outside a git checkout (status null or 128) the history cannot be checked.
  if (git.status === 0 || git.status === 1)
    assert.equal(git.status, 0, `${record.code.commit} is not an ancestor of HEAD`);
}
