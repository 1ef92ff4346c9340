import { LaminarError } from '../errors/laminar-error.js';
import type { SqlLocation } from '../errors/location.js';
import type { Scalar } from '../exec/batch/column.js';
import type { Schema } from '../exec/batch/batch.js';
import type { AggregateSpec } from '../exec/operators/aggregate/create-accumulator.js';
import { mapColumns, type BoundExpr } from './bound-expr.js';
import type { MaterializedViewEntry, SourceEntry, TableEntry } from './catalog.js';
import { lowerJoin } from './join-strategy.js';
import type { AsofMatch, EmitSpec, JoinKind, LogicalPlan, LogicalWindowAggregate, SortKey } from './logical.js';
import type { WindowSpec } from '../exec/operators/window/window-spec.js';

/**
 * The operator graph a query runs as. Each node states whether its output only ever inserts
 * (`appendOnly`) and whether it ends by itself (`bounded`), which decide how consumers handle
 * it (ORDER BY needs a bounded input; MIN/MAX need multisets only under retractions).
 */
export type PhysicalPlan =
  | SourceScanNode
  | TableScanNode
  | ViewScanNode
  | ValuesNode
  | CalcNode
  | HashAggregateNode
  | WindowAggregateNode
  | UnionNode
  | JoinNode
  | TopNNode
  | SortNode
  | LimitNode;

interface Props {
  readonly schema: Schema;
  readonly appendOnly: boolean;
  readonly bounded: boolean;
  /**
   * The output column the watermarks that flow with this output are about (the event time),
   * or null. Windows trust watermarks only for that column.
   */
  readonly eventTime: number | null;
}

export interface SourceScanNode extends Props {
  readonly op: 'source_scan';
  readonly source: SourceEntry;
  /** Source columns read, in order. */
  readonly columns: readonly number[];
  readonly filter: BoundExpr | null;
  /** Applied after the filter, over the read columns; null keeps them all. */
  readonly projections: readonly BoundExpr[] | null;
}

export interface TableScanNode extends Props {
  readonly op: 'table_scan';
  readonly table: TableEntry;
}

export interface ViewScanNode extends Props {
  readonly op: 'view_scan';
  readonly view: MaterializedViewEntry;
}

export interface ValuesNode extends Props {
  readonly op: 'values';
  readonly rows: readonly (readonly Scalar[])[];
}

export interface CalcNode extends Props {
  readonly op: 'calc';
  readonly input: PhysicalPlan;
  readonly filter: BoundExpr | null;
  readonly projections: readonly BoundExpr[];
}

export interface HashAggregateNode extends Props {
  readonly op: 'hash_aggregate';
  readonly input: PhysicalPlan;
  readonly keyCount: number;
  readonly aggregates: readonly (AggregateSpec & { readonly display: string })[];
}

export interface WindowAggregateNode extends Props {
  readonly op: 'window_aggregate';
  readonly input: PhysicalPlan;
  readonly window: WindowSpec;
  readonly time: number;
  readonly keys: readonly number[];
  readonly aggregates: readonly (AggregateSpec & { readonly display: string })[];
  readonly emit: EmitSpec;
  readonly lateness: number;
  readonly late: LogicalWindowAggregate['late'];
  /** The input's watermarks are about `time`: windows close as they advance (else at the end). */
  readonly watermarked: boolean;
}

export interface UnionNode extends Props {
  readonly op: 'union';
  readonly inputs: readonly PhysicalPlan[];
}

/**
 * How a join runs (plan/join-strategy.ts chooses):
 * - regular: both inputs' rows are kept by key; changes on either side emit (or retract)
 *   joined rows, and outer joins NULL-padded ones. State grows with the inputs.
 * - interval: like regular, but the condition bounds right time − left time, so each side's
 *   rows are dropped once the other side's watermark makes a match impossible.
 * - asof: each left row with the closest right row (`asof`), once the right watermark rules
 *   out a closer one.
 * - temporal: each left row with the right version valid at its time (versions are the right
 *   rows, timed by its event time), once the right watermark passes that time.
 * - lookup: each left row with the right rows current when it arrives; right changes update
 *   what later rows see and emit nothing.
 */
export type JoinStrategy = 'regular' | 'interval' | 'asof' | 'temporal' | 'lookup';

export interface JoinNode extends Props {
  readonly op: 'join';
  readonly strategy: JoinStrategy;
  /** Why this strategy, for EXPLAIN. */
  readonly reason: string;
  readonly type: JoinKind;
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  /** Tested on each pair of rows with equal keys (over left then right columns). */
  readonly residual: BoundExpr | null;
  /** interval: right time − left time is within [lower, upper] µs for every match. */
  readonly interval: { readonly leftTime: number; readonly rightTime: number; readonly lower: number; readonly upper: number } | null;
  readonly asof: AsofMatch | null;
  /** temporal: the left column of the time, and the right column timing the versions. */
  readonly temporal: { readonly leftTime: number; readonly rightTime: number } | null;
  /** The state kept grows without bound on an unbounded input (a warning, once). */
  readonly unboundedState: boolean;
}

