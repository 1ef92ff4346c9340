import { describe, expect, it } from 'vitest';
import type { Session } from '../../engine/index.js';
import { changelogOf, session as openSession } from '../session/helpers.js';

/**
 * These changelogs are exact, across keys too. With worker threads, keys on different workers
 * interleave differently (each key's changes keep their order; see worker-threads.md): one
 * thread keeps the whole order as written here.
 */
const session = (): Promise<Session> => openSession({ workers: 1 });

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));

describe('regular joins over changelogs, change by change', () => {
  it('inner: an updated row retracts its joined rows and adds the new ones', async () => {
    const s = await session();
    await s.execute(`CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR); INSERT INTO users VALUES (1, 'ann'), (2, 'bob'); CREATE SOURCE clicks (uid INT, page VARCHAR)`);
    const lines = await changelogOf(s, 'SELECT page, name FROM clicks c JOIN users u ON c.uid = u.id', async () => {
      await s.push('clicks', [[1, 'home'], [2, 'cart'], [3, 'help'], [1, 'faq']]);
      await s.execute("INSERT INTO users VALUES (1, 'anne')");
      await s.execute("INSERT INTO users VALUES (3, 'cy')");
    });
    expect(lines).toEqual([
      '+I home,ann',
      '+I cart,bob',
      '+I faq,ann',
      // ann becomes anne: both of her clicks are retracted and joined again.
      '-D home,ann',
      '-D faq,ann',
      '+I home,anne',
      '+I faq,anne',
      // A new user joins the click that waited for it.
      '+I help,cy',
    ]);
  });

  it('left outer: the NULL-padded row is retracted when a match arrives, and comes back when it leaves', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE l (k INT, a VARCHAR); CREATE TABLE r (k INT PRIMARY KEY, b VARCHAR)`);
    const lines = await changelogOf(s, 'SELECT a, b FROM l LEFT JOIN r ON l.k = r.k', async () => {
      await s.push('l', [[1, 'a1']]);
      await s.execute("INSERT INTO r VALUES (1, 'b1')");
      await s.execute("INSERT INTO r VALUES (1, 'b2')");
      await s.push('l', [[2, 'a2'], [null, 'a3']]);
    });
    expect(lines).toEqual([
      '+I a1,',
      '-D a1,',
      '+I a1,b1',
      // The update of r's row 1 is a retraction (a1 is unmatched for a moment) then an insert.
      '-D a1,b1',
      '+I a1,',
      '-D a1,',
      '+I a1,b2',
      '+I a2,',
      '+I a3,',
    ]);
  });

  it('full outer over updating views: each side keeps its unmatched rows, and updates on either side move rows in and out', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE l (k INT, a VARCHAR); CREATE SOURCE r (k INT, b VARCHAR);
      CREATE MATERIALIZED VIEW lv AS SELECT k, max(a) AS a FROM l GROUP BY k;
      CREATE MATERIALIZED VIEW rv AS SELECT k, max(b) AS b FROM r GROUP BY k`);
    const lines = await changelogOf(s, 'SELECT a, b FROM lv FULL JOIN rv ON lv.k = rv.k', async () => {
      await s.push('r', [[1, 'b1']]);
      await s.push('l', [[1, 'a1']]);
      await s.push('l', [[2, 'a2']]);
      await s.push('l', [[1, 'a9']]);
      await s.push('r', [[2, 'b2']]);
    });
    expect(lines).toEqual([
      '+I ,b1',
      '-D ,b1',
      '+I a1,b1',
      '+I a2,',
      // lv's row 1 changes from a1 to a9: retracted (b1 is alone for a moment), then matched again.
      '-D a1,b1',
      '+I ,b1',
      '-D ,b1',
      '+I a9,b1',
      '-D a2,',
      '+I a2,b2',
    ]);
  });
});

