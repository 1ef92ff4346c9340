import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Session, Subscription } from '../../engine/index.js';
import type { WorkerPool } from '../../engine/runtime/workers/worker-pool.js';
import { rows, session } from '../session/helpers.js';

/** The session's worker threads (internal: a test stands in for a crash). */
function poolOf(s: Session): WorkerPool {
  return (s as unknown as { state: { workers: WorkerPool } }).state.workers;
}

async function live(s: Session, sql: string): Promise<Subscription> {
  const [result] = await s.execute(sql, { subscribe: true });
  if (result?.kind !== 'subscription') throw new Error(`expected a subscription, got ${result?.kind}`);
  return result.subscription;
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const threads = () => readdirSync('/proc/self/task').length;

describe('worker threads: faults', () => {
  it('an operator that throws on a worker fails its query with the cause, the query and the worker named', async () => {
    const s = await session({ workers: 2 });
    await s.execute('CREATE TABLE big (k INT, v BIGINT); INSERT INTO big VALUES (1, 9007199254740991), (1, 1);');
    const e = await s.execute('SELECT k, sum(v) AS total FROM big GROUP BY k').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'NUMERIC_OVERFLOW' });
    expect((e as Error).message).toMatch(/^sum overflow: .* \(query q\d+ \(select\), on worker thread [01]\)$/);
    // The session and its workers go on.
    expect(await rows(s, 'SELECT k, count(*) AS n FROM big GROUP BY k')).toEqual([[1, 2]]);
  });

  it('a worker that dies fails the queries on it; other queries and the session stay usable', async () => {
    const s = await session({ workers: 2 });
    await s.execute("CREATE SOURCE g FROM GENERATOR (kind = 'sequence', rate = 2000, keys = 5)");
    const sharded = await live(s, 'SELECT key, count(*) AS n FROM g GROUP BY key');
    const plain = await live(s, 'SELECT id, key FROM g WHERE key = 1');
    await until(() => (sharded.metrics()?.rowsOut ?? 0) > 0 && (plain.metrics()?.rowsOut ?? 0) > 0, 'both queries to run');

    await poolOf(s).kill(1);
    expect(await sharded.done).toBe('failed');
    expect(sharded.error?.code).toBe('QUERY_FAILED');
    expect(sharded.error?.message).toMatch(/^query q\d+ \(select\) failed: worker thread 1 stopped: it exited with code 1$/);

    // The query that runs on the session's thread keeps going.
    const before = plain.metrics()!.rowsOut;
    await until(() => plain.metrics()!.rowsOut > before, 'the other query to go on');
    expect(plain.status).toBe('running');
    // A new keyed query gets a new thread, and the right answer.
    await s.execute("CREATE SOURCE b FROM GENERATOR (kind = 'sequence', events = 1000, keys = 4)");
    expect(await rows(s, 'SELECT key, count(*) AS n FROM b GROUP BY key')).toEqual([
      [0, 250],
      [1, 250],
      [2, 250],
      [3, 250],
    ]);
    plain.cancel();
  });
});

describe('worker threads: lifecycle and metrics', () => {
  it('closing a session stops every worker thread and leaves nothing running', async () => {
    const s = await session({ workers: 4 });
    await rows(s, 'SELECT 1');
    const base = threads();
    await s.execute("CREATE SOURCE g FROM GENERATOR (kind = 'sequence', rate = 1000, keys = 8)");
    const sub = await live(s, 'SELECT key, count(*) AS n FROM g GROUP BY key');
    await until(() => (sub.metrics()?.rowsOut ?? 0) > 0, 'output');
    expect(threads()).toBe(base + 4);
    await s.close();
    expect(sub.status).toBe('cancelled');
    expect(threads()).toBe(base);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker')).toEqual([]);
  });

  it('reports rows, ring fill and waits per worker in the query metrics', async () => {
    const s = await session({ workers: 2 });
    await s.execute("CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 10000, keys = 16)");
    const sub = await live(s, 'SELECT key, count(*) AS n FROM g GROUP BY key');
    await sub.done;
    const m = sub.metrics()!;
    expect(m.workers.map((w) => w.worker)).toEqual([0, 1]);
    // Every row went to exactly one worker, and both got some.
    expect(m.workers.reduce((n, w) => n + w.rowsIn, 0)).toBe(10_000);
    for (const w of m.workers) {
      expect(w.rowsIn).toBeGreaterThan(0);
      // Finished: at most the closing records are left in the rings.
      expect(w.inputRingUsed).toBeLessThan(0.001);
      expect(w.outputRingUsed).toBeLessThan(0.001);
      expect(w.blockedMs).toBeGreaterThanOrEqual(0);
      expect(w.waitedMs).toBeGreaterThanOrEqual(0);
    }
    // On one thread there are no worker metrics.
    const one = await session({ workers: 1 });
    await one.execute("CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 4)");
    const local = await live(one, 'SELECT key, count(*) AS n FROM g GROUP BY key');
    await local.done;
    expect(local.metrics()!.workers).toEqual([]);
  });
});
