import { describe, expect, it } from 'vitest';
import { open, type JsValue } from '../../engine/index.js';

const SOURCE = `CREATE SOURCE t FROM GENERATOR (kind = 'trades', seed = 5, events = 3000, symbols = 9, out_of_order = '2 seconds');`;

/** Each query, and how many leading columns identify the key its changes belong to. */
const QUERIES: readonly [name: string, sql: string, keyColumns: number][] = [
  ['GROUP BY', 'SELECT symbol, count(*) AS n, sum(volume) AS v, max(price) AS hi FROM t GROUP BY symbol', 1],
  [
    'TUMBLE window, EMIT CHANGES',
    "SELECT symbol, window_start, count(*) AS n, min(price) AS lo FROM t GROUP BY symbol, TUMBLE(ts, INTERVAL '1' SECOND) EMIT CHANGES",
    2,
  ],
  ['self join on the symbol, within 100 ms', "SELECT a.symbol, count(*) AS n FROM t a JOIN t b ON a.symbol = b.symbol AND b.ts BETWEEN a.ts - INTERVAL '100' MILLISECOND AND a.ts GROUP BY a.symbol", 1],
  ['Top-2 per symbol', 'SELECT symbol, price FROM (SELECT symbol, price, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY price DESC) AS rn FROM t) WHERE rn <= 2', 1],
];

/** Every change, as `op|values`, grouped by key. */
async function changesByKey(sql: string, keyColumns: number, workers: number, batchSize: number): Promise<Map<string, string[]>> {
  const s = await open({ workers, batchSize });
  try {
    const results = await s.execute(SOURCE + sql, { subscribe: true, changes: 'row' });
    const last = results[results.length - 1];
    if (last?.kind !== 'subscription') throw new Error('expected a subscription');
    const byKey = new Map<string, string[]>();
    for await (const change of last.subscription) {
      const ops = change.ops();
      change.rows().forEach((row: JsValue[], i) => {
        const key = JSON.stringify(row.slice(0, keyColumns));
        const list = byKey.get(key) ?? [];
        list.push(`${ops[i]}|${JSON.stringify(row)}`);
        byKey.set(key, list);
      });
    }
    return byKey;
  } finally {
    await s.close();
  }
}

describe('determinism across worker counts and batch sizes', () => {
  for (const [name, sql, keyColumns] of QUERIES) {
    it(`${name}: each key's changes are the same, in the same order`, async () => {
      const reference = await changesByKey(sql, keyColumns, 1, 8192);
      expect(reference.size).toBeGreaterThan(5);
      for (const [workers, batchSize] of [
        [1, 7],
        [2, 8192],
        [2, 7],
        [4, 100],
      ] as const) {
        const got = await changesByKey(sql, keyColumns, workers, batchSize);
        expect([...got.keys()].sort(), `${workers} workers, batches of ${batchSize}`).toEqual([...reference.keys()].sort());
        for (const [key, changes] of reference) expect(got.get(key), `key ${key}: ${workers} workers, batches of ${batchSize}`).toEqual(changes);
      }
    });
  }
});
