/**
 * Hand-made, seeded inputs of the join oracle (joins.test.ts): push sources with a WATERMARK
 * (`orders`, `payments`, `marks`), one without (`tags`), and the tables `customers` and
 * `rates`. They hold what the generated datasets lack: NULL keys and NULL times, exact
 * duplicate rows, many rows per key on both sides, equal times (within one input and across
 * inputs, so >= and > differ, and NEAREST meets rows at equal distance), rows exactly on
 * interval bounds, keys on one side only, and out-of-order rows that are never late.
 *
 * Times sit on a 250 ms grid from 2024-03-01 10:00. Each watermarked source trails its largest
 * time by WATERMARK_DELAY_SECONDS; rows arrive sorted by time plus a jitter below
 * MAX_DISORDER_MS, so no row is more than that below a time that arrived before it, and none is
 * late. Every row has an `id` in arrival order (exact duplicates share theirs): DuckDB's rowid
 * of the mirrored table is the arrival order too.
 */
import type { LiveSource } from './datasets.js';

/** The watermark delay of the watermarked push sources. */
export const WATERMARK_DELAY_SECONDS = 10;
const MAX_DISORDER_MS = 8000;

export const BASE_MS = Date.UTC(2024, 2, 1, 10, 0, 0);

type Value = number | string | null;
type Row = Value[];

/** mulberry32: a small seeded generator, so the data is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, values: readonly T[]): T {
  return values[Math.floor(r() * values.length)]!;
}

/**
 * Puts rows (their time at `tsColumn`, ms or null) in arrival order: by time plus a jitter in
 * [0, MAX_DISORDER_MS), rows without a time anywhere; then numbers them (column 0) in that
 * order. Duplicates (`dup` true) follow their original and take its id.
 */
function arrive(r: () => number, rows: readonly { row: Row; dup: boolean }[], tsColumn: number): Row[] {
  const keyed = rows.map(({ row, dup }, i) => {
    const ts = row[tsColumn] as number | null;
    return { row, dup, at: ts === null ? BASE_MS + r() * 600_000 : ts + r() * MAX_DISORDER_MS, i };
  });
  // A duplicate arrives right after the row it copies.
  const sorted = keyed
    .filter((k) => !k.dup)
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .flatMap((k) => [k, ...keyed.filter((d) => d.dup && d.row === k.row)]);
  let id = 0;
  return sorted.map((k) => {
    if (!k.dup) id++;
    return [id, ...k.row.slice(1)];
  });
}

const SYMS = ['A', 'B', 'C', 'D', 'E'];

// ───────────────────────────── orders ─────────────────────────────

/** id, cust (1…30, NULL; customers has 1…25), sym (A…E, Z, NULL), qty, ts (two NULL). */
function orderRows(): Row[] {
  const r = random(4242);
  const rows: { row: Row; dup: boolean }[] = [];
  const steps = [0, 0, 500, 500, 1000, 1500, 2000, 3000, 5000];
  let clock = BASE_MS + 5000;
  for (let i = 0; i < 300; i++) {
    clock += pick(r, steps);
    const row: Row = [
      0,
      r() < 0.08 ? null : 1 + Math.floor(r() * 30),
      r() < 0.07 ? null : r() < 0.04 ? 'Z' : pick(r, SYMS),
      r() < 0.05 ? null : 1 + Math.floor(r() * 50),
      i === 77 || i === 211 ? null : clock,
    ];
    rows.push({ row, dup: false });
    if (i % 37 === 5) rows.push({ row, dup: true });
  }
  return arrive(r, rows, 4);
}

export const ORDERS_ROWS: readonly Row[] = orderRows();

// ───────────────────────────── payments ─────────────────────────────

/**
 * id, oid, amount, ts: 0 to 3 payments of most orders, from 6 s before the order to 40 s after
 * (on the grid, so some are exactly 0 s and 30 s after); payments of orders that do not exist,
 * NULL order ids, NULL amounts, two NULL times, exact duplicates.
 */
function paymentRows(): Row[] {
  const r = random(977);
  const rows: { row: Row; dup: boolean }[] = [];
  for (const o of ORDERS_ROWS) {
    const [oid, , , , ts] = o as [number, unknown, unknown, unknown, number | null];
    if (ts === null || rows.some(({ row }) => row[1] === oid)) continue;
    const n = r() < 0.3 ? 0 : 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) {
      const offset = r() < 0.1 ? pick(r, [0, 30_000]) : (Math.floor(r() * 185) - 24) * 250;
      const row: Row = [0, oid, r() < 0.05 ? null : Math.round(r() * 20000) / 100, ts + offset];
      rows.push({ row, dup: false });
      if (r() < 0.03) rows.push({ row, dup: true });
    }
  }
  for (let k = 0; k < 30; k++) {
    const base = (ORDERS_ROWS[Math.floor(r() * ORDERS_ROWS.length)]![4] as number | null) ?? BASE_MS;
    const oid = k % 3 === 0 ? null : 9000 + k;
    rows.push({ row: [0, oid, Math.round(r() * 5000) / 100, base + Math.floor(r() * 40) * 250], dup: false });
  }
  rows[17]!.row[3] = null;
  rows[240]!.row[3] = null;
  return arrive(r, rows, 3);
}

