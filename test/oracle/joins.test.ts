/**
 * Oracle: stream joins over bounded inputs. DESIGN.md principle 3: once every input is
 * exhausted, a join's final result equals the batch answer over the same rows, whatever the
 * strategy LaminarDB picks (engine/plan/join-strategy.ts): regular joins over changelogs,
 * interval joins whose state the watermarks bound, ASOF joins, temporal joins (FOR SYSTEM_TIME
 * AS OF a time) and lookup joins (AS OF PROCTIME()). Each query is read two ways (harness
 * `reads`): the complete result of `execute`, and the consolidation of its changelog (no weight
 * may go negative; joins feeding EMIT ON WINDOW CLOSE / EMIT FINAL only insert).
 *
 * Inputs: the hand-made push sources and tables of joins-data.ts (NULL keys and times, exact
 * duplicates, equal times, rows on interval bounds and exactly at the watermark, out-of-order
 * rows that are never late) and the specials table (NaN, -0.0). Queries with `live` read fresh
 * push sources fed in turns while the query runs, so interval expiry and ASOF decisions
 * happen batch by batch. Views over joins (and joins over views) read `*_feed` sources fed
 * after the views exist, so they are maintained change by change; a customers upsert after
 * that moves rows through them. joins-generated.test.ts runs joins over the generators.
 *
 * DuckDB: regular and interval joins are plain SQL joins. ASOF and temporal joins go through
 * joins-sql.ts (DuckDB's ASOF JOIN with LaminarDB's tie rule; NEAREST and TOLERANCE spelled
 * out). Semantics LaminarDB chose, modelled on the DuckDB side:
 * - a table in a query that runs to a complete result is its current rows (one version per
 *   key of a versioned table, engine/session/boundedness.ts); the history of a versioned table
 *   counts only for a query running while it is written (the last describe block);
 * - a temporal join's extra ON conditions test the version valid at the left row's time: when
 *   that version fails them the row has no match (an older version is not looked for), as a
 *   join with the table's snapshot at that time would;
 * - `*` over a RIGHT JOIN … USING lists the key where the right input has it (a `note`).
 *
 * Fixed bugs kept as queries (FIXED): a lookup join over a finite left input looked its first
 * batch up before it had read the table; an ASOF JOIN's one-sided condition in ON was tested on
 * the chosen row instead of narrowing the candidates.
 */
import { describe, expect, it } from 'vitest';
import { open } from '../../engine/index.js';
import { compareResults } from './compare.js';
import { feedSources, type LiveSource } from './datasets.js';
import { openDuck, runDuck } from './duck.js';
import { oracleSuite, type OracleQuery } from './harness.js';
import {
  CUSTOMERS_STATEMENTS,
  EDGE_LEFT,
  EDGE_RIGHT,
  MARKS,
  MARKS_PLAIN,
  ORDERS,
  PAYMENTS,
  RATE_HISTORY,
  RATES_STATEMENTS,
  rateHistoryInsert,
  TAGS,
} from './joins-data.js';
import { asofMatch, lastArrivals, type AsofOp, type AsofSpec } from './joins-sql.js';
import { runLaminarChangelog } from './laminar.js';
import { hopped, sessionized, tumbled } from './windows-sql.js';

const MINUTE = 60;

/** orders ⋈ marks by symbol, ASOF on their times (DuckDB: per order row, the chosen mark). */
function marksAsOf(op: AsofOp, extra: Partial<AsofSpec> = {}): string {
  return asofMatch({
    left: 'orders',
    right: 'marks',
    keys: [['sym', 'sym']],
    op,
    leftTs: 'ts',
    rightTs: 'ts',
    ...extra,
  });
}

/** The rates version valid at each order's time (a temporal join is ASOF >=). */
const RATE_AS_OF = asofMatch({
  left: 'orders',
  right: 'rates',
  keys: [['sym', 'sym']],
  op: '>=',
  leftTs: 'ts',
  rightTs: 'ts',
});

const PAID_IN_30S = "o.id = p.oid AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '30' SECOND";

// ───────────────────────────── regular joins ─────────────────────────────