export interface TopNNode extends Props {
  readonly op: 'top_n';
  readonly input: PhysicalPlan;
  readonly partition: readonly number[];
  readonly order: readonly SortKey[];
  readonly limit: number | null;
  readonly rank: boolean;
}

export interface SortNode extends Props {
  readonly op: 'sort';
  readonly input: PhysicalPlan;
  readonly keys: readonly SortKey[];
  readonly limit: number | null;
  readonly offset: number;
}

export interface LimitNode extends Props {
  readonly op: 'limit';
  readonly input: PhysicalPlan;
  readonly limit: number | null;
  readonly offset: number;
}

/** What lowering needs to know about the session's objects right now. */
export interface LoweringContext {
  /** Whether reading the object ends by itself (a bounded generator, files, an ended push source…). */
  isBounded(entry: SourceEntry | TableEntry | MaterializedViewEntry): boolean;
  /** Whether the view's output only ever inserts. */
  viewAppendOnly(view: MaterializedViewEntry): boolean;
  /** The output column of the view its watermarks are about, if any. */
  viewEventTime(view: MaterializedViewEntry): number | null;
  /** Where the query's ORDER BY is written, for the error when its input is unbounded. */
  readonly orderByLoc?: SqlLocation;
}

export function lower(p: LogicalPlan, ctx: LoweringContext): PhysicalPlan {
  switch (p.kind) {
    case 'scan': {
      const wm = p.source.watermark ? p.columns.indexOf(p.source.watermark.column) : -1;
      return {
        op: 'source_scan',
        source: p.source,
        columns: p.columns,
        filter: p.filter,
        projections: null,
        schema: p.schema,
        appendOnly: true,
        bounded: ctx.isBounded(p.source),
        eventTime: wm >= 0 ? wm : null,
      };
    }
    case 'table_scan':
      return { op: 'table_scan', table: p.table, schema: p.schema, appendOnly: p.table.primaryKey === null, bounded: ctx.isBounded(p.table), eventTime: p.table.watermark?.column ?? null };
    case 'view_scan':
      return { op: 'view_scan', view: p.view, schema: p.schema, appendOnly: ctx.viewAppendOnly(p.view), bounded: ctx.isBounded(p.view), eventTime: ctx.viewEventTime(p.view) };
    case 'values':
      return { op: 'values', rows: p.rows, schema: p.schema, appendOnly: true, bounded: true, eventTime: null };
    case 'filter':
      return calc(lower(p.input, ctx), p.predicate, null, p.schema);
    case 'project':
      return calc(lower(p.input, ctx), null, p.exprs, p.schema);
    case 'aggregate': {
      const input = lower(p.input, ctx);
      return {
        op: 'hash_aggregate',
        input,
        keyCount: p.keys.length,
        aggregates: p.aggregates.map((a) => ({ ...a, argType: a.arg === null ? null : input.schema[a.arg]!.type })),
        schema: p.schema,
        appendOnly: false,
        bounded: input.bounded,
        eventTime: null,
      };
    }
    case 'window_aggregate':
      return lowerWindow(p, lower(p.input, ctx));
    case 'union': {
      const inputs = p.inputs.map((i) => lower(i, ctx));
      const t = inputs[0]!.eventTime;
      return {
        op: 'union',
        inputs,
        schema: p.schema,
        appendOnly: inputs.every((i) => i.appendOnly),
        bounded: inputs.every((i) => i.bounded),
        eventTime: t !== null && inputs.every((i) => i.eventTime === t) ? t : null,
      };
    }
    case 'join':
      return lowerJoin(p, lower(p.left, ctx), lower(p.right, ctx));
    case 'top_n': {
      const input = lower(p.input, ctx);
      if (p.limit === null && !input.bounded) {
        throw new LaminarError('UNBOUNDED_INPUT', 'ROW_NUMBER() over an unbounded input needs a filter on it, such as WHERE rn <= 10', {
          location: p.loc,
          hint: 'ranking every row of a stream would renumber rows forever; a bound keeps the top rows per partition',
        });
      }
      return { op: 'top_n', input, partition: p.partition, order: p.order, limit: p.limit, rank: p.rank, schema: p.schema, appendOnly: false, bounded: input.bounded, eventTime: null };
    }
    case 'sort': {
      const input = lower(p.input, ctx);
      if (!input.bounded) {
        throw new LaminarError('UNBOUNDED_INPUT', 'ORDER BY needs a complete result, but this query reads an unbounded source', {
          ...(ctx.orderByLoc ? { location: ctx.orderByLoc } : {}),
          hint: "bound the source (a generator's `events` option, files) or drop ORDER BY; a LIMIT alone works on streams",
        });
      }
      return { op: 'sort', input, keys: p.keys, limit: null, offset: 0, schema: p.schema, appendOnly: true, bounded: true, eventTime: input.eventTime };
    }
    case 'limit': {
      const input = lower(p.input, ctx);
      if (input.op === 'sort' && input.limit === null && input.offset === 0) {
        return { ...input, limit: p.limit, offset: p.offset };
      }
      if (input.bounded && !input.appendOnly) {
        return { op: 'sort', input, keys: [], limit: p.limit, offset: p.offset, schema: p.schema, appendOnly: true, bounded: true, eventTime: input.eventTime };
      }
      if (!input.appendOnly) {
        throw new LaminarError('UNBOUNDED_INPUT', 'LIMIT over a result that keeps changing needs a complete input', {
          ...(ctx.orderByLoc ? { location: ctx.orderByLoc } : {}),
          hint: 'apply LIMIT to the rows of a stream, or bound the source',
        });
      }
      return { op: 'limit', input, limit: p.limit, offset: p.offset, schema: p.schema, appendOnly: true, bounded: true, eventTime: input.eventTime };
    }
  }
}

