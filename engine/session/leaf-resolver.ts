import { LaminarError } from '../errors/laminar-error.js';
import type { SourceChunk } from '../connectors/source.js';
import type { Batch } from '../exec/batch/batch.js';
import type { LeafResolver } from '../runtime/instantiate.js';
import { IteratorInput, PENDING, batchesInput, type QueryInput } from '../runtime/query-input.js';
import type { EmitGranularity } from '../exec/operators/aggregate/hash-aggregate.js';
import { startStage } from '../runtime/workers/stage-run.js';
import { planOrigin, stageKind, type PlanOrigin } from '../runtime/workers/stage-plan.js';
import { loweringContext, type QueryMode } from './boundedness.js';
import type { QueryOrigin } from './planning.js';
import { WatermarkMark } from '../time/watermark.js';
import type { SessionState, ViewRuntime } from './session-state.js';
import type { SourceEntry, TableEntry } from '../plan/catalog.js';
import { SourceWatermarks } from '../time/source-watermarks.js';
import { gatedInput } from '../runtime/checkpoint-gate.js';
import type { ChannelReader } from '../runtime/channel.js';
import type { StateSnapshot } from '../state/keyed-state.js';
import type { QueryHooks, SourceCheckpoint } from './durable/query-hooks.js';

/**
 * Opens the inputs of one query: connector readers, push logs, tables, views; and, when the
 * session has worker threads, runs its lowest keyed operators on them (see
 * docs/decisions/worker-threads.md).
 */
export function leafResolver(state: SessionState, mode: QueryMode, query: { origin: QueryOrigin; emit: EmitGranularity; name: string; durable?: QueryHooks }): LeafResolver {
  const hooks = query.durable;
  const lateRows = (target: string) => {
    // The statement made sure the target exists (see late-targets.ts).
    const log = state.pushLogs.get(target)!;
    const rate = state.rateOf(target);
    return (rows: Batch) => {
      if (hooks) state.durable!.routeLate(hooks, log, rows);
      else log.append(rows);
      rate.record(rows.length);
    };
  };
  let origin: PlanOrigin | null = null;
  return {
    source(entry, columns) {
      if (!hooks) return withWatermarks(state, entry, openSource(state, entry, columns, null).input, columns);
      const restored = hooks.restore?.sources[hooks.sources.length] ?? null;
      const opened = openSource(state, entry, columns, restored);
      return durableInput(hooks, withWatermarks(state, entry, opened.input, columns), restored, opened.position);
    },
    table(entry) {
      const table = state.tables.get(entry.name)!;
      const columns = entry.schema.map((_, i) => i);
      if (!hooks) return withWatermarks(state, entry, table.open(mode === 'continuous'), columns);
      // Resumed, it reads the table's changes after the checkpoint (its state holds the rest).
      const restored = hooks.restore?.sources[hooks.sources.length] ?? null;
      const opened = table.openContinuous(restored?.logPosition ?? null);
      return durableInput(hooks, withWatermarks(state, entry, opened.input, columns), restored, () => ({ position: null, logPosition: opened.position() }));
    },
    view(entry) {
      const view = state.views.get(entry.name)!;
      if (mode !== 'continuous') return caughtUpSnapshot(view, viewsBelow(state, entry.name));
      // A resumed query's state holds the view's rows as of the checkpoint, and the view resumed
      // from that same cut: it reads only what the view emits from now on.
      return hooks?.restore ? view.state.changes.reader('now') : view.state.open();
    },
    lateRows,
    stage(node, path) {
      const { root } = query.origin;
      const kind = stageKind(node, query.emit, hooks !== undefined);
      if (state.workers === null || kind === null || !root.every((k, i) => path[i] === k)) return null;
      // Taken once per query, when its first stage starts: the catalog as the query was planned.
      origin ??= planOrigin(query.origin.query, query.origin.source, state.catalog, loweringContext(state, mode));
      const restore = hooks?.restore?.keyed.get(path.join('/'));
      if (restore !== undefined && (!Array.isArray(restore) || restore.length !== state.workers.size)) {
        throw new LaminarError('INVALID_OPTION', `the checkpoint holds this query's state for ${Array.isArray(restore) ? restore.length : 1} worker(s), not ${state.workers.size}`, {
          hint: 'reopen the session directory with the number of workers it was checkpointed with',
        });
      }
      const run = startStage({ pool: state.workers, id: state.nextStageId(), query: query.name, node, path: path.slice(root.length), origin, emit: query.emit, twoPhase: kind === 'two-phase', lateRoute: lateRows, ...(restore ? { restore: restore as readonly StateSnapshot[] } : {}) });
      hooks?.stages.push(run);
      return run;
    },
  };
}

/**
 * An input of a checkpointed query (a source or a table): its watermarks resumed, its position
 * reported to checkpoints, and held by the checkpoint gate.
 */