const REGULAR: readonly OracleQuery[] = [
  {
    name: 'inner equi-join: duplicates on both sides, NULL keys never match',
    laminar: 'SELECT o.id, o.qty, p.id, p.amount FROM orders o JOIN payments p ON o.id = p.oid',
  },
  {
    name: 'LEFT JOIN: unmatched and NULL-key orders padded',
    laminar: 'SELECT o.id, o.cust, p.id, p.amount, p.ts FROM orders o LEFT JOIN payments p ON o.id = p.oid',
  },
  {
    name: 'RIGHT OUTER JOIN: orphan and NULL-key payments padded',
    laminar:
      'SELECT o.id, o.sym, p.id, p.oid, p.amount FROM orders o RIGHT OUTER JOIN payments p ON o.id = p.oid',
  },
  {
    name: 'FULL OUTER JOIN with a residual predicate (NULL operands fail it)',
    laminar:
      'SELECT o.id, o.qty, p.id, p.amount FROM orders o FULL OUTER JOIN payments p ON o.id = p.oid AND p.amount > o.qty',
  },
  {
    name: 'INNER JOIN with a residual OR',
    laminar:
      'SELECT o.id, o.qty, p.amount FROM orders o INNER JOIN payments p ON o.id = p.oid AND (p.amount < 20 OR o.qty IS NULL OR p.amount IS NULL)',
  },
  {
    name: 'CROSS JOIN, filtered in WHERE',
    laminar: 'SELECT o.id, o.sym, t.sym, t.tag FROM orders o CROSS JOIN tags t WHERE o.qty > 44',
  },
  {
    name: 'comma join of three inputs (INT key = BIGINT key, duplicate tags)',
    laminar:
      'SELECT o.id, c.name, t.tag FROM orders o, customers c, tags t WHERE o.cust = c.id AND o.sym = t.sym AND c.tier <> 0',
  },
  {
    name: 'JOIN … USING: one merged key column',
    laminar: 'SELECT sym, o.id, t.tag, t.w FROM orders o JOIN tags t USING (sym)',
  },
  {
    name: 'LEFT JOIN … USING, aggregated per key (NULL sym its own group)',
    laminar:
      'SELECT sym, count(*), count(t.tag), sum(t.w) FROM orders o LEFT JOIN tags t USING (sym) GROUP BY sym',
  },
  {
    name: 'FULL JOIN … USING: the key is COALESCE of both sides',
    laminar: 'SELECT sym, o.id, t.tag FROM orders o FULL JOIN tags t USING (sym)',
  },
  {
    name: "RIGHT JOIN … USING: the key is the right side's",
    laminar: 'SELECT sym, o.sym, o.id, t.tag FROM orders o RIGHT JOIN tags t USING (sym)',
  },
  {
    name: 'SELECT * over JOIN … USING (the key once) and over JOIN … ON (every column)',
    laminar: 'SELECT * FROM orders o JOIN tags t USING (sym) WHERE o.qty > 40',
  },
  {
    name: 'SELECT * over RIGHT JOIN … USING',
    laminar: 'SELECT * FROM orders o RIGHT JOIN tags t USING (sym) WHERE t.w > 2 OR o.qty > 45',
    duckdb:
      'SELECT o.id, o.cust, o.qty, o.ts, t.sym, t.tag, t.w FROM orders o RIGHT JOIN tags t USING (sym) WHERE t.w > 2 OR o.qty > 45',
    note: "LaminarDB's * lists the right input's copy of a RIGHT JOIN's USING column where the right input has it (engine/plan/binder/bind-join.ts hides the left copy); DuckDB lists it where the left input has it",
  },
  {
    name: 'SELECT * over FULL JOIN … USING',
    laminar: 'SELECT * FROM (SELECT * FROM orders WHERE qty > 40) o FULL JOIN tags t USING (sym)',
  },
  {
    name: 'SELECT * over JOIN … ON',
    laminar: 'SELECT * FROM orders o JOIN tags t ON o.sym = t.sym AND t.w > 2',
  },
  {
    name: 'four inputs, left-deep: inner, LEFT, LEFT with a residual',
    laminar:
      'SELECT o.id, c.name, p.amount, t.tag FROM orders o JOIN customers c ON o.cust = c.id LEFT JOIN payments p ON p.oid = o.id LEFT JOIN tags t ON t.sym = o.sym AND t.w > 2',
  },
  {
    name: 'keys that are expressions (p.oid = o.cust + 9000)',
    laminar: 'SELECT o.id, o.cust, p.id, p.amount FROM orders o JOIN payments p ON p.oid = o.cust + 9000',
  },
  {
    name: 'an INT key equal to a DOUBLE key',
    laminar: 'SELECT o.id, o.qty, p.id, p.amount FROM orders o JOIN payments p ON o.qty = p.amount',
  },
  {
    name: 'no equality: a non-equi condition on every pair',
    laminar: 'SELECT o.id, o.sym, t.tag FROM orders o JOIN tags t ON o.qty < t.w AND o.sym <> t.sym',
  },
  {
    name: 'self-join with aliases',
    laminar:
      'SELECT a.id, b.id, a.cust, a.sym FROM orders a JOIN orders b ON a.cust = b.cust AND a.sym = b.sym AND a.id < b.id',
  },
  {
    name: 'FULL JOIN of two aggregates (updating inputs; the NULL groups never match)',
    laminar:
      'SELECT a.cust, a.n, a.total, b.paid, b.k FROM (SELECT cust, count(*) AS n, sum(qty) AS total FROM orders GROUP BY cust) a FULL JOIN (SELECT o.cust, sum(p.amount) AS paid, count(*) AS k FROM orders o JOIN payments p ON o.id = p.oid GROUP BY o.cust) b ON a.cust = b.cust',
  },
  {
    name: 'LEFT JOIN a table (upserted rows, NULL columns)',
    laminar:
      'SELECT o.id, o.cust, c.name, c.tier, c.region FROM orders o LEFT JOIN customers c ON o.cust = c.id',
  },
  {
    name: 'anti-join: LEFT JOIN … WHERE right IS NULL',
    laminar: 'SELECT o.id, o.cust FROM orders o LEFT JOIN payments p ON o.id = p.oid WHERE p.id IS NULL',
  },
  {
    name: 'aggregate over a LEFT JOIN with HAVING',
    laminar:
      'SELECT o.sym, count(*), count(p.id), sum(p.amount), max(p.ts) FROM orders o LEFT JOIN payments p ON o.id = p.oid GROUP BY o.sym HAVING count(*) > 5',
  },
  {
    name: 'LEFT JOIN with a condition on the left side only: orders failing it are padded, not dropped',
    laminar: 'SELECT o.id, o.qty, p.id FROM orders o LEFT JOIN payments p ON o.id = p.oid AND o.qty > 25',
  },
  {
    name: 'RIGHT JOIN with a condition on the right side only',
    laminar:
      'SELECT o.id, p.id, p.amount FROM orders o RIGHT JOIN payments p ON o.id = p.oid AND p.amount > 100',
  },
  {
    name: 'FULL JOIN with one-sided conditions on both sides',
    laminar:
      'SELECT o.id, o.qty, p.id, p.amount FROM orders o FULL JOIN payments p ON o.id = p.oid AND o.qty > 25 AND p.amount > 100',
  },
  {
    name: 'LEFT JOIN with a condition on the right side only (it filters the right input)',
    laminar: 'SELECT o.id, p.id FROM orders o LEFT JOIN payments p ON o.id = p.oid AND p.amount > 100',
  },
  {
    name: 'WHERE on each side of a LEFT JOIN, one keeping the padded rows',
    laminar:
      'SELECT o.id, p.amount FROM orders o LEFT JOIN payments p ON o.id = p.oid WHERE o.qty > 10 AND (p.amount > 50 OR p.amount IS NULL)',
  },
  {
    name: 'WHERE on the merged key of a FULL JOIN … USING',
    laminar:
      "SELECT sym, o.id, t.tag FROM orders o FULL JOIN tags t USING (sym) WHERE sym IN ('A', 'F') OR sym IS NULL",
  },
  {
    name: 'JOIN … USING two columns (self-join)',
    laminar: 'SELECT cust, sym, a.id, b.id FROM orders a JOIN orders b USING (cust, sym) WHERE a.id < b.id',
  },
  {
    name: 'LEFT JOIN an empty input: every row padded',
    laminar:
      'SELECT o.id, p.id FROM orders o LEFT JOIN (SELECT * FROM payments WHERE amount > 1e9) p ON o.id = p.oid',
  },
  {
    name: 'FULL JOIN with an empty left input',
    laminar:
      'SELECT o.id, t.sym, t.tag FROM (SELECT * FROM orders WHERE qty > 1000) o FULL JOIN tags t ON o.sym = t.sym',
  },
  {
    name: 'CROSS JOIN with an empty input, counted',
    laminar: 'SELECT count(*), sum(o.qty) FROM orders o CROSS JOIN (SELECT * FROM tags WHERE w > 100) t',
  },
  {
    name: 'LEFT JOIN … ON FALSE',
    laminar: 'SELECT o.id, t.tag FROM orders o LEFT JOIN tags t ON FALSE WHERE o.id < 30',
  },
  {
    name: 'DOUBLE keys: NaN equals NaN and -0.0 equals 0.0, as in DuckDB',
    laminar: 'SELECT a.id, b.id, a.x FROM specials a JOIN specials b ON a.x = b.x',
  },
  {
    name: 'VARCHAR keys with duplicates, FULL JOIN',
    laminar:
      'SELECT a.id, b.id, a.s, b.s FROM specials a FULL JOIN specials b ON a.g = b.g AND a.id < b.id AND a.x <> b.x',
  },
  {
    name: 'RIGHT JOIN of two aggregates (updates on both sides)',
    laminar:
      'SELECT a.sym, a.n, b.sym, b.paid FROM (SELECT sym, count(*) AS n FROM orders WHERE qty > 20 GROUP BY sym) a RIGHT JOIN (SELECT o.sym, sum(p.amount) AS paid FROM orders o JOIN payments p ON o.id = p.oid GROUP BY o.sym) b ON a.sym = b.sym',
  },
  {
    name: 'self-join of a table on a column with NULLs',
    laminar:
      'SELECT a.id, b.id, a.region FROM customers a JOIN customers b ON a.region = b.region AND a.id < b.id',
  },
  {
    name: 'ORDER BY … LIMIT over a join',
    laminar:
      'SELECT p.id, o.id, p.amount FROM orders o JOIN payments p ON o.id = p.oid ORDER BY p.amount DESC, p.id, o.id LIMIT 15',
    ordered: true,
  },
  {
    name: 'LIMIT without ORDER BY over a join, counted (the satisfied LIMIT stops both inputs)',
    laminar: 'SELECT count(*) FROM (SELECT o.id FROM orders o JOIN payments p ON o.id = p.oid LIMIT 5)',
  },
  {
    name: 'SELECT DISTINCT over a join',
    laminar: 'SELECT DISTINCT o.sym, t.tag FROM orders o JOIN tags t ON o.sym = t.sym',
  },
];

