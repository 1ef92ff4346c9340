import type { Column } from '../../exec/batch/column.js';
import type { Schema } from '../../exec/batch/batch.js';

/**
 * What each generator kind provides to the shared reader (reader.ts). A kind numbers its rows
 * k = 0, 1, 2, … and maps each row to its event index in the global event sequence: the same
 * for sequence and trades; for a nexmark table, only that table's events (bids are 46 of every
 * 50 events). Positions and `events` count event indices, so rows and positions agree across
 * the three nexmark tables.
 */
export interface GeneratorTable {
  /** The natural schema (every column the kind can produce). */
  readonly schema: Schema;
  /** Number of rows whose event index is below `event`: also the first row at or after it. */
  rowsBefore(event: number): number;
  /** The event index of row k. */
  eventOf(k: number): number;
  /** A batch writer for one reader; each reader gets its own (writers may keep caches). */
  newWriter(): BatchWriter;
}

/**
 * Builds rows [k, k + n) of the natural columns `columns` (indices into the natural schema),
 * in that order. Every value must be a pure function of (seed, event index, column): the
 * split into batches, the set of columns and the starting row must not change any of them.
 */
export type BatchWriter = (k: number, n: number, columns: readonly number[]) => Column[];
