/**
 * Oracle: stream joins over the generators (joins.test.ts has the hand-made inputs): trades
 * and quotes (the same symbols and clock, quotes a quarter as dense), Nexmark persons,
 * auctions and bids (one seed, one clock) and the sequence, each with a WATERMARK and rows
 * that are never late (datasets.ts). Tens of thousands of rows per join: the interval and ASOF
 * state is purged as the watermarks pass (the ASOF sweep runs), which the hand-made inputs are
 * too small for. Each query is read as a result and as a consolidated changelog; the Nexmark
 * ones again with 7-row source batches (DESIGN.md principle 4). DuckDB's ASOF answers come from
 * joins-sql.ts.
 */
import { oracleSuite, type OracleQuery } from './harness.js';
import { asofMatch, type AsofOp } from './joins-sql.js';
import { tumbled } from './windows-sql.js';

const MINUTE = 60;

const TRADES_QUOTES_1S =
  "t.symbol = q.symbol AND q.ts BETWEEN t.ts - INTERVAL '1' SECOND AND t.ts + INTERVAL '1' SECOND";
const QUOTE_AS_OF = (op: AsofOp, tolerance?: number): string =>
  asofMatch({
    left: 'trades',
    right: 'quotes',
    keys: [['symbol', 'symbol']],
    op,
    leftTs: 'ts',
    rightTs: 'ts',
    ...(tolerance === undefined ? {} : { tolerance }),
  });
const AUCTION_FIRST_10S =
  "b.auction = a.id AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '10' SECOND";

