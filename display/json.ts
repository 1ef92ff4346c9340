import { scalarToJson, ROW_KIND_LABELS, valueAt, type Schema } from '../engine/index.js';
import { rowRange, type Rows } from './rows.js';

/**
 * JSON lines: one object per row, keys in column order, no spaces. Values are the engine's
 * `scalarToJson`: numbers, strings, booleans and null; TIMESTAMP and INTERVAL as their text
 * ('2024-01-02 03:04:05.678', '01:30:00'); NaN and ±Infinity as strings. The engine's JSON
 * lines file sink writes the same text.
 */
export function jsonRowLines(rows: Rows, start?: number, end?: number): string[] {
  const keys = jsonKeys(rows.schema);
  const range = rowRange(rows, start, end);
  const lines: string[] = [];
  for (let i = range.start; i < range.end; i++) lines.push('{' + members(rows, keys, i) + '}');
  return lines;
}

/**
 * JSON lines of changes: each object starts with `"op"` (+I, -U, +U or -D), then the row's
 * columns, as the engine's JSON lines sink writes a changelog:
 * `{"op":"+U","symbol":"AAPL","n":3}`. A result with a column named `op` would make that
 * ambiguous; `changeOpConflict` tells callers to refuse it.
 */
export function jsonChangeLines(changes: Rows, start?: number, end?: number): string[] {
  const keys = jsonKeys(changes.schema);
  const kinds = changes.batch.kinds;
  const range = rowRange(changes, start, end);
  const lines: string[] = [];
  for (let i = range.start; i < range.end; i++) {
    const op = ROW_KIND_LABELS[kinds === null ? 0 : kinds[i]!]!;
    const rest = members(changes, keys, i);
    lines.push(`{"op":"${op}"` + (rest === '' ? '' : ',' + rest) + '}');
  }
  return lines;
}

/** The column named like the op key (case-insensitively), if the schema has one. */
export function changeOpConflict(schema: Schema): string | null {
  return schema.find((f) => f.name.toLowerCase() === 'op')?.name ?? null;
}

function jsonKeys(schema: Schema): string[] {
  return schema.map((f) => JSON.stringify(f.name) + ':');
}

// Built as text rather than with JSON.stringify of an object: keys keep column order, a
// column named `__proto__` stays a plain key, and repeated column names are all written.
function members(rows: Rows, keys: readonly string[], i: number): string {
  const { schema, batch } = rows;
  let text = '';
  for (let c = 0; c < schema.length; c++) {
    if (c > 0) text += ',';
    text += keys[c]! + JSON.stringify(scalarToJson(valueAt(batch.columns[c]!, i), schema[c]!.type));
  }
  return text;
}
