import type { Scalar } from '../../batch/column.js';
import { countsAt, flattenCounts, flattenLists, listAt, type FlatCounts, type FlatLists } from '../../../state/gather.js';
import type { Accumulator, AccumulatorSnapshot } from './accumulator.js';

/** Orders scalars of one type; NaN sorts above every other number, as in DuckDB. */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
  }
  return (a as number) < (b as number) ? -1 : 1;
}

/**
 * min(x) / max(x) over a multiset: each group counts its values, so retracting the current
 * minimum falls back to the next one. For inputs that never retract (append-only), only the
 * extreme is kept.
 */
export class ExtremeAccumulator implements Accumulator {
  private readonly best: (Scalar | undefined)[] = [];
  private readonly multisets: (Map<Scalar, number> | undefined)[] = [];

  constructor(
    private readonly max: boolean,
    private readonly retractable: boolean,
  ) {}

  grow(): void {}

  add(g: number, v: Scalar, w: number): void {
    if (v === null) return;
    // Map keys compare with SameValueZero: -0 equals 0 and NaN equals NaN, as SQL groups them.
    const key = v;
    if (this.retractable) {
      let m = this.multisets[g];
      if (!m) this.multisets[g] = m = new Map();
      const c = (m.get(key) ?? 0) + w;
      if (c === 0) m.delete(key);
      else m.set(key, c);
      if (w < 0) {
        if (this.best[g] !== undefined && compareScalars(this.best[g], key) === 0 && c === 0) this.best[g] = this.extremeOf(m);
        return;
      }
    }
    const cur = this.best[g];
    if (cur === undefined || cur === null || (this.max ? compareScalars(key, cur) > 0 : compareScalars(key, cur) < 0)) this.best[g] = key;
  }

  merge(into: number, from: number): void {
    const m = this.multisets[from];
    if (m) for (const [v, c] of m) for (let k = 0; k < c; k++) this.add(into, v, 1);
    else if (this.best[from] !== undefined) this.add(into, this.best[from], 1);
  }

  /** Only for inputs that never retract: then the extreme is all the state there is. */
  partialState(g: number): Scalar[] {
    return [this.best[g] ?? null];
  }

  mergePartial(g: number, state: readonly Scalar[]): void {
    this.add(g, state[0]!, 1);
  }

  private extremeOf(m: Map<Scalar, number>): Scalar | undefined {
    let best: Scalar | undefined;
    for (const v of m.keys()) if (best === undefined || (this.max ? compareScalars(v, best) > 0 : compareScalars(v, best) < 0)) best = v;
    return best;
  }

  result(g: number): Scalar {
    return this.best[g] ?? null;
  }

  clear(g: number): void {
    this.best[g] = undefined;
    this.multisets[g] = undefined;
  }

  snapshot(ids: Int32Array): AccumulatorSnapshot {
    // NULLs are never kept, so null stands for "no value yet".
    const best = new Array<Scalar>(ids.length);
    for (let i = 0; i < ids.length; i++) best[i] = this.best[ids[i]!] ?? null;
    return { best, multisets: this.retractable ? flattenCounts(this.multisets, ids) : null };
  }

  restore(ids: Int32Array, s: AccumulatorSnapshot): void {
    const best = s.best as Scalar[];
    const multisets = s.multisets as FlatCounts<Scalar> | null;
    for (let i = 0; i < ids.length; i++) {
      const g = ids[i]!;
      this.best[g] = best[i] ?? undefined;
      this.multisets[g] = multisets ? countsAt(multisets, i) : undefined;
    }
  }
}

/**
 * first_value / last_value in arrival order, NULLs included. Retractable inputs keep every
 * value in order; a retraction removes the latest occurrence of the value.
 */
export class PositionalAccumulator implements Accumulator {
  private readonly values: (Scalar[] | undefined)[] = [];
  private readonly single: Scalar[] = [];
  private readonly seen: boolean[] = [];
  /** Arrival order of the kept value (append-only), so merged groups know which came first. */
  private readonly seqs: number[] = [];
  private counter = 0;

  constructor(
    private readonly last: boolean,
    private readonly retractable: boolean,
  ) {}

  grow(): void {}

