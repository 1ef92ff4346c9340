import { sumWorkerMetrics, type WorkerMetrics } from './workers/worker-metrics.js';
import { compileCalc } from '../exec/compile/calc.js';
import { CalcOperator } from '../exec/operators/calc-operator.js';
import type { EmitGranularity } from '../exec/operators/aggregate/hash-aggregate.js';
import { LimitOperator } from '../exec/operators/limit-operator.js';
import type { BatchSink } from '../exec/operators/operator.js';
import { SortOperator } from '../exec/operators/sort-operator.js';
import { UnionOperator } from '../exec/operators/union-operator.js';
import type { Batch } from '../exec/batch/batch.js';
import { rowsToBatch } from '../exec/consolidate.js';
import type { MaterializedViewEntry, SourceEntry, TableEntry } from '../plan/catalog.js';
import { physicalChildren, type PhysicalPlan } from '../plan/physical.js';
import type { Snapshottable, StateSize, StateSnapshot } from '../state/keyed-state.js';
import type { SnapshotBuffers } from '../state/snapshot-buffers.js';
import { transferList } from '../state/transfer.js';
import type { Leaf } from './driver.js';
import { isTwoPhase, keyedOperator, mergeAggregateOperator, type KeyedNode, type KeyedOperator } from './keyed-operator.js';
import { batchesInput, type QueryInput } from './query-input.js';

/** Opens the inputs at the leaves of a plan. */
export interface LeafResolver {
  /** Reads the given columns of a source (in order). */
  source(entry: SourceEntry, columns: readonly number[]): QueryInput;
  table(entry: TableEntry): QueryInput;
  view(entry: MaterializedViewEntry): QueryInput;
  /** Where rows too late for their window go (LATE DATA TO target). */
  lateRows(target: string): (rows: Batch) => void;
  /**
   * Runs a keyed node (at `path` of child indices in the plan) sharded across worker threads,
   * or returns null for it to run here.
   */
  stage?(node: KeyedNode, path: readonly number[]): StageRun | null;
}

/** A keyed node running on workers, as the coordinator sees it. */
export interface StageRun extends Omit<KeyedOperator, 'state'> {
  /** The workers run the first phase of a two-phase GROUP BY; the merge runs here, on their output. */
  readonly twoPhase: boolean;
  /** The workers hold the state; the coordinator sees its size. */
  readonly state: StateSize;
  /** The workers' output, an input of the coordinator's part of the plan. */
  readonly output: QueryInput;
  /** A promise while the exchange for input k waits for room in a worker's ring; null when it has room. */
  room(input: number): Promise<void> | null;
  /** Called when the stage no longer needs input k (its operator is done with it). */
  onInputsDone(stop: (input: number) => void): void;
  /** Each worker's share of the stage, now. */
  workers(): WorkerMetrics[];
  /** Each worker's share of the state, taken after everything sent so far (a checkpoint barrier). */
  snapshot(): Promise<StateSnapshot[]>;
  /** Gives each worker the buffers of its share of a snapshot once it is written. */
  recycle(snapshots: readonly StateSnapshot[]): void;
}

/** An operator's state as checkpoints see it (keyed operators, UNION ALL, ORDER BY, LIMIT), named by its path in the plan. */
export interface KeyedInstance {
  /** Child indices from the plan's root, joined by '/'. */
  readonly path: string;
  /** An operator here: its snapshot, copied into `buffers`; a stage: one per worker (in theirs). */
  snapshot(buffers: SnapshotBuffers): Promise<StateSnapshot | StateSnapshot[]>;
  /** Gives back the buffers of a snapshot once it is written: into `buffers`, or to the workers. */
  recycle(snapshot: StateSnapshot | StateSnapshot[], buffers: SnapshotBuffers): void;
  /** Operators here restore after instantiation; stages get their state when they start. */
  readonly restore: ((s: StateSnapshot) => void) | null;
}

export interface Instance {
  readonly leaves: Leaf[];
  /** The operators holding keyed state (for metrics and checkpoints). */
  readonly stateful: StateSize[];
  /** The same operators, for checkpoints. */
  readonly keyed: KeyedInstance[];
  /** Rows dropped (or routed) as too late for their windows. */
  lateRows(): number;
  /** Per worker thread, summed over the query's stages; empty when all runs on the session's thread. */
  workers(): WorkerMetrics[];
}

