/**
 * Tables in notebooks. danfo DataFrames have no HTML representation in Node, so this module
 * renders one as an HTML table (with the frame's own text rendering as the plain-text part).
 */
import { DataFrame } from 'danfojs-node';
import { escapeHtml, show, type MimeBundle } from './display';
import { assertInteger, assertOptions, InputError } from '../core/validate';

/** One table row: column name -> cell value. */
export type Row = Record<string, string | number | boolean | null>;

export interface TableOptions {
  /** Rows shown; longer frames show the first and last rows around an ellipsis row. */
  maxRows?: number;
  /** Significant digits for non-integer numbers. */
  precision?: number;
  /** A caption above the table. */
  caption?: string;
}

function formatCell(value: unknown, precision: number): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    if (Number.isNaN(value)) return 'NaN';
    return Number(value.toPrecision(precision)).toString();
  }
  if (value === null || value === undefined) return '';
  return String(value);
}

function isDataFrame(table: unknown): table is DataFrame {
  return (
    typeof table === 'object' &&
    table !== null &&
    !Array.isArray(table) &&
    Array.isArray((table as DataFrame).columns) &&
    typeof (table as DataFrame).loc === 'function'
  );
}

/** Anything the table helpers accept: a danfo DataFrame or an array of row records. */
export type Tabular = DataFrame | readonly object[];

/**
 * Turns rows into a danfo DataFrame, checking that there is at least one row and that every row
 * has the first row's columns. Values are read by column name: danfo reads each row's values in
 * the order of the first row's keys, so rows are put in that order first.
 * @throws InputError for an empty array, rows that are not objects, or rows with other columns.
 */
export function toDataFrame(table: Tabular): DataFrame {
  // Duck-typed: frames made inside danfo (readCSV, head, ...) are not always instances of the
  // exported class.
  if (isDataFrame(table)) return table;
  if (!Array.isArray(table) || table.length === 0)
    throw new InputError('table must be a DataFrame or a non-empty array of row objects');
  table.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw new InputError(`table row ${i} must be an object of column -> value`);
  });
  const columns = Object.keys(table[0] as Row);
  const known = new Set(columns);
  const rows = (table as readonly Row[]).map((row, i) => {
    const keys = Object.keys(row);
    const missing = columns.filter((c) => !(c in row));
    const extra = keys.filter((k) => !known.has(k));
    if (missing.length > 0 || extra.length > 0)
      throw new InputError(
        `table row ${i} has other columns than row 0: ` +
          [
            missing.length > 0 ? `missing ${missing.join(', ')}` : '',
            extra.length > 0 ? `extra ${extra.join(', ')}` : '',
          ]
            .filter((part) => part !== '')
            .join('; '),
      );
    return Object.fromEntries(columns.map((c) => [c, row[c]]));
  });
  return new DataFrame(rows);
}

/**
 * The HTML of a DataFrame: a `<table class="dataframe">` with the index as the first column,
 * numbers right-aligned and HTML in cells escaped.
 */
export function dataFrameHtml(table: Tabular, options: TableOptions = {}): string {
  assertOptions<TableOptions>(options, { maxRows: true, precision: true, caption: true });
  const { maxRows = 20, precision = 4, caption } = options;
  assertInteger('options.maxRows', maxRows, 1);
  assertInteger('options.precision', precision, 1, 100);
  const df = toDataFrame(table);
  const columns = df.columns.map(String);
  const values = df.values as unknown[][];
  const index = df.index as (string | number)[];
  const rowIndices =
    values.length <= maxRows
      ? values.map((_, i) => i)
      : [
          ...Array.from({ length: Math.ceil(maxRows / 2) }, (_, i) => i),
          -1,
          ...Array.from(
            { length: Math.floor(maxRows / 2) },
            (_, i) => values.length - Math.floor(maxRows / 2) + i,
          ),
        ];
  const headCells = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const head = `<thead><tr style="text-align: right;"><th></th>${headCells}</tr></thead>`;
  const rowHtml = (r: number): string => {
    if (r < 0) return `<tr><th>...</th>${columns.map(() => '<td>...</td>').join('')}</tr>`;
    const cells = values[r].map((v) => `<td>${escapeHtml(formatCell(v, precision))}</td>`);
    return `<tr><th>${escapeHtml(String(index[r]))}</th>${cells.join('')}</tr>`;
  };
  const body = rowIndices.map(rowHtml).join('');
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  const size =
    values.length > maxRows ? `<p>${values.length} rows × ${columns.length} columns</p>` : '';
  return (
    '<div class="multilabel-table"><table class="dataframe" border="1">' +
    `${cap}${head}<tbody>${body}</tbody></table>${size}</div>`
  );
}

/** The output bundle of a table: HTML and danfo's own text rendering. */
export function tableBundle(table: Tabular, options: TableOptions = {}): MimeBundle {
  const df = toDataFrame(table);
  return { 'text/html': dataFrameHtml(df, options), 'text/plain': df.toString() };
}

/**
 * Shows a DataFrame (or rows) as an HTML table in the notebook.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @throws InputError for an empty table.
 */
export function showTable(table: Tabular, options: TableOptions = {}): void {
  show(tableBundle(table, options));
}
