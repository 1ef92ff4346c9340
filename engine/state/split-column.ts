/**
 * A column whose values are each the sum of two doubles (a binned sum's bins, kept as low and
 * high parts so no addition rounds). A snapshot copies both parts as they are, which is a
 * memcpy while the pipeline is held; the checkpoint's encoder (columnar.ts, on the writer's
 * thread) stores the sums instead when every one is exact, half the size.
 */
export interface SplitColumn {
  readonly 'laminar:split': true;
  readonly low: Float64Array;
  readonly high: Float64Array;
}

export function splitColumn(low: Float64Array, high: Float64Array): SplitColumn {
  return { 'laminar:split': true, low, high };
}

export function isSplitColumn(v: unknown): v is SplitColumn {
  return v !== null && typeof v === 'object' && (v as Partial<SplitColumn>)['laminar:split'] === true;
}

/** What a checkpoint stores of a split column of n values: the n sums if all are exact, else the n lows then the n highs. */
export function joinSplit(c: SplitColumn): Float64Array {
  const { low, high } = c;
  const n = low.length;
  const sums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = low[i]! + high[i]!;
    // Knuth's TwoSum: the rounding error of t, zero exactly when t is exact.
    const back = t - low[i]!;
    if (low[i]! - (t - back) + (high[i]! - back) !== 0) {
      const both = new Float64Array(2 * n);
      both.set(low);
      both.set(high, n);
      return both;
    }
    sums[i] = t;
  }
  return sums;
}

/** The low and high parts of n values, from a snapshot (split) or a checkpoint (joined; high null when all were exact). */
export function splitParts(column: SplitColumn | Float64Array, n: number): { low: Float64Array; high: Float64Array | null } {
  if (isSplitColumn(column)) return { low: column.low, high: column.high };
  return column.length === n ? { low: column, high: null } : { low: column.subarray(0, n), high: column.subarray(n) };
}
