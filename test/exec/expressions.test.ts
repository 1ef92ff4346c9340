import { describe, expect, it } from 'vitest';
import type { Scalar } from '../../engine/index.js';
import { failure, session, ts, value } from '../session/helpers.js';

const HOUR = 3_600_000_000;

/** Each case: an expression, its value. Evaluated as SELECT <expr>, row by row. */
async function check(cases: readonly (readonly [string, Scalar])[]) {
  const s = await session();
  for (const [expr, expected] of cases) {
    const got = await value(s, `SELECT ${expr}`);
    expect({ expr, got }).toEqual({ expr, got: expected });
  }
}

describe('expression semantics', () => {
  it('propagates NULL through operators and functions', () =>
    check([
      ['1 + NULL', null],
      ['NULL * 2.5', null],
      ["upper(NULL)", null],
      ["'a' || NULL", null],
      ['NULL = NULL', null],
      ['NULL IS NULL', true],
      ['1 IS NOT NULL', true],
      ['NULL IS DISTINCT FROM NULL', false],
      ['1 IS DISTINCT FROM NULL', true],
      ['1 IS NOT DISTINCT FROM 1', true],
    ]));

  it('uses three-valued logic for AND, OR and NOT', () =>
    check([
      ['NULL AND false', false],
      ['false AND NULL', false],
      ['NULL AND true', null],
      ['true AND NULL', null],
      ['NULL OR true', true],
      ['NULL OR false', null],
      ['NOT NULL', null],
      ['NOT (1 > 2)', true],
      ['NULL IS TRUE', false],
      ['NULL IS NOT FALSE', true],
      ['2 IN (1, NULL)', null],
      ['1 IN (1, NULL)', true],
      ['2 NOT IN (1, NULL)', null],
      ['2 NOT IN (1, 3)', true],
      ['NULL IN (1, 2)', null],
      ['3 BETWEEN 1 AND NULL', null],
      ['0 BETWEEN 1 AND NULL', false],
    ]));

  it('divides as DuckDB does: / is DOUBLE, // and % truncate, zero divisors give NULL', () =>
    check([
      ['7 / 2', 3.5],
      ['1 / 0', null],
      ['1.0 / 0', null],
      ['7 // 2', 3],
      ['-7 // 2', -3],
      ['7 // 0', null],
      ['-7 % 3', -1],
      ['7 % -3', 1],
      ['7.5 % 2', 1.5],
      ['5 % 0', null],
      ['mod(10, 4)', 2],
      ['9007199254740991 // 3', 3002399751580330],
      ['-7.5 // 2', -3],
      ['-9007199254740991 // 7', -1286742750677284],
    ]));

  it('treats NaN as one value above every number, as ORDER BY and GROUP BY do', () =>
    check([
      ["CAST('nan' AS DOUBLE) = CAST('nan' AS DOUBLE)", true],
      ["CAST('nan' AS DOUBLE) <> CAST('nan' AS DOUBLE)", false],
      ["CAST('nan' AS DOUBLE) > CAST('inf' AS DOUBLE)", true],
      ["1 < CAST('nan' AS DOUBLE)", true],
      ["CAST('nan' AS DOUBLE) <= 1", false],
      ["CAST('nan' AS DOUBLE) IS DISTINCT FROM CAST('nan' AS DOUBLE)", false],
      ["CAST('nan' AS DOUBLE) IN (1, CAST('nan' AS DOUBLE))", true],
      ["least(CAST('nan' AS DOUBLE), 0)", 0],
      ["sign(CAST('nan' AS DOUBLE))", 0],
    ]));

  it('computes integer arithmetic exactly and widens INT to BIGINT and DOUBLE', () =>
    check([
      ['2147483647 + CAST(1 AS BIGINT)', 2147483648],
      ['3000000000 * 3000', 9000000000000],
      ['1 + 2.5', 3.5],
      ['-(-5)', 5],
      ['abs(-7)', 7],
      ['sign(-2.5)', -1],
      ['greatest(1, NULL, 3)', 3],
      ['least(2.5, 1)', 1],
      ['greatest(NULL, NULL)', null],
    ]));

  it('raises NUMERIC_OVERFLOW with the place of the expression', async () => {
    const s = await session();
    const e = await failure(s, 'SELECT 1,\n  2147483647 + 1');
    expect(e.code).toBe('NUMERIC_OVERFLOW');
    expect(e.message).toBe('INT overflow: 2147483647 + 1 is out of range');
    expect(e.position).toEqual({ line: 2, column: 3 });
    expect((await failure(s, 'SELECT 9007199254740991 + 1')).code).toBe('NUMERIC_OVERFLOW');
    expect((await failure(s, 'SELECT 65536 * 65536')).code).toBe('NUMERIC_OVERFLOW');
    expect((await failure(s, 'SELECT abs(-2147483648)')).code).toBe('NUMERIC_OVERFLOW');
    expect((await failure(s, 'SELECT CAST(1e10 AS INT)')).code).toBe('INVALID_CAST');
    expect((await failure(s, 'SELECT 99999999999999999999')).code).toBe('INVALID_LITERAL');
  });

  it('casts', () =>
    check([
      ["CAST('12' AS INT)", 12],
      ["CAST(' -7 ' AS BIGINT)", -7],
      ['CAST(3.7 AS INT)', 4],
      ['CAST(-3.5 AS INT)', -4],
      ['CAST(2.5 AS INT)', 2],
      ['CAST(3.5 AS INT)', 4],
      ['CAST(-0.5 AS INT)', 0],
      ["TRY_CAST('abc' AS INT)", null],
      ["TRY_CAST('2024-13-01' AS TIMESTAMP)", null],
      ['CAST(1 AS BOOLEAN)', true],
      ['CAST(0 AS BOOLEAN)', false],
      ['CAST(true AS INT)', 1],
      ["CAST('yes' AS BOOLEAN)", true],
      ['CAST(1.5 AS VARCHAR)', '1.5'],
      ['CAST(2.0 AS VARCHAR)', '2.0'],
      ['CAST(42 AS VARCHAR)', '42'],
      ['CAST(true AS VARCHAR)', 'true'],
      ["CAST(TIMESTAMP '2024-01-02 03:04:05.5' AS VARCHAR)", '2024-01-02 03:04:05.500'],
      ["CAST(INTERVAL '90' MINUTE AS VARCHAR)", '01:30:00'],
      ["CAST('2024-01-01' AS TIMESTAMP)", ts('2024-01-01 00:00:00')],
      ["CAST('2024-01-01T10:00:00+02:00' AS TIMESTAMP)", ts('2024-01-01 08:00:00')],
      ["CAST('5 seconds' AS INTERVAL)", 5_000_000],
      ["'1.5' :: DOUBLE", 1.5],
      ["CAST('nan' AS DOUBLE) IS NULL", false],
    ]));

  it('refuses casts that do not exist, and bad text, with codes', async () => {
    const s = await session();
    expect((await failure(s, 'SELECT CAST(5 AS TIMESTAMP)')).code).toBe('TYPE_MISMATCH');
    expect((await failure(s, "SELECT CAST(TIMESTAMP '2024-01-01' AS INT)")).hint).toMatch(/EXTRACT\(EPOCH/);
    const bad = await failure(s, "SELECT CAST('abc' AS INT)");
    expect([bad.code, bad.message]).toEqual(['INVALID_CAST', "cannot convert 'abc' to INT"]);
  });

  it('evaluates string functions by character, not UTF-16 unit', () =>
    check([
      ["lower('ÀBC')", 'àbc'],
      ["upper('straße')", 'STRASSE'],
      ["length('héllo')", 5],
      ["length('😀x')", 2],
      ["substring('hello', 2, 3)", 'ell'],
      ["substring('hello', 0, 2)", 'h'],
      ["substring('hello', -3, 2)", 'll'],
      ["substring('hello' FROM 3)", 'llo'],
      ["substring('😀abc', 2, 2)", 'ab'],
      ["concat('a', NULL, 'b', 1)", 'ab1'],
      ["'a' || 'b' || 3", 'ab3'],
      ["trim('  a b  ')", 'a b'],
      ["trim('xxaxx', 'x')", 'a'],
      ["ltrim('  a ')", 'a '],
      ["rtrim('  a ')", '  a'],
      ["TRIM(BOTH 'x' FROM 'xax')", 'a'],
      ["replace('aaa', 'a', 'bb')", 'bbbbbb'],
      ["replace('abc', '', 'x')", 'abc'],
      ["left('hello', 2)", 'he'],
      ["right('hello', -2)", 'llo'],
      ["reverse('abc')", 'cba'],
      ["strpos('hello', 'll')", 3],
      ["strpos('hello', 'z')", 0],
      ["lpad('7', 3, '0')", '007'],
      ["rpad('abcd', 2)", 'ab'],
      ["split_part('a,b,c', ',', 2)", 'b'],
      ["split_part('a,b,c', ',', -1)", 'c'],
      ["split_part('a,b,c', ',', 5)", ''],
      ["repeat('ab', 3)", 'ababab'],
      ["starts_with('hello', 'he')", true],
      ["contains('hello', 'xy')", false],
    ]));

  it('matches LIKE patterns with % and _, escapes, and ILIKE', () =>
    check([
      ["'abc' LIKE 'a%'", true],
      ["'abc' LIKE '%c'", true],
      ["'abc' LIKE '%b%'", true],
      ["'abc' LIKE 'a_c'", true],
      ["'abc' LIKE 'a_'", false],
      ["'abc' LIKE 'ABC'", false],
      ["'abc' ILIKE 'A%C'", true],
      ["'a%c' LIKE 'a!%c' ESCAPE '!'", true],
      ["'abc' LIKE 'a!%c' ESCAPE '!'", false],
      ["'a.c' LIKE 'a.c'", true],
      ["'abc' LIKE 'a.c'", false],
      ["'line\nbreak' LIKE 'line%'", true],
      ["'😀' LIKE '_'", true],
      ["'abc' NOT LIKE 'a%'", false],
      ["NULL LIKE 'a%'", null],
    ]));

  it('evaluates CASE, COALESCE and NULLIF lazily: untaken branches cannot fail', () =>
    check([
      ["CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END", 'b'],
      ["CASE WHEN false THEN 'a' END", null],
      ["CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' ELSE 'many' END", 'three'],
      ['CASE WHEN true THEN 1 ELSE 2147483647 + 1 END', 1],
      ['coalesce(NULL, NULL, 3, 2147483647 + 1)', 3],
      ['coalesce(NULL, 2.5)', 2.5],
      ['nullif(1, 1)', null],
      ['nullif(1, 2)', 1],
      ['false AND 2147483647 + 1 > 0', false],
      ['true OR 1 // 0 > 0', true],
    ]));

  it('computes with timestamps and intervals', () =>
    check([
      ["TIMESTAMP '2024-01-01 10:00:00' + INTERVAL '90' MINUTE", ts('2024-01-01 11:30:00')],
      ["INTERVAL '1' DAY + TIMESTAMP '2024-02-28 12:00:00'", ts('2024-02-29 12:00:00')],
      ["TIMESTAMP '2024-01-01 10:00:00' - INTERVAL '1 hour 30 minutes'", ts('2024-01-01 08:30:00')],
      ["TIMESTAMP '2024-01-02' - TIMESTAMP '2024-01-01 12:00:00'", 12 * HOUR],
      ["INTERVAL '1' HOUR * 2.5", 2.5 * HOUR],
      ["INTERVAL '1' HOUR / 4", HOUR / 4],
      ["TIMESTAMP '2024-01-01 10:00:00' > '2023-12-31'", true],
      ["EXTRACT(YEAR FROM TIMESTAMP '2024-03-15 10:20:30.25')", 2024],
      ["EXTRACT(MONTH FROM TIMESTAMP '2024-03-15 10:20:30.25')", 3],
      ["EXTRACT(DAY FROM TIMESTAMP '2024-03-15 10:20:30.25')", 15],
      ["EXTRACT(HOUR FROM TIMESTAMP '2024-03-15 10:20:30.25')", 10],
      ["EXTRACT(MINUTE FROM TIMESTAMP '2024-03-15 10:20:30.25')", 20],
      ["EXTRACT(SECOND FROM TIMESTAMP '2024-03-15 10:20:30.25')", 30],
      ["EXTRACT(MILLISECOND FROM TIMESTAMP '2024-03-15 10:20:30.25')", 30250],
      ["EXTRACT(EPOCH FROM TIMESTAMP '2024-01-01 00:00:01.5')", 1704067201.5],
      ["EXTRACT(DOW FROM TIMESTAMP '2024-01-07')", 0],
      ["EXTRACT(ISODOW FROM TIMESTAMP '2024-01-07')", 7],
      ["EXTRACT(DOY FROM TIMESTAMP '2024-12-31')", 366],
      ["EXTRACT(WEEK FROM TIMESTAMP '2024-12-30')", 1],
      ["EXTRACT(QUARTER FROM TIMESTAMP '2024-08-01')", 3],
      ["EXTRACT(EPOCH FROM INTERVAL '1 day 2 hours')", 93600],
      ["EXTRACT(HOUR FROM INTERVAL '26 hours')", 2],
      ["date_part('hour', TIMESTAMP '2024-01-01 05:06:07')", 5],
      ["date_trunc('hour', TIMESTAMP '2024-03-15 10:20:30')", ts('2024-03-15 10:00:00')],
      ["date_trunc('day', TIMESTAMP '2024-03-15 10:20:30')", ts('2024-03-15 00:00:00')],
      ["date_trunc('week', TIMESTAMP '2024-03-17 10:20:30')", ts('2024-03-11 00:00:00')],
      ["date_trunc('month', TIMESTAMP '2024-03-15 10:20:30')", ts('2024-03-01 00:00:00')],
      ["date_trunc('quarter', TIMESTAMP '2024-05-15')", ts('2024-04-01 00:00:00')],
      ["date_trunc('year', TIMESTAMP '2024-05-15')", ts('2024-01-01 00:00:00')],
      ["date_trunc('minutes', TIMESTAMP '1969-12-31 23:59:59.5')", ts('1969-12-31 23:59:00')],
      ['to_timestamp(0)', 0],
      ['epoch_ms(1704067200000)', ts('2024-01-01 00:00:00')],
    ]));

  it('rounds half away from zero and checks math domains', async () => {
    await check([
      ['round(2.5)', 3],
      ['round(-2.5)', -3],
      ['round(1.25, 1)', 1.3],
      ['round(1234.5, -2)', 1200],
      ['round(7)', 7],
      ['floor(-1.5)', -2],
      ['ceil(1.2)', 2],
      ['floor(7)', 7],
      ['power(2, 10)', 1024],
      ['sqrt(16)', 4],
      ['exp(0)', 1],
      ['ln(1)', 0],
      ['log10(1000)', 3],
    ]);
    const s = await session();
    const e = await failure(s, 'SELECT sqrt(-1)');
    expect([e.code, e.message]).toEqual(['INVALID_ARGUMENT', 'cannot take the square root of a negative number (-1)']);
    expect((await failure(s, 'SELECT ln(0)')).code).toBe('INVALID_ARGUMENT');
  });
});