// ───────────────────────────── interval joins ─────────────────────────────

const INTERVAL: readonly OracleQuery[] = [
  {
    name: 'interval join: payments in [order, order + 30 s] (bounds included)',
    laminar: `SELECT o.id, o.ts, p.id, p.amount, p.ts FROM orders o JOIN payments p ON ${PAID_IN_30S}`,
  },
  {
    name: 'interval LEFT JOIN, fed live: unmatched orders come out as they expire',
    laminar: `SELECT o.id, o.qty, p.id, p.amount FROM orders o LEFT JOIN payments p ON ${PAID_IN_30S}`,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'interval RIGHT JOIN',
    laminar: `SELECT o.id, p.id, p.oid, p.amount FROM orders o RIGHT JOIN payments p ON ${PAID_IN_30S}`,
  },
  {
    name: 'interval FULL JOIN with a residual, fed live',
    laminar: `SELECT o.id, o.qty, p.id, p.amount FROM orders o FULL JOIN payments p ON ${PAID_IN_30S} AND p.amount > 50`,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'interval join with strict bounds written as > and < conjuncts, fed live',
    laminar:
      "SELECT o.id, p.id, p.ts - o.ts FROM orders o JOIN payments p ON o.id = p.oid AND p.ts > o.ts - INTERVAL '5' SECOND AND p.ts < o.ts + INTERVAL '20' SECOND",
    duckdb:
      "SELECT o.id, p.id, p.ts - o.ts FROM orders o JOIN payments p ON o.id = p.oid AND p.ts > o.ts - INTERVAL '5' SECOND AND p.ts < o.ts + INTERVAL '20' SECOND",
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'interval bounds written from the left time (o.ts >= p.ts - 6 s AND o.ts <= p.ts + 40 s)',
    laminar:
      "SELECT o.id, p.id FROM orders o LEFT JOIN payments p ON o.id = p.oid AND o.ts <= p.ts + INTERVAL '6' SECOND AND o.ts >= p.ts - INTERVAL '40' SECOND",
  },
  {
    name: 'interval join by symbol, many-to-many (equal times, duplicates on both sides)',
    laminar:
      "SELECT o.id, o.sym, m.id, m.px FROM orders o JOIN marks m ON o.sym = m.sym AND m.ts BETWEEN o.ts - INTERVAL '2' SECOND AND o.ts + INTERVAL '2' SECOND",
  },
  {
    name: 'interval LEFT JOIN by symbol, fed live',
    laminar:
      "SELECT o.id, m.id, m.px FROM orders o LEFT JOIN marks m ON o.sym = m.sym AND m.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND",
    live: [ORDERS, MARKS],
  },
  {
    name: 'interval join feeding TUMBLE on the left time, EMIT ON WINDOW CLOSE',
    laminar: `SELECT window_start, window_end, o.sym, count(*), sum(p.amount), max(p.ts) FROM orders o JOIN payments p ON ${PAID_IN_30S} GROUP BY TUMBLE(o.ts, INTERVAL '1' MINUTE), o.sym EMIT ON WINDOW CLOSE`,
    duckdb: `SELECT ws, we, sym, count(*), sum(amount), max(pts) FROM ${tumbled({ from: `(SELECT o.ts, o.sym, p.amount, p.ts AS pts FROM orders o JOIN payments p ON ${PAID_IN_30S})`, ts: 'ts' }, MINUTE)} GROUP BY ws, we, sym`,
    appendOnly: true,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'interval LEFT JOIN feeding TUMBLE (unmatched rows counted when they expire)',
    laminar: `SELECT window_start, count(*), count(p.id), sum(p.amount) FROM orders o LEFT JOIN payments p ON ${PAID_IN_30S} GROUP BY TUMBLE(o.ts, INTERVAL '2' MINUTE)`,
    duckdb: `SELECT ws, count(*), count(pid), sum(amount) FROM ${tumbled({ from: `(SELECT o.ts, p.id AS pid, p.amount FROM orders o LEFT JOIN payments p ON ${PAID_IN_30S})`, ts: 'ts' }, 2 * MINUTE)} GROUP BY ws`,
  },
  {
    name: 'comma join with the time bound in WHERE (an interval join)',
    laminar:
      "SELECT o.id, p.id FROM orders o, payments p WHERE o.id = p.oid AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '30' SECOND",
  },
  {
    name: 'interval join of subqueries that filter and rename the time columns',
    laminar:
      "SELECT o.id, p.id, p.t2 - o.t FROM (SELECT id, ts AS t FROM orders WHERE qty > 5) o JOIN (SELECT oid, id, ts AS t2 FROM payments) p ON o.id = p.oid AND p.t2 BETWEEN o.t AND o.t + INTERVAL '30' SECOND",
  },
  {
    name: 'interval window entirely before the left row, feeding TUMBLE EMIT ON WINDOW CLOSE, fed live',
    laminar:
      "SELECT window_start, count(*), sum(p.amount) FROM orders o JOIN payments p ON o.id = p.oid AND p.ts BETWEEN o.ts - INTERVAL '6' SECOND AND o.ts - INTERVAL '1' SECOND GROUP BY TUMBLE(o.ts, INTERVAL '30' SECOND) EMIT ON WINDOW CLOSE",
    duckdb: `SELECT ws, count(*), sum(amount) FROM ${tumbled({ from: "(SELECT o.ts, p.amount FROM orders o JOIN payments p ON o.id = p.oid AND p.ts BETWEEN o.ts - INTERVAL '6' SECOND AND o.ts - INTERVAL '1' SECOND)", ts: 'ts' }, 30)} GROUP BY ws`,
    appendOnly: true,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'interval LEFT JOIN, window entirely after the left row, fed live',
    laminar:
      "SELECT o.id, p.id FROM orders o LEFT JOIN payments p ON o.id = p.oid AND p.ts BETWEEN o.ts + INTERVAL '10' SECOND AND o.ts + INTERVAL '40' SECOND",
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'equal times by symbol (m.ts = o.ts)',
    laminar: 'SELECT o.id, m.id FROM orders o JOIN marks m ON o.sym = m.sym AND m.ts = o.ts',
  },
  {
    name: 'self interval join of a source',
    laminar:
      "SELECT a.id, b.id FROM orders a JOIN orders b ON a.sym = b.sym AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '3' SECOND AND a.id <> b.id",
  },
  {
    name: "two interval joins in a row (the second bound on the first one's left time), then TUMBLE EMIT ON WINDOW CLOSE",
    laminar: `SELECT window_start, count(*), count(DISTINCT o.id), sum(m.px) FROM orders o JOIN payments p ON ${PAID_IN_30S} JOIN marks m ON m.sym = o.sym AND m.ts BETWEEN o.ts - INTERVAL '3' SECOND AND o.ts GROUP BY TUMBLE(o.ts, INTERVAL '1' MINUTE) EMIT ON WINDOW CLOSE`,
    duckdb: `SELECT ws, count(*), count(DISTINCT id), sum(px) FROM ${tumbled({ from: `(SELECT o.ts, o.id, m.px FROM orders o JOIN payments p ON ${PAID_IN_30S} JOIN marks m ON m.sym = o.sym AND m.ts BETWEEN o.ts - INTERVAL '3' SECOND AND o.ts)`, ts: 'ts' }, MINUTE)} GROUP BY ws`,
    appendOnly: true,
    live: [ORDERS, PAYMENTS, MARKS],
  },
  {
    name: 'JOIN … USING (sym) with the time bound in WHERE',
    laminar:
      "SELECT sym, o.id, m.id FROM orders o JOIN marks m USING (sym) WHERE m.ts BETWEEN o.ts - INTERVAL '1' SECOND AND o.ts + INTERVAL '1' SECOND",
  },
  {
    name: 'CROSS JOIN with a time bound in WHERE: an interval join without keys',
    laminar:
      "SELECT o.id, m.id FROM orders o CROSS JOIN marks m WHERE m.ts BETWEEN o.ts AND o.ts + INTERVAL '500' MILLISECOND",
  },
  {
    name: 'SESSION windows over an interval join output, fed live',
    laminar: `SELECT window_start, window_end, o.sym, count(*), sum(p.amount) FROM orders o JOIN payments p ON ${PAID_IN_30S} GROUP BY SESSION(o.ts, INTERVAL '5' SECOND), o.sym EMIT ON WINDOW CLOSE`,
    duckdb: `SELECT ws, we, sym, count(*), sum(amount) FROM ${sessionized({ from: `(SELECT o.ts, o.sym, p.amount FROM orders o JOIN payments p ON ${PAID_IN_30S})`, ts: 'ts' }, ['sym'], 5)} GROUP BY ws, we, sym`,
    appendOnly: true,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'HOP windows over an ASOF join output',
    laminar:
      "SELECT window_start, window_end, count(*), count(m.id), max(m.px) FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym GROUP BY HOP(o.ts, INTERVAL '20' SECOND, INTERVAL '1' MINUTE) EMIT FINAL",
    duckdb: `SELECT ws, we, count(*), count(mid), max(px) FROM ${hopped({ from: `(SELECT o.ts, m.id AS mid, m.px FROM orders o LEFT JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid)`, ts: 'ts' }, 20, MINUTE)} GROUP BY ws, we`,
    appendOnly: true,
  },
  {
    name: 'interval join, then a LEFT JOIN with a table',
    laminar: `SELECT o.id, c.name, p.amount FROM orders o JOIN payments p ON ${PAID_IN_30S} LEFT JOIN customers c ON c.id = o.cust`,
  },
];