export const PAYMENTS_ROWS: readonly Row[] = paymentRows();

// ───────────────────────────── marks (quotes) ─────────────────────────────

/**
 * id, sym, px, ts: a price mark per symbol A…D (none for E and Z) every 0 to 8 s, starting
 * after the first orders (so early orders have no mark at or before them); equal times within
 * a symbol (the last to arrive is the one ASOF picks), exact duplicates, NULL symbols, NULL
 * prices, two NULL times.
 */
function markRows(): Row[] {
  const r = random(31337);
  const rows: { row: Row; dup: boolean }[] = [];
  const steps = [0, 500, 1000, 1000, 2000, 4000, 8000];
  for (const sym of ['A', 'B', 'C', 'D']) {
    let clock = BASE_MS + 20_000 + Math.floor(r() * 20) * 500;
    for (let i = 0; i < 110; i++) {
      clock += pick(r, steps);
      const row: Row = [
        0,
        r() < 0.03 ? null : sym,
        r() < 0.04 ? null : Math.round(r() * 100000) / 100,
        clock,
      ];
      rows.push({ row, dup: false });
      if (i % 41 === 7) rows.push({ row, dup: true });
    }
  }
  rows[50]!.row[3] = null;
  rows[300]!.row[3] = null;
  return arrive(r, rows, 3);
}

export const MARKS_ROWS: readonly Row[] = markRows();

// ───────────────────────────── sources ─────────────────────────────

const WATERMARK = `WATERMARK FOR ts AS ts - INTERVAL '${WATERMARK_DELAY_SECONDS}' SECOND`;

export const ORDERS: LiveSource = {
  name: 'orders',
  create: (name) =>
    `CREATE OR REPLACE SOURCE ${name} (id INT, cust INT, sym VARCHAR, qty INT, ts TIMESTAMP, ${WATERMARK})`,
  rows: ORDERS_ROWS,
  sizes: [40, 1, 5, 2, 17, 1, 60],
};

export const PAYMENTS: LiveSource = {
  name: 'payments',
  create: (name) =>
    `CREATE OR REPLACE SOURCE ${name} (id INT, oid INT, amount DOUBLE, ts TIMESTAMP, ${WATERMARK})`,
  rows: PAYMENTS_ROWS,
  sizes: [2, 7, 60, 3, 25, 1, 90],
};

export const MARKS: LiveSource = {
  name: 'marks',
  create: (name) =>
    `CREATE OR REPLACE SOURCE ${name} (id INT, sym VARCHAR, px DOUBLE, ts TIMESTAMP, ${WATERMARK})`,
  rows: MARKS_ROWS,
  sizes: [3, 9, 70, 2, 30, 1, 100],
};

/** The marks again, without a WATERMARK: an ASOF join decides its rows as this input ends. */
export const MARKS_PLAIN: LiveSource = {
  ...MARKS,
  name: 'marks_plain',
  create: (name) => `CREATE OR REPLACE SOURCE ${name} (id INT, sym VARCHAR, px DOUBLE, ts TIMESTAMP)`,
};

/** Without a watermark: several tags per symbol, a symbol no order has (F), NULL symbols. */
export const TAGS: LiveSource = {
  name: 'tags',
  create: (name) => `CREATE OR REPLACE SOURCE ${name} (sym VARCHAR, tag VARCHAR, w INT)`,
  rows: [
    ['A', 'tech', 3],
    ['A', 'large', 1],
    ['B', 'tech', 2],
    ['C', 'energy', null],
    ['C', 'energy', null],
    ['E', 'small', 5],
    ['F', 'fx', 7],
    [null, 'unknown', 0],
    [null, 'orphan', 9],
    ['B', 'value', 4],
    ['A', 'tech', 3],
  ],
  sizes: [4],
};

// ───────────────────────────── tables ─────────────────────────────

const T = (s: number): string => `TIMESTAMP '2024-03-01 ${clockText(s)}'`;

