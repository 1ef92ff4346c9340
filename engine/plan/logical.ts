import type { Scalar } from '../exec/batch/column.js';
import type { SqlLocation } from '../errors/location.js';
import type { Schema } from '../exec/batch/batch.js';
import type { AggregateKind } from './aggregates.js';
import type { BoundExpr } from './bound-expr.js';
import type { MaterializedViewEntry, SourceEntry, TableEntry } from './catalog.js';
import type { WindowSpec } from '../exec/operators/window/window-spec.js';

/**
 * The logical plan: what a query computes, as a tree of relational operators over
 * changelogs. The binder builds it; the optimizer rewrites it; plan/physical lowers it to the
 * operator graph that runs.
 */
export type LogicalPlan =
  | LogicalScan
  | LogicalTableScan
  | LogicalViewScan
  | LogicalValues
  | LogicalFilter
  | LogicalProject
  | LogicalAggregate
  | LogicalWindowAggregate
  | LogicalUnion
  | LogicalJoin
  | LogicalTopN
  | LogicalSort
  | LogicalLimit;

export type LogicalKind = LogicalPlan['kind'];

/** Reads a source; `columns` are the source columns produced, in order (projection pushdown). */
export interface LogicalScan {
  readonly kind: 'scan';
  readonly source: SourceEntry;
  readonly columns: readonly number[];
  /** A predicate over the produced columns, applied as the rows are read (filter pushdown). */
  readonly filter: BoundExpr | null;
  readonly schema: Schema;
}

export interface LogicalTableScan {
  readonly kind: 'table_scan';
  readonly table: TableEntry;
  readonly schema: Schema;
}

export interface LogicalViewScan {
  readonly kind: 'view_scan';
  readonly view: MaterializedViewEntry;
  readonly schema: Schema;
}

export interface LogicalValues {
  readonly kind: 'values';
  readonly rows: readonly (readonly Scalar[])[];
  readonly schema: Schema;
}

export interface LogicalFilter {
  readonly kind: 'filter';
  readonly input: LogicalPlan;
  readonly predicate: BoundExpr;
  readonly schema: Schema;
}

export interface LogicalProject {
  readonly kind: 'project';
  readonly input: LogicalPlan;
  readonly exprs: readonly BoundExpr[];
  readonly schema: Schema;
}

export interface AggregateCall {
  readonly kind: AggregateKind;
  /** Input column of the argument; null for count(*). */
  readonly arg: number | null;
  /** Input BOOLEAN column of FILTER (WHERE …); null when there is none. */
  readonly filter: number | null;
  readonly distinct: boolean;
  /** For EXPLAIN: the call as written, e.g. "sum(price)". */
  readonly display: string;
}

/** GROUP BY: output is the key columns, then one column per aggregate. */
export interface LogicalAggregate {
  readonly kind: 'aggregate';
  readonly input: LogicalPlan;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly schema: Schema;
}

/** When a windowed aggregate emits; see exec/operators/window/window-emit.ts. */
export type EmitSpec = { readonly kind: 'changes' | 'close' | 'final' } | { readonly kind: 'every'; readonly interval: number };

/**
 * GROUP BY a window (TUMBLE / HOP / SESSION) and keys. Output: window_start, window_end, the
 * key columns, one column per aggregate.
 */
export interface LogicalWindowAggregate {
  readonly kind: 'window_aggregate';
  readonly input: LogicalPlan;
  readonly window: WindowSpec;
  /** Input column of the event time. */
  readonly time: number;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly emit: EmitSpec;
  /** ALLOW LATENESS, µs. */
  readonly lateness: number;
  /** LATE DATA TO: the stream late rows go to, as rows of these input columns. */
  readonly late: { readonly target: string; readonly columns: readonly number[]; readonly schema: Schema } | null;
  readonly schema: Schema;
}

/** UNION ALL of inputs with the same schema. */
export interface LogicalUnion {
  readonly kind: 'union';
  readonly inputs: readonly LogicalPlan[];
  readonly schema: Schema;
}

export type JoinKind = 'inner' | 'left' | 'right' | 'full';

/**
 * ASOF: each left row with the right row of the same keys whose time is closest on the given
 * side of the left row's (`left` op `right`: '>=' the latest right row at or before it, …,
 * 'nearest' either side), within `tolerance` µs when given.
 */
export interface AsofMatch {
  readonly op: '>=' | '>' | '<=' | '<' | 'nearest';
  /** Left input column of the left time. */
  readonly left: number;
  /** Right input column of the right time. */
  readonly right: number;
  readonly tolerance: number | null;
}

/** FOR SYSTEM_TIME AS OF: the right row valid at a left column's event time, or the current one. */
export type TemporalSpec = { readonly kind: 'event'; readonly left: number } | { readonly kind: 'proctime' };

/**
 * A join: output is the left columns, then the right columns (NULL-padded on the side an outer
 * join keeps unmatched rows of). `condition` is over that concatenation; null pairs every row.
 */
export interface LogicalJoin {
  readonly kind: 'join';
  readonly type: JoinKind;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly condition: BoundExpr | null;
  readonly asof: AsofMatch | null;
  readonly temporal: TemporalSpec | null;
  /** The JOIN keywords, for messages about the join. */
  readonly loc: SqlLocation;
  readonly schema: Schema;
}

export interface SortKey {
  readonly column: number;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/**
 * ROW_NUMBER() OVER (PARTITION BY … ORDER BY …): each row with its rank in its partition (a
 * last BIGINT column, when `rank`), only ranks up to `limit` (from a filter rn <= N). Ties in
 * the order keep arrival order.
 */
export interface LogicalTopN {
  readonly kind: 'top_n';
  readonly input: LogicalPlan;
  readonly partition: readonly number[];
  readonly order: readonly SortKey[];
  readonly limit: number | null;
  /** Whether the rank column is output (false when nothing reads it). */
  readonly rank: boolean;
  /** Where ROW_NUMBER() OVER (…) is written. */
  readonly loc: SqlLocation;
  readonly schema: Schema;
}

/** ORDER BY: needs a complete input (see DESIGN.md principle 3). */
export interface LogicalSort {
  readonly kind: 'sort';
  readonly input: LogicalPlan;
  readonly keys: readonly SortKey[];
  readonly schema: Schema;
}

export interface LogicalLimit {
  readonly kind: 'limit';
  readonly input: LogicalPlan;
  readonly limit: number | null;
  readonly offset: number;
  readonly schema: Schema;
}

export function children(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'scan':
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
