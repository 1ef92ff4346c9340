import type { SequenceData } from './sequence-data.js';

/**
 * (b) SELECT key, sum(value), count(*), avg(value) FROM seq GROUP BY key. The loop does the
 * same work a person would write: a Map from key to a slot, and per-slot sums and counts in
 * typed arrays that grow; averages at the end.
 */
export const GROUP_BY_SQL = 'SELECT key, sum(value), count(*), avg(value) FROM seq GROUP BY key';

export function groupByLoop(data: SequenceData): number {
  const slots = new Map<number, number>();
  let sums = new Float64Array(1024);
  let counts = new Float64Array(1024);
  for (const b of data.batches) {
    const key = b.columns[2]!.data as Int32Array;
    const value = b.columns[3]!.data as Float64Array;
    for (let i = 0; i < b.length; i++) {
      const k = key[i]!;
      let s = slots.get(k);
      if (s === undefined) {
        s = slots.size;
        slots.set(k, s);
        if (s >= sums.length) {
          sums = grow(sums);
          counts = grow(counts);
        }
      }
      sums[s]! += value[i]!;
      counts[s]! += 1;
    }
  }
  const avg = new Float64Array(slots.size);
  for (let s = 0; s < slots.size; s++) avg[s] = sums[s]! / counts[s]!;
  return slots.size;
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
