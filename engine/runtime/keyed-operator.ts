import type { Batch } from '../exec/batch/batch.js';
import { HashAggregate, type EmitGranularity } from '../exec/operators/aggregate/hash-aggregate.js';
import { PartialAggregate } from '../exec/operators/aggregate/partial-aggregate.js';
import { partialSchema, splittable } from '../exec/operators/aggregate/partial-state.js';
import { AsofJoin } from '../exec/operators/join/asof-join.js';
import { HashJoin } from '../exec/operators/join/hash-join.js';
import { LookupJoin } from '../exec/operators/join/lookup-join.js';
import type { BatchSink } from '../exec/operators/operator.js';
import { TopN } from '../exec/operators/rank/top-n.js';
import { SessionAggregate } from '../exec/operators/window/session-aggregate.js';
import { WindowAggregate } from '../exec/operators/window/window-aggregate.js';
import type { WindowEmit } from '../exec/operators/window/window-emit.js';
import type { EmitSpec } from '../plan/logical.js';
import type { HashAggregateNode, JoinNode, PhysicalPlan } from '../plan/physical.js';
import type { KeyedState } from '../state/keyed-state.js';

/** The plan nodes that hold keyed state. */
export type KeyedNode = Extract<PhysicalPlan, { op: 'hash_aggregate' | 'window_aggregate' | 'top_n' | 'join' }>;

export function isKeyedNode(p: PhysicalPlan): p is KeyedNode {
  return p.op === 'hash_aggregate' || p.op === 'window_aggregate' || p.op === 'top_n' || p.op === 'join';
}

/** A keyed operator: a sink per input (a join has two), its state, and its late rows so far. */
export interface KeyedOperator {
  readonly inputs: readonly BatchSink[];
  readonly state: KeyedState;
  lateRows(): number;
}

export interface KeyedOperatorHooks {
  /** Where rows too late for a window go (LATE DATA TO); null: only counted. */
  lateRoute(target: string): (rows: Batch) => void;
  /** The operator is done with an input (a lookup, ASOF or temporal join whose left input ended). */
  stopInput(input: number): void;
}

/**
 * Builds the operator of a keyed plan node, wired to `downstream`. The same on the session's
 * thread and in a worker (which shards its keys), so a stage computes what the node would.
 */
export function keyedOperator(p: KeyedNode, downstream: BatchSink, emit: EmitGranularity, hooks: KeyedOperatorHooks): KeyedOperator {
  const single = (op: BatchSink & KeyedState, late: () => number = () => 0): KeyedOperator => ({ inputs: [op], state: op, lateRows: late });
  switch (p.op) {
    case 'hash_aggregate':
      return single(
        new HashAggregate(
          { keyTypes: p.input.schema.slice(0, p.keyCount).map((f) => f.type), aggregates: p.aggregates, appendOnlyInput: p.input.appendOnly, emit, output: p.schema },
          downstream,
        ),
      );
    case 'window_aggregate': {
      const common = {
        timeColumn: p.time,
        keyColumns: p.keys,
        keyTypes: p.keys.map((k) => p.input.schema[k]!.type),
        aggregates: p.aggregates,
        emit: windowEmit(p.emit, emit),
        lateness: p.lateness,
        watermarked: p.watermarked,
        late: { columns: p.late?.columns ?? [], route: p.late ? hooks.lateRoute(p.late.target) : null },
        output: p.schema,
      };
      const op =
        p.window.kind === 'session'
          ? new SessionAggregate({ ...common, gap: p.window.gap }, downstream)
          : new WindowAggregate({ ...common, window: p.window, appendOnlyInput: p.input.appendOnly }, downstream);
      return single(op, () => op.lateRows);
    }
    case 'top_n':
      return single(new TopN({ partition: p.partition, order: p.order, limit: p.limit, rank: p.rank, appendOnlyInput: p.input.appendOnly, emit, output: p.schema }, downstream));
    case 'join': {
      const op = joinOperator(p, downstream, () => hooks.stopInput(1));
      return { inputs: [op.input(0), op.input(1)], state: op, lateRows: () => 0 };
    }
  }
}

/**
 * Whether a node runs as a two-phase GROUP BY when it runs on workers: each worker aggregates
 * the whole batches dealt to it, and the session's thread merges their partial states. Only
 * for complete results over inputs that only insert, with aggregates that split exactly
 * (partial-state.ts): then the result is the one a single thread computes, and the exchange
 * carries batches as they are instead of hashing and scattering every row.
 */
export function isTwoPhase(p: PhysicalPlan, emit: EmitGranularity): p is HashAggregateNode {
  return p.op === 'hash_aggregate' && emit === 'final' && p.input.appendOnly && splittable(p.aggregates);
}

/** The first phase of a two-phase GROUP BY, on a worker: partial states per group. */
export function partialAggregateOperator(p: HashAggregateNode, downstream: BatchSink): KeyedOperator {
  const keys = p.input.schema.slice(0, p.keyCount);
  const op = new PartialAggregate({ keyTypes: keys.map((f) => f.type), aggregates: p.aggregates, output: partialSchema(keys, p.aggregates) }, downstream);
  return { inputs: [op], state: op, lateRows: () => 0 };
}

/** The second phase, on the session's thread: merges the workers' partial states. */
export function mergeAggregateOperator(p: HashAggregateNode, downstream: BatchSink, emit: EmitGranularity): KeyedOperator {
  const op = new HashAggregate(
    { keyTypes: p.input.schema.slice(0, p.keyCount).map((f) => f.type), aggregates: p.aggregates, appendOnlyInput: true, emit, output: p.schema, input: 'partials' },
    downstream,
  );
  return { inputs: [op], state: op, lateRows: () => 0 };
}

/** The operator a join's strategy runs as. */
function joinOperator(p: JoinNode, downstream: BatchSink, stopRight: () => void): HashJoin | AsofJoin | LookupJoin {
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
