import { describe, expect, it } from 'vitest';
import { batchToRecordBatch, type ChangeBatch, type Subscription } from '../../engine/index.js';
import { failure, rows, session, ts } from './helpers.js';

async function subscription(s: Awaited<ReturnType<typeof session>>, sql: string): Promise<Subscription> {
  const results = await s.execute(sql);
  const r = results[results.length - 1];
  if (r?.kind !== 'subscription') throw new Error(`expected a subscription, got ${r?.kind}`);
  return r.subscription;
}

/** Reads changes from an iterator until `n` rows have arrived. */
async function take(it: AsyncIterator<ChangeBatch>, n: number): Promise<string[]> {
  const lines: string[] = [];
  while (lines.length < n) {
    const r = await it.next();
    if (r.done) break;
    const ops = r.value.ops();
    r.value.scalars().forEach((row, i) => lines.push(`${ops[i]} ${row.join(',')}`));
  }
  return lines;
}

describe('Session.execute results', () => {
  it('acknowledges DDL, returns complete tables for finite queries and subscriptions for unbounded ones', async () => {
    const s = await session();
    const results = await s.execute(`
      CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 10);
      CREATE SOURCE u FROM GENERATOR (kind = 'sequence');
      SELECT count(*) FROM g;
      SELECT id FROM u;
    `);
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'table', 'subscription']);
    expect(results.map((r) => r.statement)).toEqual(['create_source', 'create_source', 'query', 'query']);
    expect(results[0]!.kind === 'ok' && results[0]!.message).toBe('CREATE SOURCE g');
    const sub = (results[3] as Extract<(typeof results)[number], { kind: 'subscription' }>).subscription;
    expect(sub.status).toBe('running');
    sub.cancel();
    expect(await sub.done).toBe('cancelled');
  });

  it('finishes a LIMIT over an unbounded source with a complete result', async () => {
    const s = await session();
    expect(await rows(s, `CREATE SOURCE u FROM GENERATOR (kind = 'sequence'); SELECT id, key FROM u WHERE key = 3 LIMIT 3 OFFSET 1`)).toEqual([
      [13, 3],
      [23, 3],
      [33, 3],
    ]);
    expect(s.queries().filter((q) => q.status === 'running')).toEqual([]);
  });

  it('refuses ORDER BY over an unbounded source, pointing at ORDER BY', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE u FROM GENERATOR (kind = 'sequence')`);
    const e = await failure(s, 'SELECT id\nFROM u ORDER BY id DESC LIMIT 3');
    expect([e.code, e.position]).toEqual(['UNBOUNDED_INPUT', { line: 2, column: 17 }]);
  });

  it('parses the whole script before running any of it', async () => {
    const s = await session();
    await failure(s, 'CREATE TABLE t (a INT); SELEC 1');
    expect((await failure(s, 'SELECT * FROM t')).code).toBe('UNKNOWN_OBJECT');
  });

  it('stays usable after an error, and keeps the statements that ran before it', async () => {
    const s = await session();
    const e = await failure(s, 'CREATE TABLE t (a INT); INSERT INTO t VALUES (1); SELECT nope FROM t');
    expect(e.code).toBe('UNKNOWN_COLUMN');
    expect(await rows(s, 'SELECT * FROM t')).toEqual([[1]]);
  });
});

describe('push sources', () => {
  it('feeds a continuous query: the current rows, then every change', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE clicks (user_id INT NOT NULL, url VARCHAR, ts TIMESTAMP)');
    await s.push('clicks', [{ user_id: 1, url: '/a', ts: new Date('2024-01-01T00:00:00Z') }, [2, '/b', '2024-01-01 00:00:01']]);
    const sub = await subscription(s, 'SELECT user_id, count(*) AS n FROM clicks GROUP BY user_id');
    const it = sub[Symbol.asyncIterator]();
    expect(await take(it, 2)).toEqual(['+I 1,1', '+I 2,1']);
    await s.push('clicks', [{ user_id: 1, url: '/c' }]);
    expect(await take(it, 2)).toEqual(['-U 1,1', '+U 1,2']);
    // A GROUP BY result's rows come ordered by every column, whatever the number of workers.
    expect(sub.snapshot().scalars()).toEqual([[1, 2], [2, 1]]);
    await s.end('clicks');
    expect(await sub.done).toBe('finished');
    expect((await it.next()).done).toBe(true);
  });

  it('lets queries started later see every row pushed before them, and finishes once the source ends', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE p (x INT)');
    await s.push('p', [[1], [2]]);
    await s.push('p', [[3]]);
    await s.end('p');
    expect(await rows(s, 'SELECT sum(x) FROM p')).toEqual([[6]]);
    expect((await failure(s, 'INSERT INTO p VALUES (4)')).code).toBe('INVALID_ARGUMENT');
  });

  it('accepts INSERT, Arrow record batches, and rejects bad rows whole', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE p (x INT NOT NULL, s VARCHAR)');
    const sub = await subscription(s, 'SELECT * FROM p');
    await s.execute("INSERT INTO p VALUES (1, 'a'), (2, NULL); INSERT INTO p (s, x) VALUES ('c', 3)");
    const [t] = await s.execute("SELECT 4 AS x, 'd' AS s");
    if (t?.kind !== 'table') throw new Error('table');
    expect(await s.push('p', batchToRecordBatch(t.table.schema, t.table.batch))).toBe(1);
    const e = await s.push('p', [{ x: 5 }, { x: null }]).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'BAD_INPUT_ROW' });
    expect((await failure(s, 'INSERT INTO p VALUES (NULL, NULL)')).code).toBe('CONSTRAINT_VIOLATION');
    expect(sub.snapshot().scalars()).toEqual([[1, 'a'], [2, null], [3, 'c'], [4, 'd']]);
  });
});

describe('tables and materialized views', () => {
  it('replaces rows by primary key and propagates updates through views over views', async () => {
    const s = await session();
    await s.execute(`
      CREATE TABLE prices (symbol VARCHAR PRIMARY KEY, price DOUBLE);
      INSERT INTO prices VALUES ('A', 10), ('B', 20), ('C', 30);
      CREATE MATERIALIZED VIEW expensive AS SELECT symbol, price FROM prices WHERE price >= 20;
      CREATE MATERIALIZED VIEW summary AS SELECT count(*) AS n, sum(price) AS total FROM expensive;
    `);
    expect(await rows(s, 'SELECT * FROM summary')).toEqual([[2, 50]]);
    await s.execute("INSERT INTO prices VALUES ('A', 25), ('C', 5)");
    expect(await rows(s, 'SELECT * FROM expensive ORDER BY symbol')).toEqual([['A', 25], ['B', 20]]);
    expect(await rows(s, 'SELECT * FROM summary')).toEqual([[2, 45]]);
    expect(await rows(s, 'SELECT * FROM prices ORDER BY symbol')).toEqual([['A', 25], ['B', 20], ['C', 5]]);
  });

  it('answers a query over a view of a bounded source once the view has caught up', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 50000, keys = 4);
      CREATE MATERIALIZED VIEW per_key AS SELECT key, count(*) AS n, min(id) AS first FROM g GROUP BY key;
    `);
    expect(await rows(s, 'SELECT * FROM per_key ORDER BY key')).toEqual([[0, 12500, 0], [1, 12500, 1], [2, 12500, 2], [3, 12500, 3]]);
    expect(await rows(s, 'SHOW MATERIALIZED VIEWS')).toEqual([['per_key', 'finished', 4, 50000, 'CREATE MATERIALIZED VIEW per_key AS SELECT key, count(*) AS n, min(id) AS first FROM g GROUP BY key']]);
  });

  it('answers a query over a view of views once every view below has caught up', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await session();
      await s.execute(`
        CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 200000, keys = 100);
        CREATE MATERIALIZED VIEW per_key AS SELECT key, count(*) AS n FROM g GROUP BY key;
        CREATE MATERIALIZED VIEW per_size AS SELECT n, count(*) AS keys FROM per_key GROUP BY n;
        CREATE MATERIALIZED VIEW total AS SELECT sum(n * keys) AS rows FROM per_size;
      `);
      expect(await rows(s, 'SELECT * FROM total')).toEqual([[200000]]);
      expect(await rows(s, 'SELECT * FROM per_size')).toEqual([[2000, 100]]);
    }
  });

  it('streams a view over a push source to a subscriber, retractions included', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE orders (customer VARCHAR, amount INT); CREATE MATERIALIZED VIEW spend AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer');
    const sub = await s.subscribe('spend');
    const it = sub[Symbol.asyncIterator]();
    await s.push('orders', [['ann', 5], ['bob', 7]]);
    expect(await take(it, 2)).toEqual(['+I ann,5', '+I bob,7']);
    await s.push('orders', [['ann', 1]]);
    expect(await take(it, 2)).toEqual(['-U ann,5', '+U ann,6']);
    expect(await rows(s, 'SHOW QUERIES').then((r) => r.filter((q) => q[2] === 'running').map((q) => q[1]))).toEqual(['spend', 'select']);
  });

  it('runs INSERT … SELECT to completion over finite inputs, and in the background over unbounded ones', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 3);
      CREATE TABLE counts (key INT PRIMARY KEY, n BIGINT);
      CREATE SOURCE copy (id BIGINT, key INT);
      CREATE SOURCE u FROM GENERATOR (kind = 'sequence', keys = 2);
    `);
    const [r] = await s.execute('INSERT INTO counts SELECT key, count(*) FROM g GROUP BY key');
    expect(r?.kind === 'ok' && r.message).toBe('INSERT 3');
    expect(await rows(s, 'SELECT * FROM counts ORDER BY key')).toEqual([[0, 34], [1, 33], [2, 33]]);
    const [bg] = await s.execute('INSERT INTO copy SELECT id, key FROM u WHERE key = 1');
    expect(bg?.kind === 'ok' && bg.message).toMatch(/^INSERT INTO copy runs as query q\d+$/);
    // LIMIT makes a query over the (unbounded) source finite: it waits for two rows.
    expect(await rows(s, 'SELECT id FROM copy LIMIT 2')).toEqual([[1], [3]]);
    expect((await failure(s, 'INSERT INTO copy SELECT key, count(*) FROM g GROUP BY key')).code).toBe('NOT_APPEND_ONLY');
  });
});

describe('DROP', () => {
  it('refuses to drop what others read, unless CASCADE, and stops live queries', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE p (x INT); CREATE MATERIALIZED VIEW v AS SELECT count(*) FROM p; CREATE STREAM st AS SELECT x FROM p');
    const e = await failure(s, 'DROP SOURCE p');
    expect([e.code, e.message]).toEqual(['OBJECT_IN_USE', "cannot drop source 'p': materialized view 'v', stream 'st' read it"]);
    const live = await subscription(s, 'SELECT * FROM st');
    await s.execute('DROP SOURCE p CASCADE');
    expect(await live.done).toBe('cancelled');
    expect(await rows(s, 'SHOW MATERIALIZED VIEWS')).toEqual([]);
    expect(await rows(s, 'SHOW STREAMS')).toEqual([]);
    await s.execute('DROP SOURCE IF EXISTS p');
    expect((await failure(s, 'DROP SOURCE p')).code).toBe('UNKNOWN_OBJECT');
  });

  it('supports CREATE OR REPLACE and IF NOT EXISTS', async () => {
    const s = await session();
    await s.execute('CREATE TABLE t (a INT); INSERT INTO t VALUES (1)');
    const [r] = await s.execute('CREATE TABLE IF NOT EXISTS t (b INT)');
    expect(r?.kind === 'ok' && r.message).toBe('table t already exists');
    await s.execute('CREATE OR REPLACE TABLE t (b VARCHAR)');
    expect(await rows(s, 'DESCRIBE t')).toEqual([['b', 'VARCHAR', true, null]]);
  });
});

describe('streams', () => {
  it('computes a stream as each reader reads it, and lets streams read streams', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 20, keys = 4);
      CREATE STREAM evens AS SELECT id, key FROM g WHERE id % 2 = 0;
      CREATE STREAM big_evens AS SELECT id FROM evens WHERE id >= 10;
    `);
    expect(await rows(s, 'SELECT count(*), sum(id) FROM big_evens')).toEqual([[5, 70]]);
    expect(await rows(s, 'SELECT key, count(*) FROM evens GROUP BY key ORDER BY key')).toEqual([[0, 5], [2, 5]]);
  });
});

