/**
 * Oracle: Top-N and deduplication, ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) filtered on
 * its rank, over bounded inputs, aggregates (which retract) and closed windows. Every ORDER BY
 * ends in a unique column, so the ranking is the same in both engines.
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const over = (inner: string, filter: string, columns = '*') => `SELECT ${columns} FROM (${inner}) r WHERE ${filter}`;

const RANKING: readonly OracleQuery[] = [
  {
    name: 'top 3 prices per symbol, with the rank',
    laminar: over('SELECT symbol, price, ts, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY price DESC, ts) AS rn FROM trades', 'rn <= 3'),
  },
  {
    name: 'top 5 volumes overall, rank not selected',
    laminar: over('SELECT symbol, volume, ts, ROW_NUMBER() OVER (ORDER BY volume DESC, ts) AS rn FROM trades', 'rn <= 5', 'symbol, volume, ts'),
  },
  {
    name: 'rn < 3 and another condition on the ranked rows',
    laminar: over('SELECT symbol, price, volume, ts, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY volume, ts DESC) AS rn FROM trades', 'rn < 3 AND price > 100', 'symbol, volume, ts, rn'),
  },
  {
    name: 'rank over a filtered input, partitioned by two columns',
    laminar: over(
      'SELECT city, flag, id, amount, ROW_NUMBER() OVER (PARTITION BY city, flag ORDER BY amount DESC NULLS LAST, id) AS rn FROM readings WHERE qty IS NOT NULL',
      'rn <= 2',
    ),
  },
  {
    name: 'deduplication: the first row per key (rn = 1, ORDER BY time)',
    laminar: over('SELECT key, id, value, ROW_NUMBER() OVER (PARTITION BY key ORDER BY ts, id) AS rn FROM seq', 'rn = 1', 'key, id, value'),
  },
  {
    name: 'deduplication: the last row per key (ORDER BY time DESC)',
    laminar: over('SELECT key, id, ts, ROW_NUMBER() OVER (PARTITION BY key ORDER BY ts DESC, id DESC) AS rn FROM seq', 'rn = 1', 'key, id, ts'),
  },
  {
    name: 'Nexmark: the highest bid per auction',
    laminar: over(
      'SELECT auction, bidder, price, date_time, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, date_time, bidder) AS rn FROM bids',
      'rn = 1',
      'auction, bidder, price',
    ),
  },
  {
    name: 'top 4 symbols by total volume: Top-N over an aggregate that updates',
    laminar: over(
      'SELECT symbol, total, ROW_NUMBER() OVER (ORDER BY total DESC, symbol) AS rn FROM (SELECT symbol, sum(volume) AS total FROM trades GROUP BY symbol) g',
      'rn <= 4',
    ),
  },
  {
    name: 'top 2 cities per flag by row count, over an aggregate with NULL keys',
    laminar: over(
      'SELECT flag, city, n, ROW_NUMBER() OVER (PARTITION BY flag ORDER BY n DESC, city NULLS FIRST) AS rn FROM (SELECT flag, city, count(*) AS n FROM readings GROUP BY flag, city) g',
      'rn <= 2',
    ),
  },
  {
    name: 'every rank of a finite input (no filter)',
    laminar: 'SELECT id, city, ROW_NUMBER() OVER (PARTITION BY city ORDER BY qty NULLS FIRST, id) AS rn FROM readings',
  },
];

const TOP_SYMBOLS_PER_MINUTE = {
  laminar:
    "SELECT window_start, symbol, sum(volume) AS v FROM trades GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), symbol EMIT ON WINDOW CLOSE",
  duckdb: "SELECT time_bucket(INTERVAL '1 minute', ts) AS window_start, symbol, sum(volume) AS v FROM trades GROUP BY 1, 2",
};

const WINDOWED_RANKING: readonly OracleQuery[] = [
  {
    name: 'top 2 symbols by volume in each 1-minute window',
    laminar: over(`SELECT window_start, symbol, v, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY v DESC, symbol) AS rn FROM (${TOP_SYMBOLS_PER_MINUTE.laminar}) w`, 'rn <= 2'),
    duckdb: over(`SELECT window_start, symbol, v, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY v DESC, symbol) AS rn FROM (${TOP_SYMBOLS_PER_MINUTE.duckdb}) w`, 'rn <= 2'),
  },
  {
    name: 'the busiest minute of each symbol (dedup over closed windows)',
    laminar: over(`SELECT symbol, window_start, v, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY v DESC, window_start) AS rn FROM (${TOP_SYMBOLS_PER_MINUTE.laminar}) w`, 'rn = 1', 'symbol, window_start, v'),
    duckdb: over(`SELECT symbol, window_start, v, ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY v DESC, window_start) AS rn FROM (${TOP_SYMBOLS_PER_MINUTE.duckdb}) w`, 'rn = 1', 'symbol, window_start, v'),
  },
];

oracleSuite('Top-N and deduplication', { datasets: ['trades', 'seq', 'readings', 'nexmark'], queries: RANKING });
oracleSuite('Top-N over windows', { datasets: ['trades_wm'], queries: WINDOWED_RANKING });
oracleSuite('Top-N with 7-row batches', { datasets: ['trades', 'seq', 'readings', 'nexmark'], queries: RANKING, batchSize: 7 });
