/**
 * CSV files as the loaders read them: every way a file can be wrong is refused with an error that
 * names the file, sizes are checked before anything large is allocated.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MAX_CSV_BYTES, readCsvFile, readGzipCsv } from '../../src/core/csv-files';
import { InputError } from '../../src/core/validate';

const dir = mkdtempSync(join(tmpdir(), 'csv-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function refused(load: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(load, (e: unknown) => e instanceof InputError && message.test(e.message));
}

test('a good file is read by column name, plain or gzip-compressed', async () => {
  const text = 'a,b\n1,2\n3,4\n';
  for (const df of [
    await readCsvFile(file('good.csv', text)),
    await readGzipCsv(file('good.csv.gz', gzipSync(text))),
  ]) {
    assert.deepEqual(df.columns, ['a', 'b']);
    assert.deepEqual(df.values, [
      [1, 2],
      [3, 4],
    ]);
  }
});

test('empty, header-only, binary and unparsable files are refused, naming the file', async () => {
  await refused(readCsvFile(file('empty.csv', '')), /empty\.csv could not be read as CSV/);
  await refused(readCsvFile(file('header.csv', 'a,b\n')), /header\.csv could not be read/);
  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]);
  await refused(readCsvFile(file('image.csv', binary)), /image\.csv is not CSV text/);
  await refused(readGzipCsv(file('image.csv.gz', gzipSync(binary))), /image\.csv\.gz is not CSV/);
  await refused(readGzipCsv(file('header.csv.gz', gzipSync('a,b\n'))), /header\.csv\.gz could/);
  await refused(readCsvFile(join(dir, 'none.csv')), /none\.csv does not exist/);
  await refused(readCsvFile('' as string), /path must be a CSV file path, got the string ""/);
});

test('sizes are refused before reading: a large file, a file inflating past it', async () => {
  const large = file('large.csv', 'a\n1\n');
  truncateSync(large, MAX_CSV_BYTES + 1); // sparse: takes no disk, reads as NULs
  await refused(readCsvFile(large), /large\.csv is 64\.0 MiB, more than the 64 MiB/);
  // 65 MiB of text in a 65 KiB file: decompression stops at the limit.
  const bomb = gzipSync(Buffer.alloc(MAX_CSV_BYTES + 1024 * 1024, 'a'));
  assert.ok(bomb.length < 1024 * 1024);
  const started = Date.now();
  await refused(readGzipCsv(file('bomb.csv.gz', bomb)), /bomb\.csv\.gz inflates to more than/);
  assert.ok(Date.now() - started < 5000, 'the inflate limit stops decompression early');
});