// ───────────────────────────── ASOF joins ─────────────────────────────

const ASOF: readonly OracleQuery[] = [
  {
    name: 'ASOF JOIN >= (the latest mark at or before; equal times: the last to arrive)',
    laminar:
      'SELECT o.id, o.sym, o.ts, m.id, m.px, m.ts FROM orders o ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, o.sym, o.ts, m.id, m.px, m.ts FROM orders o JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid`,
  },
  {
    name: 'LEFT ASOF JOIN >=, fed live',
    laminar:
      'SELECT o.id, o.qty, m.id, m.px FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, o.qty, m.id, m.px FROM orders o LEFT JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid`,
    live: [ORDERS, MARKS],
  },
  {
    name: 'LEFT ASOF JOIN > (strictly before)',
    laminar:
      'SELECT o.id, m.id, m.px FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts > m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, m.id, m.px FROM orders o LEFT JOIN ${marksAsOf('>')} m ON m.lrow = o.rowid`,
  },
  {
    name: 'LEFT ASOF JOIN <= (the next mark), fed live',
    laminar:
      'SELECT o.id, m.id, m.px, m.ts FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts <= m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, m.id, m.px, m.ts FROM orders o LEFT JOIN ${marksAsOf('<=')} m ON m.lrow = o.rowid`,
    live: [ORDERS, MARKS],
  },
  {
    name: 'ASOF JOIN < (strictly after)',
    laminar:
      'SELECT o.id, m.id, m.px FROM orders o ASOF JOIN marks m MATCH_CONDITION (o.ts < m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, m.id, m.px FROM orders o JOIN ${marksAsOf('<')} m ON m.lrow = o.rowid`,
  },
  {
    name: 'LEFT ASOF JOIN NEAREST (equal distance: the earlier mark), fed live',
    laminar:
      'SELECT o.id, m.id, m.px, m.ts FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (NEAREST(o.ts, m.ts)) ON o.sym = m.sym',
    duckdb: `SELECT o.id, m.id, m.px, m.ts FROM orders o LEFT JOIN ${marksAsOf('nearest')} m ON m.lrow = o.rowid`,
    live: [ORDERS, MARKS],
  },
  {
    name: 'LEFT ASOF JOIN >= with TOLERANCE (a mark further back is no match)',
    laminar:
      "SELECT o.id, m.id, m.px FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) TOLERANCE INTERVAL '3' SECOND ON o.sym = m.sym",
    duckdb: `SELECT o.id, m.id, m.px FROM orders o LEFT JOIN ${marksAsOf('>=', { tolerance: 3 })} m ON m.lrow = o.rowid`,
  },
  {
    name: 'ASOF JOIN NEAREST with TOLERANCE',
    laminar:
      "SELECT o.id, m.id, m.ts FROM orders o ASOF JOIN marks m MATCH_CONDITION (NEAREST(o.ts, m.ts)) TOLERANCE INTERVAL '1.5' SECOND ON o.sym = m.sym",
    duckdb: `SELECT o.id, m.id, m.ts FROM orders o JOIN ${marksAsOf('nearest', { tolerance: 1.5 })} m ON m.lrow = o.rowid`,
  },
  {
    name: 'LEFT ASOF JOIN < with TOLERANCE, fed live',
    laminar:
      "SELECT o.id, m.id FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts < m.ts) TOLERANCE INTERVAL '2' SECOND ON o.sym = m.sym",
    duckdb: `SELECT o.id, m.id FROM orders o LEFT JOIN ${marksAsOf('<', { tolerance: 2 })} m ON m.lrow = o.rowid`,
    live: [ORDERS, MARKS],
  },
  {
    name: 'ASOF JOIN ON TRUE: no keys, every mark a candidate',
    laminar:
      'SELECT o.id, m.id, m.sym FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON TRUE',
    duckdb: `SELECT o.id, m.id, m.sym FROM orders o LEFT JOIN ${marksAsOf('>=', { keys: [] })} m ON m.lrow = o.rowid`,
  },
  {
    name: 'MATCH_CONDITION written right side first (m.ts <= o.ts is o.ts >= m.ts)',
    laminar:
      'SELECT o.id, m.id FROM orders o ASOF JOIN marks m MATCH_CONDITION (m.ts <= o.ts) ON m.sym = o.sym',
    duckdb: `SELECT o.id, m.id FROM orders o JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid`,
  },
  {
    name: 'two ASOF joins in a row: the previous and the next mark',
    laminar:
      'SELECT o.id, a.id, b.id FROM orders o LEFT ASOF JOIN marks a MATCH_CONDITION (o.ts > a.ts) ON o.sym = a.sym LEFT ASOF JOIN marks b MATCH_CONDITION (o.ts < b.ts) ON o.sym = b.sym',
    duckdb: `SELECT o.id, a.id, b.id FROM orders o LEFT JOIN ${marksAsOf('>')} a ON a.lrow = o.rowid LEFT JOIN ${marksAsOf('<')} b ON b.lrow = o.rowid`,
  },
  {
    name: 'ASOF JOIN against a finite source without a watermark',
    laminar:
      'SELECT o.id, m.id, m.px FROM orders o LEFT ASOF JOIN marks_plain m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, m.id, m.px FROM orders o LEFT JOIN ${marksAsOf('>=', { right: 'marks_plain' })} m ON m.lrow = o.rowid`,
  },
  {
    name: 'LEFT ASOF JOIN with a left-only equality in ON: orders failing it are padded',
    laminar:
      'SELECT o.id, m.id FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym AND o.qty % 2 = 0',
    duckdb: `SELECT o.id, m.id FROM orders o LEFT JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid AND o.qty % 2 = 0`,
  },
  {
    name: 'WHERE on the right side of an ASOF join filters after the match',
    laminar:
      'SELECT o.id, m.id, m.px FROM orders o ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym WHERE m.px > 500 AND o.qty > 10',
    duckdb: `SELECT o.id, m.id, m.px FROM orders o JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid WHERE m.px > 500 AND o.qty > 10`,
  },
  {
    name: 'ASOF JOIN of a subquery that filters the left input',
    laminar:
      'SELECT o.id, m.id FROM (SELECT * FROM orders WHERE qty > 20) o ASOF JOIN marks m MATCH_CONDITION (o.ts <= m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, m.id FROM orders o JOIN ${marksAsOf('<=')} m ON m.lrow = o.rowid WHERE o.qty > 20`,
  },
  {
    name: 'ASOF JOIN with a left input without a watermark',
    laminar:
      'SELECT m.id, o.id FROM marks_plain m LEFT ASOF JOIN orders o MATCH_CONDITION (m.ts >= o.ts) ON m.sym = o.sym',
    duckdb: `SELECT m.id, o.id FROM marks_plain m LEFT JOIN ${asofMatch({ left: 'marks_plain', right: 'orders', keys: [['sym', 'sym']], op: '>=', leftTs: 'ts', rightTs: 'ts' })} o ON o.lrow = m.rowid`,
  },
  {
    name: 'ASOF JOIN on two keys (NULLs in either never match)',
    laminar:
      'SELECT a.id, b.id FROM orders a LEFT ASOF JOIN orders b MATCH_CONDITION (a.ts > b.ts) ON a.cust = b.cust AND a.sym = b.sym',
    duckdb: `SELECT a.id, b.id FROM orders a LEFT JOIN ${asofMatch({
      left: 'orders',
      right: 'orders',
      keys: [
        ['cust', 'cust'],
        ['sym', 'sym'],
      ],
      op: '>',
      leftTs: 'ts',
      rightTs: 'ts',
    })} b ON b.lrow = a.rowid`,
  },
  {
    name: 'ASOF JOIN >= with TOLERANCE 0: equal times only',
    laminar:
      "SELECT o.id, m.id FROM orders o LEFT ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) TOLERANCE INTERVAL '0' SECOND ON o.sym = m.sym",
    duckdb: `SELECT o.id, m.id FROM orders o LEFT JOIN ${marksAsOf('>=', { tolerance: 0 })} m ON m.lrow = o.rowid`,
  },
  {
    name: "self ASOF JOIN: each order's previous order of the same customer (duplicates, equal times)",
    laminar:
      'SELECT a.id, b.id, b.qty FROM orders a LEFT ASOF JOIN orders b MATCH_CONDITION (a.ts > b.ts) ON a.cust = b.cust',
    duckdb: `SELECT a.id, b.id, b.qty FROM orders a LEFT JOIN ${asofMatch({ left: 'orders', right: 'orders', keys: [['cust', 'cust']], op: '>', leftTs: 'ts', rightTs: 'ts' })} b ON b.lrow = a.rowid`,
  },
  {
    name: 'ASOF JOIN after an interval join (its output keeps the left time)',
    laminar: `SELECT o.id, p.id, m.id FROM orders o JOIN payments p ON ${PAID_IN_30S} LEFT ASOF JOIN marks m MATCH_CONDITION (p.ts >= m.ts) ON o.sym = m.sym`,
    duckdb: `SELECT j.oid, j.pid, m.id FROM (SELECT o.id AS oid, o.sym, p.id AS pid, p.ts FROM orders o JOIN payments p ON ${PAID_IN_30S}) j ASOF LEFT JOIN ${lastArrivals('marks', ['sym'], 'ts')} m ON j.sym = m.sym AND j.ts >= m.ts`,
  },
  {
    name: 'ASOF join feeding TUMBLE on the left time, EMIT ON WINDOW CLOSE',
    laminar:
      "SELECT window_start, o.sym, count(*), avg(m.px), min(m.ts) FROM orders o ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym GROUP BY TUMBLE(o.ts, INTERVAL '1' MINUTE), o.sym EMIT ON WINDOW CLOSE",
    duckdb: `SELECT ws, sym, count(*), avg(px), min(mts) FROM ${tumbled({ from: `(SELECT o.ts, o.sym, m.px, m.ts AS mts FROM orders o JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid)`, ts: 'ts' }, MINUTE)} GROUP BY ws, sym`,
    appendOnly: true,
  },
];

