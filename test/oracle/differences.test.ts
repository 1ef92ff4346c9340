/**
 * Deliberate semantic differences between LaminarDB and DuckDB. Each entry asks DuckDB in a
 * way that produces LaminarDB's semantics, so the comparison stays exact; `note` says what
 * differs and why. Differences handled elsewhere:
 * - Division and modulo by zero: LaminarDB returns NULL, which is DuckDB with
 *   ieee_floating_point_ops = false; DuckDB ≥ 1.1 defaults to IEEE (±Infinity, NaN). duck.ts
 *   sets the option for the whole oracle (it also makes sqrt / ln outside their domain errors).
 * - Decimal literals: DuckDB types 2.5 as DECIMAL, LaminarDB as DOUBLE; DuckDB texts say
 *   ::DOUBLE where the type changes a result (expressions.test.ts).
 * - CSV: LaminarDB reads an empty unquoted field of a VARCHAR column as '' (only non-VARCHAR
 *   empty fields are NULL), DuckDB as NULL; the dataset writes empty strings quoted and NULL
 *   strings as the word NULL (csv-data.ts, datasets.test.ts).
 * - FIRST_VALUE / LAST_VALUE follow arrival order; DuckDB is asked for first(x ORDER BY key).
 */
import { oracleSuite, type OracleQuery } from './harness.js';

/** DuckDB's spelling of LaminarDB's timestamp text: .mmm for whole milliseconds, else .uuuuuu. */
const DUCK_TS_TEXT = (ts: string) =>
  `CASE WHEN epoch_us(${ts}) % 1000000 = 0 THEN strftime(${ts}, '%Y-%m-%d %H:%M:%S') WHEN epoch_us(${ts}) % 1000 = 0 THEN strftime(${ts}, '%Y-%m-%d %H:%M:%S.%g') ELSE strftime(${ts}, '%Y-%m-%d %H:%M:%S.%f') END`;

const DIFFERENCES: readonly OracleQuery[] = [
  {
    name: 'UPPER of ß',
    laminar: 'SELECT id, UPPER(name), UPPER(note) FROM readings',
    duckdb: "SELECT id, replace(UPPER(name), 'ẞ', 'SS'), replace(UPPER(note), 'ẞ', 'SS') FROM readings",
    note: "LaminarDB upper-cases with Unicode's full mapping (JS toUpperCase: ß → SS); DuckDB maps ß to the capital sharp s ẞ (U+1E9E)",
  },
  {
    name: 'CAST(TIMESTAMP AS VARCHAR) keeps 3 or 6 fraction digits',
    laminar: 'SELECT id, CAST(ts AS VARCHAR), ts || \'\' FROM readings',
    duckdb: `SELECT id, ${DUCK_TS_TEXT('ts')}, ${DUCK_TS_TEXT('ts')} FROM readings`,
    note: "LaminarDB writes '.500' and '.207060' (its display format, types/time.ts formatTimestamp); DuckDB trims trailing zeros ('.5', '.20706')",
  },
  {
    name: 'CAST(DOUBLE AS VARCHAR) between 1e-5 and 1e-4',
    laminar: 'SELECT id, CAST(amount * 1e-6 AS VARCHAR) FROM readings WHERE ABS(amount) >= 10',
    duckdb: String.raw`SELECT id, regexp_replace(CAST(amount * 1e-6 AS VARCHAR), '^(-?)(\d)\.?(\d*)e-05$', '\10.0000\2\3') FROM readings WHERE ABS(amount) >= 10`,
    note: "LaminarDB prints doubles as JavaScript does (plain notation from 1e-6 up to 1e21: '0.00001234'); DuckDB uses exponents outside [1e-4, 1e15) ('1.234e-05', '1e+16'). The DuckDB text rewrites its 'e-05' form",
  },
  {
    name: 'TO_TIMESTAMP gives a TIMESTAMP',
    laminar: "SELECT id, date_part('hour', ts), to_timestamp(EXTRACT(epoch FROM ts)), to_timestamp(id * 86400.5), epoch_ms(big // 1000) FROM readings",
    duckdb: "SELECT id, date_part('hour', ts), to_timestamp(EXTRACT(epoch FROM ts)) AT TIME ZONE 'UTC', to_timestamp(id * 86400.5) AT TIME ZONE 'UTC', epoch_ms(big // 1000) FROM readings",
    note: "DuckDB's to_timestamp returns TIMESTAMP WITH TIME ZONE; LaminarDB has no time zones (TIMESTAMP is UTC), so DuckDB is asked for the UTC wall time",
  },
  {
    name: 'SUM over an INTERVAL',
    laminar: "SELECT SUM(ts - TIMESTAMP '2024-01-01 00:00:00'), MIN(ts - TIMESTAMP '2024-01-01 00:00:00'), MAX(ts - TIMESTAMP '2024-01-01 00:00:00') FROM readings",
    duckdb:
      "SELECT to_microseconds(CAST(SUM(epoch_us(ts) - epoch_us(TIMESTAMP '2024-01-01 00:00:00')) AS BIGINT)), MIN(ts - TIMESTAMP '2024-01-01 00:00:00'), MAX(ts - TIMESTAMP '2024-01-01 00:00:00') FROM readings",
    note: 'DuckDB has no sum(INTERVAL); LaminarDB intervals are exact microsecond durations, so their sum is well defined',
  },
];

oracleSuite('oracle: deliberate differences (DuckDB asked for LaminarDB semantics)', { datasets: ['readings'], queries: DIFFERENCES });
