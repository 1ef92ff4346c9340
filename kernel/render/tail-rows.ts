import { batchToRecordBatch, recordBatchToBatch } from '../../engine/index.js';
import type { Rows } from '../../display/index.js';

/** The last `n` rows (the latest of an append-only result), through Arrow's zero-copy slice. */
export function tailRows(rows: Rows, n: number): Rows {
  const length = rows.batch.length;
  if (length <= n) return rows;
  const rb = batchToRecordBatch(rows.schema, rows.batch).slice(length - n, length);
  return { schema: rows.schema, batch: recordBatchToBatch(rb, rows.schema).batch };
}
