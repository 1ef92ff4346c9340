import type { Scalar } from '../../batch/column.js';
import { gather } from '../../../state/gather.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

/**
 * Per group, bits: it has an emitted row, and it changed since it emitted. A snapshot copies
 * these bytes as they are (a memcpy while the pipeline is held) and stores the rows only of
 * groups with both bits.
 */
const CHANGED = 1;
const HAS_ROW = 2;
const STORED = HAS_ROW | CHANGED;

/** Marks a restored group whose emitted row is still to be built; compared by identity. */
const UNBUILT: Scalar[] = [];

/** What a snapshot holds of the emitted rows, in the order of its groups. */
export interface EmittedSnapshot {
  /** Per group, its bits (CHANGED, HAS_ROW). */
  readonly emitted: Uint8Array;
  /** The rows of the groups with both bits, in order. */
  readonly emittedRows: Scalar[][];
}

/**
 * The row each group last emitted (its next change retracts it with -U or -D), and whether
 * the group changed since. A group that did not change emitted its current row, so a snapshot
 * stores one byte for it instead of the row, and a restore leaves the row UNBUILT until it is
 * first needed: it is then built from the restored state, which is still the state it was
 * emitted from because every change calls `touch` first.
 */
export class EmittedRows {
  private rows: (Scalar[] | undefined)[] = [];
  private status = new Uint8Array(64);
  private unbuilt = 0;
  private rowOf: ((g: number) => Scalar[]) | null = null;

  /** Makes room for group ids below `limit`. */
  grow(limit: number): void {
    if (this.status.length >= limit) return;
    const st = new Uint8Array(Math.max(limit, this.status.length * 2));
    st.set(this.status);
    this.status = st;
  }

  /** Call before group g's state changes. */
  touch(g: number): void {
    this.build(g);
    this.status[g]! |= CHANGED;
  }

  touchAll(ids: Int32Array, n: number): void {
    if (this.unbuilt > 0) for (let i = 0; i < n; i++) this.build(ids[i]!);
    const status = this.status;
    for (let i = 0; i < n; i++) status[ids[i]!]! |= CHANGED;
  }

  last(g: number): Scalar[] | undefined {
    this.build(g);
    return this.rows[g];
  }

  has(g: number): boolean {
    return this.rows[g] !== undefined;
  }

  /** The group emitted `row` (undefined: it retracted its row). */
  set(g: number, row: Scalar[] | undefined): void {
    if (this.rows[g] === UNBUILT && --this.unbuilt === 0) this.rowOf = null;
    this.rows[g] = row;
    this.status[g] = row === undefined ? 0 : HAS_ROW;
  }

  /** The rows of the groups `ids`, only where a group changed since it emitted. */
  capture(ids: Int32Array, buffers?: SnapshotBuffers): EmittedSnapshot {
    const emitted = gather(this.status, ids, buffers);
    const emittedRows: Scalar[][] = [];
    // A native scan: a changed group with a row is one of few (those changed since the last flush).
    for (let i = emitted.indexOf(STORED); i >= 0; i = emitted.indexOf(STORED, i + 1)) emittedRows.push(this.rows[ids[i]!]!);
    return { emitted, emittedRows };
  }

  /**
   * The emitted rows of restored groups 0 … n-1: stored ones as they were, the others built by
   * `rowOf` (the row the operator emits for the group, from the restored state) when needed.
   */
  static load(s: EmittedSnapshot, rowOf: (g: number) => Scalar[]): EmittedRows {
    const e = new EmittedRows();
    const n = s.emitted.length;
    e.grow(n);
    e.status.set(s.emitted);
    e.rows = new Array<Scalar[] | undefined>(n);
    let stored = 0;
    for (let g = 0; g < n; g++) {
      const bits = s.emitted[g]!;
      if (bits === STORED) e.rows[g] = s.emittedRows[stored++];
      else if (bits === HAS_ROW) {
        e.rows[g] = UNBUILT;
        e.unbuilt++;
      }
    }
    e.rowOf = e.unbuilt > 0 ? rowOf : null;
    return e;
  }

  private build(g: number): void {
    if (this.unbuilt === 0 || this.rows[g] !== UNBUILT) return;
    this.rows[g] = this.rowOf!(g);
    if (--this.unbuilt === 0) this.rowOf = null;
  }
}
