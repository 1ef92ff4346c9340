/**
 * Event-time windows do not depend on batch sizes (DESIGN.md principle 4): with
 * `changes: 'row'` the changelog of a windowed query, every change in order, is the same
 * whatever the rows per source batch (generators and files: the session's batchSize) or per
 * push() (push sources). docs/decisions/changelogs-and-query-modes.md promises this of 'row'.
 * Watermarks advance between batches, so this is what per-row watermarks are for; EMIT EVERY
 * and EMIT ON WINDOW CLOSE emit as event time passes, which must not depend on where batches
 * end either. (windows.test.ts checks the answers against DuckDB.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLICKS, feedSource, type LiveSource } from './datasets.js';
import { runLaminarChangelog } from './laminar.js';
import { openOracle, type Oracle } from './oracle.js';

const BATCH_SIZES = [8192, 7] as const;

/** Each query's partition key: the columns (by index) of the key its changes belong to. */
const GENERATED_AND_FILE: readonly { name: string; sql: string; key: readonly number[] }[] = [
  {
    name: 'TUMBLE per symbol, EMIT CHANGES',
    sql: "SELECT window_start, symbol, count(*), sum(volume), max(price) FROM trades GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), symbol EMIT CHANGES",
    key: [1],
  },
  {
    name: 'TUMBLE per symbol, EMIT EVERY 10 s',
    sql: "SELECT window_start, symbol, count(*), avg(price) FROM trades GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), symbol EMIT EVERY INTERVAL '10' SECOND",
    key: [1],
  },
  {
    name: 'HOP over the CSV file, EMIT ON WINDOW CLOSE',
    sql: "SELECT window_start, window_end, sensor, count(*), avg(temp) FROM meter GROUP BY HOP(ts, INTERVAL '2' MINUTE, INTERVAL '5' MINUTE), sensor EMIT ON WINDOW CLOSE",
    key: [2],
  },
  {
    name: 'SESSION over big trades, EMIT CHANGES',
    sql: "SELECT window_start, window_end, symbol, count(*), sum(volume) FROM trades WHERE volume > 900 GROUP BY SESSION(ts, INTERVAL '20' SECOND), symbol EMIT CHANGES",
    key: [2],
  },
  {
    name: 'SESSION over the CSV file, EMIT EVERY 1 minute',
    sql: "SELECT window_start, window_end, sensor, count(*), min(temp) FROM meter GROUP BY SESSION(ts, INTERVAL '60' SECOND), sensor EMIT EVERY INTERVAL '1' MINUTE",
    key: [2],
  },
];

describe('oracle: windowed changelogs do not depend on batch sizes', () => {
  const oracles = new Map<number, Oracle>();
  beforeAll(async () => {
    for (const size of BATCH_SIZES) oracles.set(size, await openOracle(['trades_wm', 'meter'], size));
  });
  afterAll(async () => {
    for (const o of oracles.values()) await o.close();
  });

  for (const q of GENERATED_AND_FILE) {
    it(`${q.name}: batches of ${BATCH_SIZES.join(' and ')} rows`, async () => {
      const logs = [];
      for (const size of BATCH_SIZES) {
        const log = await runLaminarChangelog(oracles.get(size)!.session, q.sql);
        expect(log.problems, q.sql).toEqual([]);
        logs.push(log.changes);
      }
      expect(logs[0]!.length).toBeGreaterThan(0);
      expectSameChanges(logs[0]!, logs[1]!, q.key, oracles.get(BATCH_SIZES[0])!.session.workers, q.sql);
    });
  }

  /** The clicks pushed one row at a time, and in batches of 1000 rows. */
  const PUSHED: readonly LiveSource[] = [
    { ...CLICKS, name: 'clicks_by_1', sizes: [1] },
    { ...CLICKS, name: 'clicks_by_1000', sizes: [1000] },
  ];
  const PUSH_QUERIES: readonly { name: string; sql: (source: string) => string; key: readonly number[] }[] = [
    {
      name: 'SESSION per user, EMIT CHANGES',
      sql: (s) =>
        `SELECT window_start, window_end, user_id, count(*), count(DISTINCT page), last_value(page) FROM ${s} GROUP BY SESSION(ts, INTERVAL '5' SECOND), user_id EMIT CHANGES`,
      key: [2],
    },
    {
      name: 'TUMBLE per page, EMIT EVERY 30 s',
      sql: (s) =>
        `SELECT window_start, page, count(*), sum(dur) FROM ${s} GROUP BY TUMBLE(ts, INTERVAL '2' MINUTE), page EMIT EVERY INTERVAL '30' SECOND`,
      key: [1],
    },
    {
      name: 'HOP per user, EMIT ON WINDOW CLOSE',
      sql: (s) =>
        `SELECT window_start, user_id, count(*) FROM ${s} GROUP BY HOP(ts, INTERVAL '20' SECOND, INTERVAL '1' MINUTE), user_id EMIT ON WINDOW CLOSE`,
      key: [1],
    },
  ];
  for (const q of PUSH_QUERIES) {
    it(`push source: ${q.name}: pushes of 1 and 1000 rows`, async () => {
      const o = oracles.get(BATCH_SIZES[0])!;
      const logs = [];
      for (const source of PUSHED) {
        await o.session.execute(source.create(source.name));
        const sql = q.sql(source.name);
        const log = await runLaminarChangelog(o.session, sql, {
          feed: () => feedSource(o.session, source.name, source),
        });
        expect(log.problems, sql).toEqual([]);
        logs.push(log.changes);
      }
      expect(logs[0]!.length).toBeGreaterThan(0);
      expectSameChanges(logs[0]!, logs[1]!, q.key, o.session.workers, q.sql('clicks'));
    });
  }
});

/**
 * Each key's changes are the same, in the same order; on one worker thread the whole changelog
 * is (with several, how keys interleave follows the batches each worker got).
 */
function expectSameChanges(a: readonly string[], b: readonly string[], key: readonly number[], workers: number, sql: string): void {
  if (workers === 1) expect(firstDifference(a, b), sql).toBe(null);
  const byKey = (changes: readonly string[]) => {
    const groups = new Map<string, string[]>();
    for (const change of changes) {
      const row = JSON.parse(change.slice(change.indexOf(' ') + 1)) as unknown[];
      const k = JSON.stringify(key.map((c) => row[c]));
      const list = groups.get(k) ?? [];
      list.push(change);
      groups.set(k, list);
    }
    return groups;
  };
  const [x, y] = [byKey(a), byKey(b)];
  expect([...y.keys()].sort(), sql).toEqual([...x.keys()].sort());
  for (const [k, changes] of x) expect(firstDifference(changes, y.get(k)!), `${sql}, key ${k}`).toBe(null);
}

function firstDifference(a: readonly string[], b: readonly string[]): string | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `change ${i + 1} of ${a.length} / ${b.length}: ${a[i] ?? '(none)'} vs ${b[i] ?? '(none)'}`;
  }
  return null;
}
