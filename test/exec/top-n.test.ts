import { describe, expect, it } from 'vitest';
import type { Session } from '../../engine/index.js';
import { failure, rows, session as openSession } from '../session/helpers.js';

/** Exact changelogs across partitions: one thread (with workers, each partition keeps its order). */
const session = (): Promise<Session> => openSession({ workers: 1 });

/** Follows a continuous query: its changes as "op values" lines. */
async function follow(s: Session, sql: string) {
  const [r] = await s.execute(sql, { changes: 'row' });
  if (r?.kind !== 'subscription') throw new Error('expected a subscription');
  const it = r.subscription[Symbol.asyncIterator]();
  let pending: ReturnType<typeof it.next> | null = null;
  return async (): Promise<string[]> => {
    const lines: string[] = [];
    for (;;) {
      pending ??= it.next();
      const next = await Promise.race([pending, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
      if (next === null || next.done) return lines;
      pending = null;
      const ops = next.value.ops();
      next.value.scalars().forEach((row, i) => lines.push(`${ops[i]} ${row.join(',')}`));
    }
  };
}

describe('Top-N: ROW_NUMBER() OVER (…) with rn <= N', () => {
  it('keeps the top rows per partition, pushing rows out and updating ranks as rows arrive', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE scores (player VARCHAR, game VARCHAR, points INT)');
    const next = await follow(s, 'SELECT game, player, points, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY game ORDER BY points DESC) AS rn FROM scores) WHERE rn <= 2');
    await s.push('scores', [['ann', 'chess', 10]]);
    expect(await next()).toEqual(['+I chess,ann,10,1']);
    await s.push('scores', [['bob', 'chess', 20]]);
    expect(await next()).toEqual(['-U chess,ann,10,1', '+U chess,ann,10,2', '+I chess,bob,20,1']);
    await s.push('scores', [['cy', 'chess', 15]]);
    // cy enters at rank 2 and pushes ann out.
    expect(await next()).toEqual(['-U chess,ann,10,2', '+U chess,cy,15,2']);
    await s.push('scores', [['dee', 'chess', 5], ['eve', 'go', 1]]);
    expect(await next()).toEqual(['+I go,eve,1,1']);
  });

  it('without the rank column, reports only which rows are in; ties keep arrival order', async () => {
    const s = await session();
    await s.execute('CREATE SOURCE scores (player VARCHAR, points INT)');
    const next = await follow(s, 'SELECT player FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY points DESC) AS rn FROM scores) WHERE rn < 3');
    await s.push('scores', [['ann', 10], ['bob', 10], ['cy', 10], ['dee', 30]]);
    expect(await next()).toEqual(['+I ann', '+I bob', '-U bob', '+U dee']);
  });

  it('over a changing input, a retraction promotes the next row', async () => {
    const s = await session();
    await s.execute(`
      CREATE TABLE scores (player VARCHAR PRIMARY KEY, points INT);
      INSERT INTO scores VALUES ('ann', 10), ('bob', 20), ('cy', 15);
      CREATE MATERIALIZED VIEW top2 AS SELECT player, points, rn FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY points DESC) AS rn FROM scores) WHERE rn <= 2;
    `);
    expect(await rows(s, 'SELECT * FROM top2 ORDER BY rn')).toEqual([['bob', 20, 1], ['cy', 15, 2]]);
    await s.execute("INSERT INTO scores VALUES ('bob', 1)");
    expect(await rows(s, 'SELECT * FROM top2 ORDER BY rn')).toEqual([['cy', 15, 1], ['ann', 10, 2]]);
  });

  it('deduplicates: rn = 1 ordered by time keeps the first row (ASC) or the last (DESC)', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE events (id INT, v VARCHAR, ts TIMESTAMP)`);
    const first = await follow(s, 'SELECT id, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) AS rn FROM events) WHERE rn = 1');
    const last = await follow(s, 'SELECT id, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts DESC) AS rn FROM events) WHERE rn = 1');
    await s.push('events', [[1, 'a', '2024-01-01 00:00:02'], [1, 'b', '2024-01-01 00:00:03'], [2, 'c', '2024-01-01 00:00:01'], [1, 'early', '2024-01-01 00:00:01']]);
    expect(await first()).toEqual(['+I 1,a', '+I 2,c', '-U 1,a', '+U 1,early']);
    expect(await last()).toEqual(['+I 1,a', '-U 1,a', '+U 1,b', '+I 2,c']);
    const plan = (await rows(s, 'EXPLAIN SELECT id FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts) AS rn FROM events) WHERE rn = 1')).map((r) => r[0]);
    expect(plan.join('\n')).toContain('Deduplicate partition=[id] order=[ts] limit=1 rows only state: top rows per partition');
  });

  it('ranks every row of a finite input, and refuses that over an unbounded one', async () => {
    const s = await session();
    expect(await rows(s, `
      CREATE TABLE t (g VARCHAR, v INT); INSERT INTO t VALUES ('x', 3), ('x', 1), ('y', 2), ('x', 2);
      SELECT g, v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v) AS rn FROM t ORDER BY g, rn`)).toEqual([
      ['x', 1, 1],
      ['x', 2, 2],
      ['x', 3, 3],
      ['y', 2, 1],
    ]);
    await s.execute(`CREATE SOURCE u FROM GENERATOR (kind = 'sequence')`);
    const e = await failure(s, 'SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM u) x');
    expect([e.code, e.position]).toEqual(['UNBOUNDED_INPUT', { line: 1, column: 28 }]);
    expect((await failure(s, 'SELECT key, count(*), ROW_NUMBER() OVER (ORDER BY key) FROM u GROUP BY key')).code).toBe('UNSUPPORTED');
    expect((await failure(s, 'SELECT RANK() OVER (ORDER BY id) FROM u')).message).toBe('RANK() OVER (…) is not supported; ROW_NUMBER() is');
  });
});