/** hh:mm:ss.fff of BASE + `s` seconds (within the day). */
function clockText(s: number): string {
  const ms = Math.round((10 * 3600 + s) * 1000);
  const hh = Math.floor(ms / 3_600_000);
  const mm = Math.floor(ms / 60_000) % 60;
  const ss = (ms % 60_000) / 1000;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${ss < 10 ? '0' : ''}${ss.toFixed(3)}`;
}

/** A statement in both engines: LaminarDB's INSERT into a keyed table upserts (DuckDB: OR REPLACE). */
interface Statement {
  readonly laminar: string;
  readonly duckdb: string;
}

function both(sql: string): Statement {
  return { laminar: sql, duckdb: sql.replace(/\bINT\b/g, 'INTEGER') };
}

function upsert(sql: string): Statement {
  return { laminar: sql, duckdb: sql.replace(/^INSERT INTO/, 'INSERT OR REPLACE INTO') };
}

/**
 * customers (BIGINT key, so joins on orders.cust compare INT with BIGINT): ids 1…25, later
 * upserts (one renames, one changes the region to NULL), NULL names and regions.
 */
export const CUSTOMERS_STATEMENTS: readonly Statement[] = [
  both('CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR, tier INT, region VARCHAR)'),
  both(
    `INSERT INTO customers VALUES ${Array.from({ length: 25 }, (_, i) => {
      const id = i + 1;
      const name = id % 11 === 0 ? 'NULL' : `'c${id}'`;
      const region = id % 7 === 0 ? 'NULL' : `'${['north', 'south', 'east'][id % 3]!}'`;
      return `(${id}, ${name}, ${id % 4}, ${region})`;
    }).join(', ')}`,
  ),
  upsert("INSERT INTO customers VALUES (3, 'c3-renamed', 2, 'west'), (5, 'c5', 1, NULL)"),
];

/**
 * rates: a versioned table (a primary key and a WATERMARK). A query that runs to a complete
 * result reads a table's current rows (engine/session/boundedness.ts): one version per
 * symbol, valid from its ts. A was replaced by a later version, D has a NULL rate, Z a
 * version before every order, E one without a time (valid never).
 */
export const RATES_STATEMENTS: readonly Statement[] = [
  {
    laminar:
      'CREATE TABLE rates (sym VARCHAR PRIMARY KEY, rate DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts)',
    duckdb: 'CREATE TABLE rates (sym VARCHAR PRIMARY KEY, rate DOUBLE, ts TIMESTAMP)',
  },
  both(
    `INSERT INTO rates VALUES ('A', 1.25, ${T(60)}), ('B', 2.5, ${T(0)}), ('C', 0.75, ${T(200)}), ('Z', 9.0, ${T(-60)})`,
  ),
  upsert(`INSERT INTO rates VALUES ('A', 1.5, ${T(150.5)}), ('D', NULL, ${T(90)}), ('E', 4.0, NULL)`),
];

/**
 * The history of a versioned table, inserted while a query runs (joins.test.ts): versions per
 * symbol in time order, equal times across symbols, a version replaced by a later insert with
 * the same time (the later one wins), and the sentinel version far ahead that moves the
 * table's watermark past every order, so the temporal join decides them all.
 */
export const RATE_HISTORY: readonly (readonly [string, number | null, number])[] = (() => {
  const r = random(55);
  const rows: [string, number | null, number][] = [];
  for (let s = -30; s < 600; s += pick(r, [0, 2.5, 5, 10, 20])) {
    rows.push([pick(r, ['A', 'B', 'C', 'D']), r() < 0.05 ? null : Math.round(r() * 400) / 100, s]);
  }
  const a = rows.find(([sym, , s]) => sym === 'A' && s > 200)!;
  rows.push(['A', 7.5, a[2]]);
  // Stable: the second A at that time stays after the first.
  rows.sort((x, y) => x[2] - y[2]);
  rows.push(['~', 0, 3600]);
  return rows;
})();

export function rateHistoryInsert(table: string, from: number, to: number): string {
  const values = RATE_HISTORY.slice(from, to).map(
    ([sym, rate, s]) => `('${sym}', ${rate === null ? 'NULL' : rate}, ${T(s)})`,
  );
  return `INSERT INTO ${table} VALUES ${values.join(', ')}`;
}

// ───────────────────────────── rows at the watermark ─────────────────────────────

const EDGE_DELAY_SECONDS = 5;

/** Rows of one edge source: [id, k, seconds from BASE] as pushed (times in ms). */
function edgeRows(rows: readonly (readonly [string, number])[]): (string | number)[][] {
  return rows.map(([k, s], i) => [i + 1, k, BASE_MS + s * 1000]);
}

function edgeSource(name: string, rows: readonly (readonly [string, number])[]): LiveSource {
  return {
    name,
    create: (n) =>
      `CREATE OR REPLACE SOURCE ${n} (id INT, k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '${EDGE_DELAY_SECONDS}' SECOND)`,
    rows: edgeRows(rows),
    sizes: [1],
  };
}

/**
 * Two sources fed a row at a time in turns (left, right, left, …), watermarks 5 s behind, so
 * that rows arrive exactly at their source's watermark when it matters: right a@10 when the
 * right watermark is 10 (it still matches the left row at 0 on the interval's upper bound
 * 10 s), a@30 just before the ASOF decision of the left row at 30, b@40 for the left row at
 * 40; left a@25 and b@35 at the left watermark; two right rows a@75 (the later one wins).
 */
export const EDGE_LEFT: LiveSource = edgeSource('edge_l', [
  ['a', 0],
  ['b', 10],
  ['a', 30],
  ['a', 25],
  ['b', 40],
  ['b', 35],
  ['a', 60],
  ['a', 55],
  ['a', 80],
  ['a', 76],
]);

export const EDGE_RIGHT: LiveSource = edgeSource('edge_r', [
  ['a', 15],
  ['a', 10],
  ['b', 13],
  ['a', 35],
  ['a', 30],
  ['b', 45],
  ['b', 40],
  ['a', 70],
  ['a', 75],
  ['a', 75],
]);
