import { gather, scatter } from '../../../state/gather.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';
import { splitColumn, splitParts, type SplitColumn } from '../../../state/split-column.js';
import { growFloat64 } from './accumulator.js';

/**
 * Sums of DOUBLEs, one per group, whose result does not depend on the order the values came
 * in: the same for any split of the input across worker threads, any batch size, and adding
 * then retracting a value returns exactly to the earlier sum. (Kahan's compensated sum is
 * accurate but order-dependent; two-phase aggregation merges partial sums in an order that
 * depends on the worker count.) The technique is the binned sum of reproducible BLAS
 * (Demmel and Nguyen): each value is split at fixed powers of two into chunks, and a group
 * keeps the exact sum of the chunks in its three highest bins. See docs/decisions/binned-sums.md.
 *
 * Bin i holds multiples of UNIT[i] = 2^(32i − 1074). A group's `top` bin is chosen from the
 * largest magnitude it has seen (only ever rising), so that every value is below 2^31 units of
 * it; a value's chunk in bin i is round(x, UNIT[i]) − round(x, UNIT[i + 1]) (round to nearest
 * even), computed bin by bin on what the bins above left, as (r + MAGIC) − MAGIC. Bits below
 * the third bin (at least 63 bits under the largest value's top bit) are rounded away, per
 * value, at fixed positions, so what is kept is the same whatever the order. Each bin's running
 * total is `low` (under 2^52 units) plus `high` (multiples of 2^40 units), so no addition ever
 * rounds; the result is the correctly rounded sum of those six exact numbers (Shewchuk's msum,
 * as in Python's fsum).
 */
const BINS = 3;
const BIN_BITS = 32;
/** Values stay below 2^HEADROOM units of their top bin: half the next bin's unit, so they round to 0 there. */
const HEADROOM = 31;
const MIN_TOP = BINS - 1;
/** Above this top the magic constants overflow: larger values (|x| ≥ 2^973) are summed plainly. */
const MAX_TOP = 63;
/** Carries run before any bin's `low` can pass 2^52 units. */
const NORMALIZE_EVERY = 1 << 20;

const UNIT = new Float64Array(MAX_TOP + 1);
const MAGIC = new Float64Array(MAX_TOP + 1);
const CARRY = new Float64Array(MAX_TOP + 1);
const LIMIT = new Float64Array(MAX_TOP + 1);
for (let i = 0; i <= MAX_TOP; i++) {
  UNIT[i] = 2 ** (BIN_BITS * i - 1074);
  MAGIC[i] = 1.5 * 2 ** 52 * UNIT[i]!;
  CARRY[i] = 2 ** 40 * UNIT[i]!;
  LIMIT[i] = 2 ** HEADROOM * UNIT[i]!;
}
/** MAGIC[t] times these: MAGIC[t − 1], MAGIC[t − 2] and LIMIT[t] (powers of two: exact). */
const DOWN1 = 2 ** -BIN_BITS;
const DOWN2 = 2 ** (-2 * BIN_BITS);
const TO_LIMIT = 2 ** HEADROOM / (1.5 * 2 ** 52);

/** The numbers that describe one group's sum (for partial states and snapshots). */
export const BINNED_WIDTH = 2 + 2 * BINS;

export class BinnedSums {
  /** Per group: the top bin, below which every value seen so far fits. */
  private top = new Float64Array(0);
  /** Per group: MAGIC[top], all the hot loop needs to know of the top. */
  private magic = new Float64Array(0);
  /** Per group and level (0 = top bin): the bin's total is low + high. */
  private low: Float64Array<ArrayBuffer>[] = [];
  private high: Float64Array<ArrayBuffer>[] = [];
  /** Per group: non-finite values and values too large for any bin, summed plainly. */
  private plain = new Float64Array(0);
  /** `low` again, one field per level, for the hot path. */
  private low0 = new Float64Array(0);
  private low1 = new Float64Array(0);
  private low2 = new Float64Array(0);
  private sinceNormalize = 0;
  private capacity = 0;

