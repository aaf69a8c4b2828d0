/**
 * The yeast gene-function benchmark (Elisseeff & Weston 2001, as MULAN distributes it), read from
 * the committed `data/yeast.csv.gz` into a danfo DataFrame, checked, and split the standard way.
 *
 * danfo's `readCSV` reads plain text files only, so the file is decompressed first
 * (`readGzipCsv` of csv-files.ts, which bounds the inflated size).
 */
import { join } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { readGzipCsv } from './csv-files';
import { describe, InputError } from './validate';

/** The committed file, resolved from this module so that any working directory finds it. */
export const YEAST_FILE = join(__dirname, '..', '..', 'data', 'yeast.csv.gz');

/** Rows in the file. */
export const YEAST_ROWS = 2417;

/** Rows 0..916 are MULAN's `yeast-test.arff`, rows 917..2416 its `yeast-train.arff`. */
export const YEAST_TEST_ROWS = 917;

/** Feature columns `Att1`..`Att103`. */
export const YEAST_FEATURES: readonly string[] = Array.from(
  { length: 103 },
  (_, i) => `Att${i + 1}`,
);

/** Label columns `Class1`..`Class14` (functional categories of the genes). */
export const YEAST_LABELS: readonly string[] = Array.from(
  { length: 14 },
  (_, i) => `Class${i + 1}`,
);

/** The yeast table and its standard split, as plain rows. */
export interface YeastData {
  /** The whole file as danfo read it, 2,417 rows x 117 columns, in file order. */
  df: DataFrame;
  featureNames: string[];
  labelNames: string[];
  /** Features of the 1,500 training rows (file rows 917..2416), in file order. */
  xTrain: number[][];
  /** Labels (0/1) of the training rows. */
  yTrain: number[][];
  /** Features of the 917 test rows (file rows 0..916). */
  xTest: number[][];
  yTest: number[][];
}

/**
 * Loads the yeast data and checks it: the 117 columns `Att1..Att103, Class1..Class14` in that
 * order, 2,417 rows, finite features and 0/1 labels. Splits it the standard way: test = the
 * first 917 rows, training = the last 1,500.
 * Used in lessons: 06.
 * @param path the `.csv.gz` file (default: the committed `data/yeast.csv.gz`)
 * @throws InputError naming the file and what is wrong: missing, not gzip, too large when
 *   inflated, not CSV, other columns, another
 *   row count, or the row and column of a value that is not a finite number (or not 0/1 for a
 *   label).
 */
export async function loadYeast(path: string = YEAST_FILE): Promise<YeastData> {
  const df = await readGzipCsv(path);
  const expected = [...YEAST_FEATURES, ...YEAST_LABELS];
  const columns = df.columns.map(String);
  if (columns.length !== expected.length || columns.some((c, i) => c !== expected[i])) {
    const shown =
      columns.length > 6 ? `${columns.slice(0, 6).join(', ')}, ...` : columns.join(', ');
    throw new InputError(
      `data file ${path} must have the ${expected.length} columns Att1..Att103, ` +
        `Class1..Class14 in that order, got ${columns.length} (${shown})`,
    );
  }
  const values = df.values as unknown[][];
  if (values.length !== YEAST_ROWS)
    throw new InputError(`data file ${path} must have ${YEAST_ROWS} rows, got ${values.length}`);
  const numFeatures = YEAST_FEATURES.length;
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(
          `data file ${path}, row ${i + 1}, column ${expected[j]}: expected a finite number, ` +
            `got ${describe(v)}`,
        );
      if (j >= numFeatures && v !== 0 && v !== 1)
        throw new InputError(
          `data file ${path}, row ${i + 1}, label ${expected[j]}: expected 0 or 1, got ${v}`,
        );
    }),
  );
  const rows = values as number[][];
  const x = rows.map((r) => r.slice(0, numFeatures));
  const y = rows.map((r) => r.slice(numFeatures));
  return {
    df,
    featureNames: [...YEAST_FEATURES],
    labelNames: [...YEAST_LABELS],
    xTrain: x.slice(YEAST_TEST_ROWS),
    yTrain: y.slice(YEAST_TEST_ROWS),
    xTest: x.slice(0, YEAST_TEST_ROWS),
    yTest: y.slice(0, YEAST_TEST_ROWS),
  };
}
