/**
 * Oracle: scalar expressions — arithmetic, CASE, CAST, COALESCE / NULLIF / GREATEST / LEAST,
 * math functions. DuckDB reads a literal like 2.5 as DECIMAL, LaminarDB as DOUBLE: where that
 * matters the DuckDB text says ::DOUBLE.
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const EXPRESSIONS: readonly OracleQuery[] = [
  {
    name: 'arithmetic on INT, BIGINT and DOUBLE columns: / // % * + -',
    laminar:
      'SELECT id, qty / 3, qty // 3, qty % 3, qty % -4, qty * 2 + 1, -qty, amount * qty, amount % 2, big + qty, big * 2, big // 7, big % 7 FROM readings',
  },
  {
    name: 'operator precedence and unary minus',
    laminar: 'SELECT id, 1 + 2 * 3 - 4 / 2, 2 * (qty + 1), -qty * -2, 10 - -qty, qty - qty * 2 FROM readings',
  },
  {
    name: 'integer division truncates toward zero, / is always DOUBLE',
    laminar:
      'SELECT 7 // 2, -7 // 2, 7 // -2, -7 % 2, 7 % -2, 5 / 2, 1 / 2, CAST(7 AS BIGINT) / 2, 2147483647 + 0',
  },
  {
    name: 'division and modulo by zero are NULL',
    laminar:
      'SELECT id, qty / 0, qty // 0, qty % 0, amount / 0, amount // 0, amount % 0, big // 0, big % 0, qty / NULLIF(qty, 0) FROM readings',
    note: 'DuckDB runs with ieee_floating_point_ops = false (see duck.ts)',
  },
  {
    name: 'searched CASE with and without ELSE',
    laminar:
      "SELECT id, CASE WHEN qty > 0 THEN 'pos' WHEN qty < 0 THEN 'neg' WHEN qty = 0 THEN 'zero' END, CASE WHEN qty IS NULL THEN 'null' ELSE 'x' END, CASE WHEN amount > 100 THEN amount WHEN amount < -100 THEN -amount END FROM readings",
  },
  {
    name: 'simple CASE on BOOLEAN and INT operands (NULL operand goes to ELSE)',
    laminar:
      "SELECT id, CASE flag WHEN true THEN 'T' WHEN false THEN 'F' END, CASE qty WHEN 0 THEN 'zero' WHEN 7 THEN 'seven' ELSE 'other' END FROM readings",
  },
  {
    name: 'CAST among INT, BIGINT, DOUBLE, BOOLEAN, VARCHAR',
    laminar:
      'SELECT id, CAST(qty AS VARCHAR), CAST(big AS DOUBLE), CAST(qty AS BIGINT), CAST(flag AS VARCHAR), CAST(qty AS DOUBLE), CAST(flag AS INT), CAST(qty AS BOOLEAN), CAST(CAST(qty AS VARCHAR) AS INT), CAST(big AS VARCHAR) FROM readings',
  },
  {
    name: 'CAST(DOUBLE AS VARCHAR) in plain notation',
    laminar: 'SELECT id, CAST(amount AS VARCHAR) FROM readings WHERE ABS(amount) >= 0.001 OR amount = 0',
    note: 'outside 1e-4 ≤ |x| < 1e15 the text forms differ (differences.test.ts)',
  },
  {
    name: 'CAST from string literals',
    laminar:
      "SELECT CAST('42' AS INT), CAST(' 7 ' AS BIGINT), CAST('3.25' AS DOUBLE), CAST('-0.5e3' AS DOUBLE), CAST('true' AS BOOLEAN), CAST('f' AS BOOLEAN), CAST('2024-02-29 12:00:00' AS TIMESTAMP), CAST(true AS INT)",
  },
  {
    name: 'CAST(DOUBLE AS INT / BIGINT) away from .5',
    laminar:
      'SELECT id, amount, CAST(amount AS INT), CAST(amount AS BIGINT) FROM readings WHERE ABS(amount - FLOOR(amount)) <> 0.5',
  },
  {
    name: 'CAST(DOUBLE AS INT / BIGINT) rounds halves to even',
    laminar:
      'SELECT id, amount, CAST(amount AS INT), CAST(amount AS BIGINT) FROM readings WHERE ABS(amount - FLOOR(amount)) = 0.5',
  },
  {
    name: 'CAST(DOUBLE AS INT) of half constants',
    laminar:
      'SELECT CAST(CAST(2.5 AS DOUBLE) AS INT), CAST(CAST(-0.5 AS DOUBLE) AS INT), CAST(CAST(3.5 AS DOUBLE) AS BIGINT), CAST(CAST(-2.5 AS DOUBLE) AS BIGINT)',
    duckdb:
      'SELECT CAST(2.5::DOUBLE AS INT), CAST(-0.5::DOUBLE AS INT), CAST(3.5::DOUBLE AS BIGINT), CAST(-2.5::DOUBLE AS BIGINT)',
    note: 'DuckDB reads 2.5 as DECIMAL, whose casts round halves away from zero',
  },
  {
    name: 'round trips through VARCHAR',
    laminar:
      'SELECT id, CAST(CAST(ts AS VARCHAR) AS TIMESTAMP), CAST(CAST(amount AS VARCHAR) AS DOUBLE), CAST(CAST(flag AS VARCHAR) AS BOOLEAN), CAST(CAST(big AS VARCHAR) AS BIGINT) FROM readings',
  },
  {
    name: 'COALESCE and NULLIF on numbers and timestamps',
    laminar:
      "SELECT id, COALESCE(qty, big, -1), NULLIF(qty, 0), NULLIF(qty, -7), COALESCE(qty, CAST(FLOOR(amount) AS INT), 0), COALESCE(ts, TIMESTAMP '2000-01-01 00:00:00'), COALESCE(amount, qty) FROM readings",
  },
  {
    name: 'COALESCE and NULLIF over two string columns',
    laminar: "SELECT id, COALESCE(name, city, 'none'), NULLIF(name, city) FROM readings",
  },
  {
    name: 'COALESCE, CASE, CONCAT, GREATEST over one VARCHAR column (evaluated per dictionary entry)',
    laminar:
      "SELECT id, COALESCE(owner, '?'), CASE WHEN owner IS NULL THEN 'none' ELSE owner END, CONCAT(owner, '!'), GREATEST(owner, 'b'), LEAST(owner, 'b'), owner || '!' FROM accounts",
  },
  {
    name: 'simple CASE with a NULL VARCHAR operand goes to ELSE',
    laminar: "SELECT id, CASE city WHEN 'Paris' THEN 1 WHEN 'paris' THEN 2 ELSE 0 END FROM readings",
  },
  {
    name: 'GREATEST / LEAST skip NULLs',
    laminar:
      "SELECT id, GREATEST(qty, 0), LEAST(qty, amount), GREATEST(qty, big, 0), LEAST(amount, qty, big), GREATEST(name, city), GREATEST(ts, TIMESTAMP '2024-02-01 00:00:00'), GREATEST(NULL, qty) FROM readings",
  },
  {
    name: 'ABS, ROUND (digits, negative digits), FLOOR, CEIL, SIGN',
    laminar:
      'SELECT id, ABS(qty), ABS(amount), ROUND(amount), ROUND(amount, 1), ROUND(amount, -1), ROUND(amount, -2), ROUND(qty, -1), ROUND(big, -3), FLOOR(amount), CEIL(amount), SIGN(amount), SIGN(qty) FROM readings',
  },
  {
    name: 'POWER, SQRT, LN, EXP',
    laminar:
      'SELECT id, POWER(amount, 2), SQRT(ABS(amount)), LN(ABS(amount) + 1), EXP(amount / 1000), POWER(2, qty), POWER(ABS(amount), 0.5) FROM readings',
  },
  {
    name: 'ROUND half away from zero on DOUBLE constants',
    laminar:
      'SELECT ROUND(1.005, 2), ROUND(-1.005, 2), ROUND(2.675, 2), ROUND(0.285, 2), ROUND(-2.5), ROUND(2.5), ROUND(-0.5), FLOOR(-0.5), CEIL(-0.5), ROUND(15, -1), ROUND(-15, -1), ROUND(-1234.5, -1)',
    duckdb:
      'SELECT ROUND(1.005::DOUBLE, 2), ROUND(-1.005::DOUBLE, 2), ROUND(2.675::DOUBLE, 2), ROUND(0.285::DOUBLE, 2), ROUND(-2.5::DOUBLE), ROUND(2.5::DOUBLE), ROUND(-0.5::DOUBLE), FLOOR(-0.5::DOUBLE), CEIL(-0.5::DOUBLE), ROUND(15, -1), ROUND(-15, -1), ROUND(-1234.5::DOUBLE, -1)',
    note: 'DuckDB reads 1.005 as DECIMAL',
  },
  {
    name: 'trades: notional and integer buckets',
    laminar:
      'SELECT symbol, ts, price * volume, ROUND(price * volume / 1000, 3), volume % 7, volume // 7, SIGN(price - 200) FROM trades WHERE volume < 50',
  },
  {
    name: 'table: expressions over an upserted table with NULLs',
    laminar:
      "SELECT id, balance * 2, credit // 3, COALESCE(tier, -1) + 1, CASE WHEN active THEN 'yes' WHEN NOT active THEN 'no' END FROM accounts",
  },
  {
    name: 'MOD, POW, CEILING, LOG10, LOG2, LOG',
    laminar:
      'SELECT id, MOD(qty, 3), MOD(big, -7), POW(2, 3), CEILING(amount), LOG10(ABS(amount) + 1), LOG2(ABS(amount) + 1), LOG(100) FROM readings',
  },
  {
    name: 'TRY_CAST gives NULL where CAST fails',
    laminar:
      'SELECT id, TRY_CAST(name AS INT), TRY_CAST(note AS DOUBLE), TRY_CAST(amount AS INT), TRY_CAST(big AS INT) FROM readings',
  },
  {
    name: 'IS [NOT] DISTINCT FROM',
    laminar:
      "SELECT id, qty IS DISTINCT FROM 7, qty IS NOT DISTINCT FROM NULL, city IS NOT DISTINCT FROM 'Paris', flag IS DISTINCT FROM (qty > 0) FROM readings",
  },
];

oracleSuite('oracle: scalar expressions', {
  datasets: ['readings', 'trades', 'accounts'],
  queries: EXPRESSIONS,
});
