import { LaminarError } from '../../errors/laminar-error.js';
import type { Field, Schema } from '../../exec/batch/batch.js';
import type { Scalar } from '../../exec/batch/column.js';
import { rowsToBatch } from '../../exec/consolidate.js';
import type { EmitGranularity } from '../../exec/operators/aggregate/hash-aggregate.js';
import { explain as explainPlan, operatorName } from '../../plan/explain.js';
import { physicalChildren, type PhysicalPlan } from '../../plan/physical.js';
import { stageKind } from '../../runtime/workers/stage-plan.js';
import type { Describe, Explain, Show } from '../../sql/ast.js';
import { formatInterval } from '../../types/time.js';
import { locOf, type ExecContext } from '../exec-context.js';
import { planQuery } from '../planning.js';
import { ResultTable } from '../result-table.js';
import type { StatementResult } from '../statement-result.js';

const col = (name: string, type: Field['type'], nullable = false): Field => ({ name, type, nullable });

function table(statement: StatementResult['statement'], schema: Schema, rows: Scalar[][]): StatementResult {
  return { kind: 'table', statement, table: new ResultTable(schema, rowsToBatch(schema, rows)) };
}

export function show(stmt: Show, ctx: ExecContext): StatementResult {
  const { state } = ctx;
  switch (stmt.what) {
    case 'SOURCES':
      return table('show', [col('name', 'VARCHAR'), col('connector', 'VARCHAR'), col('bounded', 'BOOLEAN'), col('rows_read', 'BIGINT'), col('bad_rows', 'BIGINT'), col('watermark', 'VARCHAR', true)],
        state.catalog.list('source').map((s) => {
          const m = state.metricsOf(s.name);
          const log = state.pushLogs.get(s.name);
          const wm = s.watermark ? `${s.schema[s.watermark.column]!.name} - ${formatInterval(s.watermark.delay)}` : null;
          return [s.name, s.connector ? s.connector.describe() : log?.ended ? 'push (ended)' : 'push', s.connector ? s.connector.bounded : log?.ended ?? false, s.connector ? m.rowsRead : log?.channel.rows ?? 0, m.badRows, wm];
        }));
    case 'TABLES':
      return table('show', [col('name', 'VARCHAR'), col('rows', 'BIGINT'), col('primary_key', 'VARCHAR', true)],
        state.catalog.list('table').map((t) => [t.name, state.tables.get(t.name)!.size, t.primaryKey ? t.primaryKey.map((k) => t.schema[k]!.name).join(', ') : null]));
    case 'STREAMS':
      return table('show', [col('name', 'VARCHAR'), col('columns', 'VARCHAR'), col('definition', 'VARCHAR')],
        state.catalog.list('stream').map((s) => [s.name, s.schema.map((f) => f.name).join(', '), s.definition]));
    case 'MATERIALIZED VIEWS':
      return table('show', [col('name', 'VARCHAR'), col('status', 'VARCHAR'), col('rows', 'BIGINT'), col('rows_in', 'BIGINT'), col('definition', 'VARCHAR')],
        state.catalog.list('materialized_view').map((v) => {
          const rt = state.views.get(v.name)!;
          return [v.name, rt.query.status, rt.state.rows.rowCount, rt.query.metrics().rowsIn, v.definition];
        }));
    case 'SINKS':
      return table('show', [col('name', 'VARCHAR'), col('path', 'VARCHAR'), col('format', 'VARCHAR'), col('status', 'VARCHAR'), col('rows_written', 'BIGINT')],
        state.catalog.list('sink').map((s) => {
          const rt = state.sinks.get(s.name)!;
          return [s.name, rt.path, rt.format, rt.query.status, rt.rowsWritten()];
        }));
    case 'WATERMARKS': {
      // +∞ (an input that ended) is not a timestamp: NULL, with the status saying so.
      const row = (kind: string, name: string, w: number | null): Scalar[] => [
        kind,
        name,
        w === null || w === Infinity ? null : w,
        w === null ? 'none yet' : w === Infinity ? 'input ended' : 'advancing',
      ];
      const sources = [...state.catalog.list('source'), ...state.catalog.list('table')].filter((src) => src.watermark).map((src) => {
        const w = state.watermarkOf(src.name);
        return row(src.kind, src.name, w === -Infinity ? null : w);
      });
      const queries = state.runningQueries().map((q) => row('query', `${q.id} (${q.label})`, q.metrics().watermark));
      return table('show', [col('kind', 'VARCHAR'), col('name', 'VARCHAR'), col('watermark', 'TIMESTAMP', true), col('status', 'VARCHAR')], [...sources, ...queries]);
    }
    case 'QUERIES':
      return table('show', [col('id', 'VARCHAR'), col('label', 'VARCHAR'), col('status', 'VARCHAR'), col('rows_in', 'BIGINT'), col('rows_out', 'BIGINT'), col('events_per_second', 'DOUBLE'), col('state_keys', 'BIGINT'), col('error', 'VARCHAR', true)],
        [...state.queries.values()].map((q) => {
          const m = q.metrics();
          return [q.id, q.label, q.status, m.rowsIn, m.rowsOut, Math.round(m.eventsPerSecond), m.stateKeys, q.error ? `${q.error.code}: ${q.error.message}` : null];
        }));
  }
}

