/**
 * Oracle: materialized views over bounded inputs (DESIGN.md principle 3). A view maintains its
 * result as a changelog; once its inputs are exhausted, reading it must give the batch answer
 * of its definition, also for views over views. DuckDB gets plain views of the same queries.
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const VIEWS: readonly { name: string; laminar: string; duckdb?: string }[] = [
  {
    name: 'city_stats',
    laminar: 'SELECT city, COUNT(*) AS n, SUM(qty) AS s, MIN(name) AS mn, MAX(amount) AS mx, AVG(amount) AS a, COUNT(DISTINCT name) AS d FROM readings GROUP BY city',
  },
  {
    name: 'ohlc',
    laminar: 'SELECT symbol, FIRST_VALUE(price) AS o, MAX(price) AS h, MIN(price) AS l, LAST_VALUE(price) AS c, SUM(volume) AS v FROM trades GROUP BY symbol',
    duckdb: 'SELECT symbol, first(price ORDER BY ts) AS o, MAX(price) AS h, MIN(price) AS l, last(price ORDER BY ts) AS c, SUM(volume) AS v FROM trades GROUP BY symbol',
  },
  { name: 'size_histogram', laminar: 'SELECT n, COUNT(*) AS k FROM city_stats GROUP BY n' },
  { name: 'key_stats', laminar: 'SELECT key, MAX(ts) AS m, STDDEV_SAMP(value) AS sd, COUNT(*) AS n FROM seq GROUP BY key' },
  { name: 'city_flags', laminar: 'SELECT DISTINCT city, flag FROM readings' },
  { name: 'first_names', laminar: 'SELECT id, name FROM readings ORDER BY name, id LIMIT 10' },
  { name: 'positive_cities', laminar: 'SELECT city, s FROM city_stats WHERE s > 0' },
  { name: 'trade_seconds', laminar: "SELECT DATE_TRUNC('second', ts) AS sec, symbol, COUNT(*) AS n, SUM(price * volume) AS notional FROM trades GROUP BY 1, 2" },
  { name: 'busiest_second', laminar: 'SELECT symbol, MAX(n) AS peak, SUM(notional) / SUM(n) AS per_trade FROM trade_seconds GROUP BY symbol' },
];

const QUERIES: readonly OracleQuery[] = [
  ...VIEWS.map((v) => ({ name: `view ${v.name}`, laminar: `SELECT * FROM ${v.name}` })),
  { name: 'a filter over a view', laminar: 'SELECT city, n, a FROM city_stats WHERE n > 40' },
  { name: 'an aggregate over a view of a view', laminar: 'SELECT COUNT(*), SUM(peak), MAX(per_trade) FROM busiest_second' },
];

const SETUP = VIEWS.map((v) => ({
  laminar: `CREATE MATERIALIZED VIEW ${v.name} AS ${v.laminar}`,
  duckdb: `CREATE VIEW ${v.name} AS ${v.duckdb ?? v.laminar}`,
}));

oracleSuite('oracle: materialized views', { datasets: ['readings', 'trades', 'seq'], queries: QUERIES, setup: SETUP });
oracleSuite('oracle: materialized views (LaminarDB reading batches of 7 rows)', { datasets: ['readings', 'trades', 'seq'], queries: QUERIES, setup: SETUP, batchSize: 7 });
