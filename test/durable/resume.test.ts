import { mkdtemp, readFile } from 'node:fs/promises';
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
  const STEPS: ((s: Session) => Promise<unknown>)[] = [
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
    const reference = await open({ workers });
    opened.push(reference);
    await reference.execute(CHAINED);
    for (const step of STEPS) await step(reference);

    const dir = await mkdtemp(join(tmpdir(), 'laminar-durable-chain-'));
    // The first session stops without closing (as a crash would): step 2 is only in the log.
    const crashed = await open({ dir, workers, checkpointInterval: 0 });
    await crashed.execute(CHAINED);
    await STEPS[0]!(crashed);
    await crashed.execute('CHECKPOINT');
    await STEPS[1]!(crashed);
    const b = await session(dir, workers);
    expect(b.recovery).toMatchObject({ checkpoint: '00000001', warnings: [] });
    await STEPS[2]!(b);
    for (const v of VIEWS) expect([v, await viewRows(b, v)]).toEqual([v, await viewRows(reference, v)]);
    // Checkpointed again after the restart and reopened: the same rows.
    await b.close();
    opened.splice(opened.indexOf(b), 1);
    const c = await session(dir, workers);
    expect(c.recovery).toMatchObject({ checkpoint: '00000002', warnings: [] });
    for (const v of VIEWS) expect([v, await viewRows(c, v)]).toEqual([v, await viewRows(reference, v)]);
    opened.push(crashed);
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
});
