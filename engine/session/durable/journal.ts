import { deserialize, serialize } from 'node:v8';
import type { Batch } from '../../exec/batch/batch.js';

/**
 * What a durable session's write-ahead log records, in the order it happened: statements that
 * change the catalog (replayed to rebuild it), and rows pushed or inserted (replayed into the
 * push sources and tables). Records are V8-serialized (typed arrays survive as they are).
 */
export type JournalEntry =
  | { readonly t: 'ddl'; readonly sql: string }
  | {
      readonly t: 'push';
      readonly source: string;
      readonly batch: Batch;
      /**
       * Late rows a view or sink routed (LATE DATA TO), logged by the checkpoint with this id:
       * replayed only when recovery starts from that checkpoint or a later one (from an
       * earlier one, the resumed query routes them again).
       */
      readonly checkpoint?: number;
    }
  | { readonly t: 'end'; readonly source: string }
  | { readonly t: 'apply'; readonly table: string; readonly batch: Batch };

export function encodeEntry(e: JournalEntry): Uint8Array {
  return serialize(e);
}

export function decodeEntry(bytes: Uint8Array): JournalEntry {
  return deserialize(bytes) as JournalEntry;
}