/** Builds the operators of a plan, wired to `output`, with inputs opened by `resolver`. */
export function instantiate(plan: PhysicalPlan, output: BatchSink, emit: EmitGranularity, resolver: LeafResolver): Instance {
  const leaves: Leaf[] = [];
  const stateful: StateSize[] = [];
  const keyed: KeyedInstance[] = [];
  const lateCounters: { lateRows(): number }[] = [];
  const stages: StageRun[] = [];

  const build = (p: PhysicalPlan, downstream: BatchSink, path: readonly number[]): void => {
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
        build(p.input, new CalcOperator(compileCalc({ input: p.input.schema, filter: p.filter, projections: p.projections }), downstream), [...path, 0]);
        return;
      case 'union': {
        const union = new UnionOperator(p.inputs.length, downstream);
        keyed.push(localState(path, union));
        p.inputs.forEach((i, k) => build(i, union.input(), [...path, k]));
        return;
      }
      case 'hash_aggregate':
      case 'window_aggregate':
      case 'top_n':
      case 'join': {
        const inputs = physicalChildren(p);
        const inputLeaves: Leaf[][] = inputs.map(() => []);
        const stage = resolver.stage?.(p, path) ?? null;
        const op = stage ?? keyedOperator(p, downstream, emit, { lateRoute: (t) => resolver.lateRows(t), stopInput: (k) => stopLeaves(inputLeaves[k]!) });
        // A two-phase GROUP BY holds its groups here, in the merge; the workers' partial states are transient.
        const merge = stage?.twoPhase && isTwoPhase(p, emit) ? mergeAggregateOperator(p, downstream, emit) : null;
        stateful.push(merge?.state ?? op.state);
        lateCounters.push(op);
        if (stage) keyed.push({ path: path.join('/'), snapshot: () => stage.snapshot(), recycle: (s) => stage.recycle(s as StateSnapshot[]), restore: null });
        else keyed.push(localState(path, (op as KeyedOperator).state));
        if (stage) {
          stages.push(stage);
          // The workers run the operator; the coordinator feeds them and reads their output.
          leaves.push({ input: stage.output, sink: merge?.inputs[0] ?? downstream, stopped: false, internal: true });
          stage.onInputsDone((k) => stopLeaves(inputLeaves[k]!));
        }
        inputs.forEach((input, k) => {
          const first = leaves.length;
          build(input, op.inputs[k]!, [...path, k]);
          // A lookup join's right input is read ahead, so left rows see it up to date.
          for (let l = first; l < leaves.length; l++) {
            const leaf = leaves[l]!;
            leaves[l] = { ...leaf, ...(p.op === 'join' && p.strategy === 'lookup' && k === 1 ? { priority: true } : {}), ...(stage ? { hold: () => stage.room(k) } : {}) };
          }
          inputLeaves[k] = leaves.slice(first);
        });
        return;
      }
      case 'sort': {
        const sort = new SortOperator(p.schema, p.keys, p.limit, p.offset, p.input.appendOnly, downstream);
        keyed.push(localState(path, sort));
        build(p.input, sort, [...path, 0]);
        return;
      }
      case 'limit': {
        const first = leaves.length;
        const limit = new LimitOperator(p.limit, p.offset, downstream, () => stopLeaves(leaves.slice(first, last)));
        keyed.push(localState(path, limit));
        build(p.input, limit, [...path, 0]);
        const last = leaves.length;
        if (p.limit === 0) limit.finish();
        return;
      }
    }
  };
  build(plan, output, []);
  return { leaves, stateful, keyed, lateRows: () => lateCounters.reduce((n, w) => n + w.lateRows(), 0), workers: () => sumWorkerMetrics(stages.map((s) => s.workers())) };
}

/** State held on the session's thread, as checkpoints see it. */
function localState(path: readonly number[], state: Snapshottable): KeyedInstance {
  return {
    path: path.join('/'),
    snapshot: (buffers) => Promise.resolve(state.snapshot(buffers)),
    recycle: (s, buffers) => buffers.give(transferList(s)),
    restore: (s) => state.restore(s),
  };
}

/** Stops inputs whose batches are no longer wanted (a satisfied LIMIT, a finished lookup join). */
function stopLeaves(leaves: readonly Leaf[]): void {
  for (const leaf of leaves) {
    leaf.stopped = true;
    leaf.input.close();
  }
}
