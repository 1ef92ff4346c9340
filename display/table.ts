import { valueAt } from '../engine/index.js';
import { alignsRight, cellText, escapeControls } from './cell-text.js';
import type { Rows } from './rows.js';
import { padTo, textWidth } from './text-width.js';

export interface TableOptions {
  /** Show at most this many rows, then an elision line (`… 997 more rows`). Default: all. */
  readonly maxRows?: number;
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
  const lines: string[] = [];
  if (schema.length > 0) {
    const right = schema.map((f) => alignsRight(f.type));
    const header = schema.map((f) => `${escapeControls(f.name)} ${f.type}`);
    const cells = batch.columns.map((col, c) => {
      const type = schema[c]!.type;
      const texts = new Array<string>(shown);
      for (let i = 0; i < shown; i++) texts[i] = cellText(valueAt(col, i), type);
      return texts;
    });
    const widths = header.map((h, c) => cells[c]!.reduce((w, t) => Math.max(w, textWidth(t)), textWidth(h)));
    const line = (texts: readonly string[]): string =>
      texts
        .map((t, c) => (c === texts.length - 1 && !right[c] ? t : padTo(t, widths[c]!, right[c]!)))
        .join(COLUMN_GAP);
    lines.push(line(header));
    lines.push(widths.map((w) => '─'.repeat(w)).join(RULE_GAP));
    for (let i = 0; i < shown; i++) lines.push(line(cells.map((texts) => texts[i]!)));
  }
  if (shown < total) lines.push(`… ${plural(total - shown, 'more row')}`);
  lines.push(`(${plural(total, 'row')})`);
  return lines;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
