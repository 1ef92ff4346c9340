import type { Scalar } from '../../batch/column.js';

/** Per group in a snapshot's `emitted`: nothing emitted yet (0), its current row, a stored row. */
const EMITTED_CURRENT = 1;
const EMITTED_STORED = 2;

/** Marks a restored group whose emitted row is still to be built; compared by identity. */
const UNBUILT: Scalar[] = [];

/** What a snapshot holds of the emitted rows, in the order of its groups. */
export interface EmittedSnapshot {
  readonly emitted: Uint8Array;
  /** The rows of the groups marked EMITTED_STORED, in order. */
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
  private changed = new Uint8Array(64);
  private unbuilt = 0;
  private rowOf: ((g: number) => Scalar[]) | null = null;

  /** Makes room for group ids below `limit`. */
  grow(limit: number): void {
    if (this.changed.length >= limit) return;
    const ch = new Uint8Array(Math.max(limit, this.changed.length * 2));
    ch.set(this.changed);
    this.changed = ch;
  }

  /** Call before group g's state changes. */
  touch(g: number): void {
    this.build(g);
    this.changed[g] = 1;
  }

  touchAll(ids: Int32Array, n: number): void {
    if (this.unbuilt > 0) for (let i = 0; i < n; i++) this.build(ids[i]!);
    const changed = this.changed;
    for (let i = 0; i < n; i++) changed[ids[i]!] = 1;
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
    this.changed[g] = 0;
  }

  /** The rows of the groups `ids`, only where a group changed since it emitted. */
  capture(ids: Int32Array): EmittedSnapshot {
    const emitted = new Uint8Array(ids.length);
    const emittedRows: Scalar[][] = [];
    for (let i = 0; i < ids.length; i++) {
      const g = ids[i]!;
      const row = this.rows[g];
      if (row === undefined) continue;
      if (row === UNBUILT || this.changed[g] === 0) emitted[i] = EMITTED_CURRENT;
      else {
        emitted[i] = EMITTED_STORED;
        emittedRows.push(row);
      }
    }
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
    e.rows = new Array<Scalar[] | undefined>(n);
    let stored = 0;
    for (let g = 0; g < n; g++) {
      const kind = s.emitted[g];
      if (kind === EMITTED_CURRENT) {
        e.rows[g] = UNBUILT;
        e.unbuilt++;
      } else {
        e.changed[g] = 1;
        if (kind === EMITTED_STORED) e.rows[g] = s.emittedRows[stored++];
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
