import { describe, expect, it } from 'vitest';
import { formatTable } from '../../display/index.js';
import { ALL_TYPES_SQL, resultOf } from './results.js';

const text = (lines: string[]): string => lines.join('\n');

describe('formatTable', () => {
  it('heads columns with name and type, right-aligns numbers and intervals, shows NULL', async () => {
    const table = await resultOf(ALL_TYPES_SQL);
    expect(text(formatTable(table))).toMatchInlineSnapshot(`
      "sym VARCHAR │     n BIGINT │ px DOUBLE │ at TIMESTAMP            │   took INTERVAL │ ok BOOLEAN │ i INT
      ────────────┼──────────────┼───────────┼─────────────────────────┼─────────────────┼────────────┼──────
      AAPL        │            3 │       0.1 │ 2024-01-02 03:04:05.678 │        01:30:00 │ true       │     7
      NULL        │         NULL │      NULL │ NULL                    │            NULL │ NULL       │  NULL
      GOOG        │ -12345678901 │     1e+21 │ 2024-01-02 03:04:05     │ 2 days 00:00:01 │ false      │    -1
      (3 rows)"
    `);
  });

  it('elides rows beyond maxRows with a count, and counts all rows in the footer', async () => {
    const table = await resultOf(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 1000, keys = 3);
SELECT id, key FROM g;`);
    expect(text(formatTable(table, { maxRows: 3 }))).toBe(
      ['id BIGINT │ key INT', '──────────┼────────', '        0 │       0', '        1 │       1', '        2 │       2', '… 997 more rows', '(1000 rows)'].join('\n'),
    );
    expect(formatTable(table, { maxRows: 999 }).slice(-2)).toEqual(['… 1 more row', '(1000 rows)']);
    expect(formatTable(table, { maxRows: 1000 }).at(-2)).toBe('      999 │       0');
    expect(formatTable(table, { maxRows: 0 })).toEqual(['id BIGINT │ key INT', '──────────┼────────', '… 1000 more rows', '(1000 rows)']);
  });

  it('says "1 row" and "0 rows", and keeps the header of an empty result', async () => {
    expect(formatTable(await resultOf('SELECT 42 AS answer'))).toEqual(['answer INT', '──────────', '        42', '(1 row)']);
    const empty = await resultOf('CREATE TABLE e (name VARCHAR, v DOUBLE); SELECT * FROM e;');
    expect(formatTable(empty)).toEqual(['name VARCHAR │ v DOUBLE', '─────────────┼─────────', '(0 rows)']);
  });

  it('does not pad a left-aligned last column (no trailing spaces)', async () => {
    const table = await resultOf(`CREATE TABLE t (n INT, s VARCHAR);
INSERT INTO t VALUES (1, 'a much longer value'), (22, 'b');
SELECT * FROM t;`);
    expect(formatTable(table)).toEqual([
      'n INT │ s VARCHAR',
      '──────┼────────────────────',
      '    1 │ a much longer value',
      '   22 │ b',
      '(2 rows)',
    ]);
  });

  it('escapes control characters and measures wide characters as two columns', async () => {
    const table = await resultOf(`CREATE TABLE t (s VARCHAR, n INT);
INSERT INTO t VALUES ('two\nlines', 1), ('日本', 2), ('e\u0301', 3);
SELECT * FROM t;`);
    expect(formatTable(table)).toEqual([
      's VARCHAR  │ n INT',
      '───────────┼──────',
      'two\\nlines │     1',
      '日本       │     2',
      'e\u0301          │     3',
      '(3 rows)',
    ]);
  });
});
