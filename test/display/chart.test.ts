import { describe, expect, it } from 'vitest';
import { chartLayout, formatChart } from '../../display/index.js';
import { axisLabel, axisNumber } from '../../display/chart-numbers.js';
import { resultOf } from './results.js';

const text = (lines: string[]): string => lines.join('\n');

describe('formatChart (unicode terminal charts)', () => {
  it('draws bars per row over a text column, one series per numeric column, with a legend', async () => {
    const table = await resultOf(`CREATE TABLE t (name VARCHAR, n INT, m DOUBLE);
INSERT INTO t VALUES ('a', 10, 2.5), ('bb', 5, -1), ('ccc', 0, NULL);
SELECT * FROM t;`);
    expect(text(formatChart(table, { width: 40, height: 10 }))).toMatchInlineSnapshot(`
      "a   │██████████████████████████████ 10
          │██████████████████████████████ 2.5
      bb  │███████████████ 5
          │░░░░░░░░░░░░ -1
      ccc │0
          │NULL
      █ n  █ m"
    `);
  });

  it('elides bars that do not fit, and paints each series', async () => {
    const table = await resultOf(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 6);
SELECT CAST(key AS VARCHAR) AS k, count(*) AS n FROM g GROUP BY key;`);
    const lines = formatChart(table, { width: 30, height: 4, paint: (i, s) => `<${i}>${s}</${i}>` });
    expect(text(lines)).toMatchInlineSnapshot(`
      "0 │<0>████████████████████████</0> 17
      1 │<0>████████████████████████</0> 17
      2 │<0>████████████████████████</0> 17
      … 3 more"
    `);
  });

  it('draws a braille line over time, one line per value of a text column', async () => {
    const table = await resultOf(`CREATE TABLE p (ts TIMESTAMP, sym VARCHAR, price DOUBLE);
INSERT INTO p VALUES (TIMESTAMP '2024-01-01 00:00:00', 'A', 1), (TIMESTAMP '2024-01-01 00:00:01', 'A', 3),
  (TIMESTAMP '2024-01-01 00:00:02', 'A', 2), (TIMESTAMP '2024-01-01 00:00:00', 'B', 0), (TIMESTAMP '2024-01-01 00:00:02', 'B', 4);
SELECT * FROM p;`);
    expect(text(formatChart(table, { width: 50, height: 9 }))).toMatchInlineSnapshot(`
      "4 ┤                                       ⢀⣀⡠⠤⠔⠒⠊⠉
        │                    ⢀⣀⡠⠤⠤⢄⣀⣀⣀⡀ ⢀⣀⡠⠤⠔⠒⠊⠉⠁
      2 ┤            ⣀⣀⠤⠤⠔⠒⠊⠉⠁  ⢀⣀⡠⠤⠔⠒⠊⠉⠉⠉⠑⠒⠒⠒⠤⠤⠤⠤⣀⣀⣀⣀
        │   ⢀⣀⡠⠤⠔⠒⠒⠉⠉   ⢀⣀⡠⠤⠔⠒⠊⠉⠁                     ⠉⠉
        │⠒⠊⠉⠁   ⢀⣀⡠⠤⠔⠒⠊⠉⠁
      0 ┤⣀⡠⠤⠔⠒⠊⠉⠁
        └───────────────────────────────────────────────
         2024-01-01 00:00:00         2024-01-01 00:00:02
         ━ A  ━ B"
    `);
  });

  it('chooses the layout from the column types', async () => {
    const layout = async (select: string) => chartLayout((await resultOf(select)).schema);
    expect(await layout(`SELECT TIMESTAMP '2024-01-01 00:00:00' AS ts, 1.5 AS a, 2 AS b`)).toEqual({ kind: 'line', x: 0, ys: [1, 2], splitBy: null });
    expect(await layout(`SELECT TIMESTAMP '2024-01-01 00:00:00' AS ts, 'x' AS s, 2 AS b`)).toEqual({ kind: 'line', x: 0, ys: [2], splitBy: 1 });
    expect(await layout(`SELECT 'x' AS s, 2 AS b`)).toEqual({ kind: 'bar', key: 0, ys: [1] });
    expect(await layout(`SELECT 1 AS x, 2 AS y`)).toEqual({ kind: 'line', x: 0, ys: [1], splitBy: null });
    expect(await layout(`SELECT 2.5 AS y`)).toEqual({ kind: 'line', x: null, ys: [0], splitBy: null });
    expect(formatChart(await resultOf(`SELECT 'x' AS s`), { width: 40, height: 5 })).toEqual(['nothing to chart: the result has no numeric column (INT, BIGINT or DOUBLE)']);
  });

  it('writes axis numbers compactly, with the decimals the range needs', () => {
    expect([0, 42, -7, 99999, 123456, 2.5e6, 0.1234567, 1234.567].map(axisNumber)).toEqual(['0', '42', '-7', '99999', '123k', '2.5M', '0.123', '1235']);
    expect([191.94, 191.9, 191.89].map((v) => axisLabel(v, 191.89, 191.94))).toEqual(['191.94', '191.9', '191.89']);
    expect(axisLabel(50, 0, 100)).toBe('50');
  });
});
