import { valueAt } from '../engine/index.js';
import { alignsRight, cellText, escapeControls } from './cell-text.js';
import type { Rows } from './rows.js';
import { padTo, textWidth } from './text-width.js';

export interface TableOptions {
  /** Show at most this many rows, then an elision line (`… 997 more rows`). Default: all. */
  readonly maxRows?: number;
  /**
   * With maxRows: show the last rows instead of the first, after an elision line
   * (`… 997 earlier rows`). For the latest rows of a live append-only result.
   */
  readonly tail?: boolean;
}

const COLUMN_GAP = ' │ ';
const RULE_GAP = '─┼─';

/**
 * A result as an aligned text table, one string per line (no line ends):
 *
 *     symbol VARCHAR │ n BIGINT
 *     ───────────────┼─────────
 *     AAPL           │        3
 *     MSFT           │     NULL
 *     (2 rows)
 *
 * The header gives each column's name and SQL type. Numbers and intervals are right-aligned,
 * everything else left-aligned; NULL is `NULL`. No line has trailing spaces (the last column
 * is not padded when it is left-aligned). Widths count terminal columns (wide characters
 * take two).
 */
export function formatTable(rows: Rows, options: TableOptions = {}): string[] {
  const { schema, batch } = rows;
  const total = batch.length;
  const shown = options.maxRows === undefined ? total : Math.max(0, Math.min(total, Math.floor(options.maxRows)));
  const first = options.tail === true ? total - shown : 0;
  const lines: string[] = [];
  if (options.tail === true && shown < total) lines.push(`… ${plural(total - shown, 'earlier row')}`);
  if (schema.length > 0) {
    const header = schema.map((f) => `${escapeControls(f.name)} ${f.type}`);
    const cells = batch.columns.map((col, c) => {
      const type = schema[c]!.type;
      const texts = new Array<string>(shown);
      for (let i = 0; i < shown; i++) texts[i] = cellText(valueAt(col, first + i), type);
      return texts;
    });
    const table = alignColumns(header, cells, schema.map((f) => alignsRight(f.type)));
    // The elision line of a tail goes above the table: keep the header on top.
    if (options.tail === true && shown < total) lines.unshift(...table.splice(0, 2));
    lines.push(...table);
  }
  if (options.tail !== true && shown < total) lines.push(`… ${plural(total - shown, 'more row')}`);
  lines.push(`(${plural(total, 'row')})`);
  return lines;
}

/**
 * Text already made into cells, as an aligned table with the same rules as `formatTable`:
 * a header line, a rule, one line per row. For displays of things that are not results
 * (the REPL's list of running queries).
 */
export function formatTextTable(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const cells = header.map((_, c) => rows.map((r) => escapeControls(r[c] ?? '')));
  return alignColumns(header.map(escapeControls), cells, right);
}

/** Header, rule and rows of cells given column by column. */
function alignColumns(header: readonly string[], cells: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths = header.map((h, c) => cells[c]!.reduce((w, t) => Math.max(w, textWidth(t)), textWidth(h)));
  const line = (texts: readonly string[]): string =>
    texts.map((t, c) => (c === texts.length - 1 && !right[c] ? t : padTo(t, widths[c]!, right[c] === true))).join(COLUMN_GAP);
  const lines = [line(header), widths.map((w) => '─'.repeat(w)).join(RULE_GAP)];
  const count = cells[0]?.length ?? 0;
  for (let i = 0; i < count; i++) lines.push(line(cells.map((texts) => texts[i]!)));
  return lines;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
