import { describe, expect, it } from 'vitest';
import { failure, rows, session } from '../session/helpers.js';

/** The first line of EXPLAIN's operator tree that names a join. */
async function joinLine(sql: string, setup: string): Promise<string> {
  const s = await session();
  await s.execute(setup);
  const lines = (await rows(s, `EXPLAIN ${sql}`)).map((r) => String(r[0]));
  return lines.find((l) => /Join/.test(l))!.replace(/^[└├│─ ]+/, '');
}

const STREAMS = `
  CREATE SOURCE a (k INT, x INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
  CREATE SOURCE b (k INT, y INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
  CREATE SOURCE plain (k INT, z INT);
  CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR);
  CREATE TABLE vt (k INT PRIMARY KEY, v VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts)`;

describe('EXPLAIN shows the join strategy and why', () => {
  it.each([
    [
      "SELECT * FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1' MINUTE AND a.ts + INTERVAL '5' SECOND",
      "IntervalJoin inner keys=[left.k = right.k] (right.ts − left.ts in [-00:01:00, +00:00:05]: state bounded by the watermarks) emits=inserts unbounded",
    ],
    [
      'SELECT * FROM a LEFT JOIN b ON a.k = b.k AND a.ts > b.ts AND a.ts < b.ts + INTERVAL 3 SECOND',
      "IntervalJoin left keys=[left.k = right.k] (right.ts − left.ts in [-00:00:02.999999, -00:00:00.000001]: state bounded by the watermarks) emits=inserts unbounded",
    ],
    ['SELECT * FROM a JOIN b ON a.k = b.k AND a.ts = b.ts', "IntervalJoin inner keys=[left.k = right.k, left.ts = right.ts] (right.ts − left.ts in [+00:00:00, +00:00:00]: state bounded by the watermarks) emits=inserts unbounded"],
    ['SELECT * FROM a JOIN b ON a.k = b.k', "HashJoin inner keys=[left.k = right.k] (no bound on the distance between the inputs' watermarked event times: every row is kept) emits=inserts unbounded"],
    ['SELECT * FROM a FULL JOIN plain p ON a.k = p.k', "HashJoin full keys=[left.k = right.k] (no bound on the distance between the inputs' watermarked event times: every row is kept) emits=updates unbounded"],
    ['SELECT * FROM a CROSS JOIN plain', 'HashJoin inner no keys (every pair) (no equality between the inputs: every pair of rows is compared) emits=inserts unbounded'],
    ['SELECT * FROM a ASOF JOIN b MATCH_CONDITION (a.ts >= b.ts) ON a.k = b.k', 'AsofJoin inner keys=[left.k = right.k] match=left.ts >= right.ts (each left row is decided when the right watermark passes it; right rows no later row can match are dropped) emits=inserts unbounded'],
    ['SELECT * FROM a JOIN vt FOR SYSTEM_TIME AS OF a.ts ON a.k = vt.k', 'TemporalJoin inner keys=[left.k = right.k] (each left row gets the version valid at left.ts, once the right watermark passes it; versions superseded behind the left watermark are dropped) emits=inserts unbounded'],
    ['SELECT * FROM a LEFT JOIN t FOR SYSTEM_TIME AS OF PROCTIME() ON a.k = t.k', 'LookupJoin left keys=[left.k = right.k] (each left row reads the right rows current when it arrives; right changes emit nothing) emits=inserts unbounded'],
  ])('%s', async (sql, line) => {
    expect(await joinLine(sql, STREAMS)).toBe(line);
  });
});

describe('join errors and warnings', () => {
  it('refuses joins it cannot run, at the join', async () => {
    const s = await session();
    await s.execute(STREAMS);
    const cases: [string, string, string][] = [
      ['SELECT * FROM a JOIN a ON true', 'DUPLICATE_OBJECT', "the input name 'a' appears twice in FROM"],
      ['SELECT k FROM a JOIN b ON a.k = b.k', 'AMBIGUOUS_COLUMN', "column 'k' is ambiguous"],
      ['SELECT * FROM a ASOF JOIN b MATCH_CONDITION (a.ts >= b.ts) ON a.x < b.y', 'UNSUPPORTED', 'the ON of an ASOF JOIN takes equalities only (a = b AND c = d)'],
      ['SELECT * FROM a ASOF JOIN b MATCH_CONDITION (a.x >= b.y) ON a.k = b.k', 'UNSUPPORTED', 'MATCH_CONDITION compares a left and a right TIMESTAMP column: l.ts >= r.ts, >, <=, < or NEAREST(l.ts, r.ts)'],
      ['SELECT * FROM a ASOF JOIN plain p MATCH_CONDITION (a.ts >= p.ts) ON a.k = p.k', 'UNKNOWN_COLUMN', "column 'ts' does not exist"],
      ['SELECT * FROM a FULL ASOF JOIN b MATCH_CONDITION (a.ts >= b.ts) ON a.k = b.k', 'SYNTAX_ERROR', "expected JOIN, found 'ASOF'"],
      ['SELECT * FROM a JOIN t FOR SYSTEM_TIME AS OF a.ts ON a.k = t.k', 'NO_WATERMARK', "a join FOR SYSTEM_TIME AS OF a time reads versions timed by the right input's event time, but it has no WATERMARK"],
      ['SELECT * FROM a JOIN vt FOR SYSTEM_TIME AS OF a.x ON a.k = vt.k', 'UNSUPPORTED', 'FOR SYSTEM_TIME AS OF takes a TIMESTAMP column of the left input, or PROCTIME()'],
      ['SELECT * FROM t FOR SYSTEM_TIME AS OF PROCTIME()', 'SYNTAX_ERROR', 'FOR SYSTEM_TIME AS OF applies to the right input of a join'],
      ['SELECT * FROM a RIGHT JOIN vt FOR SYSTEM_TIME AS OF a.ts ON a.k = vt.k', 'UNSUPPORTED', 'a join FOR SYSTEM_TIME AS OF is inner or LEFT'],
      ['SELECT * FROM a ASOF JOIN (SELECT k, y FROM b) q MATCH_CONDITION (a.ts >= q.y) ON a.k = q.k', 'UNSUPPORTED', 'MATCH_CONDITION compares a left and a right TIMESTAMP column: l.ts >= r.ts, >, <=, < or NEAREST(l.ts, r.ts)'],
      ['SELECT * FROM a JOIN b USING (nope)', 'UNKNOWN_COLUMN', "column 'nope' does not exist"],
    ];
    for (const [sql, code, message] of cases) {
      const e = await failure(s, sql);
      expect([sql, e.code, e.message]).toEqual([sql, code, message]);
      expect(e.position).not.toBeNull();
    }
  });

  it('warns once about a join whose state grows without bound', async () => {
    const s = await session();
    await s.execute(STREAMS);
    const [r] = await s.execute('SELECT * FROM a JOIN b ON a.k = b.k');
    expect(r?.kind === 'subscription' && r.warnings).toEqual([
      "this inner join keeps the rows it has seen without bound (no bound on the distance between the inputs' watermarked event times: every row is kept); its memory grows as long as the query runs",
    ]);
    const [bounded] = await s.execute("SELECT * FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' SECOND");
    expect(bounded?.kind === 'subscription' && bounded.warnings).toBeUndefined();
    const [view] = await s.execute('CREATE MATERIALIZED VIEW j AS SELECT a.x, p.z FROM a JOIN plain p ON a.k = p.k');
    expect(view?.kind === 'ok' && view.warnings?.length).toBe(1);
  });
});