describe('catalog statements', () => {
  it('SHOW, DESCRIBE and EXPLAIN', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE trades (symbol VARCHAR NOT NULL, price DOUBLE NOT NULL, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
        FROM GENERATOR (kind = 'trades', seed = 3, events = 100);
      CREATE TABLE ref (symbol VARCHAR PRIMARY KEY, sector VARCHAR);
    `);
    expect(await rows(s, 'SHOW SOURCES')).toEqual([['trades', 'generator trades (seed 3, 10 symbols, 1000 events/s, 100 events)', true, 0, 0, 'ts - 00:00:05']]);
    expect(await rows(s, 'SHOW TABLES')).toEqual([['ref', 0, 'symbol']]);
    expect(await rows(s, 'DESCRIBE trades')).toEqual([
      ['symbol', 'VARCHAR', false, null],
      ['price', 'DOUBLE', false, null],
      ['ts', 'TIMESTAMP', false, 'watermark ts - 00:00:05'],
    ]);
    const plan = (await rows(s, "EXPLAIN SELECT symbol, avg(price) FROM trades WHERE price > 100 AND symbol <> 'X' GROUP BY symbol HAVING count(*) > 2")).map((r) => r[0]);
    expect(plan.join('\n')).toMatchInlineSnapshot(`
      "snapshot query: every input is finite, it runs to a complete result
      Calc filter=(count(*) > 2) project=[symbol, avg(price)] emits=updates bounded
      └─ HashAggregate keys=[symbol] aggregates=[avg(price), count(*)] input=inserts emits=updates bounded
         └─ SourceScan trades (generator trades (seed 3, 10 symbols, 1000 events/s, 100 events)) columns=[symbol, price, ts] watermark=(ts - 00:00:05) filter=((price > 100.0) AND (symbol <> 'X')) project=[symbol, price] emits=inserts bounded
      with worker threads, HashAggregate runs in two phases: each thread aggregates whole batches, their partial states are merged"
    `);
    await rows(s, 'SELECT count(*) FROM trades');
    expect((await rows(s, 'SHOW SOURCES'))[0]![3]).toBe(100);
  });
});

describe('determinism', () => {
  it('gives identical results for every batch size', async () => {
    const query = `CREATE SOURCE t FROM GENERATOR (kind = 'trades', seed = 11, events = 5000, symbols = 7);
      SELECT symbol, count(*), sum(volume), min(price), max(price), first_value(price), last_value(ts) FROM t GROUP BY symbol ORDER BY symbol`;
    const results = [];
    for (const batchSize of [1, 7, 256, 8192]) {
      const { open } = await import('../../engine/index.js');
      const s = await open({ batchSize });
      results.push(await rows(s, query));
      await s.close();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[3]).toEqual(results[0]);
    expect(results[0]!.length).toBe(7);
  });
});

describe('failures and lifecycle', () => {
  it('fails a continuous query that hits a run-time error, naming it, without harming the session', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE p (x INT)');
    const sub = await subscription(s, 'SELECT x * 2 FROM p');
    const it = sub[Symbol.asyncIterator]();
    await s.push('p', [[1], [2000000000]]);
    expect(await sub.done).toBe('failed');
    expect(sub.error?.code).toBe('NUMERIC_OVERFLOW');
    await expect(it.next()).rejects.toMatchObject({ code: 'NUMERIC_OVERFLOW' });
    expect(await rows(s, 'SELECT 1')).toEqual([[1]]);
    const failed = (await rows(s, 'SHOW QUERIES')).find((q) => q[2] === 'failed');
    expect(failed?.[7]).toBe('NUMERIC_OVERFLOW: INT overflow: 2000000000 * 2 is out of range');
  });

  it('stops every query on close and refuses further work', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE u FROM GENERATOR (kind = 'sequence')`);
    const sub = await subscription(s, 'SELECT * FROM u');
    await s.close();
    expect(sub.status).toBe('cancelled');
    expect((await failure(s, 'SELECT 1')).code).toBe('SESSION_CLOSED');
  });

  it('reports metrics per query and per source', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 1000); CREATE MATERIALIZED VIEW v AS SELECT key, count(*) FROM g GROUP BY key`);
    await rows(s, 'SELECT * FROM v');
    const view = s.queries().find((q) => q.label === 'v')!;
    expect([view.status, view.metrics.rowsIn, view.metrics.stateKeys]).toEqual(['finished', 1000, 10]);
    expect(view.metrics.eventsPerSecond).toBeGreaterThan(0);
    expect(s.metrics().sources.g?.rows).toBe(1000);
  });

  it('converts timestamps for the JS API', async () => {
    const s = await session();
    const [r] = await s.execute("SELECT TIMESTAMP '2024-01-01 10:00:00.123' AS t, INTERVAL '1.5' SECOND AS i");
    if (r?.kind !== 'table') throw new Error('table');
    expect(r.table.objects()).toEqual([{ t: new Date('2024-01-01T10:00:00.123Z'), i: 1500 }]);
    expect(r.table.scalars()).toEqual([[ts('2024-01-01 10:00:00.123'), 1_500_000]]);
  });
});
