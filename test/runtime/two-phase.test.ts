import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Scalar, Session } from '../../engine/index.js';
import { exactSum } from '../exec/exact-sum.js';
import { rows, session } from '../session/helpers.js';

/**
 * A complete GROUP BY over an input that only inserts runs in two phases on worker threads:
 * whole batches dealt to the workers, partial states merged on the session's thread. Its result
 * must be the one a single thread computes, bit for bit, also for DOUBLE sums.
 */
const BATCHES = 40;
const ROWS = 500;

/** Values spanning 16 orders of magnitude, so the order of plain additions shows in the sums. */
function valueOf(i: number): number {
  return ((i * 7919) % 1000) * 10 ** (((i * 31) % 5) * 4 - 3) * (i % 3 === 0 ? -1 : 1);
}

async function loaded(workers: number): Promise<Session> {
  const s = await session({ workers });
  await s.execute('CREATE SOURCE r (k INT NOT NULL, tag VARCHAR, x DOUBLE, n BIGINT NOT NULL)');
  for (let b = 0; b < BATCHES; b++) {
    const batch = Array.from({ length: ROWS }, (_, j) => {
      const i = b * ROWS + j;
      return { k: i % 7, tag: i % 11 === 0 ? null : `t${(i * 13) % 17}`, x: i % 23 === 0 ? null : valueOf(i), n: i };
    });
    await s.push('r', batch);
  }
  await s.end('r');
  return s;
}

const QUERIES = [
  'SELECT k, sum(x) AS s, avg(x) AS a, count(*) AS c, count(x) AS cx, min(x) AS lo, max(x) AS hi, sum(n) AS sn, min(tag) AS t0, max(tag) AS t1 FROM r GROUP BY k',
  'SELECT sum(x) AS s, avg(x) AS a, count(*) AS c, max(tag) AS t FROM r',
  'SELECT tag, sum(x * 3) AS s FROM r WHERE x > 0 GROUP BY tag',
];

describe('two-phase aggregation on worker threads', () => {
  it('gives the single-thread result, bit for bit, for 2 and 4 workers', async () => {
    const one = await loaded(1);
    const expected: Scalar[][][] = [];
    for (const q of QUERIES) expected.push(await rows(one, q));
    for (const workers of [2, 4]) {
      const s = await loaded(workers);
      for (const [i, q] of QUERIES.entries()) expect(await rows(s, q), `${workers} workers: ${q}`).toEqual(expected[i]);
      const plan = (await rows(s, `EXPLAIN ${QUERIES[0]!}`)).map((r) => r[0]);
      expect(plan).toContain('with worker threads, HashAggregate runs in two phases: each thread aggregates whole batches, their partial states are merged');
    }
  });

  it('the DOUBLE sums are exact where plain addition depends on the order', async () => {
    const values = Array.from({ length: BATCHES * ROWS }, (_, i) => i).filter((i) => i % 7 === 2 && i % 23 !== 0).map(valueOf);
    const forward = values.reduce((a, b) => a + b, 0);
    const backward = [...values].reverse().reduce((a, b) => a + b, 0);
    // The data is order-sensitive: a sum that depended on how rows were split would show it.
    expect(forward).not.toBe(backward);
    const s = await loaded(2);
    const [[sum]] = (await rows(s, 'SELECT sum(x) FROM r WHERE k = 2')) as [[number]];
    expect(sum).toBe(exactSum(values));
  });

  it('finishes when its input ends while the rings to the workers are full', async () => {
    // The coordinator deals batches faster than workers aggregate them, so the end (and the
    // epoch after it) often waits for room; it used to wait there forever once the input ended.
    const s = await session({ workers: 2 });
    await s.execute('CREATE SOURCE big (k INT NOT NULL, x DOUBLE NOT NULL)');
    const n = 8192;
    const k = Int32Array.from({ length: n }, (_, i) => i % 1000);
    const x = Float64Array.from({ length: n }, (_, i) => i / n);
    const batch = tableFromArrays({ k, x }).batches[0]!;
    for (let b = 0; b < 150; b++) await s.push('big', batch);
    await s.end('big');
    for (let round = 0; round < 30; round++) {
      const result = await rows(s, 'SELECT k, count(*) AS c, sum(x) AS s FROM big GROUP BY k');
      expect(result).toHaveLength(1000);
      expect(result[0]!.slice(0, 2)).toEqual([0, 150 * 9]);
    }
  }, 60_000);

  it('aggregates that do not split exactly stay sharded by key', async () => {
    const s = await loaded(2);
    const plan = (await rows(s, 'EXPLAIN SELECT k, var_samp(x), first_value(x), count(DISTINCT tag) FROM r GROUP BY k')).map((r) => r[0]);
    expect(plan).toContain('with worker threads, HashAggregate is sharded by key: each row goes to the thread its key hashes to');
    const one = await loaded(1);
    const q = 'SELECT k, var_samp(x) AS v, first_value(n) AS f, count(DISTINCT tag) AS d FROM r GROUP BY k';
    expect(await rows(s, q)).toEqual(await rows(one, q));
  });
});
