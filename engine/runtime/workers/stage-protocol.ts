import type { EmitGranularity } from '../../exec/operators/aggregate/hash-aggregate.js';
import type { RingMemory } from './ring.js';
import type { PlanOrigin } from './stage-plan.js';
import type { StateSnapshot } from '../../state/keyed-state.js';

/**
 * What the coordinator tells a worker to run: one worker's share of a stage. Its input ring
 * carries the rows routed to this worker (both inputs of a join, tagged), its output ring what
 * the operator emits, each event followed by the epoch it belongs to.
 */
export interface StageStart {
  readonly type: 'start';
  readonly stage: number;
  readonly worker: number;
  readonly origin: PlanOrigin;
  /** Path of child indices from the plan's root to the stage's node. */
  readonly path: readonly number[];
  readonly emit: EmitGranularity;
  /** Run the first phase of a two-phase GROUP BY (isTwoPhase) instead of the node itself. */
  readonly twoPhase: boolean;
  readonly input: RingMemory;
  readonly output: RingMemory;
  /** Rung by the worker when it writes output or frees input (the coordinator's side of the stage). */
  readonly coordinatorBell: SharedArrayBuffer;
  /** The worker's counters for this stage, see STAGE_COUNTERS. */
  readonly counters: SharedArrayBuffer;
  /** The state this worker's share starts from (a checkpoint's), or none. */
  readonly restore?: StateSnapshot;
}

/** A worker's answer to a checkpoint barrier: its share's state (null if it failed). */
export interface StageState {
  readonly type: 'state';
  readonly stage: number;
  readonly worker: number;
  readonly snapshot: StateSnapshot | null;
}

export interface StageStop {
  readonly type: 'stop';
  readonly stage: number;
}

/** The buffers of a worker's share of a checkpoint, back once it is written (see SnapshotBuffers). */
export interface StageBuffers {
  readonly type: 'buffers';
  readonly stage: number;
  readonly buffers: ArrayBuffer[];
}

export type ToWorker = StageStart | StageStop | StageBuffers;

/** Counters a worker keeps per stage, as Float64 slots of `counters`. */
export const STAGE_COUNTERS = {
  rowsIn: 0,
  stateKeys: 1,
  lateRows: 2,
  /** Milliseconds spent waiting for room in the output ring. */
  blockedMs: 3,
} as const;

export const STAGE_COUNTER_BYTES = 8 * Object.keys(STAGE_COUNTERS).length;
