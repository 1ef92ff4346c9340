import { describe, expect, it } from 'vitest';
import type { ExecuteOptions, Session, Subscription } from '../../engine/index.js';
import { rows, session } from '../session/helpers.js';

const BATCH = 1000;
const BUFFER = 4;

async function live(s: Session, sql: string, options: ExecuteOptions): Promise<Subscription> {
  const [result] = await s.execute(sql, options);
  if (result?.kind !== 'subscription') throw new Error(`expected a subscription, got ${result?.kind}`);
  return result.subscription;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A source as fast as the generator goes: far faster than a reader that sleeps. */
async function fastSource(workers: number): Promise<Session> {
  const s = await session({ workers, batchSize: BATCH });
  await s.execute("CREATE SOURCE g FROM GENERATOR (kind = 'sequence', keys = 16)");
  return s;
}

describe('backpressure: a slow reader of a fast query', () => {
  it("under 'block' the query waits for the reader: what it runs ahead stays bounded, and nothing is lost", async () => {
    const s = await fastSource(1);
    const sub = await live(s, 'SELECT id FROM g', { bufferBatches: BUFFER, overflow: 'block' });
    const it = sub[Symbol.asyncIterator]();
    let next = 0;
    let aheadMax = 0;
    for (let read = 0; read < 40; read++) {
      const r = await it.next();
      if (r.done === true) throw new Error('ended early');
      for (const row of r.value.rows()) expect(row).toEqual([next++]);
      expect(r.value.droppedBefore).toBe(0);
      await sleep(10);
      aheadMax = Math.max(aheadMax, sub.metrics()!.rowsOut - next);
    }
    // The reader holds at most the buffer, plus the batch being made.
    expect(aheadMax).toBeLessThanOrEqual((BUFFER + 1) * BATCH);
    expect(next).toBeGreaterThanOrEqual(40);
    sub.cancel();
  });

  it("under 'block' a sharded query stops reading its source while the reader pauses", async () => {
    const s = await fastSource(2);
    const sub = await live(s, 'SELECT key, count(*) AS n FROM g GROUP BY key', { bufferBatches: BUFFER, overflow: 'block' });
    const it = sub[Symbol.asyncIterator]();
    await it.next();
    // The reader stops: the rings and the buffer fill, then the source is no longer read.
    let last = -1;
    for (;;) {
      await sleep(200);
      const now = sub.metrics()!.rowsIn;
      if (now === last) break;
      last = now;
    }
    await sleep(300);
    expect(sub.metrics()!.rowsIn).toBe(last);
    expect(sub.status).toBe('running');
    // Reading again, the counts go on from where they were, none skipped: the counts of each
    // key grow by the rows of that key, in order.
    const counts = new Map<number, number>();
    for (let read = 0; read < 20; read++) {
      const r = await it.next();
      if (r.done === true) throw new Error('ended early');
      r.value.ops().forEach((op, i) => {
        const [key, n] = r.value.rows()[i] as [number, number];
        if (op === '+I' || op === '+U') {
          const before = counts.get(key);
          if (before !== undefined) expect(n).toBeGreaterThan(before);
          counts.set(key, n);
        }
      });
    }
    expect(sub.metrics()!.rowsIn).toBeGreaterThan(last);
    sub.cancel();
  });

  it("under 'drop_oldest' the query keeps going; each batch says how many rows were dropped before it", async () => {
    const s = await fastSource(1);
    const sub = await live(s, 'SELECT id FROM g', { bufferBatches: BUFFER, overflow: 'drop_oldest' });
    const it = sub[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done === true) throw new Error('ended early');
    let received = first.value.length;
    let dropped = 0;
    let previous = -1;
    for (const [id] of first.value.rows()) previous = id as number;
    // The reader pauses: the query runs on, far past the buffer.
    await sleep(300);
    expect(sub.metrics()!.rowsOut).toBeGreaterThan(20 * BUFFER * BATCH);
    sub.cancel();
    await sub.done;
    for (;;) {
      const r = await it.next();
      if (r.done === true) break;
      dropped += r.value.droppedBefore;
      received += r.value.length;
      for (const [value] of r.value.rows()) {
        const id = value as number;
        // Rows come in order; a gap is exactly what was dropped.
        expect(id).toBeGreaterThan(previous);
        previous = id;
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(sub.droppedRows).toBe(dropped);
    // Every row is accounted for: read or counted as dropped.
    expect(received + dropped).toBe(sub.metrics()!.rowsOut);
    expect(received).toBeLessThanOrEqual((BUFFER + 1) * BATCH);
  });

  it("under 'error' the query fails with SUBSCRIPTION_OVERFLOW, and the session goes on", async () => {
    const s = await fastSource(2);
    const sub = await live(s, 'SELECT id FROM g', { bufferBatches: BUFFER, overflow: 'error' });
    const it = sub[Symbol.asyncIterator]();
    await it.next();
    expect(await sub.done).toBe('failed');
    expect(sub.error).toMatchObject({ code: 'SUBSCRIPTION_OVERFLOW', message: `a reader of this query's changes fell more than ${BUFFER} batches behind` });
    expect(await rows(s, 'SELECT 1 AS one')).toEqual([[1]]);
  });

  it('refuses an unknown policy', async () => {
    const s = await fastSource(1);
    await expect(live(s, 'SELECT id FROM g', { overflow: 'newest' as never })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: "overflow must be one of block, drop_oldest, error, not 'newest'",
    });
  });
});
