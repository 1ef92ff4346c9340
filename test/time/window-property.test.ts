import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../engine/index.js';
import { session } from '../session/helpers.js';

/**
 * Random rows with random disorder (sometimes beyond the watermark delay, so some rows are
 * late), cut into random batches. After every batch, consolidating what the query emitted
 * must equal recomputing it from the rows that were not late, for the windows the watermark
 * has closed (EMIT ON WINDOW CLOSE) or for all windows (EMIT CHANGES). And the changelog must
 * not depend on the batch boundaries.
 */
const SIZE = 10; // window size, seconds
const DELAY = 3; // watermark delay, seconds
const SECOND = 1_000_000;

interface Row {
  readonly k: string;
  readonly v: number;
  /** Event time in seconds. */
  readonly t: number;
}

const rowsArb = fc
  .array(fc.record({ k: fc.constantFrom('a', 'b', 'c'), v: fc.integer({ min: -5, max: 20 }), step: fc.integer({ min: 0, max: 4 }), back: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 40 })
  .map((xs) => {
    let base = 0;
    return xs.map(({ k, v, step, back }): Row => {
      base += step;
      return { k, v, t: Math.max(0, base - back) };
    });
  });

const cutsArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 });

type Mode = { readonly emit: 'close' | 'changes'; readonly lateness: number; readonly window: 'tumble' | 'hop' };

/** The reference: which rows are late, and each window's aggregates over the rest. */
function model(rows: readonly Row[], mode: Mode) {
  const starts = (t: number) => (mode.window === 'tumble' ? [Math.floor(t / SIZE) * SIZE] : [Math.floor(t / 5) * 5 - 5, Math.floor(t / 5) * 5].filter((s) => s + SIZE > t));
  let max = -Infinity;
  const accepted: { row: Row; start: number; at: number }[] = [];
  rows.forEach((row, i) => {
    const before = max - DELAY;
    for (const s of starts(row.t)) if (s + SIZE + mode.lateness > before) accepted.push({ row, start: s, at: i });
    max = Math.max(max, row.t);
  });
  /** Expected rows after the first `count` input rows, at watermark `w`. */
  return (count: number, w: number): string[] => {
    const groups = new Map<string, { n: number; sum: number; min: number }>();
    for (const a of accepted) {
      if (a.at >= count) continue;
      if (mode.emit === 'close' && a.start + SIZE > w) continue;
      const key = `${a.start}|${a.row.k}`;
      const g = groups.get(key) ?? { n: 0, sum: 0, min: Infinity };
      g.n++;
      g.sum += a.row.v;
      g.min = Math.min(g.min, a.row.v);
      groups.set(key, g);
    }
    return [...groups].map(([key, g]) => `${key}|${g.n}|${g.sum}|${g.min}`).sort();
  };
}

async function run(s: Session, rows: readonly Row[], cuts: readonly number[], mode: Mode, check: (count: number, got: string[]) => void): Promise<string[]> {
  await s.execute('CREATE OR REPLACE SOURCE t (k VARCHAR, v INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL \'3\' SECOND)');
  const window = mode.window === 'tumble' ? "TUMBLE(ts, INTERVAL '10' SECOND)" : "HOP(ts, INTERVAL '5' SECOND, INTERVAL '10' SECOND)";
  const emit = mode.emit === 'close' ? 'EMIT ON WINDOW CLOSE' : 'EMIT CHANGES';
  const [r] = await s.execute(
    `SELECT window_start, k, count(*), sum(v), min(v) FROM t GROUP BY ${window}, k ${emit} ALLOW LATENESS INTERVAL '${mode.lateness}' SECOND`,
    { changes: 'row' },
  );
  if (r?.kind !== 'subscription') throw new Error('subscription expected');
  const sub = r.subscription;
  const it = sub[Symbol.asyncIterator]();
  const log: string[] = [];
  const consolidated = new Map<string, number>();
  // One next() call is outstanding at a time: a call that loses the race below keeps its place.
  let pending: ReturnType<typeof it.next> | null = null;
  const drain = async () => {
    // Everything the query emitted so far is already buffered (push waits for the query).
    for (;;) {
      pending ??= it.next();
      const next = await Promise.race([pending, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
      if (next === null) return;
      pending = null;
      if (next.done) return;
      const ops = next.value.ops();
      next.value.scalars().forEach((row, i) => {
        const [start, k, n, sum, min] = row as [number, string, number, number, number];
        const line = `${start / SECOND}|${k}|${n}|${sum}|${min}`;
        log.push(`${ops[i]} ${line}`);
        const w = ops[i] === '+I' || ops[i] === '+U' ? 1 : -1;
        consolidated.set(line, (consolidated.get(line) ?? 0) + w);
      });
    }
  };
  let at = 0;
  for (let k = 0; at < rows.length; k++) {
    const n = cuts[k % cuts.length]!;
    const batch = rows.slice(at, at + n);
    await s.push('t', batch.map((x) => [x.k, x.v, new Date(x.t * 1000)]));
    at += batch.length;
    await drain();
    for (const [line, w] of consolidated) expect(w === 0 || w === 1, `weight of ${line}`).toBe(true);
    check(at, [...consolidated].filter(([, w]) => w === 1).map(([l]) => l).sort());
  }
  await s.end('t');
  await sub.done;
  await drain();
  check(Infinity, [...consolidated].filter(([, w]) => w === 1).map(([l]) => l).sort());
  return log;
}

/** The changes of each key (k), in order: on several worker threads keys interleave by worker. */
function perKey(log: readonly string[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const line of log) {
    const k = line.split('|')[1]!;
    const list = keys.get(k) ?? [];
    list.push(line);
    keys.set(k, list);
  }
  return keys;
}

describe('windows (property)', () => {
  const modes: Mode[] = [
    { emit: 'close', lateness: 0, window: 'tumble' },
    { emit: 'close', lateness: 4, window: 'tumble' },
    { emit: 'changes', lateness: 0, window: 'tumble' },
    { emit: 'changes', lateness: 2, window: 'hop' },
    { emit: 'close', lateness: 1, window: 'hop' },
  ];
  for (const mode of modes) {
    it(`${mode.window}, EMIT ${mode.emit}, lateness ${mode.lateness}s: consolidated output = recomputation at each watermark; same for any batching`, async () => {
      // One session for every run: its worker threads start once.
      const s = await session();
      await fc.assert(
        fc.asyncProperty(rowsArb, cutsArb, cutsArb, async (rows, cutsA, cutsB) => {
          const expected = model(rows, mode);
          const watermarkAfter = (count: number) => (count === Infinity ? Infinity : Math.max(...rows.slice(0, count).map((r) => r.t)) - DELAY);
          const check = (count: number, got: string[]) => expect(got).toEqual(expected(Math.min(count, rows.length), watermarkAfter(count)));
          const a = await run(s, rows, cutsA, mode, check);
          const b = await run(s, rows, cutsB, mode, check);
          if (s.workers === 1) expect(b).toEqual(a);
          else expect(perKey(b)).toEqual(perKey(a));
        }),
        { numRuns: 40 },
      );
    });
  }
});