  add(g: number, v: Scalar, w: number): void {
    if (!this.retractable) {
      const seq = this.counter++;
      if (!this.last && this.seen[g]) return;
      this.single[g] = v;
      this.seen[g] = true;
      this.seqs[g] = seq;
      return;
    }
    let list = this.values[g];
    if (!list) this.values[g] = list = [];
    if (w > 0) {
      list.push(v);
      return;
    }
    for (let i = list.length - 1; i >= 0; i--) {
      if (compareScalars(list[i]!, v) === 0 || (list[i] === null && v === null)) {
        list.splice(i, 1);
        return;
      }
    }
  }

  merge(into: number, from: number): void {
    if (this.retractable) {
      for (const v of this.values[from] ?? []) this.add(into, v, 1);
      return;
    }
    if (!this.seen[from]) return;
    const takeFrom = !this.seen[into] || (this.last ? this.seqs[from]! > this.seqs[into]! : this.seqs[from]! < this.seqs[into]!);
    if (takeFrom) {
      this.single[into] = this.single[from]!;
      this.seqs[into] = this.seqs[from]!;
      this.seen[into] = true;
    }
  }

  result(g: number): Scalar {
    if (!this.retractable) return this.seen[g] ? this.single[g]! : null;
    const list = this.values[g];
    if (!list || list.length === 0) return null;
    return this.last ? list[list.length - 1]! : list[0]!;
  }

  clear(g: number): void {
    this.values[g] = undefined;
    this.seen[g] = false;
    this.single[g] = null;
  }

  snapshot(ids: Int32Array): AccumulatorSnapshot {
    if (this.retractable) return { lists: flattenLists(this.values, ids) };
    const seen = new Uint8Array(ids.length);
    const single = new Array<Scalar>(ids.length);
    const seqs = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const g = ids[i]!;
      seen[i] = this.seen[g] ? 1 : 0;
      single[i] = this.single[g] ?? null;
      seqs[i] = this.seqs[g] ?? 0;
    }
    // The arrival counter too: merged groups compare arrival orders across the checkpoint.
    return { seen, single, seqs, counter: this.counter };
  }

  restore(ids: Int32Array, s: AccumulatorSnapshot): void {
    if (this.retractable) {
      const lists = s.lists as FlatLists<Scalar>;
      for (let i = 0; i < ids.length; i++) this.values[ids[i]!] = listAt(lists, i);
      return;
    }
    const seen = s.seen as Uint8Array;
    const single = s.single as Scalar[];
    const seqs = s.seqs as Float64Array;
    for (let i = 0; i < ids.length; i++) {
      const g = ids[i]!;
      this.seen[g] = seen[i] === 1;
      this.single[g] = single[i]!;
      this.seqs[g] = seqs[i]!;
    }
    this.counter = s.counter as number;
  }
}

/**
 * agg(DISTINCT x): counts each value per group and feeds the inner aggregate a value only
 * when it first appears, and retracts it when its last copy is retracted.
 */
export class DistinctAccumulator implements Accumulator {
  private readonly counts: (Map<Scalar, number> | undefined)[] = [];

  constructor(private readonly inner: Accumulator) {}

  grow(capacity: number): void {
    this.inner.grow(capacity);
  }

  add(g: number, v: Scalar, w: number): void {
    if (v === null) return;
    const key = v;
    let m = this.counts[g];
    if (!m) this.counts[g] = m = new Map();
    const before = m.get(key) ?? 0;
    const after = before + w;
    if (after === 0) m.delete(key);
    else m.set(key, after);
    if (before === 0 && after > 0) this.inner.add(g, key, 1);
    else if (before > 0 && after === 0) this.inner.add(g, key, -1);
  }

  result(g: number): Scalar {
    return this.inner.result(g);
  }

  merge(into: number, from: number): void {
    const m = this.counts[from];
    if (!m) return;
    for (const [v, c] of m) this.add(into, v, c);
  }

  clear(g: number): void {
    this.counts[g] = undefined;
    this.inner.clear(g);
  }

  snapshot(ids: Int32Array): AccumulatorSnapshot {
    return { counts: flattenCounts(this.counts, ids), inner: this.inner.snapshot(ids) };
  }

  restore(ids: Int32Array, s: AccumulatorSnapshot): void {
    const counts = s.counts as FlatCounts<Scalar>;
    for (let i = 0; i < ids.length; i++) this.counts[ids[i]!] = countsAt(counts, i);
    this.inner.restore(ids, s.inner as AccumulatorSnapshot);
  }
}