// ───────────────────────────── temporal and lookup joins ─────────────────────────────

const TEMPORAL: readonly OracleQuery[] = [
  {
    name: 'FOR SYSTEM_TIME AS OF o.ts against a versioned table (its current versions)',
    laminar:
      'SELECT o.id, o.sym, rates.rate, rates.ts FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts ON o.sym = rates.sym',
    duckdb: `SELECT o.id, o.sym, r.rate, r.ts FROM orders o JOIN ${RATE_AS_OF} r ON r.lrow = o.rowid`,
  },
  {
    name: 'LEFT JOIN … FOR SYSTEM_TIME AS OF o.ts, aliased table',
    laminar:
      'SELECT o.id, o.qty * r.rate, r.ts FROM orders o LEFT JOIN rates r FOR SYSTEM_TIME AS OF o.ts ON o.sym = r.sym',
    duckdb: `SELECT o.id, o.qty * r.rate, r.ts FROM orders o LEFT JOIN ${RATE_AS_OF} r ON r.lrow = o.rowid`,
  },
  {
    name: 'FOR SYSTEM_TIME AS OF … USING (sym)',
    laminar:
      'SELECT sym, o.id, r.rate FROM orders o LEFT JOIN rates r FOR SYSTEM_TIME AS OF o.ts USING (sym)',
    duckdb: `SELECT o.sym, o.id, r.rate FROM orders o LEFT JOIN ${RATE_AS_OF} r ON r.lrow = o.rowid`,
  },
  {
    name: 'FOR SYSTEM_TIME AS OF with an extra ON condition on the version (a failing version is no match)',
    laminar:
      'SELECT o.id, r.rate FROM orders o LEFT JOIN rates r FOR SYSTEM_TIME AS OF o.ts ON o.sym = r.sym AND r.rate > 1',
    duckdb: `SELECT o.id, r.rate FROM orders o LEFT JOIN ${RATE_AS_OF} r ON r.lrow = o.rowid AND r.rate > 1`,
  },
  {
    name: 'FOR SYSTEM_TIME AS OF a watermarked source (each mark a version of its symbol), fed live',
    laminar:
      'SELECT o.id, marks.id, marks.px FROM orders o LEFT JOIN marks FOR SYSTEM_TIME AS OF o.ts ON o.sym = marks.sym',
    duckdb: `SELECT o.id, m.id, m.px FROM orders o LEFT JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid`,
    live: [ORDERS, MARKS],
  },
  {
    name: 'a temporal join, then a regular join with a table',
    laminar:
      'SELECT o.id, r.rate, c.name FROM orders o JOIN rates r FOR SYSTEM_TIME AS OF o.ts ON o.sym = r.sym LEFT JOIN customers c ON o.cust = c.id',
    duckdb: `SELECT o.id, r.rate, c.name FROM orders o JOIN ${RATE_AS_OF} r ON r.lrow = o.rowid LEFT JOIN customers c ON o.cust = c.id`,
  },
  // Read as changelogs from a live feed (FIXED reads them over a finite source as results too).
  {
    name: 'lookup join (AS OF PROCTIME()) over a live source: the table as it is when rows arrive',
    laminar:
      'SELECT o.id, c.name, c.region FROM orders o LEFT JOIN customers FOR SYSTEM_TIME AS OF PROCTIME() AS c ON o.cust = c.id',
    duckdb: 'SELECT o.id, c.name, c.region FROM orders o LEFT JOIN customers c ON o.cust = c.id',
    live: [ORDERS],
    reads: ['changelog'],
  },
  {
    name: 'lookup join with an updating left input (an aggregate), fed live',
    laminar:
      'SELECT a.cust, a.n, c.name FROM (SELECT cust, count(*) AS n FROM orders GROUP BY cust) a JOIN customers FOR SYSTEM_TIME AS OF PROCTIME() AS c ON a.cust = c.id AND c.tier > 0',
    duckdb:
      'SELECT a.cust, a.n, c.name FROM (SELECT cust, count(*) AS n FROM orders GROUP BY cust) a JOIN customers c ON a.cust = c.id AND c.tier > 0',
    live: [ORDERS],
    reads: ['changelog'],
  },
];

