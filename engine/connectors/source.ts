import type { Batch, Schema } from '../exec/batch/batch.js';
import type { SqlLocation } from '../errors/location.js';
import type { ConnectorOptions } from './options.js';

/**
 * A source connector turns a CREATE SOURCE definition into batches. Each query that reads the
 * source opens its own reader, so every query sees the source from its start (generators are
 * deterministic; files are re-read). Readers produce append-only batches (every row +I).
 */
export interface SourceConnector {
  /** The columns the source produces, in order. */
  readonly schema: Schema;
  /** True when the source ends by itself (a generator with `events`, files). */
  readonly bounded: boolean;
  /** One line for EXPLAIN and SHOW SOURCES, e.g. "generator trades (seed 42, 1000 events)". */
  describe(): string;
  /** Starts reading. Each call is independent of the others. */
  open(request: ScanRequest): SourceReader;
}

export interface ScanRequest {
  /** Indices into `schema` of the columns to produce, in this order (projection pushdown). */
  readonly columns: readonly number[];
  /** Aborted when the query stops; a reader then ends promptly, without error. */
  readonly signal: AbortSignal;
  /** Counters the reader updates as it goes. Shared by every reader of the source. */
  readonly metrics: SourceMetrics;
  /** Preferred rows per batch. */
  readonly batchSize: number;
  /** Continue after this position (from a chunk of an earlier reader), instead of the start. */
  readonly resumeFrom?: SourcePosition;
}

/**
 * Where a reader is: enough to resume right after the last chunk it produced (generator row
 * offset, file index and byte offset). Plain JSON so checkpoints can store it.
 */
export type SourcePosition = Readonly<Record<string, number | string>>;

export interface SourceChunk {
  readonly batch: Batch;
  /** Which partition (generator split, file of a glob) the rows came from, from 0. */
  readonly partition: number;
  /** The position just after this chunk. */
  readonly position: SourcePosition;
}

/** Batches until the source ends (bounded) or the signal aborts. */
export type SourceReader = AsyncIterable<SourceChunk>;

export class SourceMetrics {
  rowsRead = 0;
  bytesRead = 0;
  /** Bad rows skipped (on_error = 'skip') or written to the dead-letter file. */
  badRows = 0;
  filesRead = 0;
  /** The last bad row's reason, for SHOW SOURCES and inspection. */
  lastError: string | null = null;
}

/** What a connector factory gets from CREATE SOURCE. */
export interface SourceDefinition {
  readonly name: string;
  /** The declared columns, or null when the statement declared none (generators, Arrow files). */
  readonly columns: Schema | null;
  readonly options: ConnectorOptions;
  readonly location?: SqlLocation;
}

export type SourceFactory = (def: SourceDefinition) => SourceConnector;
