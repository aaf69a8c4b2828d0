/**
 * `loadYeast` reads the committed file through danfo and splits it the standard way (test = the
 * first 917 rows of the file, training = the last 1,500, in file order), and refuses files that
 * are missing, not gzip, or not the yeast table, naming what is wrong. It leaves nothing behind
 * in the temporary directory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readGzipCsv } from '../../src/core/csv-files';
import { loadYeast, YEAST_FILE } from '../../src/core/yeast';
import { InputError } from '../../src/core/validate';

const dir = mkdtempSync(join(tmpdir(), 'yeast-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The file's rows as numbers, parsed without danfo. */
function plainRows(): number[][] {
  const lines = gunzipSync(readFileSync(YEAST_FILE)).toString('utf8').trim().split('\n');
  return lines.slice(1).map((line) => line.split(',').map(Number));
}

test('loadYeast: 1,500 training and 917 test rows, in file order', async () => {
  const before = readdirSync(tmpdir()).filter((f) => f.startsWith('yeast-') && !dir.endsWith(f));
  const yeast = await loadYeast();
  const rows = plainRows();
  assert.deepEqual(yeast.df.shape, [2417, 117]);
  assert.equal(yeast.featureNames.length, 103);
  assert.deepEqual(
    yeast.labelNames,
    Array.from({ length: 14 }, (_, i) => `Class${i + 1}`),
  );
  assert.equal(yeast.xTest.length, 917);
  assert.equal(yeast.xTrain.length, 1500);
  for (const [i, r] of [
    [0, 0],
    [916, 916],
  ]) {
    assert.deepEqual(yeast.xTest[i], rows[r].slice(0, 103));
    assert.deepEqual(yeast.yTest[i], rows[r].slice(103));
  }
  for (const [i, r] of [
    [0, 917],
    [1499, 2416],
  ]) {
    assert.deepEqual(yeast.xTrain[i], rows[r].slice(0, 103));
    assert.deepEqual(yeast.yTrain[i], rows[r].slice(103));
  }
  const after = readdirSync(tmpdir()).filter((f) => f.startsWith('yeast-') && !dir.endsWith(f));
  assert.deepEqual(after, before, 'the decompressed copy was removed');
});

test('a missing file, a file that is not gzip, another table are refused', async () => {
  const refused = async (promise: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(promise, (e: unknown) => e instanceof InputError && pattern.test(e.message));
  await refused(readGzipCsv(join(dir, 'missing.csv.gz')), /missing\.csv\.gz does not exist/);
  const plain = join(dir, 'plain.csv.gz');
  writeFileSync(plain, 'a,b\n1,2\n');
  await refused(readGzipCsv(plain), /must be gzip-compressed CSV/);
  const other = join(dir, 'other.csv.gz');
  writeFileSync(other, gzipSync('a,b\n1,2\n'));
  await refused(
    loadYeast(other),
    /must have the 117 columns Att1\.\.Att103, Class1\.\.Class14.*got 2/,
  );
  const header = gunzipSync(readFileSync(YEAST_FILE)).toString('utf8').split('\n')[0];
  const row = (label: string) =>
    [...Array.from({ length: 103 }, () => '0.5'), ...Array.from({ length: 14 }, () => label)].join(
      ',',
    );
  const short = join(dir, 'short.csv.gz');
  writeFileSync(short, gzipSync(`${header}\n${row('1')}\n`));
  await refused(loadYeast(short), /must have 2417 rows, got 1/);
  const badLabel = join(dir, 'bad-label.csv.gz');
  writeFileSync(
    badLabel,
    gzipSync([header, ...Array.from({ length: 2417 }, () => row('2'))].join('\n')),
  );
  await refused(loadYeast(badLabel), /row 1, label Class1: expected 0 or 1, got 2/);
});
