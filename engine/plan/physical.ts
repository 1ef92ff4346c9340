import { LaminarError } from '../errors/laminar-error.js';
import type { SqlLocation } from '../errors/location.js';
import type { Scalar } from '../exec/batch/column.js';
import type { Schema } from '../exec/batch/batch.js';
import type { AggregateSpec } from '../exec/operators/aggregate/create-accumulator.js';
import { mapColumns, type BoundExpr } from './bound-expr.js';
import type { MaterializedViewEntry, SourceEntry, TableEntry } from './catalog.js';
import type { LogicalPlan, SortKey } from './logical.js';

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
  | UnionNode
  | SortNode
  | LimitNode;

interface Props {
  readonly schema: Schema;
  readonly appendOnly: boolean;
  readonly bounded: boolean;
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

export interface UnionNode extends Props {
  readonly op: 'union';
  readonly inputs: readonly PhysicalPlan[];
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
  /** Where the query's ORDER BY is written, for the error when its input is unbounded. */
  readonly orderByLoc?: SqlLocation;
}

export function lower(p: LogicalPlan, ctx: LoweringContext): PhysicalPlan {
  switch (p.kind) {
    case 'scan':
      return {
        op: 'source_scan',
        source: p.source,
        columns: p.columns,
        filter: p.filter,
        projections: null,
        schema: p.schema,
        appendOnly: true,
        bounded: ctx.isBounded(p.source),
      };
    case 'table_scan':
      return { op: 'table_scan', table: p.table, schema: p.schema, appendOnly: p.table.primaryKey === null, bounded: ctx.isBounded(p.table) };
    case 'view_scan':
      return { op: 'view_scan', view: p.view, schema: p.schema, appendOnly: ctx.viewAppendOnly(p.view), bounded: ctx.isBounded(p.view) };
    case 'values':
      return { op: 'values', rows: p.rows, schema: p.schema, appendOnly: true, bounded: true };
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
      };
    }
    case 'union': {
      const inputs = p.inputs.map((i) => lower(i, ctx));
      return { op: 'union', inputs, schema: p.schema, appendOnly: inputs.every((i) => i.appendOnly), bounded: inputs.every((i) => i.bounded) };
    }
    case 'sort': {
      const input = lower(p.input, ctx);
      if (!input.bounded) {
        throw new LaminarError('UNBOUNDED_INPUT', 'ORDER BY needs a complete result, but this query reads an unbounded source', {
          ...(ctx.orderByLoc ? { location: ctx.orderByLoc } : {}),
          hint: "bound the source (a generator's `events` option, files) or drop ORDER BY; a LIMIT alone works on streams",
        });
      }
      return { op: 'sort', input, keys: p.keys, limit: null, offset: 0, schema: p.schema, appendOnly: true, bounded: true };
    }
    case 'limit': {
      const input = lower(p.input, ctx);
      if (input.op === 'sort' && input.limit === null && input.offset === 0) {
        return { ...input, limit: p.limit, offset: p.offset };
      }
      if (input.bounded && !input.appendOnly) {
        return { op: 'sort', input, keys: [], limit: p.limit, offset: p.offset, schema: p.schema, appendOnly: true, bounded: true };
      }
      if (!input.appendOnly) {
        throw new LaminarError('UNBOUNDED_INPUT', 'LIMIT over a result that keeps changing needs a complete input', {
          ...(ctx.orderByLoc ? { location: ctx.orderByLoc } : {}),
          hint: 'apply LIMIT to the rows of a stream, or bound the source',
        });
      }
      return { op: 'limit', input, limit: p.limit, offset: p.offset, schema: p.schema, appendOnly: true, bounded: true };
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
  if (input.op === 'calc' || input.op === 'source_scan') {
    const below = input.projections;
    const through = (e: BoundExpr) => (below === null ? e : mapColumns(e, (c) => below[c.index]!));
    const f = filter === null ? input.filter : input.filter === null ? through(filter) : and(input.filter, through(filter));
    const p = projections === null ? below : projections.map(through);
    if (input.op === 'calc') return { ...input, filter: f, projections: p!, schema };
    return { ...input, filter: f, projections: p, schema };
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
    default:
      return [p.input];
  }
}
