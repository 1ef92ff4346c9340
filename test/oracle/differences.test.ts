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

/**
 * A DuckDB sort key that orders strings as UTF-16 code units do: each character above U+FFFF
 * (two surrogates, D800…DFFF, in UTF-16) is preceded by U+D7FF, so it sorts after U+D7FF and
 * before U+E000…U+FFFF, and among its kind by code point.
 */
const UTF16_KEY = (s: string) =>
  String.raw`regexp_replace(${s}, '([\x{10000}-\x{10FFFF}])', chr(55295) || '\1', 'g')`;

const INTERVAL_PARTS = ['36 hours', '-36 hours', '2 days 30 hours', '90 minutes', '-1 day -1 hour'];
/** DuckDB normalizes days only in a timestamp difference. */
const DUCK_NORMALIZED = (i: string) =>
  `((TIMESTAMP '2000-01-01 00:00:00' + INTERVAL '${i}') - TIMESTAMP '2000-01-01 00:00:00')`;

const DIFFERENCES: readonly OracleQuery[] = [
  {
    name: 'strings compare by UTF-16 code unit: ORDER BY',
    laminar: 'SELECT id, s FROM specials ORDER BY s, id',
    duckdb: `SELECT id, s FROM specials ORDER BY ${UTF16_KEY('s')}, id`,
    ordered: true,
    note: 'LaminarDB compares strings as JavaScript does, by UTF-16 code unit (README); DuckDB by UTF-8 byte, i.e. code point. They differ for characters above U+FFFF against U+E000…U+FFFF',
  },
  {
    name: 'strings compare by UTF-16 code unit: comparisons, MIN, MAX',
    laminar:
      "SELECT g, MIN(s), MAX(s), COUNT(*) FILTER (WHERE s < 'ｱ'), COUNT(*) FILTER (WHERE s > '🙂') FROM specials GROUP BY g",
    duckdb: `SELECT g, arg_min(s, ${UTF16_KEY('s')}), arg_max(s, ${UTF16_KEY('s')}), COUNT(*) FILTER (WHERE ${UTF16_KEY('s')} < ${UTF16_KEY("'ｱ'")}), COUNT(*) FILTER (WHERE ${UTF16_KEY('s')} > ${UTF16_KEY("'🙂'")}) FROM specials GROUP BY g`,
    note: 'as above',
  },
  {
    name: 'UPPER of ß',
    laminar: 'SELECT id, UPPER(name), UPPER(note) FROM readings',
    duckdb: "SELECT id, replace(UPPER(name), 'ẞ', 'SS'), replace(UPPER(note), 'ẞ', 'SS') FROM readings",
    note: "LaminarDB upper-cases with Unicode's full mapping (JS toUpperCase: ß → SS); DuckDB maps ß to the capital sharp s ẞ (U+1E9E)",
  },
  {
    name: 'UPPER of the ligature ﬁ',
    laminar: 'SELECT id, UPPER(s), LOWER(s) FROM specials',
    duckdb: "SELECT id, replace(UPPER(s), 'ﬁ', 'FI'), LOWER(s) FROM specials",
    note: "as above: JS upper-cases 'ﬁ' (U+FB01) to 'FI', DuckDB leaves it",
  },
  {
    name: 'CAST(TIMESTAMP AS VARCHAR) keeps 3 or 6 fraction digits',
    laminar: "SELECT id, CAST(ts AS VARCHAR), ts || '' FROM readings",
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
    name: 'CAST(DOUBLE AS VARCHAR) of NaN and infinities',
    laminar: 'SELECT id, CAST(x AS VARCHAR) FROM specials',
    duckdb: "SELECT id, CASE WHEN isnan(x) THEN 'NaN' WHEN x = 'inf'::DOUBLE THEN 'Infinity' WHEN x = '-inf'::DOUBLE THEN '-Infinity' ELSE CAST(x AS VARCHAR) END FROM specials",
    note: "LaminarDB has one text form of a double for CAST, files and displays: 'NaN', 'Infinity', '-Infinity' (as PostgreSQL and JSON writers spell them); DuckDB's CAST gives 'nan', 'inf', '-inf'",
  },
  {
    name: 'TO_TIMESTAMP gives a TIMESTAMP',
    laminar:
      "SELECT id, date_part('hour', ts), to_timestamp(EXTRACT(epoch FROM ts)), to_timestamp(id * 86400.5), epoch_ms(big // 1000) FROM readings",
    duckdb:
      "SELECT id, date_part('hour', ts), to_timestamp(EXTRACT(epoch FROM ts)) AT TIME ZONE 'UTC', to_timestamp(id * 86400.5) AT TIME ZONE 'UTC', epoch_ms(big // 1000) FROM readings",
    note: "DuckDB's to_timestamp returns TIMESTAMP WITH TIME ZONE; LaminarDB has no time zones (TIMESTAMP is UTC), so DuckDB is asked for the UTC wall time",
  },
  {
    name: '// on DOUBLE truncates',
    laminar: 'SELECT id, amount, amount // 2, amount // -0.75, qty // 2.5 FROM readings',
    duckdb:
      'SELECT id, amount, trunc(amount / 2), trunc(amount / -0.75::DOUBLE), trunc(qty / 2.5::DOUBLE) FROM readings',
    note: "LaminarDB's // truncates toward zero for DOUBLE as for integers (README: '-7.5 // 2 = -3.0'); DuckDB's // on a DOUBLE is plain division (3.75)",
  },
  {
    name: 'EXTRACT from an INTERVAL literal of more than a day',
    laminar: INTERVAL_PARTS.map(
      (i) => `EXTRACT(day FROM INTERVAL '${i}'), EXTRACT(hour FROM INTERVAL '${i}')`,
    )
      .join(', ')
      .replace(/^/, 'SELECT '),
    duckdb: INTERVAL_PARTS.map(
      (i) => `EXTRACT(day FROM ${DUCK_NORMALIZED(i)}), EXTRACT(hour FROM ${DUCK_NORMALIZED(i)})`,
    )
      .join(', ')
      .replace(/^/, 'SELECT '),
    note: "a LaminarDB INTERVAL is one number of microseconds, so '36 hours' is 1 day 12 hours; DuckDB keeps the days and the time of a literal apart (day 0, hour 36) and normalizes only the difference of two timestamps, which DuckDB is asked for",
  },
  {
    name: 'SUM over an INTERVAL',
    laminar:
      "SELECT SUM(ts - TIMESTAMP '2024-01-01 00:00:00'), MIN(ts - TIMESTAMP '2024-01-01 00:00:00'), MAX(ts - TIMESTAMP '2024-01-01 00:00:00') FROM readings",
    duckdb:
      "SELECT to_microseconds(CAST(SUM(epoch_us(ts) - epoch_us(TIMESTAMP '2024-01-01 00:00:00')) AS BIGINT)), MIN(ts - TIMESTAMP '2024-01-01 00:00:00'), MAX(ts - TIMESTAMP '2024-01-01 00:00:00') FROM readings",
    note: 'DuckDB has no sum(INTERVAL); LaminarDB intervals are exact microsecond durations, so their sum is well defined',
  },
];

oracleSuite('oracle: deliberate differences (DuckDB asked for LaminarDB semantics)', {
  datasets: ['readings', 'specials'],
  queries: DIFFERENCES,
});
