/**
 * Regressions: queries that once disagreed with DuckDB (LaminarDB bugs the oracle found), kept
 * as normal tests. Earlier ones live in their topic's file: expressions over one VARCHAR column
 * at NULL rows, NaN comparisons, CAST(DOUBLE AS INT) of halves, SPLIT_PART with an empty
 * delimiter, UNION with an untyped NULL.
 *
 * A new bug goes in a `knownBugs` list (see harness.ts): it runs as `it.fails` until fixed.
 */
import { describe } from 'vitest';
import { errorSuite, type ErrorCase } from './errors.js';
import { oracleSuite, type OracleQuery } from './harness.js';

const MICRO = "(TIMESTAMP '2024-01-01 00:00:00.000001' - TIMESTAMP '2024-01-01 00:00:00')";

/** Once wrong answers (compared with DuckDB). */
const FIXED: readonly OracleQuery[] = [
  {
    name: 'INTERVAL * and / round half a microsecond toward +Infinity',
    laminar: `SELECT ${MICRO} * 1.5, ${MICRO} * 2.5, -${MICRO} * 1.5, (${MICRO} * 5) / 2, (-${MICRO} * 5) / 2, ${MICRO} / 2, -${MICRO} / 2`,
    duckdb: `SELECT ${MICRO} * 1.5::DOUBLE, ${MICRO} * 2.5::DOUBLE, -${MICRO} * 1.5::DOUBLE, (${MICRO} * 5) / 2, (-${MICRO} * 5) / 2, ${MICRO} / 2, -${MICRO} / 2`,
  },
  {
    name: 'INTERVAL * DOUBLE on data',
    laminar:
      "SELECT id, (ts - TIMESTAMP '2024-01-01 00:00:00') * 1.5, (ts - TIMESTAMP '2024-01-01 00:00:00') / 4 FROM readings",
    duckdb:
      "SELECT id, (ts - TIMESTAMP '2024-01-01 00:00:00') * 1.5::DOUBLE, (ts - TIMESTAMP '2024-01-01 00:00:00') / 4 FROM readings",
  },
  {
    name: 'SUBSTRING with a negative count',
    laminar:
      "SELECT SUBSTRING('hello', 2, -1), SUBSTRING('hello', 4, -2), SUBSTRING('hello', 6, -3), SUBSTRING('hello', -1, -2), SUBSTRING('hello', 1, -1)",
  },
  {
    name: 'SUBSTRING with a negative count on data',
    laminar: 'SELECT id, name, SUBSTRING(name, 4, -2), SUBSTRING(name, -1, -3) FROM readings',
  },
  {
    name: "DATE_TRUNC('century')",
    laminar:
      "SELECT id, ts, DATE_TRUNC('century', ts), DATE_TRUNC('century', TIMESTAMP '2000-06-01 00:00:00'), DATE_TRUNC('century', TIMESTAMP '1900-06-01 00:00:00') FROM readings WHERE id < 5",
  },
];

/** Statements DuckDB refuses and LaminarDB once answered. */
const FIXED_ERRORS: readonly ErrorCase[] = [
  {
    name: 'INT // -1 overflows at the INT minimum',
    laminar: 'SELECT CAST(-2147483648 AS INT) // CAST(-1 AS INT)',
    code: 'NUMERIC_OVERFLOW',
  },
  {
    name: 'LPAD / RPAD with an empty fill that cannot reach the length',
    laminar: "SELECT LPAD('abc', 5, '')",
    code: 'INVALID_ARGUMENT',
  },
];

describe('oracle: regressions', () => {
  oracleSuite('once wrong answers', { datasets: ['readings', 'accounts', 'specials'], queries: FIXED });
  errorSuite('once missing errors', FIXED_ERRORS);
});
