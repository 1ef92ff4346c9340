import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { open, type Session } from '../../engine/index.js';
import { viewRows } from './view-rows.js';

const opened: Session[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function session(dir: string, workers = 1): Promise<Session> {
  const s = await open({ dir, workers, checkpointInterval: 0 });
  opened.push(s);
  return s;
}

type Step = (s: Session) => Promise<unknown>;

const waitForViews = (s: Session) => s.waitIdle(s.queries().filter((q) => q.kind === 'view').map((q) => q.id));

/**
 * Runs `ddl` and three steps in a session without a directory (the reference), and in a
 * durable one that checkpoints after step 1 and dies after step 2 (step 2 only in its log:
 * the checkpoint its close writes is removed, as if the process had died first); reopens the
 * directory and runs step 3 there.
 */
async function crashAndResume(ddl: string, steps: readonly [Step, Step, Step], workers: number): Promise<{ reference: Session; resumed: Session; dir: string }> {
  const reference = await open({ workers });
  opened.push(reference);
  await reference.execute(ddl);
  for (const step of steps) await step(reference);
  const dir = await mkdtemp(join(tmpdir(), 'laminar-durable-crash-'));
  const crashed = await open({ dir, workers, checkpointInterval: 0 });
  await crashed.execute(ddl);
  await steps[0](crashed);
  await waitForViews(crashed);
  await crashed.execute('CHECKPOINT');
  await steps[1](crashed);
  await waitForViews(crashed);
  await crashed.close();
  await rm(join(dir, 'checkpoints', '00000002'), { recursive: true });
  const resumed = await session(dir, workers);
  expect(resumed.recovery).toMatchObject({ checkpoint: '00000001', warnings: [] });
  await steps[2](resumed);
  return { reference, resumed, dir };
}

describe('durable session: resume after close', () => {
  it('restores the catalog, pushed rows, views and sinks, and continues them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-durable-'));
    const out = join(dir, 'out.csv');
    const a = await session(dir);
    expect(a.recovery).toEqual({ checkpoint: null, warnings: [], records: 0 });
    await a.execute(`
      CREATE SOURCE p (k VARCHAR, v INT);
      CREATE MATERIALIZED VIEW totals AS SELECT k, count(*) AS n, sum(v) AS s FROM p GROUP BY k;
      CREATE SINK changes INTO FILE (path = '${out}', format = 'csv') AS SELECT k, v FROM p WHERE v > 1;`);
    await a.push('p', [['x', 1], ['y', 2], ['x', 3]]);
    await a.execute('CHECKPOINT');
    expect(await readFile(out, 'utf8')).toBe('k,v\ny,2\nx,3\n');
    await a.push('p', [['y', 5]]);
    // Rows after the checkpoint are in the log, not yet in the sink's file.
    expect(await readFile(out, 'utf8')).toBe('k,v\ny,2\nx,3\n');
    await a.close();
    opened.splice(0);

    const b = await session(dir);
    expect(b.recovery).toEqual({ checkpoint: '00000002', warnings: [], records: 5 });
    expect(await viewRows(b, 'totals')).toEqual([['x', 2, 4], ['y', 2, 7]]);
    await b.push('p', [['z', 9]]);
    expect(await viewRows(b, 'totals')).toEqual([['x', 2, 4], ['y', 2, 7], ['z', 1, 9]]);
    await b.execute('CHECKPOINT');
    expect(await readFile(out, 'utf8')).toBe('k,v\ny,2\nx,3\ny,5\nz,9\n');
  });

  /** Views over a view and a table, UNION ALL and LIMIT, fed in three steps. */
  const CHAINED = `
    CREATE SOURCE p (k VARCHAR, v INT);
    CREATE TABLE t (k VARCHAR PRIMARY KEY, w INT);
    CREATE MATERIALIZED VIEW big AS SELECT k, v FROM p WHERE v > 1;
    CREATE MATERIALIZED VIEW per_key AS SELECT k, count(*) AS n, sum(v) AS s FROM big GROUP BY k;
    CREATE MATERIALIZED VIEW weighted AS SELECT b.k, b.v * t.w AS vw FROM big b JOIN t ON b.k = t.k;
    CREATE MATERIALIZED VIEW tens AS SELECT k, w * 10 AS w10 FROM t;
    CREATE MATERIALIZED VIEW both_sides AS SELECT k, v FROM big UNION ALL SELECT k, w AS v FROM t;
    CREATE MATERIALIZED VIEW first3 AS SELECT k, v FROM p LIMIT 3;`;
  const STEPS: [Step, Step, Step] = [
    async (s) => {
      await s.push('p', [['x', 1], ['y', 2]]);
      await s.execute("INSERT INTO t VALUES ('x', 3), ('y', 4)");
    },
    async (s) => {
      await s.push('p', [['x', 5], ['z', 7]]);
      await s.execute("INSERT INTO t VALUES ('y', 6), ('z', 1)");
    },
    async (s) => {
      await s.push('p', [['y', 9], ['x', 2]]);
      await s.execute("INSERT INTO t VALUES ('x', 8)");
      await s.end('p');
    },
  ];
  const VIEWS = ['big', 'per_key', 'weighted', 'tens', 'both_sides', 'first3'];

  it.each([1, 2])('resumes views over views and tables, UNION ALL and LIMIT as if never stopped (%i worker(s))', async (workers) => {
    const { reference, resumed: b, dir } = await crashAndResume(CHAINED, STEPS, workers);
    for (const v of VIEWS) expect([v, await viewRows(b, v)]).toEqual([v, await viewRows(reference, v)]);
    // Checkpointed again after the restart and reopened: the same rows.
    await b.close();
    opened.splice(opened.indexOf(b), 1);
    const c = await session(dir, workers);
    expect(c.recovery).toMatchObject({ checkpoint: '00000002', warnings: [] });
    for (const v of VIEWS) expect([v, await viewRows(c, v)]).toEqual([v, await viewRows(reference, v)]);
  });

  it('a view whose query had finished is ended after a restart, so a view created over it finishes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-durable-ended-'));
    const a = await session(dir);
    await a.execute('CREATE SOURCE p (k VARCHAR, v INT); CREATE MATERIALIZED VIEW up AS SELECT k, v FROM p WHERE v > 0');
    await a.push('p', [['x', 1], ['y', 2], ['x', 3]]);
    await a.end('p');
    await a.waitIdle(a.queries().map((q) => q.id));
    await a.close();
    opened.splice(0);
    const b = await session(dir);
    expect(b.queries().map((q) => [q.label, q.status])).toEqual([['up', 'finished']]);
    await b.execute('CREATE MATERIALIZED VIEW down AS SELECT k, sum(v) AS s FROM up GROUP BY k');
    const down = b.queries().find((q) => q.label === 'down')!;
    await b.waitIdle([down.id]);
    expect(b.queries().find((q) => q.label === 'down')?.status).toBe('finished');
    expect(await viewRows(b, 'down')).toEqual([['x', 4], ['y', 2]]);
  });

  it('checkpoints a resumed view that reads only a view (it is never held, so it is quiet at once)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-durable-view-only-'));
    const ddl = `
      CREATE TABLE accounts (id VARCHAR PRIMARY KEY, region VARCHAR);
      CREATE TABLE transfers (account VARCHAR, amount INT);
      CREATE MATERIALIZED VIEW balances AS SELECT a.id, a.region, sum(t.amount) AS balance FROM transfers t JOIN accounts a ON t.account = a.id GROUP BY a.id, a.region;
      CREATE MATERIALIZED VIEW by_region AS SELECT region, sum(balance) AS total FROM balances GROUP BY region;`;
    const a = await session(dir, 2);
    await a.execute(ddl);
    await a.execute("INSERT INTO accounts VALUES ('a1', 'north'), ('a2', 'south'); INSERT INTO transfers VALUES ('a1', 100), ('a2', 50)");
    await a.close();
    opened.splice(0);
    const b = await session(dir, 2);
    expect(await viewRows(b, 'by_region')).toEqual([['north', 100], ['south', 50]]);
    const taken = await Promise.race([b.checkpoint().then(() => 'taken'), new Promise((resolve) => setTimeout(resolve, 5000, 'hung'))]);
    expect(taken).toBe('taken');
  });

  it.each([1, 2])('routes late rows (LATE DATA TO) exactly once across a crash, also those of a view dropped after the checkpoint (%i worker(s))', async (workers) => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const ddl = `
      CREATE SOURCE t (k VARCHAR, v INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
      CREATE MATERIALIZED VIEW w AS SELECT window_start, k, count(*) AS n, sum(v) AS total FROM t
        GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k EMIT ON WINDOW CLOSE LATE DATA TO too_late;
      CREATE MATERIALIZED VIEW w5 AS SELECT window_start, count(*) AS n FROM t
        GROUP BY TUMBLE(ts, INTERVAL '5' SECOND) EMIT ON WINDOW CLOSE LATE DATA TO too_late;
      CREATE MATERIALIZED VIEW late_rows AS SELECT k, count(*) AS n, sum(v) AS s FROM too_late GROUP BY k;`;
    const steps: [Step, Step, Step] = [
      // Window [0, 10) closes at 12 s; the row at 5 s is late for both views.
      (s) => s.push('t', [['a', 1, at(1)], ['b', 2, at(4)], ['a', 3, at(13)], ['b', 4, at(5)]]),
      // After the checkpoint: another late row (3 s) for both, then w5 is dropped.
      async (s) => {
        await s.push('t', [['a', 10, at(3)], ['c', 5, at(16)]]);
        await waitForViews(s);
        await s.execute('DROP MATERIALIZED VIEW w5');
        await s.push('t', [['a', 100, at(2)], ['c', 6, at(27)]]);
      },
      (s) => s.push('t', [['b', 1000, at(8)], ['a', 7, at(31)]]),
    ];
    const { reference, resumed: b } = await crashAndResume(ddl, steps, workers);
    for (const v of ['w', 'late_rows']) expect([v, await viewRows(b, v)]).toEqual([v, await viewRows(reference, v)]);
    // Late rows: 5 s (w and w5), 3 s (w and w5), 2 s (w only, w5 dropped), 8 s (w).
    expect(await viewRows(b, 'late_rows')).toEqual([['a', 3, 120], ['b', 3, 1008]]);
  });

  it('late rows logged by a damaged checkpoint are not replayed: recovery starts earlier and routes them again', async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const dir = await mkdtemp(join(tmpdir(), 'laminar-durable-late-damaged-'));
    const crashed = await open({ dir, workers: 1, checkpointInterval: 0 });
    await crashed.execute(`
      CREATE SOURCE t (k VARCHAR, v INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
      CREATE MATERIALIZED VIEW w AS SELECT window_start, k, count(*) AS n FROM t
        GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k EMIT ON WINDOW CLOSE LATE DATA TO too_late;
      CREATE MATERIALIZED VIEW late_rows AS SELECT k, count(*) AS n, sum(v) AS s FROM too_late GROUP BY k;`);
    await crashed.push('t', [['a', 1, at(1)], ['a', 2, at(13)], ['a', 4, at(5)]]);
    await crashed.execute('CHECKPOINT');
    await crashed.push('t', [['b', 8, at(6)]]);
    await crashed.execute('CHECKPOINT');
    // The second checkpoint, which logged the late row at 6 s, is damaged.
    const state = join(dir, 'checkpoints', '00000002', 'state');
    const bytes = await readFile(state);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(state, bytes);
    const b = await session(dir);
    expect(b.recovery?.checkpoint).toBe('00000001');
    expect(b.recovery?.warnings[0]).toMatch(/^checkpoint 00000002 is damaged/);
    expect(await viewRows(b, 'late_rows')).toEqual([['a', 1, 4], ['b', 1, 8]]);
    opened.push(crashed);
  });
});
