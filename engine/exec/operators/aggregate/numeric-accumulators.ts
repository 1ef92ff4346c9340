import { LaminarError } from '../../../errors/laminar-error.js';
import { readInt64 } from '../../batch/int64.js';
import type { Column, Scalar } from '../../batch/column.js';
import { gather, scatter } from '../../../state/gather.js';
import { growFloat64, simpleBatch, type Accumulator, type AccumulatorSnapshot } from './accumulator.js';
import type { SplitColumn } from '../../../state/split-column.js';
import { BINNED_WIDTH, BinnedSums } from './binned-sums.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

const EXACT = Number.MAX_SAFE_INTEGER;

/** count(*) and count(x): the number of rows (or non-NULL values), net of retractions. */
export class CountAccumulator implements Accumulator {
  private counts = new Float64Array(0);

  constructor(private readonly star: boolean) {}

  grow(capacity: number): void {
    this.counts = growFloat64(this.counts, capacity);
  }

  add(g: number, v: Scalar, w: number): void {
    if (this.star || v !== null) this.counts[g]! += w;
  }

  bulk(ids: Int32Array, n: number, arg: Column | null, filter: Column | null, kinds: Uint8Array | null): boolean {
    if (!simpleBatch(filter, kinds) || (arg !== null && arg.validity !== null && !this.star)) return false;
    const c = this.counts;
    for (let i = 0; i < n; i++) c[ids[i]!]! += 1;
    return true;
  }

  result(g: number): Scalar {
    return this.counts[g]!;
  }

  merge(into: number, from: number): void {
    this.counts[into]! += this.counts[from]!;
  }

  clear(g: number): void {
    this.counts[g] = 0;
  }

  partialState(g: number): Scalar[] {
    return [this.counts[g]!];
  }

  mergePartial(g: number, state: readonly Scalar[]): void {
    this.counts[g]! += state[0] as number;
  }

  snapshot(ids: Int32Array, buffers?: SnapshotBuffers): AccumulatorSnapshot {
    return { counts: gather(this.counts, ids, buffers) };
  }

  restore(ids: Int32Array, s: AccumulatorSnapshot): void {
    scatter(this.counts, ids, s.counts as Float64Array);
  }
}

/**
 * sum(x) and avg(x). Integer sums are exact (checked against ±2^53); DOUBLE sums are binned
 * (binned-sums.ts): exact up to 85 bits below the largest value, and the same for any order of
 * the values, so a retraction undoes its insert exactly and partial sums merge
 * deterministically.
 */
export class SumAccumulator implements Accumulator {
  private sums = new Float64Array(0);
  private readonly binned: BinnedSums | null;
  private counts = new Float64Array(0);

  constructor(
    private readonly mode: 'sum' | 'avg',
    private readonly integer: boolean,
  ) {
    this.binned = integer ? null : new BinnedSums();
  }

  grow(capacity: number): void {
    if (this.binned) this.binned.grow(capacity);
    else this.sums = growFloat64(this.sums, capacity);
    this.counts = growFloat64(this.counts, capacity);
  }

  add(g: number, v: Scalar, w: number): void {
    if (v === null) return;
    this.addNumber(g, (v as number) * w);
    this.counts[g]! += w;
  }

  private addNumber(g: number, x: number): void {
    if (this.binned) this.binned.add(g, x);
    else this.addExact(g, x);
  }

  private addExact(g: number, x: number): void {
    const s = this.sums[g]! + x;
    if (s > EXACT || s < -EXACT) throw new LaminarError('NUMERIC_OVERFLOW', `sum overflow: the total exceeds the exact BIGINT range (±2^53)`);
    this.sums[g] = s;
  }

  bulk(ids: Int32Array, n: number, arg: Column | null, filter: Column | null, kinds: Uint8Array | null): boolean {
    if (!simpleBatch(filter, kinds) || arg === null || arg.validity !== null) return false;
    const sums = this.sums;
    const counts = this.counts;
    if (arg.type === 'DOUBLE' && this.binned) {
      this.binned.addAll(ids, arg.data, n);
      for (let i = 0; i < n; i++) counts[ids[i]!]! += 1;
      return true;
    }
    if (arg.type === 'INT' && !this.binned) {
      const d = arg.data;
      for (let i = 0; i < n; i++) {
        const g = ids[i]!;
        const s = sums[g]! + d[i]!;
        if (s > EXACT || s < -EXACT) throw new LaminarError('NUMERIC_OVERFLOW', 'sum overflow: the total exceeds the exact BIGINT range (±2^53)');
        sums[g] = s;
        counts[g]! += 1;
      }
      return true;
    }
    if ((arg.type === 'BIGINT' || arg.type === 'INTERVAL') && !this.binned) {
      const d = arg.data;
      for (let i = 0; i < n; i++) {
        const g = ids[i]!;
        this.addExact(g, readInt64(d, i));
        counts[g]! += 1;
      }
      return true;
    }
    return false;
  }

  merge(into: number, from: number): void {
    if (this.counts[from] === 0) return;
    if (this.binned) this.binned.merge(into, from);
    else this.addExact(into, this.sums[from]!);
    this.counts[into]! += this.counts[from]!;
  }

  result(g: number): Scalar {
    return this.resultAs(g, this.mode);
  }

