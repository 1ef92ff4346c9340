import type { Column, Scalar } from '../../batch/column.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

/**
 * The running state of one aggregate for every group, indexed by group id. `add` applies one
 * value with a weight of +1 (insert) or -1 (retract); removing a value undoes adding it.
 */
export interface Accumulator {
  /** Makes room for group ids below `capacity`. */
  grow(capacity: number): void;
  /** Applies one input value (NULL included: each aggregate decides what NULL means). */
  add(group: number, value: Scalar, weight: number): void;
  /**
   * Optional fast path over a whole batch: ids per row, the argument column (null for
   * count(*)), rows with a NULL filter bit skipped, weights from kinds. Returns false when it
   * cannot handle this batch, and the caller falls back to `add` per row.
   */
  bulk?(ids: Int32Array, n: number, arg: Column | null, filter: Column | null, kinds: Uint8Array | null): boolean;
  result(group: number): Scalar;
  /**
   * Folds group `from` into group `into` (session windows merging), as if every value added
   * to `from` had been added to `into`, in its arrival order. `from` is cleared afterwards.
   */
  merge(into: number, from: number): void;
  /** Forgets a group (its id may be reused). */
  clear(group: number): void;
  /**
   * Two-phase aggregation (workers aggregate parts of the input, the session's thread merges
   * what they found): a group's state as a row of values typed as `partialTypes` says
   * (partial-state.ts), and folding such a row into a group. Only accumulators whose merged
   * result is the same for any split of the input have them.
   */
  partialState?(group: number): Scalar[];
  mergePartial?(group: number, state: readonly Scalar[]): void;
  /**
   * The state of the groups `ids` (ascending) as columns: typed arrays for numbers, flat
   * arrays of values otherwise (see state/gather.ts). A checkpoint takes it while the pipeline
   * is held and serializes it afterwards, so it must be a copy, sharing nothing that changes.
   */
  snapshot(ids: Int32Array, buffers?: SnapshotBuffers): AccumulatorSnapshot;
  /** Loads a snapshot into the groups `ids` (same order; room for them already made). */
  restore(ids: Int32Array, snapshot: AccumulatorSnapshot): void;
}

/** Plain data: typed arrays, arrays of scalars, numbers; its shape is the accumulator's own. */
export type AccumulatorSnapshot = Readonly<Record<string, unknown>>;

export function growFloat64(a: Float64Array<ArrayBuffer>, capacity: number): Float64Array<ArrayBuffer> {
  if (a.length >= capacity) return a;
  const b = new Float64Array(Math.max(capacity, a.length * 2));
  b.set(a);
  return b;
}

/** True when the bulk path applies: no kinds means weights of +1. */
export function simpleBatch(filter: Column | null, kinds: Uint8Array | null): boolean {
  return filter === null && kinds === null;
}
