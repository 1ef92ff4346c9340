import type { Schema } from '../exec/batch/batch.js';
import { KIND_NAMES, type EntryKind } from '../plan/catalog.js';
import type { QueryMetrics, QueryStatus } from '../runtime/running-query.js';
import { formatInterval } from '../types/time.js';
import type { SessionState } from './session-state.js';

/** What an object is, for inspection (the kernel's inspect request, the REPL's .describe). */
export interface ObjectInfo {
  readonly name: string;
  readonly kind: EntryKind;
  /** 'source', 'table', 'stream', 'materialized view', 'sink'. */
  readonly kindName: string;
  readonly schema: Schema;
  /** The CREATE statement as written. */
  readonly definition: string;
  /** 'ts - 00:00:05' for a source with a watermark. */
  readonly watermark: string | null;
  /** A connector's description, for a source. */
  readonly connector: string | null;
  /** Rows held (tables, views) or read / pushed (sources). */
  readonly rows: number | null;
  /** The query maintaining a view or feeding a sink. */
  readonly query: { readonly id: string; readonly status: QueryStatus; readonly metrics: QueryMetrics } | null;
}

export function inspectObject(state: SessionState, name: string): ObjectInfo | null {
  const entry = state.catalog.get(name) ?? state.catalog.get(name.toLowerCase());
  if (!entry) return null;
  const running = state.views.get(entry.name)?.query ?? state.sinks.get(entry.name)?.query ?? null;
  let rows: number | null = null;
  if (entry.kind === 'table') rows = state.tables.get(entry.name)?.size ?? 0;
  else if (entry.kind === 'materialized_view') rows = state.views.get(entry.name)?.state.rows.rowCount ?? 0;
  else if (entry.kind === 'source') rows = state.pushLogs.get(entry.name)?.channel.rows ?? state.metricsOf(entry.name).rowsRead;
  else if (entry.kind === 'sink') rows = state.sinks.get(entry.name)?.rowsWritten() ?? 0;
  return {
    name: entry.name,
    kind: entry.kind,
    kindName: KIND_NAMES[entry.kind],
    schema: entry.schema,
    definition: entry.definition,
    watermark: entry.kind === 'source' && entry.watermark ? `${entry.schema[entry.watermark.column]!.name} - ${formatInterval(entry.watermark.delay)}` : null,
    connector: entry.kind === 'source' ? (entry.connector?.describe() ?? 'push') : null,
    rows,
    query: running ? { id: running.id, status: running.status, metrics: running.metrics() } : null,
  };
}