/** Rows exactly at the watermark (joins-data.ts EDGE_LEFT / EDGE_RIGHT), fed a row at a time. */
const EDGE_INTERVAL = "l.k = r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '10' SECOND";
const edgeAsOf = (op: AsofOp): string =>
  asofMatch({ left: 'edge_l', right: 'edge_r', keys: [['k', 'k']], op, leftTs: 'ts', rightTs: 'ts' });
const EDGES: readonly OracleQuery[] = [
  {
    name: 'edges: interval LEFT JOIN, rows at the watermark on the bounds',
    laminar: `SELECT l.id, r.id FROM edge_l l LEFT JOIN edge_r r ON ${EDGE_INTERVAL}`,
  },
  {
    name: 'edges: interval FULL JOIN',
    laminar: `SELECT l.id, r.id FROM edge_l l FULL JOIN edge_r r ON ${EDGE_INTERVAL}`,
  },
  {
    name: 'edges: interval join into TUMBLE 10 s, EMIT ON WINDOW CLOSE',
    laminar: `SELECT window_start, count(*), min(r.id) FROM edge_l l JOIN edge_r r ON ${EDGE_INTERVAL} GROUP BY TUMBLE(l.ts, INTERVAL '10' SECOND) EMIT ON WINDOW CLOSE`,
    duckdb: `SELECT ws, count(*), min(rid) FROM ${tumbled({ from: `(SELECT l.ts, r.id AS rid FROM edge_l l JOIN edge_r r ON ${EDGE_INTERVAL})`, ts: 'ts' }, 10)} GROUP BY ws`,
    appendOnly: true,
  },
  ...(['>=', '<=', '>', 'nearest'] as const).map((op): OracleQuery => ({
    name: `edges: LEFT ASOF JOIN ${op}`,
    laminar: `SELECT l.id, r.id FROM edge_l l LEFT ASOF JOIN edge_r r MATCH_CONDITION (${op === 'nearest' ? 'NEAREST(l.ts, r.ts)' : `l.ts ${op} r.ts`}) ON l.k = r.k`,
    duckdb: `SELECT l.id, r.id FROM edge_l l LEFT JOIN ${edgeAsOf(op)} r ON r.lrow = l.rowid`,
  })),
  {
    name: 'edges: FOR SYSTEM_TIME AS OF the right source',
    laminar: 'SELECT l.id, r.id FROM edge_l l LEFT JOIN edge_r r FOR SYSTEM_TIME AS OF l.ts ON l.k = r.k',
    duckdb: `SELECT l.id, r.id FROM edge_l l LEFT JOIN ${edgeAsOf('>=')} r ON r.lrow = l.rowid`,
  },
].map((q) => ({ ...q, live: [EDGE_LEFT, EDGE_RIGHT] }));

