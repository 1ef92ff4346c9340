import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../engine/index.js';
import { failure, rows, session } from '../session/helpers.js';

let s: Session;

beforeEach(async () => {
  s = await session();
  await s.execute(`
    CREATE TABLE t (a INT, b VARCHAR, c DOUBLE, d TIMESTAMP);
    CREATE SOURCE src (x INT, y VARCHAR);
    INSERT INTO t VALUES (1, 'one', 1.5, TIMESTAMP '2024-01-01 00:00:00'), (2, 'two', NULL, NULL);
  `);
});

describe('name errors', () => {
  it.each([
    ['SELECT * FROM nope', 'UNKNOWN_OBJECT', 1, 15, "SHOW SOURCES lists what exists"],
    ['SELECT * FROM tt', 'UNKNOWN_OBJECT', 1, 15, "did you mean 't'?"],
    ['SELECT aa FROM t', 'UNKNOWN_COLUMN', 1, 8, "did you mean 'a'?"],
    ['SELECT zzz FROM t', 'UNKNOWN_COLUMN', 1, 8, 'columns: a, b, c, d'],
    ['SELECT q.a FROM t', 'UNKNOWN_OBJECT', 1, 8, 'inputs: t'],
    ['SELECT a FROM (SELECT 1 AS a, 2 AS a) s', 'AMBIGUOUS_COLUMN', 1, 8, 'qualify it with the input name'],
    ['SELECT lowr(b) FROM t', 'UNKNOWN_FUNCTION', 1, 8, 'did you mean lower?'],
  ])('%s', async (sql, code, line, column, hint) => {
    const e = await failure(s, sql);
    expect([e.code, e.position, e.hint]).toEqual([code, { line, column }, hint]);
  });
});

describe('type errors', () => {
  it.each([
    ["SELECT 'a' + 1", 'TYPE_MISMATCH', 'cannot apply + to VARCHAR and INT'],
    ["SELECT b + b FROM t", 'TYPE_MISMATCH', 'cannot add VARCHAR to VARCHAR'],
    ['SELECT a FROM t WHERE a', 'TYPE_MISMATCH', 'WHERE must be a BOOLEAN condition, not INT'],
    ['SELECT a = b FROM t', 'TYPE_MISMATCH', 'cannot compare INT and VARCHAR'],
    ["SELECT sum(b) FROM t", 'TYPE_MISMATCH', 'sum needs a number or an interval, not VARCHAR'],
    ['SELECT lower(a) FROM t', 'TYPE_MISMATCH', 'lower must be VARCHAR, not INT'],
    ['SELECT substring(b, b) FROM t', 'TYPE_MISMATCH', 'substring argument 2 must be BIGINT, not VARCHAR'],
    ['SELECT lower(b, b) FROM t', 'WRONG_ARGUMENT_COUNT', 'lower takes 1 argument, not 2'],
    ['SELECT coalesce(a, b) FROM t', 'TYPE_MISMATCH', 'cannot combine INT and VARCHAR'],
    ["SELECT d + 1 FROM t", 'TYPE_MISMATCH', 'cannot apply + to TIMESTAMP and INT'],
    ["SELECT date_trunc('fortnight', d) FROM t", 'INVALID_ARGUMENT', "unknown date_trunc unit 'fortnight'"],
    ['SELECT EXTRACT(eon FROM d) FROM t', 'INVALID_ARGUMENT', "unknown field 'eon'"],
    ["SELECT TIMESTAMP '2024-02-30'", 'INVALID_LITERAL', "'2024-02-30' is not a timestamp"],
    ["SELECT INTERVAL '1' MONTH", 'UNSUPPORTED', "month intervals have no fixed length and are not supported; use days (e.g. '30 days')"],
    ['SELECT a FROM t LIMIT -1', 'INVALID_ARGUMENT', 'LIMIT must be zero or more'],
    ['SELECT a FROM t LIMIT 1.5', 'TYPE_MISMATCH', 'LIMIT must be a whole number, not DOUBLE'],
    ["SELECT a FROM t UNION ALL SELECT b FROM t", 'TYPE_MISMATCH', 'cannot UNION column 1: INT and VARCHAR'],
    ['SELECT a FROM t UNION ALL SELECT a, b FROM t', 'TYPE_MISMATCH', 'each side of UNION must have the same number of columns: 1 and 2'],
    ["SELECT b LIKE 1 FROM t", 'TYPE_MISMATCH', 'the LIKE pattern must be VARCHAR, not INT'],
    ["SELECT a ILIKE 'x' FROM t", 'TYPE_MISMATCH', 'the value before ILIKE must be VARCHAR, not INT'],
  ])('%s', async (sql, code, message) => {
    const e = await failure(s, sql);
    expect([e.code, e.message]).toEqual([code, message]);
    expect(e.location?.kind).toBe('sql');
  });
});

