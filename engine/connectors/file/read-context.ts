import type { Schema } from '../../exec/batch/batch.js';
import type { SourceMetrics } from '../source.js';
import type { BadRowPolicy } from './bad-rows.js';
import type { SourceFile } from './files.js';

/** Where to start in a file: the start, or the position of a chunk of an earlier reader. */
export interface FileStart {
  /** Byte offset (CSV, JSON lines) just after the last consumed row. */
  readonly offset: number;
  /** Number of the last consumed line (0 at the start), so line numbers stay right after a resume. */
  readonly line: number;
  /** Rows consumed (Arrow). */
  readonly row: number;
}

export const FILE_START: FileStart = { offset: 0, line: 0, row: 0 };

/** Everything a format reader needs to read one file of a source. */
export interface FileReadContext {
  readonly file: SourceFile;
  /** The file's index in the sorted list: its partition. */
  readonly index: number;
  /** The declared (or Arrow-derived) columns of the source. */
  readonly schema: Schema;
  /** Indices into `schema` of the columns to produce, in this order. */
  readonly columns: readonly number[];
  readonly batchSize: number;
  readonly signal: AbortSignal;
  readonly metrics: SourceMetrics;
  readonly bad: BadRowPolicy;
  readonly start: FileStart;
}