/** Queries that found LaminarDB bugs, now fixed. */
const FIXED: readonly OracleQuery[] = [
  {
    name: 'lookup LEFT JOIN (AS OF PROCTIME()) over a finite source',
    laminar:
      'SELECT o.id, c.name, c.region FROM orders o LEFT JOIN customers FOR SYSTEM_TIME AS OF PROCTIME() AS c ON o.cust = c.id',
    duckdb: 'SELECT o.id, c.name, c.region FROM orders o LEFT JOIN customers c ON o.cust = c.id',
  },
  {
    name: 'ASOF JOIN with a right-only equality in ON',
    laminar:
      'SELECT o.id, m.id FROM orders o ASOF JOIN marks m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym AND m.id % 2 = 0',
    duckdb: `SELECT o.id, m.id FROM orders o JOIN ${marksAsOf('>=', { rightFilter: 'id % 2 = 0' })} m ON m.lrow = o.rowid`,
  },
  {
    name: 'lookup JOIN with a residual over a finite source',
    laminar:
      'SELECT o.id, c.name FROM orders o JOIN customers FOR SYSTEM_TIME AS OF PROCTIME() AS c ON o.cust = c.id AND c.tier > 1',
    duckdb: 'SELECT o.id, c.name FROM orders o JOIN customers c ON o.cust = c.id AND c.tier > 1',
  },
];

// ───────────────────────────── windows, views ─────────────────────────────

const WINDOWED: readonly OracleQuery[] = [
  {
    name: 'TUMBLE on the left time over a regular join, fed live',
    laminar:
      "SELECT window_start, count(*), sum(p.amount) FROM orders o JOIN payments p ON o.id = p.oid GROUP BY TUMBLE(o.ts, INTERVAL '1' MINUTE)",
    duckdb: `SELECT ws, count(*), sum(amount) FROM ${tumbled({ from: '(SELECT o.ts, p.amount FROM orders o JOIN payments p ON o.id = p.oid)', ts: 'ts' }, MINUTE)} GROUP BY ws`,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'TUMBLE on the right time over an interval RIGHT JOIN, fed live',
    laminar: `SELECT window_start, count(*), count(o.id) FROM orders o RIGHT JOIN payments p ON ${PAID_IN_30S} GROUP BY TUMBLE(p.ts, INTERVAL '1' MINUTE)`,
    duckdb: `SELECT ws, count(*), count(oid_) FROM ${tumbled({ from: `(SELECT p.ts, o.id AS oid_ FROM orders o RIGHT JOIN payments p ON ${PAID_IN_30S})`, ts: 'ts' }, MINUTE)} GROUP BY ws`,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'two windowed aggregates (EMIT ON WINDOW CLOSE) joined on window_start',
    laminar:
      "SELECT a.window_start, a.sym, a.n, b.k, b.paid FROM (SELECT window_start, sym, count(*) AS n FROM orders GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), sym EMIT ON WINDOW CLOSE) a LEFT JOIN (SELECT window_start, count(*) AS k, sum(amount) AS paid FROM payments GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE) EMIT ON WINDOW CLOSE) b ON a.window_start = b.window_start",
    duckdb: `SELECT a.ws, a.sym, a.n, b.k, b.paid FROM (SELECT ws, sym, count(*) AS n FROM ${tumbled({ from: 'orders', ts: 'ts' }, MINUTE)} GROUP BY ws, sym) a LEFT JOIN (SELECT ws, count(*) AS k, sum(amount) AS paid FROM ${tumbled({ from: 'payments', ts: 'ts' }, MINUTE)} GROUP BY ws) b ON a.ws = b.ws`,
    live: [ORDERS, PAYMENTS],
  },
  {
    name: 'a windowed aggregate joined with a table',
    laminar:
      "SELECT w.window_start, c.name, w.n FROM (SELECT window_start, cust, count(*) AS n FROM orders GROUP BY TUMBLE(ts, INTERVAL '2' MINUTE), cust EMIT ON WINDOW CLOSE) w JOIN customers c ON w.cust = c.id",
    duckdb: `SELECT w.ws, c.name, w.n FROM (SELECT ws, cust, count(*) AS n FROM ${tumbled({ from: 'orders', ts: 'ts' }, 2 * MINUTE)} GROUP BY ws, cust) w JOIN customers c ON w.cust = c.id`,
  },
];

/**
 * Views over joins and joins over views, over `*_feed` sources fed (in turns) after the views
 * exist (prepare), then a customers upsert that moves rows through them.
 */
const VIEWS: readonly { name: string; laminar: string; duckdb: string }[] = [
  {
    name: 'cust_paid',
    laminar:
      'SELECT o.cust, count(*) AS n, count(p.id) AS payments, sum(p.amount) AS paid FROM orders_feed o LEFT JOIN payments_feed p ON o.id = p.oid GROUP BY o.cust',
    duckdb:
      'SELECT o.cust, count(*) AS n, count(p.id) AS payments, sum(p.amount) AS paid FROM orders o LEFT JOIN payments p ON o.id = p.oid GROUP BY o.cust',
  },
  {
    name: 'named_paid',
    laminar:
      'SELECT c.id, c.name, c.region, v.n, v.paid FROM cust_paid v RIGHT JOIN customers c ON v.cust = c.id',
    duckdb:
      'SELECT c.id, c.name, c.region, v.n, v.paid FROM cust_paid v RIGHT JOIN customers c ON v.cust = c.id',
  },
  {
    name: 'paid_in_time',
    laminar: `SELECT o.id, o.sym, o.ts, p.amount FROM orders_feed o JOIN payments_feed p ON ${PAID_IN_30S}`,
    duckdb: `SELECT o.id, o.sym, o.ts, p.amount FROM orders o JOIN payments p ON ${PAID_IN_30S}`,
  },
  {
    name: 'marked',
    laminar:
      'SELECT o.id, o.sym, o.ts, m.px FROM orders_feed o LEFT ASOF JOIN marks_feed m MATCH_CONDITION (o.ts >= m.ts) ON o.sym = m.sym',
    duckdb: `SELECT o.id, o.sym, o.ts, m.px FROM orders o LEFT JOIN ${marksAsOf('>=')} m ON m.lrow = o.rowid`,
  },
  {
    name: 'sym_orders',
    laminar: 'SELECT sym, count(*) AS n, max(qty) AS top FROM orders_feed GROUP BY sym',
    duckdb: 'SELECT sym, count(*) AS n, max(qty) AS top FROM orders GROUP BY sym',
  },
  {
    name: 'sym_marks',
    laminar: 'SELECT sym, count(*) AS n, max(px) AS high FROM marks_feed GROUP BY sym',
    duckdb: 'SELECT sym, count(*) AS n, max(px) AS high FROM marks GROUP BY sym',
  },
];

