/**
 * Copying per-group state in and out of checkpoints as whole columns. A snapshot lists its
 * groups by id, ascending (GroupTable.liveIdArray); when no group was ever removed those ids
 * are 0 … n-1 and a column is one memcpy, otherwise one tight loop. Restores always load
 * groups as ids 0 … n-1, so scattering back is a memcpy too.
 */

import type { Numeric, NumericType, SnapshotBuffers } from './snapshot-buffers.js';

/** True when `ids` (ascending) are exactly 0 … n-1. */
export function isDense(ids: Int32Array): boolean {
  return ids.length === 0 || ids[ids.length - 1] === ids.length - 1;
}

/** A copy of `src` at the groups `ids` (ascending), in memory from `buffers` when given. */
export function gather<T extends Numeric>(src: T, ids: Int32Array, buffers?: SnapshotBuffers): T {
  const type = src.constructor as NumericType<T>;
  const out: T = buffers ? buffers.take(type, ids.length) : new type(ids.length);
  if (isDense(ids)) out.set(src.subarray(0, ids.length));
  else for (let i = 0; i < ids.length; i++) out[i] = src[ids[i]!]!;
  return out;
}

/** Writes `values` into `dst` at the groups `ids`, the inverse of gather. */
export function scatter<T extends Numeric>(dst: T, ids: Int32Array, values: T): void {
  if (isDense(ids)) {
    dst.set(values);
    return;
  }
  for (let i = 0; i < ids.length; i++) dst[ids[i]!] = values[i]!;
}

/** Ids 0 … n-1, the groups of a restored snapshot. */
export function firstIds(n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  return ids;
}

/**
 * Per-group lists (a MIN/MAX multiset, FIRST/LAST values, DISTINCT counts) flattened: group
 * i's entries are `values[offsets[i] … offsets[i + 1])`. Copies only plain values: the lists
 * themselves keep changing once the pipeline runs again.
 */
export interface FlatLists<T> {
  readonly offsets: Int32Array;
  readonly values: T[];
}

export function flattenLists<T>(lists: readonly (readonly T[] | undefined)[], ids: Int32Array): FlatLists<T> {
  const offsets = new Int32Array(ids.length + 1);
  const values: T[] = [];
  for (let i = 0; i < ids.length; i++) {
    const list = lists[ids[i]!];
    if (list) for (let j = 0; j < list.length; j++) values.push(list[j]!);
    offsets[i + 1] = values.length;
  }
  return { offsets, values };
}

/** Group i's list, a fresh array. */
export function listAt<T>(f: FlatLists<T>, i: number): T[] {
  return f.values.slice(f.offsets[i], f.offsets[i + 1]);
}

/** Per-group value counts (multisets) flattened like FlatLists, counts beside the values. */
export interface FlatCounts<T> extends FlatLists<T> {
  readonly counts: Float64Array;
}

export function flattenCounts<T>(maps: readonly (ReadonlyMap<T, number> | undefined)[], ids: Int32Array): FlatCounts<T> {
  let total = 0;
  for (let i = 0; i < ids.length; i++) total += maps[ids[i]!]?.size ?? 0;
  const offsets = new Int32Array(ids.length + 1);
  const values = new Array<T>(total);
  const counts = new Float64Array(total);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const m = maps[ids[i]!];
    // Insertion order is kept: it decides nothing today, but a restored map is then identical.
    if (m) for (const [v, c] of m) {
      values[at] = v;
      counts[at++] = c;
    }
    offsets[i + 1] = at;
  }
  return { offsets, values, counts };
}

/** Group i's multiset, or undefined when it is empty (an empty map and none behave alike). */
export function countsAt<T>(f: FlatCounts<T>, i: number): Map<T, number> | undefined {
  const from = f.offsets[i]!;
  const to = f.offsets[i + 1]!;
  if (from === to) return undefined;
  const m = new Map<T, number>();
  for (let j = from; j < to; j++) m.set(f.values[j]!, f.counts[j]!);
  return m;
}

/**
 * Where each of `groups` is in `ids`, in the order of `groups` (groups not in `ids` left
 * out): an ordered list of groups (dirty ones, a window's) as positions in a snapshot.
 */
export function positionsOf(groups: readonly number[], ids: Int32Array, idLimit: number): Int32Array {
  if (groups.length === 0) return new Int32Array(0);
  const at = new Int32Array(idLimit).fill(-1);
  for (let i = 0; i < ids.length; i++) at[ids[i]!] = i;
  const out: number[] = [];
  for (const g of groups) {
    const i = at[g] ?? -1;
    if (i >= 0) out.push(i);
  }
  return Int32Array.from(out);
}