/**
 * Filters and projections fuse into one calc node, or into the scan below them: a filter over
 * a projection's output is rewritten over its input and runs after the lower filter.
 */
function calc(input: PhysicalPlan, filter: BoundExpr | null, projections: readonly BoundExpr[] | null, schema: Schema): PhysicalPlan {
  // A projection that passes every column through in order only renames: keep the names.
  if (projections !== null && projections.length === input.schema.length && projections.every((e, i) => e.kind === 'column' && e.index === i)) {
    if (filter === null) return { ...input, schema };
    projections = null;
  }
  // The event time survives a projection that passes its column through.
  const eventTime = projections === null || input.eventTime === null ? input.eventTime : passedThrough(projections, input.eventTime);
  if (input.op === 'calc' || input.op === 'source_scan') {
    const below = input.projections;
    const through = (e: BoundExpr) => (below === null ? e : mapColumns(e, (c) => below[c.index]!));
    const f = filter === null ? input.filter : input.filter === null ? through(filter) : and(input.filter, through(filter));
    const p = projections === null ? below : projections.map(through);
    if (input.op === 'calc') return { ...input, filter: f, projections: p!, schema, eventTime };
    return { ...input, filter: f, projections: p, schema, eventTime };
  }
  const identity = input.schema.map((f, i): BoundExpr => ({ kind: 'column', index: i, type: f.type, nullable: f.nullable }));
  return {
    op: 'calc',
    input,
    filter,
    projections: projections ?? identity,
    schema,
    appendOnly: input.appendOnly,
    bounded: input.bounded,
    eventTime,
  };
}

function passedThrough(projections: readonly BoundExpr[], column: number): number | null {
  const k = projections.findIndex((e) => e.kind === 'column' && e.index === column);
  return k >= 0 ? k : null;
}

/**
 * A windowed aggregate. Its output's event time is window_end when it emits windows once
 * they close (rows then never precede the watermark). EMIT modes that wait for the watermark
 * need one on the window's time column, unless the input ends by itself.
 */
function lowerWindow(p: LogicalWindowAggregate, input: PhysicalPlan): PhysicalPlan {
  const watermarked = input.eventTime === p.time;
  const waits = p.emit.kind !== 'changes';
  if (waits && !watermarked && !input.bounded) {
    const name = input.schema[p.time]!.name;
    throw new LaminarError('NO_WATERMARK', `EMIT ${p.emit.kind === 'close' ? 'ON WINDOW CLOSE' : p.emit.kind.toUpperCase()} waits for the watermark, but '${name.startsWith('__') ? 'the window time' : name}' has none`, {
      hint: "declare one on the source: WATERMARK FOR ts AS ts - INTERVAL '5' SECOND",
    });
  }
  if (p.window.kind === 'session' && !input.appendOnly) {
    throw new LaminarError('UNSUPPORTED', 'SESSION windows need an input that only inserts (a retraction could split a session)');
  }
  return {
    op: 'window_aggregate',
    input,
    window: p.window,
    time: p.time,
    keys: p.keys,
    aggregates: p.aggregates.map((a) => ({ ...a, argType: a.arg === null ? null : input.schema[a.arg]!.type })),
    emit: p.emit,
    lateness: p.lateness,
    late: p.late,
    watermarked,
    schema: p.schema,
    appendOnly: p.emit.kind === 'final' || (p.emit.kind === 'close' && p.lateness === 0),
    bounded: input.bounded,
    eventTime: p.emit.kind === 'close' || p.emit.kind === 'final' ? 1 : null,
  };
}

function and(a: BoundExpr, b: BoundExpr): BoundExpr {
  const args = [a, b].flatMap((x) => (x.kind === 'and' ? x.args : [x]));
  return { kind: 'and', args, type: 'BOOLEAN', nullable: args.some((x) => x.nullable) };
}

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.op) {
    case 'source_scan':
    case 'table_scan':
    case 'view_scan':
    case 'values':
      return [];
    case 'union':
      return p.inputs;
    case 'join':
      return [p.left, p.right];
    default:
      return [p.input];
  }
}