  constructor() {
    for (let l = 0; l < BINS; l++) {
      this.low.push(new Float64Array(0));
      this.high.push(new Float64Array(0));
    }
  }

  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    const old = this.capacity;
    this.top = growFloat64(this.top, capacity);
    this.magic = growFloat64(this.magic, capacity);
    this.plain = growFloat64(this.plain, capacity);
    for (let l = 0; l < BINS; l++) {
      this.low[l] = growFloat64(this.low[l]!, capacity);
      this.high[l] = growFloat64(this.high[l]!, capacity);
    }
    [this.low0, this.low1, this.low2] = this.low as [Float64Array<ArrayBuffer>, Float64Array<ArrayBuffer>, Float64Array<ArrayBuffer>];
    this.capacity = this.top.length;
    for (let g = old; g < this.capacity; g++) this.reset(g);
  }

  /** Adds x (a negative weight is a retraction: add −x). */
  add(g: number, x: number): void {
    this.addOne(g, x);
    if (++this.sinceNormalize >= NORMALIZE_EVERY) this.normalizeAll();
  }

  /** Adds values[i] to group ids[i], for i < n. */
  addAll(ids: Int32Array, values: Float64Array, n: number): void {
    for (let start = 0; start < n; ) {
      const end = Math.min(n, start + NORMALIZE_EVERY - this.sinceNormalize);
      this.addRange(ids, values, start, end);
      this.sinceNormalize += end - start;
      if (this.sinceNormalize >= NORMALIZE_EVERY) this.normalizeAll();
      start = end;
    }
  }

  private addRange(ids: Int32Array, values: Float64Array, start: number, end: number): void {
    const magic = this.magic;
    for (let i = start; i < end; i++) {
      const g = ids[i]!;
      const x = values[i]!;
      if (Math.abs(x) < magic[g]! * TO_LIMIT) this.addFitting(g, x);
      else this.addOne(g, x);
    }
  }

  private addOne(g: number, x: number): void {
    if (!(Math.abs(x) < this.magic[g]! * TO_LIMIT)) {
      // NaN and ±Infinity, or a value above every bin: summed plainly (documented).
      if (!Number.isFinite(x) || Math.abs(x) >= LIMIT[MAX_TOP]!) {
        this.plain[g]! += x;
        return;
      }
      this.raise(g, topFor(x));
    }
    this.addFitting(g, x);
  }

  /** Adds x's chunks in the three bins (x is below the top bin's limit). */
  private addFitting(g: number, x: number): void {
    const m0 = this.magic[g]!;
    const m1 = m0 * DOWN1;
    const m2 = m0 * DOWN2;
    const q0 = x + m0 - m0;
    const r1 = x - q0;
    const q1 = r1 + m1 - m1;
    this.low0[g]! += q0;
    this.low1[g]! += q1;
    this.low2[g]! += r1 - q1 + m2 - m2;
  }

  /** Moves group g's bins up to top bin t: the lowest levels fall off, exactly as they would have been rounded away. */
  private raise(g: number, t: number): void {
    const shift = t - this.top[g]!;
    for (let l = BINS - 1; l >= 0; l--) {
      const from = l - shift;
      this.low[l]![g] = from >= 0 ? this.low[from]![g]! : 0;
      this.high[l]![g] = from >= 0 ? this.high[from]![g]! : 0;
    }
    this.top[g] = t;
    this.magic[g] = MAGIC[t]!;
  }

  /** Carries whole multiples of 2^40 units from each bin's `low` into its `high` (exact). */
  private normalize(g: number): void {
    const t = this.top[g]!;
    for (let l = 0; l < BINS; l++) {
      const c = CARRY[t - l]!;
      const low = this.low[l]!;
      const carried = Math.floor(low[g]! / c) * c;
      if (carried !== 0) {
        low[g]! -= carried;
        this.high[l]![g]! += carried;
      }
    }
  }

  private normalizeAll(): void {
    for (let g = 0; g < this.capacity; g++) this.normalize(g);
    this.sinceNormalize = 0;
  }

  /** Folds group `from`'s sum into `into` (as if its values had been added there); `from` is reset. */
  merge(into: number, from: number): void {
    const state = new Float64Array(BINNED_WIDTH);
    this.write(from, state, 0);
    this.reset(from);
    this.mergeState(into, state, 0);
  }

  /** Writes group g's sum as BINNED_WIDTH numbers at `at`. */
  write(g: number, out: Float64Array, at: number): void {
    out[at] = this.top[g]!;
    out[at + 1] = this.plain[g]!;
    for (let l = 0; l < BINS; l++) {
      out[at + 2 + 2 * l] = this.low[l]![g]!;
      out[at + 3 + 2 * l] = this.high[l]![g]!;
    }
  }

  /** Adds a sum written by `write` (here or in another thread) into group g. */
  mergeState(g: number, src: ArrayLike<number>, at: number): void {
    const t = src[at]!;
    if (t > this.top[g]!) this.raise(g, t);
    const shift = this.top[g]! - t;
    for (let l = 0; l + shift < BINS; l++) {
      this.low[l + shift]![g]! += src[at + 2 + 2 * l]!;
      this.high[l + shift]![g]! += src[at + 3 + 2 * l]!;
    }
    this.plain[g]! += src[at + 1]!;
    this.normalize(g);
  }

  /**
   * The groups `ids` (ascending) as columns: top, plain, then per level its low and high parts
   * (a checkpoint stores their totals when exact, see SplitColumn).
   */
  snapshot(ids: Int32Array, buffers?: SnapshotBuffers): (Float64Array | SplitColumn)[] {
    const levels = this.low.map((low, l) => splitColumn(gather(low, ids, buffers), gather(this.high[l]!, ids, buffers)));
    return [gather(this.top, ids, buffers), gather(this.plain, ids, buffers), ...levels];
  }

  /** Loads `snapshot`'s columns into the groups `ids` (room made already). */
  restore(ids: Int32Array, columns: readonly (Float64Array | SplitColumn)[]): void {
    const [top, plain, ...levels] = columns;
    scatter(this.top, ids, top as Float64Array);
    scatter(this.plain, ids, plain as Float64Array);
    this.low.forEach((low, l) => {
      // A total alone is a low part that normalize() splits again.
      const parts = splitParts(levels[l]!, ids.length);
      scatter(low, ids, parts.low);
      scatter(this.high[l]!, ids, parts.high ?? new Float64Array(ids.length));
    });
    for (const g of ids) {
      this.magic[g] = MAGIC[this.top[g]!]!;
      this.normalize(g);
    }
  }

  result(g: number): number {
    const parts: number[] = [];
    for (let l = BINS - 1; l >= 0; l--) parts.push(this.low[l]![g]!, this.high[l]![g]!);
    const exact = correctlyRoundedSum(parts);
    const plain = this.plain[g]!;
    return plain === 0 ? exact : exact + plain;
  }

  reset(g: number): void {
    this.top[g] = MIN_TOP;
    this.magic[g] = MAGIC[MIN_TOP]!;
    this.plain[g] = 0;
    for (let l = 0; l < BINS; l++) {
      this.low[l]![g] = 0;
      this.high[l]![g] = 0;
    }
  }
}

/** Lows, then highs, in one column. */
/** The lowest top bin under which |x| (finite, non-zero) fits with the headroom. */
function topFor(x: number): number {
  let t = MIN_TOP;
  const a = Math.abs(x);
  while (a >= LIMIT[t]!) t++;
  return t;
}

/**
 * The sum of exact doubles rounded once, to nearest (Shewchuk's exact partials, then Python's
 * fsum's half-way correction): a function of the exact total, not of how it was split.
 */
export function correctlyRoundedSum(values: readonly number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
