import type { SnapshotBuffers } from './snapshot-buffers.js';

/** How much state an operator holds: its live keys (groups, rows of a join, windows × keys). */
export interface StateSize {
  keyCount(): number;
}

/** State a checkpoint captures and a resumed query starts from. */
export interface Snapshottable {
  /**
   * A self-contained copy of the state, serializable with structuredClone. Typed arrays in it
   * may be transferred to another thread, so none may be a view of the live state. Copied
   * columns may take their memory from `buffers` (given back once the checkpoint is written).
   */
  snapshot(buffers?: SnapshotBuffers): StateSnapshot;
  /** Replaces the state with a snapshot taken from an operator of the same plan. */
  restore(snapshot: StateSnapshot): void;
}

/**
 * The one interface every keyed operator's state implements. State is keyed (by group key,
 * join key, …) and owned by one operator instance: no global singletons, so the runtime can
 * shard an operator's keys across workers and checkpoint each shard on its own.
 */
export interface KeyedState extends StateSize, Snapshottable {}

/** Plain data: arrays, numbers, strings, booleans, null; typed arrays allowed. */
export type StateSnapshot = { readonly version: number; readonly [part: string]: unknown };
