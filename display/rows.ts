import type { Batch, Schema } from '../engine/index.js';

/**
 * What every display function takes: a schema and a columnar batch. Both a `ResultTable` (a
 * complete result) and a `ChangeBatch` (changes of a running query) have this shape, so one
 * function serves both.
 */
export interface Rows {
  readonly schema: Schema;
  readonly batch: Batch;
}

/** The rows of a batch from `start` (inclusive) to `end` (exclusive), clamped to the batch. */
export function rowRange(rows: Rows, start = 0, end = rows.batch.length): { start: number; end: number } {
  const length = rows.batch.length;
  return { start: Math.max(0, Math.min(start, length)), end: Math.max(0, Math.min(end, length)) };
}
