import {
  changelogHeader,
  changelogLines,
  csvHeader,
  csvRecords,
  formatTable,
  jsonChangeLines,
  jsonRowLines,
  type Rows,
} from '../display/index.js';
import type { Schema } from '../engine/index.js';
import type { Format } from './run-args.js';

/**
 * What each `--format` prints. A complete result is printed by `complete`, in pieces of lines
 * (so that a big result is written with backpressure rather than built as one string). A live
 * query either streams its changes as they happen (`stream`: a header, then lines per batch of
 * changes) or waits and prints the rows current when it ends or is interrupted (`snapshot`:
 * printed by `complete`).
 */
export interface FormatSpec {
  complete(rows: Rows): Iterable<string[]>;
  readonly live: { readonly kind: 'snapshot' } | {
    readonly kind: 'stream';
    header(schema: Schema): string[];
    changes(changes: Rows): string[];
  };
}

const ROWS_PER_PIECE = 4096;

/** A header, then the rows' lines a piece at a time. */
function* pieces(rows: Rows, header: string[], lines: (rows: Rows, start: number, end: number) => string[]): Iterable<string[]> {
  if (header.length > 0) yield header;
  for (let start = 0; start < rows.batch.length; start += ROWS_PER_PIECE) yield lines(rows, start, start + ROWS_PER_PIECE);
}

export const FORMAT_SPECS: Readonly<Record<Format, FormatSpec>> = {
  // Alignment needs every row first, so a table is one piece.
  table: {
    complete: (rows) => [formatTable(rows)],
    live: { kind: 'snapshot' },
  },
  csv: {
    complete: (rows) => pieces(rows, [csvHeader(rows.schema)], csvRecords),
    live: { kind: 'snapshot' },
  },
  json: {
    complete: (rows) => pieces(rows, [], jsonRowLines),
    live: { kind: 'stream', header: () => [], changes: (changes) => jsonChangeLines(changes) },
  },
  changelog: {
    complete: (rows) => pieces(rows, [changelogHeader(rows.schema)], changelogLines),
    live: { kind: 'stream', header: (schema) => [changelogHeader(schema)], changes: (changes) => changelogLines(changes) },
  },
};
