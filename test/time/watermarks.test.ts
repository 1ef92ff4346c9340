import { describe, expect, it } from 'vitest';
import type { Scalar, Session, Subscription } from '../../engine/index.js';
import { failure, rows, session } from '../session/helpers.js';

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
const µs = (second: number) => at(second).getTime() * 1000;

async function subscribe(s: Session, sql: string): Promise<Subscription> {
  const [r] = await s.execute(sql);
  if (r?.kind !== 'subscription') throw new Error('expected a subscription');
  return r.subscription;
}

/** SHOW WATERMARKS, with query ids left out (they differ between runs). */
async function watermarks(s: Session): Promise<Scalar[][]> {
  return (await rows(s, 'SHOW WATERMARKS')).map(([kind, name, w, status]): Scalar[] => [kind!, kind === 'query' ? String(name).replace(/^\S+ /, '') : name!, w!, status!]);
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('watermarks', () => {
  it('follow the largest event time minus the delay, never move back, and become +∞ when the input ends', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE t (k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND); CREATE SOURCE plain (x INT)`);
    const sub = await subscribe(s, 'SELECT k FROM t');
    expect(await watermarks(s)).toEqual([
      ['source', 't', null, 'none yet'],
      ['query', '(select)', null, 'none yet'],
    ]);
    await s.push('t', [['a', at(20)], ['b', at(12)]]);
    await s.push('t', [['c', at(8)], ['d', null]]);
    expect(await watermarks(s)).toEqual([
      ['source', 't', µs(15), 'advancing'],
      ['query', '(select)', µs(15), 'advancing'],
    ]);
    expect(sub.metrics()?.watermark).toBe(µs(15));
    await s.push('t', [['e', at(31)]]);
    expect(sub.metrics()?.watermark).toBe(µs(26));
    await s.end('t');
    await sub.done;
    expect(sub.metrics()?.watermark).toBe(Infinity);
    expect(await watermarks(s)).toEqual([['source', 't', null, 'input ended']]);
  });

  it('of a query are the minimum over its inputs', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE a (ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
      CREATE SOURCE b (ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)`);
    const sub = await subscribe(s, 'SELECT ts FROM a UNION ALL SELECT ts FROM b');
    await s.push('a', [[at(30)]]);
    expect(sub.metrics()?.watermark).toBe(null);
    await s.push('b', [[at(10)]]);
    expect(sub.metrics()?.watermark).toBe(µs(9));
    await s.push('b', [[at(50)]]);
    expect(sub.metrics()?.watermark).toBe(µs(29));
    await s.end('a');
    await s.execute('SELECT 1');
    expect(sub.metrics()?.watermark).toBe(µs(49));
  });

  it('stop being held back by an input idle for idle_timeout, which closes windows', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE busy (k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts) WITH (idle_timeout = '200 milliseconds');
      CREATE SOURCE quiet (k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts) WITH (idle_timeout = '200 milliseconds');
      CREATE SOURCE stuck (k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts)`);
    const windows = (from: string) =>
      subscribe(s, `SELECT window_start, count(*) AS n FROM (${from}) u GROUP BY TUMBLE(ts, INTERVAL '10' SECOND) EMIT ON WINDOW CLOSE`);
    const withIdle = await windows('SELECT k, ts FROM busy UNION ALL SELECT k, ts FROM quiet');
    const withStuck = await windows('SELECT k, ts FROM busy UNION ALL SELECT k, ts FROM stuck');
    await s.push('quiet', [['q', at(1)]]);
    await s.push('stuck', [['s', at(1)]]);
    await s.push('busy', [['x', at(2)], ['y', at(5)]]);
    // quiet goes idle after 200 ms without rows: busy alone then decides, and [0,10) closes at 12 s.
    await new Promise((r) => setTimeout(r, 400));
    await s.push('busy', [['z', at(12)]]);
    await until(() => withIdle.snapshot().rows().length === 1, 'the window to close');
    expect(withIdle.snapshot().rows()).toEqual([[at(0), 3]]);
    expect(withIdle.metrics()?.watermark).toBe(µs(12));
    // stuck has no idle_timeout: its watermark (1 s) holds the query back.
    expect(withStuck.snapshot().rows()).toEqual([]);
    expect(withStuck.metrics()?.watermark).toBe(µs(1));
    // A row makes the idle input count again: the watermark waits for it, and never goes back.
    await s.push('quiet', [['q', at(3)]]);
    await s.push('busy', [['w', at(25)]]);
    expect(withIdle.metrics()?.watermark).toBe(µs(12));
  });

  it('idle_timeout needs a watermark and a duration', async () => {
    const s = await session();
    expect((await failure(s, "CREATE SOURCE x (ts TIMESTAMP) WITH (idle_timeout = '1 second')")).message).toBe(
      'idle_timeout needs a WATERMARK: it says when the source stops holding the watermark back',
    );
    expect((await failure(s, "CREATE SOURCE x (ts TIMESTAMP, WATERMARK FOR ts AS ts) WITH (idle_timeout = 'soon')")).code).toBe('INVALID_OPTION');
  });
});