  /** The sum or the mean of the group's values (a SumView reads the other one). */
  resultAs(g: number, mode: 'sum' | 'avg'): Scalar {
    const n = this.counts[g]!;
    if (n === 0) return null;
    const total = this.binned ? this.binned.result(g) : this.sums[g]!;
    return mode === 'sum' ? total : total / n;
  }

  clear(g: number): void {
    if (this.binned) this.binned.reset(g);
    else this.sums[g] = 0;
    this.counts[g] = 0;
  }

  /** [count, then the sum: one number for integers, BINNED_WIDTH for DOUBLE]. */
  partialState(g: number): Scalar[] {
    if (!this.binned) return [this.counts[g]!, this.sums[g]!];
    const state = new Float64Array(1 + BINNED_WIDTH);
    state[0] = this.counts[g]!;
    this.binned.write(g, state, 1);
    return Array.from(state);
  }

  mergePartial(g: number, state: readonly Scalar[]): void {
    const numbers = state as readonly number[];
    this.counts[g]! += numbers[0]!;
    if (this.binned) this.binned.mergeState(g, numbers, 1);
    else this.addExact(g, numbers[1]!);
  }

  snapshot(ids: Int32Array, buffers?: SnapshotBuffers): AccumulatorSnapshot {
    const sums = this.binned ? { binned: this.binned.snapshot(ids, buffers) } : { sums: gather(this.sums, ids, buffers) };
    return { ...sums, counts: gather(this.counts, ids, buffers) };
  }

  restore(ids: Int32Array, s: AccumulatorSnapshot): void {
    if (this.binned) this.binned.restore(ids, s.binned as (Float64Array | SplitColumn)[]);
    else scatter(this.sums, ids, s.sums as Float64Array);
    scatter(this.counts, ids, s.counts as Float64Array);
  }
}

/**
 * sum(x) beside avg(x) (or the reverse) over the same argument and filter: the state is the
 * other one's, read the other way, so each row is summed once. It holds nothing itself, so its
 * partial state and snapshot are empty.
 */
export class SumView implements Accumulator {
  constructor(
    private readonly source: SumAccumulator,
    private readonly mode: 'sum' | 'avg',
  ) {}

  grow(): void {}
  add(): void {}
  bulk(): boolean {
    return true;
  }
  merge(): void {}
  clear(): void {}

  result(g: number): Scalar {
    return this.source.resultAs(g, this.mode);
  }

  partialState(): Scalar[] {
    return [];
  }

  mergePartial(): void {}

  snapshot(): AccumulatorSnapshot {
    return {};
  }

  restore(): void {}
}

/**
 * var_samp, var_pop, stddev_samp, stddev_pop by Welford's method, which also runs backwards:
 * removing a value restores the mean and sum of squared deviations without it.
 */
export class VarianceAccumulator implements Accumulator {
  private n = new Float64Array(0);
  private mean = new Float64Array(0);
  private m2 = new Float64Array(0);

  constructor(private readonly kind: 'var_samp' | 'var_pop' | 'stddev_samp' | 'stddev_pop') {}

  grow(capacity: number): void {
    this.n = growFloat64(this.n, capacity);
    this.mean = growFloat64(this.mean, capacity);
    this.m2 = growFloat64(this.m2, capacity);
  }

  add(g: number, v: Scalar, w: number): void {
    if (v === null) return;
    const x = v as number;
    const n0 = this.n[g]!;
    if (w > 0) {
      const n1 = n0 + 1;
      const d = x - this.mean[g]!;
      const mean = this.mean[g]! + d / n1;
      this.m2[g]! += d * (x - mean);
      this.mean[g] = mean;
      this.n[g] = n1;
    } else {
      const n1 = n0 - 1;
      if (n1 <= 0) {
        this.clear(g);
        return;
      }
      const d = x - this.mean[g]!;
      const mean = this.mean[g]! - d / n1;
      this.m2[g] = Math.max(0, this.m2[g]! - d * (x - mean));
      this.mean[g] = mean;
      this.n[g] = n1;
    }
  }

  /** Chan et al.'s parallel combination of two Welford states. */
  merge(into: number, from: number): void {
    const nb = this.n[from]!;
    if (nb === 0) return;
    const na = this.n[into]!;
    const n = na + nb;
    const delta = this.mean[from]! - this.mean[into]!;
    this.mean[into] = this.mean[into]! + (delta * nb) / n;
    this.m2[into] = this.m2[into]! + this.m2[from]! + (delta * delta * na * nb) / n;
    this.n[into] = n;
  }

  result(g: number): Scalar {
    const n = this.n[g]!;
    const samp = this.kind === 'var_samp' || this.kind === 'stddev_samp';
    if (n === 0 || (samp && n < 2)) return null;
    const variance = this.m2[g]! / (samp ? n - 1 : n);
    return this.kind.startsWith('stddev') ? Math.sqrt(variance) : variance;
  }

  clear(g: number): void {
    this.n[g] = 0;
    this.mean[g] = 0;
    this.m2[g] = 0;
  }

  snapshot(ids: Int32Array, buffers?: SnapshotBuffers): AccumulatorSnapshot {
    return { n: gather(this.n, ids, buffers), mean: gather(this.mean, ids, buffers), m2: gather(this.m2, ids, buffers) };
  }

  restore(ids: Int32Array, s: AccumulatorSnapshot): void {
    scatter(this.n, ids, s.n as Float64Array);
    scatter(this.mean, ids, s.mean as Float64Array);
    scatter(this.m2, ids, s.m2 as Float64Array);
  }
}