describe('aggregate rules', () => {
  it.each([
    ['SELECT a, count(*) FROM t', 'INVALID_GROUPING', "column 'a' must appear in GROUP BY or be used in an aggregate", 8],
    ['SELECT b, count(*) FROM t GROUP BY a', 'INVALID_GROUPING', "column 'b' must appear in GROUP BY or be used in an aggregate", 8],
    ['SELECT a FROM t WHERE count(*) > 1', 'NESTED_AGGREGATE', 'aggregate count is not allowed in WHERE', 23],
    ['SELECT sum(count(*)) FROM t', 'NESTED_AGGREGATE', 'aggregate count is not allowed in the argument of sum', 12],
    ['SELECT a FROM t GROUP BY sum(a)', 'NESTED_AGGREGATE', 'aggregate sum is not allowed in GROUP BY', 26],
    ['SELECT a, count(*) FROM t GROUP BY 3', 'INVALID_ARGUMENT', 'GROUP BY position 3 is not in the select list (1 to 2)', 36],
    ['SELECT DISTINCT a FROM t ORDER BY c', 'INVALID_GROUPING', 'with SELECT DISTINCT, ORDER BY expressions must appear in the select list', 35],
    ['SELECT lower(a) FILTER (WHERE true) FROM t', 'SYNTAX_ERROR', 'FILTER is only valid on aggregates, and lower is not one', 8],
    ['SELECT sum(*) FROM t', 'TYPE_MISMATCH', 'sum(*) is not valid; only count(*) takes *', 8],
  ])('%s', async (sql, code, message, column) => {
    const e = await failure(s, sql);
    expect([e.code, e.message, e.position?.column]).toEqual([code, message, column]);
  });

  it('accepts grouped expressions, aliases and ordinals in GROUP BY, and aggregates in ORDER BY', async () => {
    expect(await rows(s, 'SELECT a * 2 AS twice, count(*) FROM t GROUP BY a * 2 ORDER BY 1')).toEqual([[2, 1], [4, 1]]);
    expect(await rows(s, 'SELECT upper(b) AS ub, count(*) FROM t GROUP BY ub ORDER BY ub DESC')).toEqual([['TWO', 1], ['ONE', 1]]);
    expect(await rows(s, 'SELECT b FROM t GROUP BY 1 ORDER BY count(*) DESC, b')).toEqual([['one'], ['two']]);
    expect(await rows(s, 'SELECT a + 1 FROM t GROUP BY a HAVING sum(a) > 1')).toEqual([[3]]);
    expect(await rows(s, 'SELECT count(*) FROM t HAVING count(*) > 5')).toEqual([]);
  });
});

describe('implicit conversions', () => {
  it('widens numbers, reads string literals as the other side, and types untyped NULL from context', async () => {
    expect(await rows(s, "SELECT a FROM t WHERE d >= '2024-01-01' AND c > 1")).toEqual([[1]]);
    expect(await rows(s, 'SELECT a + c, a / 2 FROM t WHERE c IS NOT NULL')).toEqual([[2.5, 0.5]]);
    const [r] = await s.execute('SELECT coalesce(NULL, 2.5) AS x, NULL AS n, CASE WHEN a > 1 THEN NULL ELSE b END AS m FROM t ORDER BY a');
    if (r?.kind !== 'table') throw new Error('table');
    expect(r.table.schema.map((f) => f.type)).toEqual(['DOUBLE', 'INT', 'VARCHAR']);
    expect(r.table.scalars()).toEqual([[2.5, null, 'one'], [2.5, null, null]]);
  });

  it('names output columns by alias, column name, or expression text', async () => {
    const [r] = await s.execute('SELECT a, b AS bee, a  +  1, count(*) OVER_ALL FROM t GROUP BY a, b');
    if (r?.kind !== 'table') throw new Error('table');
    expect(r.table.columnNames).toEqual(['a', 'bee', 'a + 1', 'over_all']);
  });
});

describe('objects', () => {
  it('refuses duplicates, wrong kinds and reads of sinks', async () => {
    expect((await failure(s, 'CREATE TABLE t (z INT)')).code).toBe('DUPLICATE_OBJECT');
    expect((await failure(s, 'CREATE TABLE u (z INT, Z INT)')).code).toBe('DUPLICATE_COLUMN');
    expect((await failure(s, 'DROP SOURCE t')).code).toBe('WRONG_OBJECT_KIND');
    expect((await failure(s, 'CREATE MATERIALIZED VIEW v AS SELECT a, a FROM t')).code).toBe('DUPLICATE_COLUMN');
    const out = `${process.env.TMPDIR ?? '/tmp'}/laminar-binder-test-${process.pid}.csv`;
    await s.execute(`CREATE SINK k INTO FILE (path = '${out}') AS SELECT a FROM t`);
    expect((await failure(s, 'SELECT * FROM k')).code).toBe('WRONG_OBJECT_KIND');
    expect((await failure(s, 'INSERT INTO k VALUES (1)')).code).toBe('WRONG_OBJECT_KIND');
  });
});