export function describe(stmt: Describe, ctx: ExecContext): StatementResult {
  const entry = ctx.state.catalog.get(stmt.name.name);
  if (!entry) throw new LaminarError('UNKNOWN_OBJECT', `no object named '${stmt.name.name}'`, { location: locOf(ctx, stmt.name.span) });
  const notes = entry.schema.map((_, c) => {
    if (entry.kind === 'table' && entry.primaryKey?.includes(c)) return 'primary key';
    if ((entry.kind === 'source' || entry.kind === 'table') && entry.watermark?.column === c) return `watermark ${entry.schema[c]!.name} - ${formatInterval(entry.watermark.delay)}`;
    return null;
  });
  return table('describe', [col('column', 'VARCHAR'), col('type', 'VARCHAR'), col('nullable', 'BOOLEAN'), col('note', 'VARCHAR', true)],
    entry.schema.map((f, c) => [f.name, f.type, f.nullable, notes[c]!]));
}

/** The operator graph, one line per operator, under a line saying how the query runs. */
export function explain(stmt: Explain, ctx: ExecContext): StatementResult {
  const t = stmt.target;
  const query = t.kind === 'insert' ? (t.source.kind === 'values' ? null : t.source) : t.query;
  if (!query) throw new LaminarError('SYNTAX_ERROR', 'EXPLAIN INSERT … VALUES has no query to explain', { location: locOf(ctx, t.span) });
  const continuous = t.kind === 'create_materialized_view' || t.kind === 'create_sink';
  const planned = planQuery(query, ctx.source, ctx.state, continuous ? 'continuous' : undefined);
  const how = planned.mode === 'snapshot'
    ? 'snapshot query: every input is finite, it runs to a complete result'
    : 'continuous query: it keeps running and updates its result as inputs change';
  const lines = [how, ...explainPlan(planned.physical).split('\n'), ...onWorkers(planned.physical, planned.mode === 'snapshot' ? 'final' : 'batch')];
  return table('explain', [col('plan', 'VARCHAR')], lines.map((l) => [l]));
}

/**
 * A line per operator that runs on worker threads when the session has them, saying how. The
 * same for any number of workers (one runs everything on the session's thread), so that the
 * output of EXPLAIN, like every result, does not depend on it.
 */
function onWorkers(plan: PhysicalPlan, emit: EmitGranularity): string[] {
  const lines: string[] = [];
  const walk = (p: PhysicalPlan) => {
    // Checkpointed queries are continuous, and continuous ones never run in two phases.
    const kind = stageKind(p, emit, false);
    if (kind === 'two-phase') lines.push(`with worker threads, ${operatorName(p)} runs in two phases: each thread aggregates whole batches, their partial states are merged`);
    if (kind === 'sharded') lines.push(`with worker threads, ${operatorName(p)} is sharded by key: each row goes to the thread its key hashes to`);
    physicalChildren(p).forEach(walk);
  };
  walk(plan);
  return lines;
}
