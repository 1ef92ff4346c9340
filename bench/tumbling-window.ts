import { readInt64 } from '../engine/exec/batch/int64.js';
import type { SequenceData } from './sequence-data.js';

/**
 * (c) A 1-minute tumbling window SUM and COUNT by key, results when each window closes. The
 * watermark is the largest event time so far minus 5 seconds (the source's WATERMARK).
 */
export const TUMBLING_SQL =
  "SELECT window_start, key, sum(value), count(*) FROM seq GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), key EMIT ON WINDOW CLOSE";

const WINDOW = 60_000_000;
const DELAY = 5_000_000;

interface OpenWindow {
  readonly slots: Map<number, number>;
  sums: Float64Array<ArrayBuffer>;
  counts: Float64Array<ArrayBuffer>;
}

/**
 * What a person would write for the same answer: open windows in a Map by start, each a Map
 * from key to a slot in typed arrays of sums and counts; after each batch, windows whose end
 * the watermark passed become output rows (start, key, sum, count) and are dropped. Rows for
 * already closed windows are late and skipped, as the engine does. Returns the output rows.
 */
export function tumblingLoop(data: SequenceData): number {
  const open = new Map<number, OpenWindow>();
  const out: { start: number[]; key: number[]; sum: number[]; count: number[] } = { start: [], key: [], sum: [], count: [] };
  let maxTs = -Infinity;
  let closedBelow = -Infinity;
  let last: OpenWindow | undefined;
  let lastStart = NaN;
  for (const b of data.batches) {
    const ts = b.columns[1]!.data as Int32Array;
    const key = b.columns[2]!.data as Int32Array;
    const value = b.columns[3]!.data as Float64Array;
    for (let i = 0; i < b.length; i++) {
      const t = readInt64(ts, i);
      const start = t - (((t % WINDOW) + WINDOW) % WINDOW);
      if (start + WINDOW <= closedBelow) continue;
      if (t > maxTs) maxTs = t;
      if (start !== lastStart) {
        last = open.get(start);
        if (last === undefined) {
          last = { slots: new Map(), sums: new Float64Array(1024), counts: new Float64Array(1024) };
          open.set(start, last);
        }
        lastStart = start;
      }
      const w = last!;
      const k = key[i]!;
      let s = w.slots.get(k);
      if (s === undefined) {
        s = w.slots.size;
        w.slots.set(k, s);
        if (s >= w.sums.length) {
          w.sums = grow(w.sums);
          w.counts = grow(w.counts);
        }
      }
      w.sums[s]! += value[i]!;
      w.counts[s]! += 1;
    }
    closedBelow = Math.max(closedBelow, maxTs - DELAY);
    for (const [start, w] of open) {
      if (start + WINDOW > closedBelow) continue;
      for (const [k, s] of w.slots) {
        out.start.push(start);
        out.key.push(k);
        out.sum.push(w.sums[s]!);
        out.count.push(w.counts[s]!);
      }
      open.delete(start);
      if (start === lastStart) lastStart = NaN;
    }
  }
  // End of input: every window closes.
  for (const [start, w] of [...open].sort((a, b) => a[0] - b[0])) {
    for (const [k, s] of w.slots) {
      out.start.push(start);
      out.key.push(k);
      out.sum.push(w.sums[s]!);
      out.count.push(w.counts[s]!);
    }
  }
  return out.start.length;
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
