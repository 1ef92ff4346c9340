/** Oracle: filters and predicates — comparisons, three-valued logic, IS NULL, BETWEEN, IN, LIKE. */
import { oracleSuite, type OracleQuery } from './harness.js';

const FILTERS: readonly OracleQuery[] = [
  {
    name: 'comparisons on a DOUBLE and an INT column',
    laminar: 'SELECT id, qty, amount FROM readings WHERE amount > 0 AND qty < 10',
  },
  {
    name: 'AND / OR / NOT / = over NULLs (three-valued logic)',
    laminar:
      'SELECT id, qty > 0 AND flag, qty > 0 OR flag, NOT flag, NOT (qty > 0 AND flag), (qty > 0) OR NULL, (qty > 0) AND NULL, (qty > 0) = flag, (qty > 0) <> flag FROM readings',
  },
  {
    name: 'NOT over OR in WHERE drops unknown rows',
    laminar: 'SELECT id FROM readings WHERE NOT (qty > 0 OR flag)',
  },
  {
    name: 'IS [NOT] NULL on INT, DOUBLE, BOOLEAN, TIMESTAMP, BIGINT',
    laminar:
      'SELECT id, qty IS NULL, amount IS NOT NULL, flag IS NULL, ts IS NOT NULL, big IS NULL FROM readings',
  },
  {
    name: 'IS NULL in WHERE on non-string columns',
    laminar: 'SELECT id FROM readings WHERE qty IS NULL AND ts IS NOT NULL',
  },
  {
    name: 'IS NOT NULL in WHERE on a VARCHAR column',
    laminar: 'SELECT id FROM readings WHERE city IS NOT NULL AND name IS NOT NULL',
  },
  {
    name: 'IS [NOT] NULL on a VARCHAR column',
    laminar: 'SELECT id, owner IS NULL, owner IS NOT NULL, NOT (owner IS NULL) FROM accounts',
  },
  {
    name: 'IS NULL in WHERE on VARCHAR columns',
    laminar: 'SELECT id FROM readings WHERE city IS NULL OR name IS NULL',
  },
  {
    name: 'BETWEEN and NOT BETWEEN on INT, DOUBLE, TIMESTAMP',
    laminar:
      "SELECT id, qty BETWEEN -5 AND 5, amount NOT BETWEEN -100 AND 100, ts BETWEEN TIMESTAMP '2024-01-01 00:00:00' AND TIMESTAMP '2024-01-31 23:59:59' FROM readings",
  },
  { name: 'NOT BETWEEN in WHERE', laminar: 'SELECT id FROM readings WHERE qty NOT BETWEEN -10 AND 10' },
  {
    name: 'IN lists with and without NULL',
    laminar:
      "SELECT id, qty IN (1, 2, 3), qty IN (1, NULL), qty NOT IN (1, 2), qty NOT IN (1, 2, NULL), city IN ('Paris', 'paris'), name NOT IN ('alice', 'Bob') FROM readings",
  },
  {
    name: 'NOT IN with a NULL keeps no row',
    laminar: 'SELECT id FROM readings WHERE qty NOT IN (0, 7, -7, NULL)',
  },
  {
    name: 'IN on strings, OR-ed in WHERE',
    laminar: "SELECT id FROM readings WHERE name IN ('alice', 'ALICE', '') OR city IN ('Zürich')",
  },
  {
    name: 'LIKE / ILIKE with % and _',
    laminar:
      "SELECT id, name LIKE 'a%', name ILIKE 'A%', name LIKE '_o%', name NOT LIKE '%e%', name ILIKE '%Ö%', city ILIKE 'MÜNCHEN', name LIKE '%🙂%', name LIKE '__', note LIKE '%\"%' FROM readings",
  },
  {
    name: 'LIKE _ matches one character, also non-ASCII',
    laminar:
      "SELECT id FROM readings WHERE name LIKE 'emoji _ ok' OR name LIKE '_oë' OR name ILIKE 'ZO_' OR name LIKE '東京___'",
  },
  {
    name: 'LIKE … ESCAPE for literal _ and %',
    laminar:
      "SELECT id, note FROM readings WHERE note LIKE '%!_%' ESCAPE '!' OR name LIKE '%\\%%' ESCAPE '\\'",
  },
  {
    name: 'LIKE patterns with regular-expression characters',
    laminar:
      "SELECT 'a.c' LIKE 'a.c', 'abc' LIKE 'a.c', 'a+b' LIKE 'a+b', 'aab' LIKE 'a+b', '[x]' LIKE '[x]', 'x' LIKE '[x]', '(y)' LIKE '(%)', 'a' LIKE 'a|b', 'x^y$' LIKE 'x^y$', 'aaa' LIKE 'a*', 'ab' LIKE 'a?', 'aa' LIKE 'a{2}', 'a\\b' LIKE 'a\\b'",
  },
  {
    name: 'LIKE % and _ match line breaks',
    laminar:
      "SELECT id, note LIKE 'line%', note LIKE '%one%two', note LIKE 'line one__line two', name LIKE 'two_lines', note ILIKE '%ONE%' FROM readings",
  },
  {
    name: 'VARCHAR comparisons',
    laminar: "SELECT id, name < 'b', name >= 'Z', city <> 'Paris', name = city FROM readings",
  },
  {
    name: 'TIMESTAMP against string literals',
    laminar: "SELECT id FROM readings WHERE ts > '2024-02-15' AND ts <= '2024-02-20 12:00:00'",
  },
  {
    name: 'mixed INT / BIGINT / DOUBLE comparisons',
    laminar: 'SELECT id, big = big + 0.0, qty = amount, qty < amount, big > qty FROM readings',
  },
  {
    name: 'trades: conjunction of range, BETWEEN and IN',
    laminar:
      "SELECT symbol, volume, price, ts FROM trades WHERE volume > 800 AND price BETWEEN 100 AND 200 AND symbol IN ('AAPL', 'MSFT', 'JNJ')",
  },
  { name: 'WHERE false returns no rows', laminar: 'SELECT * FROM readings WHERE false' },
  { name: 'WHERE NULL counts nothing', laminar: 'SELECT COUNT(*) FROM readings WHERE NULL' },
  {
    name: 'table: AND binds tighter than OR',
    laminar: 'SELECT id, owner FROM accounts WHERE active AND balance > 0 OR tier IS NULL',
  },
];

oracleSuite('oracle: filters and predicates', {
  datasets: ['readings', 'trades', 'accounts'],
  queries: FILTERS,
});
