/**
 * Oracle: special DOUBLE values — NaN, ±Infinity, -0.0, the extremes and NULL. DuckDB orders
 * NaN above every number and treats NaN = NaN as true; LaminarDB's sort, grouping, DISTINCT,
 * MIN / MAX and IN agree (its comparison operators do not yet: known-bugs.test.ts).
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const SPECIALS: readonly OracleQuery[] = [
  { name: 'aggregates over NaN, ±Infinity and extremes', laminar: 'SELECT g, MAX(x), MIN(x), COUNT(DISTINCT x), SUM(x), COUNT(x), AVG(x) FROM specials GROUP BY g' },
  { name: 'GROUP BY a DOUBLE with NaN, -0.0 and 0.0', laminar: 'SELECT x, COUNT(*) FROM specials GROUP BY x' },
  { name: 'DISTINCT over special doubles', laminar: 'SELECT DISTINCT x FROM specials' },
  { name: 'ORDER BY puts NaN above +Infinity', laminar: 'SELECT id, x FROM specials ORDER BY x, id', ordered: true },
  { name: 'ORDER BY DESC NULLS FIRST over special doubles', laminar: 'SELECT id, x FROM specials ORDER BY x DESC NULLS FIRST, id', ordered: true },
  {
    name: 'arithmetic and rounding propagate NaN and Infinity',
    laminar: 'SELECT id, x + 1, x * 0, x - x, -x, ABS(x), ROUND(x), FLOOR(x), CEIL(x), x / 2, x / 0, x % 2, CAST(x AS VARCHAR) FROM specials',
  },
  { name: 'IN list containing NaN', laminar: "SELECT id FROM specials WHERE x IN (1, 0, CAST('nan' AS DOUBLE))" },
];

oracleSuite('oracle: special doubles', { datasets: ['specials'], queries: SPECIALS });
