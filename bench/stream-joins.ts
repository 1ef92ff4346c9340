import { readInt64 } from '../engine/exec/batch/int64.js';
import { indexByKey, upperBound, type JoinData } from './join-data.js';

/**
 * (e) Interval join: each left row with the right rows of its key at most a second away (about
 * two per row with 1000 keys). (f) ASOF join: each left row with the latest right row of its
 * key at or before it. LaminarDB's SQL, DuckDB's equivalent (materialized into a table), and
 * the loops a person would write over the same rows: the right stream indexed by key (times
 * in order), then a binary search per left row, the joined ids written into growing arrays.
 */
export const INTERVAL_SQL = "SELECT l.id, r.id FROM l JOIN r ON l.key = r.key AND r.ts BETWEEN l.ts - INTERVAL '1' SECOND AND l.ts + INTERVAL '1' SECOND";
export const INTERVAL_DUCKDB = "CREATE OR REPLACE TEMP TABLE out AS SELECT l.id, r.id FROM l JOIN r ON l.key = r.key AND r.ts BETWEEN l.ts - INTERVAL 1 SECOND AND l.ts + INTERVAL 1 SECOND";
export const ASOF_SQL = 'SELECT l.id, r.id FROM l ASOF JOIN r MATCH_CONDITION (l.ts >= r.ts) ON l.key = r.key';
export const ASOF_DUCKDB = 'CREATE OR REPLACE TEMP TABLE out AS SELECT l.id, r.id FROM l ASOF JOIN r ON l.key = r.key AND l.ts >= r.ts';

const SECOND = 1_000_000;

export function intervalLoop(data: JoinData): number {
  const right = indexByKey(data.right);
  const out = new Pairs();
  for (const b of data.left) {
    const id = b.columns[0]!.data as Int32Array;
    const ts = b.columns[1]!.data as Int32Array;
    const key = b.columns[2]!.data as Int32Array;
    for (let i = 0; i < b.length; i++) {
      const r = right.get(key[i]!);
      if (r === undefined) continue;
      const t = readInt64(ts, i);
      const leftId = readInt64(id, i);
      for (let k = upperBound(r.times, t - SECOND - 1); k < r.times.length && r.times[k]! <= t + SECOND; k++) out.add(leftId, r.ids[k]!);
    }
  }
  return out.length;
}

export function asofLoop(data: JoinData): number {
  const right = indexByKey(data.right);
  const out = new Pairs();
  for (const b of data.left) {
    const id = b.columns[0]!.data as Int32Array;
    const ts = b.columns[1]!.data as Int32Array;
    const key = b.columns[2]!.data as Int32Array;
    for (let i = 0; i < b.length; i++) {
      const r = right.get(key[i]!);
      const k = r === undefined ? 0 : upperBound(r.times, readInt64(ts, i));
      if (k > 0) out.add(readInt64(id, i), r!.ids[k - 1]!);
    }
  }
  return out.length;
}

/** Joined (left id, right id) pairs in typed arrays that double as they fill. */
class Pairs {
  private left = new Float64Array(1 << 16);
  private right = new Float64Array(1 << 16);
  length = 0;

  add(l: number, r: number): void {
    if (this.length === this.left.length) {
      this.left = grow(this.left);
      this.right = grow(this.right);
    }
    this.left[this.length] = l;
    this.right[this.length++] = r;
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
