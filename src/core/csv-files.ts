/**
 * Reading CSV files with danfo, with the checks danfo does not make: the file exists, is text and
 * is not larger than a stated limit (also after decompression), and danfo's own parsing errors
 * name the file they are about.
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataFrame, readCSV } from 'danfojs-node';
import { describe, InputError } from './validate';

/**
 * The largest CSV text read, after decompression: 64 MiB, far above the project's data (yeast is
 * 2.5 MB as text) and far below what would exhaust memory as a DataFrame.
 */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

const MIB = 1024 * 1024;

function assertPath(path: unknown, kind: string): asserts path is string {
  if (typeof path !== 'string' || path === '')
    throw new InputError(`path must be a ${kind} file path, got ${describe(path)}`);
  if (!existsSync(path)) throw new InputError(`data file ${path} does not exist`);
}

/** True when the first 8 KiB hold a NUL byte, which no CSV text has. */
function looksBinary(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8192);
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}

/** danfo's readCSV with its errors, and a file of no data rows, named by `shownAs`. */
async function readCsvText(file: string, shownAs: string): Promise<DataFrame> {
  if (looksBinary(file))
    throw new InputError(`data file ${shownAs} is not CSV text (it holds binary data)`);
  let df: DataFrame;
  try {
    df = (await readCSV(file)) as DataFrame;
  } catch (error) {
    throw new InputError(
      `data file ${shownAs} could not be read as CSV: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  if (df.shape[0] === 0) throw new InputError(`data file ${shownAs} has no data rows`);
  return df;
}

/**
 * Reads a CSV file with danfo after checking it: it exists, is at most {@link MAX_CSV_BYTES}, is
 * text, parses, and has at least one data row.
 * @throws InputError naming the file and what is wrong.
 */
export async function readCsvFile(path: string): Promise<DataFrame> {
  assertPath(path, 'CSV');
  const bytes = statSync(path).size;
  if (bytes > MAX_CSV_BYTES)
    throw new InputError(
      `data file ${path} is ${(bytes / MIB).toFixed(1)} MiB, more than the ` +
        `${MAX_CSV_BYTES / MIB} MiB a CSV file may have here`,
    );
  return readCsvText(path, path);
}

/**
 * Reads a gzip-compressed CSV file with danfo: decompresses it (refusing to inflate past
 * {@link MAX_CSV_BYTES}) into a temporary directory of its own, reads it there as
 * {@link readCsvFile} does, and removes the directory whatever happens.
 * @throws InputError naming the file when it does not exist, is not gzip data, inflates past the
 *   limit, is not CSV text or has no data rows.
 */
export async function readGzipCsv(path: string): Promise<DataFrame> {
  assertPath(path, '.csv.gz');
  let text: Buffer;
  try {
    text = gunzipSync(readFileSync(path), { maxOutputLength: MAX_CSV_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new InputError(
        `data file ${path} inflates to more than the ${MAX_CSV_BYTES / MIB} MiB a CSV file ` +
          'may have here',
      );
    throw new InputError(
      `data file ${path} must be gzip-compressed CSV, but it does not decompress ` +
        `(${(error as Error).message})`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'csv-'));
  try {
    const file = join(dir, 'data.csv');
    writeFileSync(file, text);
    return await readCsvText(file, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
