import { formatHtmlTable, formatTable, type Rows } from '../../display/index.js';
import type { JsonObject } from '../protocol/message.js';
import { MIME, type MimeBundle } from '../protocol/mime.js';
import { arrowBase64 } from './arrow-payload.js';

export interface TableBundleOptions {
  /** Rows shown in the text and HTML tables. */
  readonly maxRows: number;
  /** A status line under the table (live displays). */
  readonly status?: string;
  /** Rows put in the Arrow part; default all. */
  readonly arrowRows?: number;
}

/** A display's data and metadata. */
export interface DisplayOutput {
  readonly data: MimeBundle;
  readonly metadata: JsonObject;
}

/**
 * The table bundle with metadata saying how many rows the Arrow part holds of how many
 * (`{"application/vnd.apache.arrow.stream": {"rows": 10000, "total_rows": 250000}}`).
 */
export function tableOutput(rows: Rows, options: TableBundleOptions): DisplayOutput {
  const total = rows.batch.length;
  const inArrow = Math.min(total, options.arrowRows ?? total);
  return { data: tableBundle(rows, options), metadata: { [MIME.arrow]: { rows: inArrow, total_rows: total } } };
}

/**
 * A result as notebooks show it: an aligned text table, an HTML table with the column types
 * in its header, and the rows as Arrow IPC for programmatic clients.
 */
export function tableBundle(rows: Rows, options: TableBundleOptions): MimeBundle {
  const text = formatTable(rows, { maxRows: options.maxRows });
  if (options.status !== undefined) text.push(options.status);
  return {
    [MIME.text]: text.join('\n'),
    [MIME.html]: formatHtmlTable(rows, { maxRows: options.maxRows, ...(options.status !== undefined ? { caption: options.status } : {}) }),
    [MIME.arrow]: arrowBase64(rows, options.arrowRows),
  };
}
