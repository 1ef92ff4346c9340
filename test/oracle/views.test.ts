/**
 * Oracle: materialized views over bounded inputs (DESIGN.md principle 3) and tables filled by
 * INSERT … SELECT. A view maintains its result as a changelog; once its inputs are exhausted,
 * reading it must give the batch answer of its definition, also for views over views and for a
 * view over a table that changes after the view was created. DuckDB gets plain views of the
 * same queries.
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const VIEWS: readonly { name: string; laminar: string; duckdb?: string }[] = [
  {
    name: 'city_stats',
    laminar:
      'SELECT city, COUNT(*) AS n, SUM(qty) AS s, MIN(name) AS mn, MAX(amount) AS mx, AVG(amount) AS a, COUNT(DISTINCT name) AS d FROM readings GROUP BY city',
  },
  {
    name: 'ohlc',
    laminar:
      'SELECT symbol, FIRST_VALUE(price) AS o, MAX(price) AS h, MIN(price) AS l, LAST_VALUE(price) AS c, SUM(volume) AS v FROM trades GROUP BY symbol',
    duckdb:
      'SELECT symbol, first(price ORDER BY ts) AS o, MAX(price) AS h, MIN(price) AS l, last(price ORDER BY ts) AS c, SUM(volume) AS v FROM trades GROUP BY symbol',
  },
  { name: 'size_histogram', laminar: 'SELECT n, COUNT(*) AS k FROM city_stats GROUP BY n' },
  {
    name: 'key_stats',
    laminar: 'SELECT key, MAX(ts) AS m, STDDEV_SAMP(value) AS sd, COUNT(*) AS n FROM seq GROUP BY key',
  },
  { name: 'city_flags', laminar: 'SELECT DISTINCT city, flag FROM readings' },
  { name: 'first_names', laminar: 'SELECT id, name FROM readings ORDER BY name, id LIMIT 10' },
  { name: 'positive_cities', laminar: 'SELECT city, s FROM city_stats WHERE s > 0' },
  {
    name: 'trade_seconds',
    laminar:
      "SELECT DATE_TRUNC('second', ts) AS sec, symbol, COUNT(*) AS n, SUM(price * volume) AS notional FROM trades GROUP BY 1, 2",
  },
  {
    name: 'busiest_second',
    laminar:
      'SELECT symbol, MAX(n) AS peak, SUM(notional) / SUM(n) AS per_trade FROM trade_seconds GROUP BY symbol',
  },
];

/** Tables filled from queries; LaminarDB's INSERT into a keyed table upserts (DuckDB: OR REPLACE). */
const TABLES: readonly { laminar: string; duckdb?: string }[] = [
  { laminar: 'CREATE TABLE sym_stats (symbol VARCHAR PRIMARY KEY, n BIGINT, vwap DOUBLE)' },
  {
    laminar:
      'INSERT INTO sym_stats SELECT symbol, COUNT(*), SUM(price * volume) / SUM(volume) FROM trades GROUP BY symbol',
  },
  {
    laminar:
      "INSERT INTO sym_stats SELECT symbol, MAX(volume), MIN(price) FROM trades WHERE volume > 500 AND symbol < 'J' GROUP BY symbol",
    duckdb:
      "INSERT OR REPLACE INTO sym_stats SELECT symbol, MAX(volume), MIN(price) FROM trades WHERE volume > 500 AND symbol < 'J' GROUP BY symbol",
  },
  { laminar: 'CREATE TABLE big_trades (symbol VARCHAR, volume INT, ts TIMESTAMP)' },
  {
    laminar:
      'INSERT INTO big_trades (volume, ts, symbol) SELECT volume, ts, symbol FROM trades WHERE volume > 900',
  },
  {
    laminar:
      'CREATE MATERIALIZED VIEW big_counts AS SELECT symbol, COUNT(*) AS n, MAX(ts) AS last_ts FROM big_trades GROUP BY symbol',
    duckdb:
      'CREATE VIEW big_counts AS SELECT symbol, COUNT(*) AS n, MAX(ts) AS last_ts FROM big_trades GROUP BY symbol',
  },
  {
    laminar:
      "INSERT INTO big_trades SELECT symbol, volume, ts FROM trades WHERE volume BETWEEN 850 AND 900 AND symbol <> 'AAPL'",
  },
  { laminar: "INSERT INTO big_trades VALUES ('ZZZ', 1, TIMESTAMP '2030-01-01 00:00:00')" },
];

const QUERIES: readonly OracleQuery[] = [
  ...VIEWS.map((v) => ({ name: `view ${v.name}`, laminar: `SELECT * FROM ${v.name}` })),
  { name: 'table filled by INSERT … SELECT, then upserted', laminar: 'SELECT * FROM sym_stats' },
  {
    name: 'table filled by INSERT … SELECT with a column list',
    laminar: 'SELECT symbol, COUNT(*), SUM(volume), MIN(ts) FROM big_trades GROUP BY symbol',
  },
  { name: 'view over a table that changed after the view was created', laminar: 'SELECT * FROM big_counts' },
  { name: 'a filter over a view', laminar: 'SELECT city, n, a FROM city_stats WHERE n > 40' },
  {
    name: 'an aggregate over a view of a view',
    laminar: 'SELECT COUNT(*), SUM(peak), MAX(per_trade) FROM busiest_second',
  },
];

const SETUP = [
  ...VIEWS.map((v) => ({
    laminar: `CREATE MATERIALIZED VIEW ${v.name} AS ${v.laminar}`,
    duckdb: `CREATE VIEW ${v.name} AS ${v.duckdb ?? v.laminar}`,
  })),
  ...TABLES.map((t) => ({
    laminar: t.laminar,
    duckdb: t.duckdb ?? t.laminar.replace(/ INT,/g, ' INTEGER,'),
  })),
];

oracleSuite('oracle: materialized views', {
  datasets: ['readings', 'trades', 'seq'],
  queries: QUERIES,
  setup: SETUP,
});
oracleSuite('oracle: materialized views (LaminarDB reading batches of 7 rows)', {
  datasets: ['readings', 'trades', 'seq'],
  queries: QUERIES,
  setup: SETUP,
  batchSize: 7,
});
