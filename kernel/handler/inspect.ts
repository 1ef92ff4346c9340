import { formatTimestamp, type ObjectInfo, type Session } from '../../engine/index.js';
import { escapeHtml } from '../../display/index.js';
import { magicHelp } from '../magics/catalog.js';
import { MIME, type MimeBundle } from '../protocol/mime.js';

const WORD = /[\p{L}\p{N}_$%]/u;

/** The word around a cursor (a UTF-16 offset): an object name, or a magic with its `%`. */
export function wordAt(text: string, cursor: number): string {
  let start = Math.min(cursor, text.length);
  while (start > 0 && WORD.test(text[start - 1]!)) start--;
  let end = Math.min(cursor, text.length);
  while (end < text.length && WORD.test(text[end]!)) end++;
  const word = text.slice(start, end);
  // `%` belongs to a magic's name only at its start (`a%b` is SQL: the word is `b`).
  const percent = word.lastIndexOf('%');
  return percent > 0 ? word.slice(percent + 1) : word;
}

/**
 * What a name is, for inspect requests and `name?`: a magic's usage and help, or an object's
 * kind, columns with types, watermark, connector, row count and the metrics of the query that
 * maintains it; `detail` 1 adds the CREATE statement. Null when the name is unknown.
 */
export function describeName(session: Session, name: string, detail: 0 | 1): MimeBundle | null {
  if (name.startsWith('%')) {
    const m = magicHelp(name);
    if (!m) return null;
    const text = `${m.usage}\n\n${m.summary}.\n\n${m.details}`;
    return { [MIME.text]: text, [MIME.markdown]: `\`${m.usage}\`\n\n${m.details}` };
  }
  const info = session.inspect(name.replace(/^"|"$/g, ''));
  if (!info) return null;
  const lines = describeObject(info, detail);
  return { [MIME.text]: lines.join('\n'), [MIME.html]: `<pre>${escapeHtml(lines.join('\n'))}</pre>` };
}

function describeObject(info: ObjectInfo, detail: 0 | 1): string[] {
  const lines = [`${info.name}: ${info.kindName}${info.connector ? ` (${info.connector})` : ''}`];
  const width = Math.max(...info.schema.map((f) => f.name.length), 0);
  for (const f of info.schema) lines.push(`  ${f.name.padEnd(width)}  ${f.type}${f.nullable ? '' : ' NOT NULL'}`);
  if (info.watermark) lines.push(`watermark: ${info.watermark}`);
  if (info.rows !== null) lines.push(`rows: ${info.rows.toLocaleString('en-US')}`);
  if (info.query) {
    const m = info.query.metrics as typeof info.query.metrics & { watermark?: unknown; lateRows?: unknown };
    const parts = [`query ${info.query.id}: ${info.query.status}`, `${m.rowsIn.toLocaleString('en-US')} rows in`, `${m.rowsOut.toLocaleString('en-US')} rows out`, `${Math.round(m.eventsPerSecond).toLocaleString('en-US')} events/s`, `${m.stateKeys.toLocaleString('en-US')} state keys`];
    if (typeof m.watermark === 'number' && Number.isFinite(m.watermark)) parts.push(`watermark ${formatTimestamp(m.watermark)}`);
    if (typeof m.lateRows === 'number') parts.push(`${m.lateRows.toLocaleString('en-US')} late rows`);
    lines.push(parts.join(' · '));
  }
  if (detail === 1) lines.push('', info.definition);
  return lines;
}
