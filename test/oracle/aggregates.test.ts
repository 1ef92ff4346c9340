/**
 * Oracle: GROUP BY and aggregates — NULL inputs and NULL group keys, DISTINCT and FILTER,
 * HAVING, ordinals and expressions, empty input, many groups. LaminarDB's FIRST_VALUE /
 * LAST_VALUE follow arrival order; DuckDB is asked for first(x ORDER BY <arrival key>).
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const AGGREGATES: readonly OracleQuery[] = [
  {
    name: 'COUNT(*), COUNT(x), COUNT(DISTINCT), SUM, AVG, MIN, MAX per group with a NULL key',
    laminar:
      'SELECT city, COUNT(*), COUNT(qty), COUNT(DISTINCT name), SUM(qty), AVG(amount), MIN(name), MAX(name), MIN(ts), MAX(ts), SUM(big) FROM readings GROUP BY city',
  },
  {
    name: 'STDDEV_SAMP / STDDEV_POP / VAR_SAMP / VAR_POP per group (groups of 0, 1, n values)',
    laminar:
      'SELECT city, flag, STDDEV_SAMP(amount), STDDEV_POP(amount), VAR_SAMP(qty), VAR_POP(qty) FROM readings GROUP BY city, flag',
  },
  {
    name: 'every aggregate with FILTER (WHERE …)',
    laminar:
      "SELECT flag, COUNT(*) FILTER (WHERE qty > 0), COUNT(qty) FILTER (WHERE amount < 0), SUM(amount) FILTER (WHERE qty IS NULL), AVG(qty) FILTER (WHERE name LIKE '%a%'), MIN(amount) FILTER (WHERE flag), MAX(name) FILTER (WHERE qty < 0), COUNT(DISTINCT city) FILTER (WHERE qty IS NOT NULL), STDDEV_SAMP(amount) FILTER (WHERE qty > 0), STDDEV_POP(amount) FILTER (WHERE qty > 0), VAR_SAMP(amount) FILTER (WHERE qty > 0), VAR_POP(amount) FILTER (WHERE qty > 0) FROM readings GROUP BY flag",
  },
  {
    name: 'FILTER (WHERE <varchar> IS NULL)',
    laminar:
      'SELECT flag, COUNT(*) FILTER (WHERE city IS NULL), SUM(amount) FILTER (WHERE city IS NULL), COUNT(*) FILTER (WHERE name IS NOT NULL) FROM readings GROUP BY flag',
  },
  {
    name: 'SUM / COUNT / AVG (DISTINCT) on INT',
    laminar:
      'SELECT SUM(DISTINCT qty), COUNT(DISTINCT qty), AVG(DISTINCT qty), SUM(qty), COUNT(qty), COUNT(*) FROM readings',
  },
  {
    name: 'DISTINCT aggregates on DOUBLE, BOOLEAN, TIMESTAMP, VARCHAR',
    laminar:
      'SELECT COUNT(DISTINCT amount), SUM(DISTINCT amount), AVG(DISTINCT amount), COUNT(DISTINCT flag), COUNT(DISTINCT ts), COUNT(DISTINCT city) FROM readings',
  },
  {
    name: 'global aggregates over empty input',
    laminar:
      'SELECT COUNT(*), COUNT(qty), SUM(qty), AVG(amount), MIN(name), MAX(ts), STDDEV_SAMP(amount), VAR_POP(amount), COUNT(DISTINCT city), SUM(DISTINCT qty) FROM readings WHERE false',
  },
  {
    name: 'grouped aggregates over empty input have no rows',
    laminar: 'SELECT city, COUNT(*) FROM readings WHERE id > 10000 GROUP BY city',
  },
  { name: 'NULL group key: INT', laminar: 'SELECT qty, COUNT(*), SUM(amount) FROM readings GROUP BY qty' },
  { name: 'NULL group key: BIGINT', laminar: 'SELECT big, COUNT(*) FROM readings GROUP BY big' },
  { name: 'NULL group key: TIMESTAMP', laminar: 'SELECT ts, COUNT(*), MIN(id) FROM readings GROUP BY ts' },
  { name: 'NULL group key: DOUBLE', laminar: 'SELECT amount, COUNT(*) FROM readings GROUP BY amount' },
  {
    name: 'NULL group keys: BOOLEAN × VARCHAR',
    laminar: 'SELECT flag, city, COUNT(*), COUNT(city), COUNT(flag) FROM readings GROUP BY flag, city',
  },
  {
    name: 'GROUP BY COALESCE of a VARCHAR',
    laminar: "SELECT COALESCE(city, '?') AS c, COUNT(*) FROM readings GROUP BY COALESCE(city, '?')",
  },
  {
    name: 'GROUP BY an expression',
    laminar: 'SELECT qty % 3, COUNT(*), SUM(amount) FROM readings GROUP BY qty % 3',
  },
  {
    name: 'GROUP BY an ordinal, HAVING COUNT',
    laminar: 'SELECT city, COUNT(*) AS n FROM readings GROUP BY 1 HAVING COUNT(*) > 40',
  },
  {
    name: 'GROUP BY a function, HAVING on aggregates',
    laminar:
      'SELECT LOWER(city) AS c, SUM(qty) FROM readings GROUP BY LOWER(city) HAVING SUM(qty) IS NOT NULL AND MIN(qty) < 0',
  },
  {
    name: 'HAVING on aggregates not selected',
    laminar:
      'SELECT city FROM readings GROUP BY city HAVING AVG(amount) > -100 AND COUNT(DISTINCT name) > 15',
  },
  {
    name: 'totals: AVG of INT, SUM of BIGINT, SUM of a cast',
    laminar:
      'SELECT AVG(qty), SUM(qty), SUM(amount), SUM(big), AVG(big), MIN(qty), MAX(big), SUM(CAST(flag AS INT)), SUM(big) FILTER (WHERE big > 0) FROM readings',
  },
  {
    name: 'trades: per-symbol statistics',
    laminar:
      'SELECT symbol, COUNT(*), SUM(volume), AVG(price), MIN(price), MAX(price), STDDEV_SAMP(price), STDDEV_POP(price), VAR_SAMP(price), VAR_POP(price) FROM trades GROUP BY symbol',
  },
  {
    name: 'trades: VWAP with HAVING',
    laminar:
      'SELECT symbol, SUM(price * volume) / SUM(volume) AS vwap FROM trades GROUP BY symbol HAVING SUM(volume) > 100000',
  },
  {
    name: 'trades: COUNT / SUM (DISTINCT)',
    laminar:
      'SELECT symbol, COUNT(DISTINCT volume), SUM(DISTINCT volume), COUNT(DISTINCT price) FROM trades GROUP BY symbol',
  },
  {
    name: 'trades: GROUP BY ROUND(price, 1)',
    laminar:
      'SELECT symbol, ROUND(price, 1), ROUND(AVG(price), 2), COUNT(*) FROM trades GROUP BY symbol, ROUND(price, 1)',
  },
  {
    name: 'trades: integer buckets',
    laminar:
      'SELECT volume // 100 AS bucket, COUNT(*), SUM(volume), MIN(volume), MAX(volume) FROM trades GROUP BY volume // 100',
  },
  {
    name: 'trades: conditional counts',
    laminar:
      'SELECT symbol, COUNT(*) FILTER (WHERE volume >= 100 AND volume < 200) AS small, COUNT(*) FILTER (WHERE volume >= 500) AS big FROM trades GROUP BY symbol',
  },
  {
    name: 'seq: per-key moments',
    laminar:
      'SELECT key, SUM(value), AVG(value), STDDEV_SAMP(value), VAR_SAMP(value), STDDEV_POP(value), VAR_POP(value) FROM seq GROUP BY key',
  },
  {
    name: 'seq: two expression keys with HAVING',
    laminar: 'SELECT id % 10 AS d, key, COUNT(*) FROM seq GROUP BY id % 10, key HAVING COUNT(*) > 70',
  },
  {
    name: 'bids: 5000 groups of (bidder, auction)',
    laminar:
      'SELECT bidder, auction, COUNT(*), SUM(price), MAX(date_time) FROM bids GROUP BY bidder, auction',
  },
  {
    name: 'bids: DISTINCT counts and SUM(DISTINCT) FILTER per auction',
    laminar:
      'SELECT auction, COUNT(DISTINCT bidder), COUNT(DISTINCT channel), SUM(DISTINCT price) FILTER (WHERE price < 10000) FROM bids GROUP BY auction',
  },
  {
    name: 'bids: global',
    laminar:
      'SELECT COUNT(*), COUNT(DISTINCT auction), COUNT(DISTINCT bidder), SUM(price), AVG(price), STDDEV_POP(price), VAR_SAMP(price), MIN(url), MAX(extra) FROM bids',
  },
  {
    name: 'bids: HAVING COUNT',
    laminar:
      'SELECT auction, COUNT(*), MAX(price), MIN(date_time) FROM bids GROUP BY auction HAVING COUNT(*) >= 20',
  },
  {
    name: 'auctions: MAX of an interval',
    laminar:
      'SELECT category, COUNT(*), AVG(reserve), MAX(expires - date_time), MIN(expires - date_time) FROM auctions GROUP BY category',
  },
  {
    name: 'auctions: HAVING on two aggregates',
    laminar:
      'SELECT seller, COUNT(*) AS n, AVG(initial_bid) FROM auctions GROUP BY seller HAVING COUNT(*) > 3 AND AVG(initial_bid) > 100',
  },
  {
    name: 'persons: two string keys',
    laminar: 'SELECT state, city, COUNT(*) FROM persons GROUP BY state, city',
  },
  {
    name: 'table: GROUP BY over an upserted table',
    laminar: 'SELECT owner, SUM(balance), COUNT(*), SUM(credit), MAX(opened) FROM accounts GROUP BY owner',
  },
  {
    name: 'expressions over aggregates and group keys',
    laminar:
      "SELECT city || '!', UPPER(city), SUM(qty) * 2 + COUNT(*), CASE WHEN COUNT(*) > 45 THEN 'many' ELSE 'few' END, ROUND(AVG(amount), 2), MAX(qty) - MIN(qty), COUNT(*) - COUNT(qty) FROM readings GROUP BY city",
  },
  {
    name: 'DISTINCT aggregates over expressions',
    laminar:
      'SELECT COUNT(DISTINCT qty % 5), SUM(DISTINCT qty // 10), COUNT(DISTINCT LOWER(city)), COUNT(DISTINCT CASE WHEN flag THEN city END) FROM readings',
  },
  { name: 'HAVING without GROUP BY', laminar: 'SELECT COUNT(*), SUM(qty) FROM readings HAVING COUNT(*) > 5' },
  {
    name: 'HAVING without GROUP BY removes the only row',
    laminar: 'SELECT COUNT(*) FROM readings HAVING COUNT(*) > 5000',
  },
  { name: 'GROUP BY without aggregates', laminar: 'SELECT city, flag FROM readings GROUP BY city, flag' },
  {
    name: 'MIN / MAX of BOOLEAN',
    laminar: 'SELECT city, MIN(flag), MAX(flag), COUNT(DISTINCT flag) FROM readings GROUP BY city',
  },
  {
    name: 'a ratio of a filtered and an unfiltered aggregate',
    laminar: 'SELECT symbol, AVG(price) FILTER (WHERE volume > 100) / AVG(price) FROM trades GROUP BY symbol',
  },
  {
    name: 'FIRST_VALUE / LAST_VALUE in arrival order (seq)',
    laminar:
      'SELECT key, COUNT(*), FIRST_VALUE(value), LAST_VALUE(value), FIRST_VALUE(ts), LAST_VALUE(id) FROM seq GROUP BY key',
    duckdb:
      'SELECT key, COUNT(*), first(value ORDER BY id), last(value ORDER BY id), first(ts ORDER BY id), last(id ORDER BY id) FROM seq GROUP BY key',
  },
  {
    name: 'FIRST_VALUE / LAST_VALUE keep NULLs (file order)',
    laminar:
      'SELECT city, FIRST_VALUE(qty), LAST_VALUE(name), FIRST_VALUE(ts), LAST_VALUE(amount), COUNT(*) FROM readings GROUP BY city',
    duckdb:
      'SELECT city, first(qty ORDER BY id), last(name ORDER BY id), first(ts ORDER BY id), last(amount ORDER BY id), COUNT(*) FROM readings GROUP BY city',
  },
  {
    name: 'trades: open / high / low / close per second',
    laminar:
      "SELECT DATE_TRUNC('second', ts) AS s, symbol, FIRST_VALUE(price), MAX(price), MIN(price), LAST_VALUE(price), SUM(volume) FROM trades GROUP BY 1, 2",
    duckdb:
      "SELECT DATE_TRUNC('second', ts) AS s, symbol, first(price ORDER BY ts), MAX(price), MIN(price), last(price ORDER BY ts), SUM(volume) FROM trades GROUP BY 1, 2",
  },
  {
    name: 'bids: FIRST_VALUE / LAST_VALUE per auction',
    laminar: 'SELECT auction, FIRST_VALUE(bidder), LAST_VALUE(price) FROM bids GROUP BY auction',
    duckdb:
      'SELECT auction, first(bidder ORDER BY date_time), last(price ORDER BY date_time) FROM bids GROUP BY auction',
  },
];

oracleSuite('oracle: aggregates', {
  datasets: ['readings', 'trades', 'seq', 'nexmark', 'accounts'],
  queries: AGGREGATES,
});
oracleSuite('oracle: aggregates (LaminarDB reading batches of 61 rows)', {
  datasets: ['readings', 'trades', 'seq', 'nexmark', 'accounts'],
  queries: AGGREGATES,
  batchSize: 61,
});
