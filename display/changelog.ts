import { ROW_KIND_LABELS, scalarText, valueAt, type Scalar, type Schema, type SqlType } from '../engine/index.js';
import { hasControl } from './cell-text.js';
import { rowRange, type Rows } from './rows.js';

const SEPARATOR = ' | ';

/**
 * Changelog lines: the op (+I insert, -U retract before update, +U update after, -D delete),
 * then the row's values, all separated by ' | ':
 *
 *     op | symbol | n
 *     +I | AAPL | 1
 *     -U | AAPL | 1
 *     +U | AAPL | 2
 *
 * Values are written as in a table (NULL as `NULL`, timestamps 'YYYY-MM-DD HH:MM:SS[.fff]',
 * intervals '01:30:00'). A VARCHAR value is written as a JSON string literal (double quotes,
 * backslash escapes) when it could otherwise be misread: when it is empty, is `NULL`, starts
 * with a double quote, contains '|' or a control character, or starts or ends with white
 * space. So every change is exactly one line, and a field that starts with '"' is JSON.
 */
export function changelogHeader(schema: Schema): string {
  return ['op', ...schema.map((f) => changelogText(f.name, 'VARCHAR'))].join(SEPARATOR);
}

/** One line per change (a complete result's rows are all +I). */
export function changelogLines(changes: Rows, start?: number, end?: number): string[] {
  const { schema, batch } = changes;
  const kinds = batch.kinds;
  const range = rowRange(changes, start, end);
  const lines: string[] = [];
  for (let i = range.start; i < range.end; i++) {
    let line: string = ROW_KIND_LABELS[kinds === null ? 0 : kinds[i]!]!;
    for (let c = 0; c < schema.length; c++) line += SEPARATOR + changelogText(valueAt(batch.columns[c]!, i), schema[c]!.type);
    lines.push(line);
  }
  return lines;
}

/** One value as a changelog field. */
export function changelogText(value: Scalar, type: SqlType): string {
  if (value === null) return 'NULL';
  const text = scalarText(value, type);
  // JSON.stringify escapes every control character but DEL; escape that one too.
  return type === 'VARCHAR' && needsQuotes(text) ? JSON.stringify(text).replaceAll('\u007f', '\\u007f') : text;
}

function needsQuotes(text: string): boolean {
  if (text === '' || text === 'NULL' || text.startsWith('"') || text.includes('|')) return true;
  if (/^\s|\s$/.test(text)) return true;
  return hasControl(text);
}
