import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINNED_WIDTH, BinnedSums, correctlyRoundedSum } from '../../engine/exec/operators/aggregate/binned-sums.js';
import { isSplitColumn, joinSplit, type SplitColumn } from '../../engine/state/split-column.js';
import { exactSum } from './exact-sum.js';

/** Values within 2^60 of each other (1e-6 … 1e12 in magnitude, or 0): the sum is exact. */
const moderate = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));

function sumOf(values: readonly number[]): number {
  const s = new BinnedSums();
  s.grow(1);
  for (const v of values) s.add(0, v);
  return s.result(0);
}

describe('binned sums', () => {
  it('are the correctly rounded exact sum for values within 2^60 of each other', () => {
    fc.assert(
      fc.property(fc.array(moderate, { maxLength: 200 }), (values) => {
        expect(sumOf(values)).toBe(exactSum(values));
      }),
    );
    expect(sumOf([0.1, 0.2, 0.3])).toBe(0.6);
    expect(sumOf([1e16, 1, -1e16])).toBe(1);
    expect(sumOf([])).toBe(0);
  });

  // Up to 2^973 (1.6e292): larger finite values are summed plainly, in arrival order.
  it('do not depend on the order or on how the values are split and merged', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e290, max: 1e290 }), { minLength: 1, maxLength: 120 }), fc.nat(), (values, cut) => {
        const expected = sumOf(values);
        expect(sumOf([...values].reverse())).toBe(expected);
        const sorted = [...values].sort((a, b) => a - b);
        expect(sumOf(sorted)).toBe(expected);
        // Two groups built from two parts, merged through the partial-state row.
        const k = cut % (values.length + 1);
        const parts = new BinnedSums();
        parts.grow(2);
        values.slice(0, k).forEach((v) => parts.add(0, v));
        values.slice(k).forEach((v) => parts.add(1, v));
        const row = new Float64Array(BINNED_WIDTH);
        parts.write(1, row, 0);
        const merged = new BinnedSums();
        merged.grow(1);
        merged.mergeState(0, row, 0);
        const first = new Float64Array(BINNED_WIDTH);
        parts.write(0, first, 0);
        merged.mergeState(0, first, 0);
        expect(merged.result(0)).toBe(expected);
      }),
    );
  });

  it('a retraction undoes its insert exactly, and bulk adds match single adds', () => {
    fc.assert(
      fc.property(fc.array(moderate, { minLength: 1, maxLength: 100 }), fc.array(moderate, { maxLength: 50 }), (kept, others) => {
        // Retracted values no larger than the kept ones (a larger one moves the bins, see below).
        const largest = Math.max(...kept.map(Math.abs));
        const removed = others.map((v) => Math.max(-largest, Math.min(largest, v)));
        const s = new BinnedSums();
        s.grow(1);
        for (const v of [...kept, ...removed]) s.add(0, v);
        for (const v of removed) s.add(0, -v);
        expect(s.result(0)).toBe(sumOf(kept));
        // Whatever the retracted values, the result does not depend on when they came and went.
        const early = new BinnedSums();
        early.grow(1);
        for (const v of others) early.add(0, v);
        for (const v of others) early.add(0, -v);
        for (const v of kept) early.add(0, v);
        const late = new BinnedSums();
        late.grow(1);
        for (const v of kept) late.add(0, v);
        for (const v of others) late.add(0, v);
        for (const v of [...others].reverse()) late.add(0, -v);
        expect(late.result(0)).toBe(early.result(0));
        const bulk = new BinnedSums();
        bulk.grow(1);
        bulk.addAll(new Int32Array(kept.length), Float64Array.from(kept), kept.length);
        expect(bulk.result(0)).toBe(sumOf(kept));
      }),
    );
  });

  it('stay exact past the carry interval, with many groups', () => {
    const n = (1 << 21) + 5;
    const ids = new Int32Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = i % 3;
      values[i] = (i % 7) * 0.1 + 1e9;
    }
    const s = new BinnedSums();
    s.grow(3);
    s.addAll(ids, values, n);
    for (let g = 0; g < 3; g++) {
      const mine = Array.from(values).filter((_, i) => i % 3 === g);
      expect(s.result(g)).toBe(exactSum(mine));
    }
  });

  it('NaN and infinities propagate as in a plain sum', () => {
    expect(sumOf([1, Number.POSITIVE_INFINITY, 2])).toBe(Number.POSITIVE_INFINITY);
    expect(sumOf([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBeNaN();
    expect(sumOf([1, Number.NaN])).toBeNaN();
    expect(sumOf([1.5e308, 1.5e308])).toBe(Number.POSITIVE_INFINITY);
  });

  it('round six exact parts once (Shewchuk / fsum)', () => {
    expect(correctlyRoundedSum([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
    expect(correctlyRoundedSum([1, 2 ** -53])).toBe(1);
    expect(correctlyRoundedSum([1e100, 1, -1e100])).toBe(1);
  });
});

describe('binned sums in checkpoints', () => {
  /** What a checkpoint stores of a snapshot's columns (split ones joined). */
  const stored = (columns: readonly (Float64Array | SplitColumn)[]) => columns.map((c) => (isSplitColumn(c) ? joinSplit(c) : c));

  /** Restores a snapshot of `from`'s groups into a new BinnedSums, as taken or as a checkpoint stores it. */
  function roundTrip(from: BinnedSums, groups: number, through: 'memory' | 'checkpoint' = 'checkpoint'): BinnedSums {
    const ids = Int32Array.from({ length: groups }, (_, i) => i);
    const to = new BinnedSums();
    to.grow(groups);
    const columns = from.snapshot(ids);
    to.restore(ids, through === 'checkpoint' ? stored(columns) : columns);
    return to;
  }

  it('store one total per bin when it is exact, both parts when not, and continue exactly', () => {
    fc.assert(
      fc.property(fc.array(moderate, { minLength: 1, maxLength: 60 }), fc.array(moderate, { maxLength: 60 }), (before, after) => {
        const s = new BinnedSums();
        s.grow(2);
        before.forEach((v, i) => s.add(i % 2, v));
        // Group 1 also holds a bin whose parts do not add up exactly in one double.
        const state = new Float64Array(BINNED_WIDTH);
        s.write(1, state, 0);
        const crafted = Float64Array.from(state);
        const unit = 2 ** (32 * crafted[0]! - 1074);
        crafted[2] = unit;
        crafted[3] = 2 ** 110 * unit;
        s.reset(1);
        s.mergeState(1, crafted, 0);
        const columns = stored(s.snapshot(Int32Array.from([0, 1])));
        expect(columns[2]!.length).toBe(4); // the top bin: lows and highs
        expect(columns[3]!.length).toBe(2); // the others: totals
        const restored = [roundTrip(s, 2), roundTrip(s, 2, 'memory')];
        for (const g of [0, 1]) {
          after.forEach((v) => {
            s.add(g, v);
            for (const r of restored) r.add(g, v);
          });
          for (const r of restored) expect(r.result(g)).toBe(s.result(g));
        }
      }),
    );
  });
});
