import { compileCalc } from '../exec/compile/calc.js';
import { CalcOperator } from '../exec/operators/calc-operator.js';
import { HashAggregate, type EmitGranularity } from '../exec/operators/aggregate/hash-aggregate.js';
import { LimitOperator } from '../exec/operators/limit-operator.js';
import type { BatchSink } from '../exec/operators/operator.js';
import { SortOperator } from '../exec/operators/sort-operator.js';
import { TopN } from '../exec/operators/rank/top-n.js';
import { UnionOperator } from '../exec/operators/union-operator.js';
import { AsofJoin } from '../exec/operators/join/asof-join.js';
import { HashJoin } from '../exec/operators/join/hash-join.js';
import { LookupJoin } from '../exec/operators/join/lookup-join.js';
import { WindowAggregate } from '../exec/operators/window/window-aggregate.js';
import { SessionAggregate } from '../exec/operators/window/session-aggregate.js';
import type { WindowEmit } from '../exec/operators/window/window-emit.js';
import type { EmitSpec } from '../plan/logical.js';
import type { Batch } from '../exec/batch/batch.js';
import { rowsToBatch } from '../exec/consolidate.js';
import type { MaterializedViewEntry, SourceEntry, TableEntry } from '../plan/catalog.js';
import type { JoinNode, PhysicalPlan } from '../plan/physical.js';
import type { KeyedState } from '../state/keyed-state.js';
import type { Leaf } from './driver.js';
import { batchesInput, type QueryInput } from './query-input.js';

/** Opens the inputs at the leaves of a plan. */
export interface LeafResolver {
  /** Reads the given columns of a source (in order). */
  source(entry: SourceEntry, columns: readonly number[]): QueryInput;
  table(entry: TableEntry): QueryInput;
  view(entry: MaterializedViewEntry): QueryInput;
  /** Where rows too late for their window go (LATE DATA TO target). */
  lateRows(target: string): (rows: Batch) => void;
}

export interface Instance {
  readonly leaves: Leaf[];
  /** The operators holding keyed state (for metrics and checkpoints). */
  readonly stateful: KeyedState[];
  /** Rows dropped (or routed) as too late for their windows. */
  lateRows(): number;
}

/** Builds the operators of a plan, wired to `output`, with inputs opened by `resolver`. */
export function instantiate(plan: PhysicalPlan, output: BatchSink, emit: EmitGranularity, resolver: LeafResolver): Instance {
  const leaves: Leaf[] = [];
  const stateful: KeyedState[] = [];
  const windows: (WindowAggregate | SessionAggregate)[] = [];

  const build = (p: PhysicalPlan, downstream: BatchSink): void => {
    switch (p.op) {
      case 'source_scan': {
        // A scan that needs no column still reads one, so batches carry their row counts.
        const columns = p.columns.length > 0 ? p.columns : [0];
        const readSchema = columns.map((c) => p.source.schema[c]!);
        const needsCalc = p.filter !== null || p.projections !== null || p.columns.length === 0;
        const sink = needsCalc
          ? new CalcOperator(compileCalc({ input: readSchema, filter: p.filter, projections: p.projections ?? (p.columns.length === 0 ? [] : readSchema.map((f, i) => ({ kind: 'column', index: i, type: f.type, nullable: f.nullable }))) }), downstream)
          : downstream;
        leaves.push({ input: resolver.source(p.source, columns), sink, stopped: false });
        return;
      }
      case 'table_scan':
        leaves.push({ input: resolver.table(p.table), sink: downstream, stopped: false });
        return;
      case 'view_scan':
        leaves.push({ input: resolver.view(p.view), sink: downstream, stopped: false });
        return;
      case 'values':
        leaves.push({ input: batchesInput('values', [rowsToBatch(p.schema, p.rows)]), sink: downstream, stopped: false });
        return;
      case 'calc':
        build(p.input, new CalcOperator(compileCalc({ input: p.input.schema, filter: p.filter, projections: p.projections }), downstream));
        return;
      case 'hash_aggregate': {
        const agg = new HashAggregate(
          {
            keyTypes: p.input.schema.slice(0, p.keyCount).map((f) => f.type),
            aggregates: p.aggregates,
            appendOnlyInput: p.input.appendOnly,
            emit,
            output: p.schema,
          },
          downstream,
        );
        stateful.push(agg);
        build(p.input, agg);
        return;
      }
      case 'window_aggregate': {
        const common = {
          timeColumn: p.time,
          keyColumns: p.keys,
          keyTypes: p.keys.map((k) => p.input.schema[k]!.type),
          aggregates: p.aggregates,
          emit: windowEmit(p.emit, emit),
          lateness: p.lateness,
          watermarked: p.watermarked,
          late: { columns: p.late?.columns ?? [], route: p.late ? resolver.lateRows(p.late.target) : null },
          output: p.schema,
        };
        const op =
          p.window.kind === 'session'
            ? new SessionAggregate({ ...common, gap: p.window.gap }, downstream)
            : new WindowAggregate({ ...common, window: p.window, appendOnlyInput: p.input.appendOnly }, downstream);
        stateful.push(op);
        windows.push(op);
        build(p.input, op);
        return;
      }
      case 'top_n': {
        const op = new TopN(
          { partition: p.partition, order: p.order, limit: p.limit, rank: p.rank, appendOnlyInput: p.input.appendOnly, emit, output: p.schema },
          downstream,
        );
        stateful.push(op);
        build(p.input, op);
        return;
      }
      case 'union': {
        const union = new UnionOperator(p.inputs.length, downstream);
        for (const i of p.inputs) build(i, union.input());
        return;
      }
      case 'join': {
        let rightLeaves: Leaf[] = [];
        const op = joinOperator(p, downstream, () => stopLeaves(rightLeaves));
        stateful.push(op);
        build(p.left, op.input(0));
        const first = leaves.length;
        build(p.right, op.input(1));
        // A lookup join's right input is read ahead, so left rows see it up to date.
        if (p.strategy === 'lookup') for (let k = first; k < leaves.length; k++) leaves[k] = { ...leaves[k]!, priority: true };
        rightLeaves = leaves.slice(first);
        return;
      }
      case 'sort':
        build(p.input, new SortOperator(p.schema, p.keys, p.limit, p.offset, p.input.appendOnly, downstream));
        return;
      case 'limit': {
        const first = leaves.length;
        const limit = new LimitOperator(p.limit, p.offset, downstream, () => stopLeaves(leaves.slice(first, last)));
        build(p.input, limit);
        const last = leaves.length;
        if (p.limit === 0) limit.finish();
        return;
      }
    }
  };
  build(plan, output);
  return { leaves, stateful, lateRows: () => windows.reduce((n, w) => n + w.lateRows, 0) };
}

