/**
 * Oracle: query structure — DISTINCT, CTEs, UNION [ALL], subqueries in FROM, ORDER BY with
 * LIMIT / OFFSET (row order compared where the sort keys are unique).
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const STRUCTURE: readonly OracleQuery[] = [
  { name: 'DISTINCT on one column with NULL', laminar: 'SELECT DISTINCT city FROM readings' },
  { name: 'DISTINCT on two columns', laminar: 'SELECT DISTINCT city, flag FROM readings' },
  { name: 'DISTINCT on an expression', laminar: 'SELECT DISTINCT LOWER(city), qty > 0 FROM readings' },
  {
    name: 'DISTINCT on generated rows',
    laminar: 'SELECT DISTINCT symbol, volume FROM trades WHERE volume > 700',
  },
  {
    name: 'two CTEs, the second reading the first',
    laminar:
      'WITH a AS (SELECT city, SUM(qty) AS s FROM readings GROUP BY city), b AS (SELECT city, s * 2 AS s2 FROM a WHERE s > 0) SELECT * FROM b',
  },
  {
    name: 'three CTEs with UNION ALL of a detail and a total',
    laminar:
      "WITH f AS (SELECT * FROM readings WHERE flag), g AS (SELECT city, COUNT(*) AS n, SUM(qty) AS s FROM f GROUP BY city), h AS (SELECT city, n FROM g WHERE n > 5 UNION ALL SELECT 'total', SUM(n) FROM g) SELECT * FROM h",
  },
  {
    name: 'a CTE reading two others',
    laminar:
      'WITH a AS (SELECT city, qty FROM readings WHERE qty IS NOT NULL), b AS (SELECT city, MAX(qty) AS m FROM a GROUP BY city), c AS (SELECT a.city, a.qty FROM a WHERE a.qty > 40 UNION ALL SELECT city, m FROM b) SELECT city, COUNT(*), MAX(qty) FROM c GROUP BY city',
  },
  {
    name: 'UNION removes duplicates, NULL included',
    laminar: 'SELECT city FROM readings WHERE qty > 40 UNION SELECT city FROM readings WHERE qty < -40',
  },
  {
    name: 'UNION ALL keeps duplicates',
    laminar: 'SELECT city FROM readings WHERE qty > 40 UNION ALL SELECT city FROM readings WHERE qty < -40',
  },
  {
    name: 'three-way UNION over two columns',
    laminar:
      'SELECT name, city FROM readings WHERE qty > 0 UNION SELECT name, city FROM readings WHERE qty < 0 UNION SELECT name, city FROM readings WHERE qty IS NULL',
  },
  {
    name: 'UNION of BOOLEAN-filtered halves',
    laminar: 'SELECT qty FROM readings WHERE flag UNION SELECT qty FROM readings WHERE NOT flag',
  },
  {
    name: 'UNION ALL of INT and BIGINT widens',
    laminar: 'SELECT qty FROM readings UNION ALL SELECT big FROM readings',
  },
  {
    name: 'UNION of INT and DOUBLE widens',
    laminar: 'SELECT qty FROM readings UNION SELECT amount FROM readings',
  },
  {
    name: 'UNION ALL with an untyped NULL column',
    laminar: 'SELECT city, qty FROM readings UNION ALL SELECT NULL, NULL',
  },
  {
    name: 'UNION ALL across sources',
    laminar:
      'SELECT symbol AS s, volume AS v FROM trades WHERE volume > 950 UNION ALL SELECT channel, CAST(price AS INT) FROM bids WHERE price < 200',
  },
  {
    name: 'a CTE read twice',
    laminar:
      'WITH c AS (SELECT city, COUNT(*) AS n FROM readings GROUP BY city) SELECT city, n FROM c WHERE n > 45 UNION ALL SELECT city, n FROM c WHERE n < 42',
  },
  {
    name: 'top-N in a subquery, aggregated',
    laminar:
      'SELECT COUNT(*), SUM(price), MIN(price) FROM (SELECT price FROM trades ORDER BY price DESC, ts LIMIT 100) t',
  },
  {
    name: 'case-insensitive and quoted identifiers, qualified names',
    laminar: 'SELECT ID, "id", Name, readings.qty FROM readings WHERE Id < 5',
  },
  {
    name: 'table and subquery aliases',
    laminar:
      "SELECT r.id, r.name FROM readings r WHERE r.id < 4 UNION ALL SELECT t.i, t.c FROM (SELECT id AS i, city AS c FROM readings) AS t WHERE t.c LIKE 'P%'",
  },
  {
    name: 'output aliases that swap column names',
    laminar: 'SELECT city AS qty, qty AS city FROM readings WHERE id < 10',
  },
  {
    name: 'subquery in FROM with a filter on its aggregate',
    laminar: 'SELECT c, n FROM (SELECT city AS c, COUNT(*) AS n FROM readings GROUP BY city) t WHERE n > 10',
  },
  {
    name: 'nested subqueries: a histogram of group sizes',
    laminar:
      'SELECT n, COUNT(*) FROM (SELECT city, COUNT(*) AS n FROM (SELECT * FROM readings WHERE qty > 0) x GROUP BY city) y GROUP BY n',
  },
  {
    name: 'aggregate over a DISTINCT subquery',
    laminar: 'SELECT COUNT(*), SUM(qty) FROM (SELECT DISTINCT qty, city FROM readings) t',
  },
  {
    name: 'GROUP BY a CASE computed in a subquery',
    laminar:
      "SELECT s, COUNT(*) FROM (SELECT CASE WHEN amount > 0 THEN 'pos' WHEN amount < 0 THEN 'neg' ELSE 'zero/null' END AS s FROM readings) t GROUP BY s",
  },
  {
    name: 'ORDER BY DESC with LIMIT and OFFSET',
    laminar: 'SELECT id, name FROM readings ORDER BY id DESC LIMIT 10 OFFSET 5',
    ordered: true,
  },
  {
    name: 'ORDER BY a nullable INT (NULLS LAST by default)',
    laminar: 'SELECT id, qty FROM readings ORDER BY qty, id LIMIT 40 OFFSET 270',
    ordered: true,
  },
  {
    name: 'ORDER BY DESC (NULLS LAST)',
    laminar: 'SELECT id, qty FROM readings ORDER BY qty DESC, id LIMIT 20',
    ordered: true,
  },
  {
    name: 'ORDER BY DESC NULLS FIRST',
    laminar: 'SELECT id, qty FROM readings ORDER BY qty DESC NULLS FIRST, id LIMIT 25',
    ordered: true,
  },
  {
    name: 'ORDER BY a DOUBLE NULLS FIRST with OFFSET',
    laminar: 'SELECT id, amount FROM readings ORDER BY amount NULLS FIRST, id LIMIT 30 OFFSET 90',
    ordered: true,
  },
  {
    name: 'ORDER BY unicode strings',
    laminar: 'SELECT id, name FROM readings ORDER BY name, id',
    ordered: true,
  },
  {
    name: 'ORDER BY strings DESC NULLS LAST with OFFSET',
    laminar: 'SELECT id, name FROM readings ORDER BY name DESC NULLS LAST, id LIMIT 40 OFFSET 60',
    ordered: true,
  },
  {
    name: 'ORDER BY timestamps',
    laminar: 'SELECT id, ts FROM readings ORDER BY ts DESC, id LIMIT 25',
    ordered: true,
  },
  {
    name: 'ORDER BY an alias and an ordinal',
    laminar: 'SELECT id, qty * 2 AS dbl FROM readings ORDER BY dbl DESC, 1 LIMIT 12',
    ordered: true,
  },
  {
    name: 'ORDER BY an expression not selected',
    laminar: 'SELECT id, name FROM readings ORDER BY LENGTH(name) DESC, id LIMIT 12',
    ordered: true,
  },
  {
    name: 'ORDER BY EXTRACT with OFFSET',
    laminar:
      'SELECT id, ts FROM readings WHERE ts IS NOT NULL ORDER BY EXTRACT(hour FROM ts), id LIMIT 20 OFFSET 10',
    ordered: true,
  },
  {
    name: 'ORDER BY an aggregate alias',
    laminar: 'SELECT city, SUM(qty) AS s FROM readings GROUP BY city ORDER BY s DESC NULLS LAST, city',
    ordered: true,
  },
  {
    name: 'ORDER BY ordinals of a grouped query',
    laminar: 'SELECT city, COUNT(*) FROM readings GROUP BY city ORDER BY 2 DESC, 1 NULLS FIRST',
    ordered: true,
  },
  {
    name: 'ORDER BY over a subquery',
    laminar:
      'SELECT city, n FROM (SELECT city, COUNT(*) AS n FROM readings GROUP BY city) t ORDER BY n DESC, city LIMIT 5',
    ordered: true,
  },
  {
    name: 'DISTINCT with ORDER BY',
    laminar: 'SELECT DISTINCT city FROM readings ORDER BY city DESC',
    ordered: true,
  },
  {
    name: 'UNION with ORDER BY and LIMIT',
    laminar: 'SELECT qty FROM readings UNION SELECT qty * 10 FROM readings ORDER BY qty DESC LIMIT 10',
    ordered: true,
  },
  { name: 'trades: latest rows', laminar: 'SELECT * FROM trades ORDER BY ts DESC LIMIT 15', ordered: true },
  {
    name: 'trades: ORDER BY price then time, OFFSET',
    laminar: 'SELECT symbol, price, ts FROM trades ORDER BY price DESC, ts LIMIT 10 OFFSET 3',
    ordered: true,
  },
  {
    name: 'bids: top bidders',
    laminar: 'SELECT bidder, SUM(price) FROM bids GROUP BY bidder ORDER BY SUM(price) DESC, bidder LIMIT 10',
    ordered: true,
  },
  { name: 'LIMIT 0', laminar: 'SELECT symbol FROM trades GROUP BY symbol ORDER BY symbol LIMIT 0' },
  {
    name: 'OFFSET past the end',
    laminar: 'SELECT symbol, volume FROM trades ORDER BY ts LIMIT 5 OFFSET 100000',
  },
  { name: 'table: ORDER BY the primary key', laminar: 'SELECT * FROM accounts ORDER BY id', ordered: true },
];

oracleSuite('oracle: query structure', {
  datasets: ['readings', 'trades', 'nexmark', 'accounts'],
  queries: STRUCTURE,
});
oracleSuite('oracle: query structure (LaminarDB reading batches of 61 rows)', {
  datasets: ['readings', 'trades', 'nexmark', 'accounts'],
  queries: STRUCTURE,
  batchSize: 61,
});