describe('event-time joins, with out-of-order rows', () => {
  it('interval LEFT JOIN: matches within the bound, out of order too; an unmatched row is emitted when it expires', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE orders (id INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
      CREATE SOURCE pays (oid INT, amount INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)`);
    const sql = "SELECT o.id, p.amount FROM orders o LEFT JOIN pays p ON o.id = p.oid AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND";
    const lines = await changelogOf(s, sql, async () => {
      await s.push('orders', [[1, at(0)], [2, at(1)]]);
      await s.push('pays', [[1, 10, at(5)]]); // order 1 matches; pays watermark 3
      await s.push('orders', [[3, at(4)]]);
      await s.push('pays', [[3, 30, at(12)]]); // within [4, 14]; pays watermark 10
      await s.push('pays', [[2, 20, at(3)]]); // out of order: order 2 (waiting until the watermark passes 11) still matches
      await s.push('pays', [[9, 0, at(30)]]); // pays watermark 28: orders 1–3 (matched) are dropped
      await s.push('orders', [[4, at(25)]]); // waits for a payment in [25, 35]
      await s.end('orders');
      await s.end('pays'); // none came: order 4 is emitted unmatched
    });
    expect(lines).toEqual(['+I 1,10', '+I 3,30', '+I 2,20', '+I 4,']);
  });

  it('ASOF JOIN (t.ts >= q.ts): each trade waits for the quote watermark, then gets the latest quote at or before it', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE trades (sym VARCHAR, px INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
      CREATE SOURCE quotes (sym VARCHAR, bid INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)`);
    const sql = 'SELECT t.sym, px, bid FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.sym = q.sym';
    const lines = await changelogOf(s, sql, async () => {
      await s.push('quotes', [['A', 100, at(1)], ['A', 101, at(3)], ['B', 200, at(2)]]); // quote watermark 2
      await s.push('trades', [['A', 1, at(2)], ['A', 2, at(3)], ['B', 3, at(1)], ['A', 4, at(5)]]); // B at 1 < 2: decided, no quote yet
      await s.push('quotes', [['A', 99, at(2)]]); // out of order, not late: the better match for the trade at 2
      await s.push('quotes', [['A', 102, at(4)], ['A', 103, at(10)]]); // watermark 9: the A trades are decided
      await s.end('trades');
      await s.end('quotes');
    });
    expect(lines).toEqual(['+I B,3,', '+I A,1,99', '+I A,2,101', '+I A,4,102']);
  });

  it('ASOF variants: <= (the next quote), NEAREST, and TOLERANCE', async () => {
    const s = await session();
    const run = async (match: string, tolerance = '') => {
      await s.execute(`
        CREATE OR REPLACE SOURCE trades (px INT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
        CREATE OR REPLACE SOURCE quotes (bid INT, ts TIMESTAMP, WATERMARK FOR ts AS ts)`);
      return changelogOf(s, `SELECT px, bid FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION (${match}) ${tolerance} ON true`, async () => {
        await s.push('quotes', [[10, at(10)], [20, at(20)], [30, at(30)]]);
        await s.push('trades', [[1, at(5)], [2, at(14)], [3, at(16)], [4, at(20)], [5, at(40)]]);
        await s.end('trades');
        await s.end('quotes');
      });
    };
    expect(await run('t.ts <= q.ts')).toEqual(['+I 1,10', '+I 2,20', '+I 3,20', '+I 4,20', '+I 5,']);
    expect(await run('t.ts < q.ts')).toEqual(['+I 1,10', '+I 2,20', '+I 3,20', '+I 4,30', '+I 5,']);
    expect(await run('t.ts > q.ts')).toEqual(['+I 1,', '+I 2,10', '+I 3,10', '+I 4,10', '+I 5,30']);
    expect(await run('NEAREST(t.ts, q.ts)')).toEqual(['+I 1,10', '+I 2,10', '+I 3,20', '+I 4,20', '+I 5,30']);
    expect(await run('t.ts >= q.ts', "TOLERANCE INTERVAL '5' SECOND")).toEqual(['+I 1,', '+I 2,10', '+I 3,', '+I 4,20', '+I 5,']);
    expect(await run('NEAREST(t.ts, q.ts)', "TOLERANCE INTERVAL '4' SECOND")).toEqual(['+I 1,', '+I 2,10', '+I 3,20', '+I 4,20', '+I 5,']);
  });

  it('FOR SYSTEM_TIME AS OF t.ts: each order gets the rate valid at its time, once the table watermark passes it', async () => {
    const s = await session();
    await s.execute(`
      CREATE TABLE fx (cur VARCHAR PRIMARY KEY, rate DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts);
      CREATE SOURCE orders (cur VARCHAR, amount INT, ts TIMESTAMP, WATERMARK FOR ts AS ts)`);
    const sql = 'SELECT o.cur, amount, rate FROM orders o JOIN fx FOR SYSTEM_TIME AS OF o.ts ON o.cur = fx.cur';
    const lines = await changelogOf(s, sql, async () => {
      await s.execute("INSERT INTO fx VALUES ('EUR', 1.0, TIMESTAMP '2024-01-01 00:00:00'), ('GBP', 2.0, TIMESTAMP '2024-01-01 00:00:00')");
      await s.execute("INSERT INTO fx VALUES ('EUR', 1.5, TIMESTAMP '2024-01-01 00:00:04')");
      await s.execute("INSERT INTO fx VALUES ('EUR', 1.7, TIMESTAMP '2024-01-01 00:00:20')"); // table watermark 20
      await s.push('orders', [['EUR', 1, at(2)], ['EUR', 2, at(5)], ['GBP', 3, at(6)], ['EUR', 4, at(25)], ['USD', 5, at(7)]]);
      // An older version arriving late replaces the row, but the version valid from 20 s stays.
      await s.execute("INSERT INTO fx VALUES ('EUR', 1.6, TIMESTAMP '2024-01-01 00:00:10')");
      await s.execute("INSERT INTO fx VALUES ('EUR', 1.9, TIMESTAMP '2024-01-01 00:00:30')"); // watermark 30: the order at 25 is decided
      await s.end('orders');
    });
    expect(lines).toEqual(['+I EUR,1,1', '+I EUR,2,1.5', '+I GBP,3,2', '+I EUR,4,1.7']);
  });

  it('FOR SYSTEM_TIME AS OF PROCTIME(): a lookup reads the table as it is when the row arrives; later changes emit nothing', async () => {
    const s = await session();
    await s.execute(`
      CREATE TABLE ref (sym VARCHAR PRIMARY KEY, name VARCHAR); INSERT INTO ref VALUES ('A', 'Alpha'), ('B', 'Beta');
      CREATE SOURCE trades (sym VARCHAR, px INT)`);
    const lines = await changelogOf(s, 'SELECT t.sym, px, name FROM trades t LEFT JOIN ref FOR SYSTEM_TIME AS OF PROCTIME() ON t.sym = ref.sym', async () => {
      await s.push('trades', [['A', 1], ['C', 2]]);
      await s.execute("INSERT INTO ref VALUES ('A', 'Alpha2'), ('C', 'Gamma')");
      await s.push('trades', [['A', 3], ['C', 4]]);
      await s.end('trades');
    });
    expect(lines).toEqual(['+I A,1,Alpha', '+I C,2,', '+I A,3,Alpha2', '+I C,4,Gamma']);
  });
});
