import { valueAt } from '../engine/index.js';
import { alignsRight, cellText } from './cell-text.js';
import { rowRange, type Rows } from './rows.js';

export interface HtmlTableOptions {
  /** Show at most this many rows, then an elision line. Default: all. */
  readonly maxRows?: number;
  /** A line under the table (a live query's status). */
  readonly caption?: string;
}

/**
 * A result as an HTML table for notebooks: a header cell per column with its name and, under
 * it, its SQL type; values as in the text table (NULL as `NULL`, timestamps and intervals as
 * text, control characters escaped), numbers right-aligned; then `… n more rows` and the row
 * count. Every piece of text is HTML-escaped, so values cannot inject markup.
 */
export function formatHtmlTable(rows: Rows, options: HtmlTableOptions = {}): string {
  const { schema, batch } = rows;
  const total = batch.length;
  const shown = rowRange(rows, 0, options.maxRows === undefined ? total : Math.max(0, Math.floor(options.maxRows))).end;
  const right = schema.map((f) => alignsRight(f.type));
  const align = (c: number): string => (right[c] ? ' style="text-align:right"' : ' style="text-align:left"');
  const out: string[] = ['<table class="laminardb-result">', '<thead><tr>'];
  for (let c = 0; c < schema.length; c++) {
    const f = schema[c]!;
    out.push(`<th${align(c)}>${escapeHtml(f.name)}<br><span style="font-weight:normal;opacity:0.6">${f.type}</span></th>`);
  }
  out.push('</tr></thead>', '<tbody>');
  for (let i = 0; i < shown; i++) {
    let row = '<tr>';
    for (let c = 0; c < schema.length; c++) row += `<td${align(c)}>${escapeHtml(cellText(valueAt(batch.columns[c]!, i), schema[c]!.type))}</td>`;
    out.push(row + '</tr>');
  }
  out.push('</tbody>', '</table>');
  const notes: string[] = [];
  if (shown < total) notes.push(`… ${total - shown} more row${total - shown === 1 ? '' : 's'}`);
  notes.push(`(${total} row${total === 1 ? '' : 's'})`);
  out.push(`<p style="margin:0.3em 0">${escapeHtml(notes.join(' '))}</p>`);
  if (options.caption !== undefined) out.push(`<p style="margin:0.3em 0;font-family:monospace">${escapeHtml(options.caption)}</p>`);
  return out.join('\n');
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}