/** Stops inputs whose batches are no longer wanted (a satisfied LIMIT, a finished lookup join). */
function stopLeaves(leaves: readonly Leaf[]): void {
  for (const leaf of leaves) {
    leaf.stopped = true;
    leaf.input.close();
  }
}

/** The operator a join's strategy runs as. */
function joinOperator(p: JoinNode, downstream: BatchSink, stopRight: () => void): (HashJoin | AsofJoin | LookupJoin) {
  const common = { leftSchema: p.left.schema, rightSchema: p.right.schema, output: p.schema, leftKeys: p.leftKeys, rightKeys: p.rightKeys, residual: p.residual };
  const leftOrInner = (): 'inner' | 'left' => {
    if (p.type !== 'inner' && p.type !== 'left') throw new Error(`a ${p.strategy} join is inner or left`);
    return p.type;
  };
  switch (p.strategy) {
    case 'regular':
    case 'interval':
      return new HashJoin({ ...common, type: p.type, interval: p.interval, eventTime: p.eventTime }, downstream);
    case 'asof': {
      const a = p.asof!;
      return new AsofJoin({ ...common, type: leftOrInner(), match: { op: a.op, tolerance: a.tolerance, leftTime: a.left, rightTime: a.right }, versioned: false, eventTime: p.eventTime, onEnd: stopRight }, downstream);
    }
    case 'temporal': {
      const t = p.temporal!;
      return new AsofJoin({ ...common, type: leftOrInner(), match: { op: '>=', tolerance: null, leftTime: t.leftTime, rightTime: t.rightTime }, versioned: true, eventTime: p.eventTime, onEnd: stopRight }, downstream);
    }
    case 'lookup':
      return new LookupJoin({ ...common, type: leftOrInner(), leftRetracts: !p.left.appendOnly, onEnd: stopRight }, downstream);
  }
}

/** A window's EMIT mode, with the query's granularity for the modes that emit changes. */
function windowEmit(spec: EmitSpec, granularity: EmitGranularity): WindowEmit {
  switch (spec.kind) {
    case 'changes':
    case 'close':
      return { mode: spec.kind, granularity };
    case 'final':
      return { mode: 'final' };
    case 'every':
      return { mode: 'every', interval: spec.interval };
  }
}
