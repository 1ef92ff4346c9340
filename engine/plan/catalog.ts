import type { SinkFormat } from '../connectors/file/sink-writer.js';
import type { SourceConnector } from '../connectors/source.js';
import type { Schema } from '../exec/batch/batch.js';
import type { Query } from '../sql/ast.js';

/**
 * The session's named objects: what the binder resolves names against. It holds definitions
 * only; the data behind them (push logs, table rows, running views) lives in the runtime.
 */
export type CatalogEntry = SourceEntry | TableEntry | StreamEntry | MaterializedViewEntry | SinkEntry;

export type EntryKind = CatalogEntry['kind'];

interface EntryBase {
  /** Lower-case unless created with a quoted name. */
  readonly name: string;
  readonly schema: Schema;
  /** The CREATE statement as written. */
  readonly definition: string;
}

export interface WatermarkSpec {
  /** The event-time column. */
  readonly column: number;
  /** How far the watermark trails the largest event time seen (µs). */
  readonly delay: number;
  /** WITH (idle_timeout = …): µs of processing time without rows after which the source is idle. */
  readonly idleTimeout: number | null;
}

export interface SourceEntry extends EntryBase {
  readonly kind: 'source';
  /** Null for a source fed by INSERT and the push API. */
  readonly connector: SourceConnector | null;
  readonly watermark: WatermarkSpec | null;
}

export interface TableEntry extends EntryBase {
  readonly kind: 'table';
  /** Column indices of the primary key, or null for a table without one (a multiset). */
  readonly primaryKey: readonly number[] | null;
  /** Its event time, as for a source (never idle): a versioned table's rows are timed by it. */
  readonly watermark: WatermarkSpec | null;
}

interface QueryBacked extends EntryBase {
  readonly query: Query;
  /** The text the query's spans point into. */
  readonly source: string;
  /** Names of the objects the query reads directly. */
  readonly dependsOn: readonly string[];
}

/** A named query computed as it is read (like a SQL view). */
export interface StreamEntry extends QueryBacked {
  readonly kind: 'stream';
}

/** A named query kept up to date as its inputs change. */
export interface MaterializedViewEntry extends QueryBacked {
  readonly kind: 'materialized_view';
}

export interface SinkEntry extends QueryBacked {
  readonly kind: 'sink';
  readonly target: { readonly path: string; readonly format: SinkFormat };
}

export const KIND_NAMES: Readonly<Record<EntryKind, string>> = {
  source: 'source',
  table: 'table',
  stream: 'stream',
  materialized_view: 'materialized view',
  sink: 'sink',
};

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();

  get(name: string): CatalogEntry | undefined {
    return this.entries.get(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  add(entry: CatalogEntry): void {
    this.entries.set(entry.name, entry);
  }

  remove(name: string): void {
    this.entries.delete(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  list<K extends EntryKind>(kind: K): Extract<CatalogEntry, { kind: K }>[] {
    return [...this.entries.values()].filter((e): e is Extract<CatalogEntry, { kind: K }> => e.kind === kind);
  }

  /** Objects whose queries read `name` directly. */
  dependents(name: string): CatalogEntry[] {
    return [...this.entries.values()].filter((e) => 'dependsOn' in e && e.dependsOn.includes(name));
  }
}
