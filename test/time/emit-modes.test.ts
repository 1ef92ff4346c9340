import { describe, expect, it } from 'vitest';
import type { Session } from '../../engine/index.js';
import { formatTimestamp } from '../../engine/index.js';
import { rows, session } from '../session/helpers.js';

/**
 * One scenario, computed by hand for each EMIT mode. Watermark delay 2 s, windows of 10 s.
 * Rows arrive in this order (key, value, second of event time), with the watermark in effect
 * before each row (the largest time so far − 2 s):
 *
 *   1 (a, 1,  1)  W = -∞
 *   2 (a, 2,  4)  W = -1
 *   3 (b, 3, 11)  W = 2
 *   4 (a, 4,  9)  W = 9    out of order, but window [0,10) is still open: counted
 *   5 (a, 5, 13)  W = 9    → W becomes 11: window [0,10) closes
 *   6 (a, 6,  7)  W = 11   window [0,10) closed: late (unless lateness ≥ 4 s)
 *   7 (b, 7, 22)  W = 11   → W becomes 20: window [10,20) closes
 *   end                    → W = +∞: window [20,30) closes
 */
const ROWS: [string, number, number][] = [
  ['a', 1, 1],
  ['a', 2, 4],
  ['b', 3, 11],
  ['a', 4, 9],
  ['a', 5, 13],
  ['a', 6, 7],
  ['b', 7, 22],
];

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));

async function changelog(s: Session, clauses: string, rowsPerPush = 1): Promise<string[]> {
  await s.execute(`CREATE OR REPLACE SOURCE t (k VARCHAR, v INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)`);
  const [r] = await s.execute(`SELECT window_start, window_end, k, count(*) AS n, sum(v) AS total FROM t GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k ${clauses}`, { changes: 'row' });
  if (r?.kind !== 'subscription') throw new Error('expected a subscription');
  const it = r.subscription[Symbol.asyncIterator]();
  const lines: string[] = [];
  const reading = (async () => {
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      const ops = next.value.ops();
      next.value.scalars().forEach((row, i) => {
        const [start, end, k, n, total] = row as [number, number, string, number, number];
        lines.push(`${ops[i]} [${formatTimestamp(start).slice(17)},${formatTimestamp(end).slice(17)}) ${k} n=${n} sum=${total}`);
      });
    }
  })();
  for (let i = 0; i < ROWS.length; i += rowsPerPush) {
    await s.push('t', ROWS.slice(i, i + rowsPerPush).map(([k, v, sec]) => [k, v, at(sec)]));
  }
  await s.end('t');
  await r.subscription.done;
  await reading;
  expect(r.subscription.metrics()?.lateRows).toBe(clauses.includes('LATENESS') ? 0 : 1);
  return lines;
}

/**
 * The same changes: the whole changelog on one worker thread; on several, each key's changes
 * in order (keys on different workers interleave by worker).
 */
function expectSameChanges(s: Session, got: readonly string[], expected: readonly string[]): void {
  if (s.workers === 1) {
    expect(got).toEqual(expected);
    return;
  }
  const byKey = (lines: readonly string[]) => {
    const keys = new Map<string, string[]>();
    for (const line of lines) {
      const k = line.split(' ')[2]!;
      keys.set(k, [...(keys.get(k) ?? []), line]);
    }
    return keys;
  };
  expect(byKey(got)).toEqual(byKey(expected));
}

async function expectChangelog(clauses: string, expected: readonly string[]): Promise<void> {
  const s = await session();
  expectSameChanges(s, await changelog(s, clauses), expected);
}