const GENERATED: readonly OracleQuery[] = [
  {
    name: 'trades ⋈ quotes within ±1 s by symbol (interval join), per symbol',
    laminar: `SELECT t.symbol, count(*), sum(t.volume), sum(q.price - t.price), max(q.ts - t.ts) FROM trades t JOIN quotes q ON ${TRADES_QUOTES_1S} GROUP BY t.symbol`,
  },
  {
    name: 'trades LEFT JOIN quotes within ±1 s, TUMBLE 1 minute per symbol',
    laminar: `SELECT window_start, t.symbol, count(*), count(q.price), avg(q.price) FROM trades t LEFT JOIN quotes q ON ${TRADES_QUOTES_1S} GROUP BY TUMBLE(t.ts, INTERVAL '1' MINUTE), t.symbol`,
    duckdb: `SELECT ws, symbol, count(*), count(qp), avg(qp) FROM ${tumbled({ from: `(SELECT t.ts, t.symbol, q.price AS qp FROM trades t LEFT JOIN quotes q ON ${TRADES_QUOTES_1S})`, ts: 'ts' }, MINUTE)} GROUP BY ws, symbol`,
  },
  {
    name: 'trades ASOF JOIN quotes (>=): the spread to the last quote, per symbol',
    laminar:
      'SELECT t.symbol, count(*), sum(t.price - q.price), max(t.ts - q.ts) FROM trades t ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.symbol = q.symbol GROUP BY t.symbol',
    duckdb: `SELECT t.symbol, count(*), sum(t.price - q.price), max(t.ts - q.ts) FROM trades t JOIN ${QUOTE_AS_OF('>=')} q ON q.lrow = t.rowid GROUP BY t.symbol`,
  },
  {
    name: 'trades LEFT ASOF JOIN quotes NEAREST within 500 ms, per symbol',
    laminar:
      "SELECT t.symbol, count(*), count(q.price), sum(q.volume) FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION (NEAREST(t.ts, q.ts)) TOLERANCE INTERVAL '500' MILLISECOND ON t.symbol = q.symbol GROUP BY t.symbol",
    duckdb: `SELECT t.symbol, count(*), count(q.price), sum(q.volume) FROM trades t LEFT JOIN ${QUOTE_AS_OF('nearest', 0.5)} q ON q.lrow = t.rowid GROUP BY t.symbol`,
  },
  {
    name: 'trades ASOF JOIN quotes (<) feeding TUMBLE 1 minute, EMIT ON WINDOW CLOSE',
    laminar:
      "SELECT window_start, count(*), sum(q.volume), min(q.ts - t.ts) FROM trades t ASOF JOIN quotes q MATCH_CONDITION (t.ts < q.ts) ON t.symbol = q.symbol GROUP BY TUMBLE(t.ts, INTERVAL '1' MINUTE) EMIT ON WINDOW CLOSE",
    duckdb: `SELECT ws, count(*), sum(qv), min(d) FROM ${tumbled({ from: `(SELECT t.ts, q.volume AS qv, q.ts - t.ts AS d FROM trades t JOIN ${QUOTE_AS_OF('<')} q ON q.lrow = t.rowid)`, ts: 'ts' }, MINUTE)} GROUP BY ws`,
    appendOnly: true,
  },
  {
    name: 'trades LEFT ASOF JOIN quotes (<=): the next quote, per symbol',
    laminar:
      'SELECT t.symbol, count(*), count(q.price), sum(q.price - t.price) FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION (t.ts <= q.ts) ON t.symbol = q.symbol GROUP BY t.symbol',
    duckdb: `SELECT t.symbol, count(*), count(q.price), sum(q.price - t.price) FROM trades t LEFT JOIN ${QUOTE_AS_OF('<=')} q ON q.lrow = t.rowid GROUP BY t.symbol`,
  },
  {
    name: 'trades ASOF JOIN quotes (>) within 2 s, no keys',
    laminar:
      "SELECT count(*), sum(q.volume), min(t.ts - q.ts), max(t.ts - q.ts) FROM trades t ASOF JOIN quotes q MATCH_CONDITION (t.ts > q.ts) TOLERANCE INTERVAL '2' SECOND ON TRUE",
    duckdb: `SELECT count(*), sum(q.volume), min(t.ts - q.ts), max(t.ts - q.ts) FROM trades t JOIN ${asofMatch({ left: 'trades', right: 'quotes', keys: [], op: '>', leftTs: 'ts', rightTs: 'ts', tolerance: 2 })} q ON q.lrow = t.rowid`,
  },
  {
    name: 'trades FOR SYSTEM_TIME AS OF quotes (a watermarked source as versions)',
    laminar:
      'SELECT t.symbol, count(*), sum(q.price) FROM trades t LEFT JOIN quotes q FOR SYSTEM_TIME AS OF t.ts ON t.symbol = q.symbol GROUP BY t.symbol',
    duckdb: `SELECT t.symbol, count(*), sum(q.price) FROM trades t LEFT JOIN ${QUOTE_AS_OF('>=')} q ON q.lrow = t.rowid GROUP BY t.symbol`,
  },
  {
    name: 'per-minute trades and quotes per symbol (EMIT ON WINDOW CLOSE both), FULL JOIN',
    laminar:
      "SELECT a.window_start, b.window_start, a.symbol, b.symbol, a.n, b.n FROM (SELECT window_start, symbol, count(*) AS n FROM trades GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), symbol EMIT ON WINDOW CLOSE) a FULL JOIN (SELECT window_start, symbol, count(*) AS n FROM quotes WHERE volume > 900 GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), symbol EMIT ON WINDOW CLOSE) b ON a.symbol = b.symbol AND a.window_start = b.window_start AND a.n > 90",
    duckdb: `SELECT a.ws, b.ws, a.symbol, b.symbol, a.n, b.n FROM (SELECT ws, symbol, count(*) AS n FROM ${tumbled({ from: 'trades', ts: 'ts' }, MINUTE)} GROUP BY ws, symbol) a FULL JOIN (SELECT ws, symbol, count(*) AS n FROM ${tumbled({ from: 'quotes', ts: 'ts', filter: 'volume > 900' }, MINUTE)} GROUP BY ws, symbol) b ON a.symbol = b.symbol AND a.ws = b.ws AND a.n > 90`,
  },
  {
    name: "Nexmark: bids in an auction's first 10 s (interval join), per auction",
    laminar: `SELECT a.id, a.category, count(*), max(b.price), min(b.date_time) FROM auctions a JOIN bids b ON ${AUCTION_FIRST_10S} GROUP BY a.id, a.category`,
  },
  {
    name: 'Nexmark: auctions LEFT JOIN bids in their first 10 s, TUMBLE 10 s, EMIT ON WINDOW CLOSE',
    laminar: `SELECT window_start, count(*), count(b.price), max(b.price) FROM auctions a LEFT JOIN bids b ON ${AUCTION_FIRST_10S} GROUP BY TUMBLE(a.date_time, INTERVAL '10' SECOND) EMIT ON WINDOW CLOSE`,
    duckdb: `SELECT ws, count(*), count(bp), max(bp) FROM ${tumbled({ from: `(SELECT a.date_time, b.price AS bp FROM auctions a LEFT JOIN bids b ON ${AUCTION_FIRST_10S})`, ts: 'date_time' }, 10)} GROUP BY ws`,
    appendOnly: true,
  },
  {
    name: 'Nexmark Q3: persons in some states selling in category 10 (regular join)',
    laminar:
      "SELECT p.name, p.city, p.state, a.id FROM auctions a JOIN persons p ON a.seller = p.id WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA')",
  },
  {
    name: 'Nexmark Q4: average winning bid per category (bids while the auction is open)',
    laminar:
      'SELECT category, avg(final), count(*) FROM (SELECT a.id, a.category, max(b.price) AS final FROM auctions a JOIN bids b ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.category) GROUP BY category',
  },
  {
    name: 'Nexmark Q8: new persons who opened auctions in the same 10 s window',
    laminar:
      "SELECT p.id, p.name, p.window_start FROM (SELECT window_start, id, name FROM persons GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND), id, name EMIT ON WINDOW CLOSE) p JOIN (SELECT window_start, seller FROM auctions GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND), seller EMIT ON WINDOW CLOSE) a ON p.id = a.seller AND p.window_start = a.window_start",
    duckdb: `SELECT p.id, p.name, p.ws FROM (SELECT ws, id, name FROM ${tumbled({ from: 'persons', ts: 'date_time' }, 10)} GROUP BY ws, id, name) p JOIN (SELECT ws, seller FROM ${tumbled({ from: 'auctions', ts: 'date_time' }, 10)} GROUP BY ws, seller) a ON p.id = a.seller AND p.ws = a.ws`,
  },
  {
    name: 'Nexmark: bids of the last 5 s before each auction, a RIGHT interval join per person',
    laminar:
      "SELECT p.id, count(*), count(b.price) FROM bids b RIGHT JOIN persons p ON b.bidder = p.id AND b.date_time BETWEEN p.date_time - INTERVAL '5' SECOND AND p.date_time GROUP BY p.id",
  },
  {
    name: 'sequence self interval join within ±20 s per key',
    laminar:
      "SELECT a.key, count(*), sum(b.value - a.value), min(b.ts - a.ts) FROM seq a JOIN seq b ON a.key = b.key AND b.ts BETWEEN a.ts - INTERVAL '20' SECOND AND a.ts + INTERVAL '20' SECOND AND a.id <> b.id GROUP BY a.key",
  },
];

oracleSuite('oracle: joins over generated streams', {
  datasets: ['trades_wm', 'quotes_wm', 'nexmark_wm', 'seq_wm'],
  queries: GENERATED,
  reads: ['result', 'changelog'],
});

/** DESIGN.md principle 4: the same answers when generators deliver 7-row batches. */
oracleSuite('oracle: joins over generated streams, 7-row batches', {
  datasets: ['nexmark_wm'],
  batchSize: 7,
  queries: GENERATED.filter((q) => q.name.startsWith('Nexmark')).map((q) => ({ ...q, reads: ['result'] })),
});
