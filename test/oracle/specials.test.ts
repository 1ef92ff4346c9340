/**
 * Oracle: special DOUBLE values — NaN, ±Infinity, -0.0, the extremes and NULL. DuckDB orders
 * NaN above every number and treats NaN = NaN as true, in comparisons as in sorting and
 * grouping; so does LaminarDB.
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const SPECIALS: readonly OracleQuery[] = [
  {
    name: 'aggregates over NaN, ±Infinity and extremes',
    laminar: 'SELECT g, MAX(x), MIN(x), COUNT(DISTINCT x), SUM(x), COUNT(x), AVG(x) FROM specials GROUP BY g',
  },
  {
    name: 'GROUP BY a DOUBLE with NaN, -0.0 and 0.0',
    laminar: 'SELECT x, COUNT(*) FROM specials GROUP BY x',
  },
  { name: 'DISTINCT over special doubles', laminar: 'SELECT DISTINCT x FROM specials' },
  {
    name: 'ORDER BY puts NaN above +Infinity',
    laminar: 'SELECT id, x FROM specials ORDER BY x, id',
    ordered: true,
  },
  {
    name: 'ORDER BY DESC NULLS FIRST over special doubles',
    laminar: 'SELECT id, x FROM specials ORDER BY x DESC NULLS FIRST, id',
    ordered: true,
  },
  {
    name: 'arithmetic and rounding propagate NaN and Infinity',
    laminar:
      'SELECT id, x + 1, x * 0, x - x, -x, ABS(x), ROUND(x), FLOOR(x), CEIL(x), x / 2, x / 0, x % 2 FROM specials',
  },
  {
    name: 'IN list containing NaN',
    laminar: "SELECT id FROM specials WHERE x IN (1, 0, CAST('nan' AS DOUBLE))",
  },
  {
    name: 'comparisons with NaN (NaN = NaN, NaN above +Infinity)',
    laminar:
      "SELECT id, x > 1, x = x, x <> x, x >= 0, x < CAST('inf' AS DOUBLE), x BETWEEN 0 AND CAST('inf' AS DOUBLE) FROM specials",
  },
  {
    name: 'WHERE over NaN rows',
    laminar: "SELECT id FROM specials WHERE x > 0 OR x = CAST('nan' AS DOUBLE)",
  },
  {
    name: 'GREATEST / LEAST / NULLIF with NaN',
    laminar:
      "SELECT id, GREATEST(x, 0), LEAST(x, 0), NULLIF(x, CAST('nan' AS DOUBLE)), COALESCE(x, CAST('nan' AS DOUBLE)) FROM specials",
  },
  {
    name: 'string functions on characters above U+FFFF',
    laminar:
      "SELECT id, s, LENGTH(s), REVERSE(s), SUBSTRING(s, 2), LEFT(s, 1), RIGHT(s, 1), LPAD(s, 4, '🙂'), STRPOS(s, '🙂'), s LIKE '_', s LIKE 'x_' FROM specials",
  },
  {
    name: 'GROUP BY and DISTINCT on such strings',
    laminar: 'SELECT s, COUNT(*) FROM specials GROUP BY s UNION ALL SELECT DISTINCT s, 0 FROM specials',
  },
  { name: 'SIGN of special doubles', laminar: 'SELECT id, SIGN(x) FROM specials' },
];

oracleSuite('oracle: special doubles', { datasets: ['specials'], queries: SPECIALS });
