import { batchToRecordBatch, recordBatchesToIpc } from '../../engine/index.js';
import type { Rows } from '../../display/index.js';

/**
 * The rows as base64 Arrow IPC (stream format), the `application/vnd.apache.arrow.stream`
 * part of a result: typed data for programmatic clients (pyarrow, the JS arrow package).
 * `limit` keeps the first rows only.
 */
export function arrowBase64(rows: Rows, limit?: number): string {
  let rb = batchToRecordBatch(rows.schema, rows.batch);
  if (limit !== undefined && limit < rb.numRows) rb = rb.slice(0, limit);
  return Buffer.from(recordBatchesToIpc([rb], 'stream')).toString('base64');
}