function durableInput(hooks: QueryHooks, input: QueryInput, restored: SourceCheckpoint | null, position: () => Omit<SourceCheckpoint, 'watermarks'>): QueryInput {
  if (input instanceof SourceWatermarks && restored?.watermarks) input.restoreState(restored.watermarks);
  hooks.sources.push(() => ({ ...position(), watermarks: input instanceof SourceWatermarks ? input.saveState() : null }));
  return gatedInput(input, hooks.gate, () => hooks.settled());
}

/** The watermarks of a source or table with a WATERMARK, generated from `columns` it reads. */
function withWatermarks(state: SessionState, entry: SourceEntry | TableEntry, input: QueryInput, columns: readonly number[]): QueryInput {
  const wm = entry.watermark;
  const column = wm ? columns.indexOf(wm.column) : -1;
  if (!wm || column < 0) return input;
  const idleTimeoutMs = wm.idleTimeout === null ? null : wm.idleTimeout / 1000;
  const generator = new SourceWatermarks(input, { column, delay: wm.delay, idleTimeoutMs });
  generator.onAdvance = (w) => state.noteWatermark(entry.name, w);
  return generator;
}

/**
 * A connector's reader, or a push source's log, producing the given columns; resumed where a
 * checkpoint says, and telling where it is (the position after the last batch it delivered).
 */
function openSource(state: SessionState, entry: SourceEntry, columns: readonly number[], from: SourceCheckpoint | null): { input: QueryInput; position: () => Omit<SourceCheckpoint, 'watermarks'> } {
  if (entry.connector) {
    const abort = new AbortController();
    let position = from?.position ?? null;
    const reader = entry.connector.open({ columns, signal: abort.signal, metrics: state.metricsOf(entry.name), batchSize: state.batchSize, ...(position ? { resumeFrom: position } : {}) });
    const rate = state.rateOf(entry.name);
    const toBatch = (chunk: SourceChunk) => {
      rate.record(chunk.batch.length);
      position = chunk.position;
      return chunk.batch;
    };
    return { input: new IteratorInput(entry.name, reader[Symbol.asyncIterator](), toBatch, () => abort.abort()), position: () => ({ position, logPosition: null }) };
  }
  const log = state.pushLogs.get(entry.name)!;
  const reader = log.open(from?.logPosition ?? undefined);
  return { input: selectColumns(reader, columns, entry.schema.length), position: () => ({ position: null, logPosition: (reader as ChannelReader).position }) };
}

/** A push log holds whole rows; a scan may want some columns. */
function selectColumns(input: QueryInput, columns: readonly number[], width: number): QueryInput {
  if (columns.length === width && columns.every((c, i) => c === i)) return input;
  const pick = (b: Batch): Batch => ({ length: b.length, columns: columns.map((c) => b.columns[c]!), kinds: b.kinds, rowWatermarks: b.rowWatermarks ?? null });
  return {
    name: input.name,
    blocking: input.blocking,
    poll() {
      const r = input.poll();
      return r === null || r === PENDING || r instanceof WatermarkMark ? r : pick(r);
    },
    ready: () => input.ready(),
    close: () => input.close(),
    pending: () => input.pending?.() === true,
  };
}

/** The materialized views a view reads, directly or through others. */
function viewsBelow(state: SessionState, name: string): ViewRuntime[] {
  const below = new Map<string, ViewRuntime>();
  const visit = (n: string) => {
    const entry = state.catalog.get(n);
    if (!entry || !('dependsOn' in entry)) return;
    for (const d of entry.dependsOn) {
      const v = state.views.get(d);
      if (v && !below.has(d)) {
        below.set(d, v);
        visit(d);
      }
    }
  };
  visit(name);
  return [...below.values()];
}

/**
 * A view's rows once it has caught up: it, and every view below it, idle with nothing on its
 * way (a view over a view is idle for a moment while the lower one still computes).
 */
function caughtUpSnapshot(view: ViewRuntime, below: readonly ViewRuntime[]): QueryInput {
  let inner: QueryInput | null = null;
  const chain = [...below, view];
  const busy = () => chain.some((v) => !v.query.isIdle || v.query.hasWorkPending);
  return {
    name: view.state.name,
    blocking: false,
    poll() {
      if (inner) return inner.poll();
      if (busy()) return PENDING;
      const failed = below.find((v) => v.query.status === 'failed');
      if (failed) throw new LaminarError('QUERY_FAILED', `materialized view '${failed.state.name}' failed: ${failed.query.error?.message ?? 'unknown error'}`);
      if (view.query.status === 'failed') {
        throw new LaminarError('QUERY_FAILED', `materialized view '${view.state.name}' failed: ${view.query.error?.message ?? 'unknown error'}`);
      }
      inner = batchesInput(view.state.name, [view.state.rows.toBatch()]);
      return inner.poll();
    },
    // Idle queries with work on its way become busy again within a turn of the event loop.
    ready: () => (chain.some((v) => v.query.isIdle && v.query.hasWorkPending) ? new Promise((resolve) => setImmediate(resolve)) : Promise.all(chain.map((v) => v.query.whenIdle())).then(() => undefined)),
    close: () => inner?.close(),
  };
}