const VIEW_QUERIES: readonly OracleQuery[] = [
  { name: 'view over a LEFT JOIN, aggregated', laminar: 'SELECT * FROM cust_paid' },
  {
    name: 'view: an updating view RIGHT JOIN a table that changed after it was created',
    laminar: 'SELECT * FROM named_paid',
  },
  { name: 'view over an interval join', laminar: 'SELECT * FROM paid_in_time' },
  {
    name: 'TUMBLE over a view of an interval join',
    laminar:
      "SELECT window_start, sym, count(*), sum(amount) FROM paid_in_time GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), sym",
    duckdb: `SELECT ws, sym, count(*), sum(amount) FROM ${tumbled({ from: 'paid_in_time', ts: 'ts' }, MINUTE)} GROUP BY ws, sym`,
  },
  {
    name: 'aggregate over a view of an ASOF join',
    laminar: 'SELECT sym, count(*), count(px), sum(px) FROM marked GROUP BY sym',
  },
  {
    name: 'LEFT ASOF JOIN of a view of an interval join with a source',
    laminar:
      'SELECT v.id, v.amount, m.id, m.px FROM paid_in_time v LEFT ASOF JOIN marks_feed m MATCH_CONDITION (v.ts >= m.ts) ON v.sym = m.sym',
    duckdb: `SELECT v.id, v.amount, m.id, m.px FROM paid_in_time v ASOF LEFT JOIN ${lastArrivals('marks', ['sym'], 'ts')} m ON v.sym = m.sym AND v.ts >= m.ts`,
  },
  {
    name: 'FULL JOIN of two updating views',
    laminar:
      'SELECT a.sym, b.sym, a.n, a.top, b.n, b.high FROM sym_orders a FULL JOIN sym_marks b ON a.sym = b.sym',
  },
  {
    name: 'an updating view joined with a table and a source',
    laminar:
      'SELECT v.cust, c.name, v.paid, count(*) FROM cust_paid v JOIN customers c ON v.cust = c.id JOIN orders o ON o.cust = v.cust GROUP BY v.cust, c.name, v.paid',
  },
];

const FEEDS: readonly LiveSource[] = [ORDERS, PAYMENTS, MARKS];

/** Rows of customers changed after the views exist: a rename, a new customer orders name. */
const LATE_UPSERT = "INSERT INTO customers VALUES (7, 'c7-late', 3, 'north'), (26, 'c26', 1, 'south')";

oracleSuite('oracle: joins over hand-made streams and tables', {
  datasets: ['specials'],
  liveSources: [ORDERS, PAYMENTS, MARKS, MARKS_PLAIN, TAGS, EDGE_LEFT, EDGE_RIGHT],
  setup: [
    ...CUSTOMERS_STATEMENTS,
    ...RATES_STATEMENTS,
    ...FEEDS.map((s) => ({ laminar: s.create(`${s.name}_feed`) })),
    ...VIEWS.map((v) => ({
      laminar: `CREATE MATERIALIZED VIEW ${v.name} AS ${v.laminar}`,
      duckdb: `CREATE VIEW ${v.name} AS ${v.duckdb}`,
    })),
  ],
  prepare: async (o) => {
    await feedSources(
      o.session,
      FEEDS.map((source) => ({ name: `${source.name}_feed`, source })),
    );
    await o.session.execute(LATE_UPSERT);
    await o.duck.connection.run(LATE_UPSERT.replace('INSERT INTO', 'INSERT OR REPLACE INTO'));
  },
  queries: [...REGULAR, ...INTERVAL, ...ASOF, ...TEMPORAL, ...EDGES, ...WINDOWED, ...VIEW_QUERIES, ...FIXED],
  reads: ['result', 'changelog'],
});

// ───────────────────────────── a versioned table's history ─────────────────────────────

describe('oracle: FOR SYSTEM_TIME AS OF a versioned table written while the query runs', () => {
  /**
   * The query runs continuously (its orders are pushed after it starts), so it follows the
   * table: every INSERT is a new version of its key valid from its ts, also when it replaces
   * the row (the join ignores the retraction). DuckDB: ASOF >= over every row inserted. The
   * last version, far ahead, moves the table's watermark past every order.
   */
  it.each([
    ['JOIN', 'JOIN'],
    ['LEFT JOIN', 'LEFT JOIN'],
  ])('%s: each order gets the version valid at its time', async (laminarJoin, duckJoin) => {
    const session = await open();
    const duck = await openDuck();
    try {
      await session.execute(
        `${ORDERS.create('orders')}; CREATE TABLE fx (sym VARCHAR PRIMARY KEY, rate DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts)`,
      );
      const sql = `SELECT o.id, o.sym, o.ts, fx.rate, fx.ts FROM orders o ${laminarJoin} fx FOR SYSTEM_TIME AS OF o.ts ON o.sym = fx.sym`;
      const log = await runLaminarChangelog(session, sql, {
        appendOnly: true,
        feed: async () => {
          // Versions and orders in turns, each INSERT one version (a later one of equal time wins).
          const per = Math.ceil(RATE_HISTORY.length / 10);
          for (let k = 0; k < 10; k++) {
            for (let i = k * per; i < Math.min((k + 1) * per, RATE_HISTORY.length); i++)
              await session.execute(rateHistoryInsert('fx', i, i + 1));
            await session.push('orders', ORDERS.rows.slice(k * 30, (k + 1) * 30));
          }
          await session.push('orders', ORDERS.rows.slice(300));
          await session.end('orders');
        },
      });
      await duck.connection.run(
        'CREATE TABLE orders (id INTEGER, cust INTEGER, sym VARCHAR, qty INTEGER, ts TIMESTAMP); CREATE TABLE fx (sym VARCHAR, rate DOUBLE, ts TIMESTAMP)',
      );
      for (const row of ORDERS.rows) {
        const [id, cust, sym, qty, ts] = row as [
          number,
          number | null,
          string | null,
          number | null,
          number | null,
        ];
        const v = (x: number | null) => (x === null ? 'NULL' : String(x));
        await duck.connection.run(
          `INSERT INTO orders VALUES (${id}, ${v(cust)}, ${sym === null ? 'NULL' : `'${sym}'`}, ${v(qty)}, ${ts === null ? 'NULL' : `make_timestamp(${ts * 1000})`})`,
        );
      }
      await duck.connection.run(rateHistoryInsert('fx', 0, RATE_HISTORY.length));
      const pick = asofMatch({
        left: 'orders',
        right: 'fx',
        keys: [['sym', 'sym']],
        op: '>=',
        leftTs: 'ts',
        rightTs: 'ts',
      });
      const expected = await runDuck(
        duck,
        `SELECT o.id, o.sym, o.ts, fx.rate, fx.ts FROM orders o ${duckJoin} ${pick} fx ON fx.lrow = o.rowid`,
      );
      expect(expected.rows.length).toBeGreaterThan(100);
      expect([...log.problems, ...compareResults(log.result, expected)]).toEqual([]);
    } finally {
      await session.close();
      duck.close();
    }
  });
});