describe('EMIT modes, row by row, with out-of-order and late rows', () => {
  it('EMIT CHANGES (the default): every change, the late row dropped', async () => {
    await expectChangelog('', [
      '+I [00,10) a n=1 sum=1',
      '-U [00,10) a n=1 sum=1',
      '+U [00,10) a n=2 sum=3',
      '+I [10,20) b n=1 sum=3',
      '-U [00,10) a n=2 sum=3',
      '+U [00,10) a n=3 sum=7',
      '+I [10,20) a n=1 sum=5',
      '+I [20,30) b n=1 sum=7',
    ]);
  });

  it('EMIT CHANGES with ALLOW LATENESS: the late row updates its closed window', async () => {
    await expectChangelog("EMIT CHANGES ALLOW LATENESS INTERVAL '5' SECOND", [
      '+I [00,10) a n=1 sum=1',
      '-U [00,10) a n=1 sum=1',
      '+U [00,10) a n=2 sum=3',
      '+I [10,20) b n=1 sum=3',
      '-U [00,10) a n=2 sum=3',
      '+U [00,10) a n=3 sum=7',
      '+I [10,20) a n=1 sum=5',
      '-U [00,10) a n=3 sum=7',
      '+U [00,10) a n=4 sum=13',
      '+I [20,30) b n=1 sum=7',
    ]);
  });

  it('EMIT ON WINDOW CLOSE: one final row per window and key, append-only', async () => {
    await expectChangelog('EMIT ON WINDOW CLOSE', [
      '+I [00,10) a n=3 sum=7',
      '+I [10,20) b n=1 sum=3',
      '+I [10,20) a n=1 sum=5',
      '+I [20,30) b n=1 sum=7',
    ]);
  });

  it('EMIT ON WINDOW CLOSE with ALLOW LATENESS: late rows retract and re-emit the closed window', async () => {
    await expectChangelog("EMIT ON WINDOW CLOSE ALLOW LATENESS INTERVAL '5' SECOND", [
      '+I [00,10) a n=3 sum=7',
      '-U [00,10) a n=3 sum=7',
      '+U [00,10) a n=4 sum=13',
      '+I [10,20) b n=1 sum=3',
      '+I [10,20) a n=1 sum=5',
      '+I [20,30) b n=1 sum=7',
    ]);
  });

  it('EMIT FINAL with ALLOW LATENESS: each window once, after its lateness', async () => {
    await expectChangelog("EMIT FINAL ALLOW LATENESS INTERVAL '5' SECOND", [
      '+I [00,10) a n=4 sum=13',
      '+I [10,20) b n=1 sum=3',
      '+I [10,20) a n=1 sum=5',
      '+I [20,30) b n=1 sum=7',
    ]);
  });

  it('EMIT FINAL without lateness equals EMIT ON WINDOW CLOSE', async () => {
    const s = await session();
    expectSameChanges(s, await changelog(s, 'EMIT FINAL'), await changelog(await session(), 'EMIT ON WINDOW CLOSE'));
  });

  it("EMIT EVERY INTERVAL '10' SECOND: changes of open windows each time event time crosses 10 s", async () => {
    await expectChangelog("EMIT EVERY INTERVAL '10' SECOND", [
      // W = -1: the first tick.
      '+I [00,10) a n=1 sum=1',
      // W = 2 crosses 0.
      '-U [00,10) a n=1 sum=1',
      '+U [00,10) a n=2 sum=3',
      // W = 11 crosses 10: every window changed since, in window order.
      '-U [00,10) a n=2 sum=3',
      '+U [00,10) a n=3 sum=7',
      '+I [10,20) b n=1 sum=3',
      '+I [10,20) a n=1 sum=5',
      // W = 20 crosses 20.
      '+I [20,30) b n=1 sum=7',
    ]);
  });

  it('gives the same changelog whatever the batch sizes (lateness is decided per row)', async () => {
    for (const clauses of ['', 'EMIT ON WINDOW CLOSE', "EMIT FINAL ALLOW LATENESS INTERVAL '5' SECOND", "EMIT ON WINDOW CLOSE ALLOW LATENESS INTERVAL '5' SECOND"]) {
      const s = await session();
      const oneByOne = await changelog(s, clauses, 1);
      expectSameChanges(s, await changelog(await session(), clauses, 3), oneByOne);
      expectSameChanges(s, await changelog(await session(), clauses, 7), oneByOne);
    }
  });

  it('routes late rows to LATE DATA TO, a stream other queries read', async () => {
    const s = await session();
    await changelog(s, 'EMIT ON WINDOW CLOSE LATE DATA TO too_late');
    const [r] = await s.execute('SELECT k, v, ts FROM too_late');
    if (r?.kind !== 'subscription') throw new Error('a push source is unbounded');
    expect(r.subscription.snapshot().rows()).toEqual([['a', 6, at(7)]]);
    expect(await rows(s, 'DESCRIBE too_late')).toEqual([
      ['k', 'VARCHAR', true, null],
      ['v', 'INT', true, null],
      ['ts', 'TIMESTAMP', true, null],
    ]);
  });
});
