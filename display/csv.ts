import { formatScalarForCsv, valueAt, type Schema } from '../engine/index.js';
import { rowRange, type Rows } from './rows.js';

/**
 * CSV as RFC 4180 quotes it, with '\n' line ends and NULL as an empty field: the same text
 * the engine's CSV file sink writes (both use the engine's `formatScalarForCsv`). A field is
 * quoted when it holds a comma, a quote, a line break, leading or trailing spaces, or is an
 * empty string (so that '' differs from NULL). A quoted field may span lines, so "one
 * string per row" is not "one line per row".
 */
export function csvHeader(schema: Schema): string {
  return schema.map((f) => formatScalarForCsv(f.name, 'VARCHAR')).join(',');
}

/** One CSV record per row (without line ends). */
export function csvRecords(rows: Rows, start?: number, end?: number): string[] {
  const { schema, batch } = rows;
  const range = rowRange(rows, start, end);
  const records: string[] = [];
  for (let i = range.start; i < range.end; i++) {
    let record = '';
    for (let c = 0; c < schema.length; c++) {
      if (c > 0) record += ',';
      record += formatScalarForCsv(valueAt(batch.columns[c]!, i), schema[c]!.type);
    }
    records.push(record);
  }
  return records;
}
