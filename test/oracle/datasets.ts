/**
 * The datasets both engines query. Generated rows are read back from LaminarDB and appended to
 * DuckDB, so both see exactly the same rows; the CSV file is read by LaminarDB and its rows
 * mirrored likewise (datasets.test.ts checks DuckDB's own reading of the file agrees); the
 * table is built with the same INSERTs in both.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Session } from '../../engine/index.js';
import { loadTable, type Duck } from './duck.js';
import { laminarTable } from './laminar.js';
import { READINGS_COLUMNS, readingsCsv } from './csv-data.js';
import {
  CLICKS_COLUMNS,
  CLICKS_DELAY_SECONDS,
  CLICKS_ROWS,
  METER_COLUMNS,
  METER_DELAY_SECONDS,
  METER_FILE,
  meterCsv,
} from './windows-data.js';

/**
 * The `_wm` datasets are the event-time variants (windows.test.ts): sources with a WATERMARK
 * whose rows are never late. `trades_wm`, `seq_wm` and `bids_wm` create the sources `trades`,
 * `seq` and `bids`, so a suite loads either them or their plain namesakes (`nexmark_wm`
 * creates `bids`, `auctions` and `persons`, like `nexmark`). `quotes_wm` is a second trades
 * stream over the same 17 minutes, a quarter as dense (joins.test.ts).
 */
export type DatasetName =
  | 'trades'
  | 'seq'
  | 'nexmark'
  | 'readings'
  | 'accounts'
  | 'specials'
  | 'trades_wm'
  | 'seq_wm'
  | 'bids_wm'
  | 'epoch_wm'
  | 'quotes_wm'
  | 'nexmark_wm'
  | 'meter'
  | 'clicks';

/** Generator sources, mirrored into DuckDB tables of the same name. */
type Generated =
  'trades' | 'seq' | 'nexmark' | 'trades_wm' | 'seq_wm' | 'bids_wm' | 'epoch_wm' | 'quotes_wm' | 'nexmark_wm';

/** Nexmark's three tables with a WATERMARK (joins.test.ts): one seed, so they share one clock. */
const NEXMARK_WM_COLUMNS = {
  person: 'id BIGINT, name VARCHAR, city VARCHAR, state VARCHAR, date_time TIMESTAMP',
  auction:
    'id BIGINT, item_name VARCHAR, initial_bid BIGINT, reserve BIGINT, date_time TIMESTAMP, expires TIMESTAMP, seller BIGINT, category BIGINT',
  bid: 'auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP',
} as const;

const GENERATED: Readonly<Record<Generated, readonly { name: string; sql: string }[]>> = {
  trades: [
    {
      name: 'trades',
      sql: "CREATE SOURCE trades FROM GENERATOR (kind = 'trades', seed = 7, events = 20000, symbols = 12)",
    },
  ],
  // One event every 500 s from 2024-02-20 21:30 (about 29 days: a leap day, a month and many
  // week boundaries), up to 10 minutes out of order.
  seq: [
    {
      name: 'seq',
      sql: "CREATE SOURCE seq FROM GENERATOR (kind = 'sequence', seed = 3, events = 5000, keys = 7, start = '2024-02-20 21:30:00', rate = 0.002, out_of_order = '10 minutes')",
    },
  ],
  nexmark: (['bid', 'auction', 'person'] as const).map((table) => ({
    name: `${table}s`,
    sql: `CREATE SOURCE ${table}s FROM GENERATOR (kind = 'nexmark', table = '${table}', seed = 11, events = 20000)`,
  })),
  // 20 trades a second for about 17 minutes, up to 3 s out of order; watermark 5 s behind.
  trades_wm: [
    {
      name: 'trades',
      sql: "CREATE SOURCE trades (symbol VARCHAR, price DOUBLE, volume INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) FROM GENERATOR (kind = 'trades', seed = 7, events = 20000, symbols = 12, rate = 20, out_of_order = INTERVAL '3' SECOND)",
    },
  ],
  // One event every 2 s over midnight into the leap day, 7 keys (each every 14 s, ± 3 s of disorder).
  seq_wm: [
    {
      name: 'seq',
      sql: "CREATE SOURCE seq (id BIGINT, ts TIMESTAMP, key INT, value DOUBLE, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) FROM GENERATOR (kind = 'sequence', seed = 3, events = 6000, keys = 7, start = '2024-02-28 22:00:00', rate = 0.5, out_of_order = INTERVAL '3' SECOND)",
    },
  ],
  // Nexmark bids (about 46 of 50 events), 50 events a second; disorder equal to the watermark
  // delay (2 s), the largest that still makes no row late.
  bids_wm: [
    {
      name: 'bids',
      sql: "CREATE SOURCE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP, WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) FROM GENERATOR (kind = 'nexmark', table = 'bid', seed = 11, events = 20000, rate = 50, out_of_order = INTERVAL '2' SECOND)",
    },
  ],
  // The same symbols and clock as trades_wm, 5 a second (seed 8): the other side of its joins.
  quotes_wm: [
    {
      name: 'quotes',
      sql: "CREATE SOURCE quotes (symbol VARCHAR, price DOUBLE, volume INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) FROM GENERATOR (kind = 'trades', seed = 8, events = 5000, symbols = 12, rate = 5, out_of_order = INTERVAL '3' SECOND)",
    },
  ],
  // 200 s of Nexmark at 50 events a second (about 200 persons, 600 auctions, 9200 bids),
  // disorder equal to the watermark delay (2 s).
  nexmark_wm: (['person', 'auction', 'bid'] as const).map((table) => ({
    name: `${table}s`,
    sql: `CREATE SOURCE ${table}s (${NEXMARK_WM_COLUMNS[table]}, WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) FROM GENERATOR (kind = 'nexmark', table = '${table}', seed = 11, events = 10000, rate = 50, out_of_order = INTERVAL '2' SECOND)`,
  })),
  // Across the Unix epoch (negative timestamps for the first half hour): 3 keys, one event a
  // second (each key every 3 s, up to 2 s out of order).
  epoch_wm: [
    {
      name: 'epoch',
      sql: "CREATE SOURCE epoch (id BIGINT, ts TIMESTAMP, key INT, value DOUBLE, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) FROM GENERATOR (kind = 'sequence', seed = 5, events = 3600, keys = 3, start = '1969-12-31 23:30:00', rate = 1, out_of_order = INTERVAL '2' SECOND)",
    },
  ],
};

function columnList(columns: readonly (readonly [string, string])[]): string {
  return columns.map(([n, t]) => `${n} ${t}`).join(', ');
}

export function meterSourceSql(dir: string): string {
  const path = join(dir, METER_FILE).replace(/'/g, "''");
  return `CREATE SOURCE meter (${columnList(METER_COLUMNS)}, WATERMARK FOR ts AS ts - INTERVAL '${METER_DELAY_SECONDS}' SECOND) FROM FILE (path = '${path}', format = 'csv', null_string = 'NULL')`;
}

/**
 * A push source fed by the harness: `create(name)` declares it (with its WATERMARK), then
 * `rows` (arrays in column order) go in with `push` in batches of `sizes` (repeated), and the
 * source is ended.
 */
export interface LiveSource {
  /** The name queries use for it. */
  readonly name: string;
  readonly create: (name: string) => string;
  readonly rows: readonly (readonly unknown[])[];
  readonly sizes: readonly number[];
}

export async function feedSource(session: Session, name: string, source: LiveSource): Promise<void> {
  await feedSources(session, [{ name, source }]);
}

/**
 * Feeds several push sources in turns: the next batch of each (by its own `sizes`), round
 * after round; each source is ended once its rows are in.
 */
export async function feedSources(
  session: Session,
  feeds: readonly { readonly name: string; readonly source: LiveSource }[],
): Promise<void> {
  const next = feeds.map(() => 0);
  const ended = feeds.map(() => false);
  for (let k = 0; ended.includes(false); k++) {
    for (const [f, { name, source }] of feeds.entries()) {
      if (ended[f]) continue;
      const i = next[f]!;
      const n = source.sizes[k % source.sizes.length]!;
      if (i < source.rows.length) await session.push(name, source.rows.slice(i, i + n));
      next[f] = i + n;
      if (next[f] >= source.rows.length) {
        await session.end(name);
        ended[f] = true;
      }
    }
  }
}

/** Creates `source` under its name in LaminarDB, feeds and ends it, and mirrors it to DuckDB. */
export async function loadLiveSource(session: Session, duck: Duck, source: LiveSource): Promise<void> {
  await session.execute(source.create(source.name));
  await feedSource(session, source.name, source);
  await mirror(session, duck, source.name);
}

/** Web clicks, pushed in batches of 1 to 500 rows. */
export const CLICKS: LiveSource = {
  name: 'clicks',
  create: (name) =>
    `CREATE OR REPLACE SOURCE ${name} (${columnList(CLICKS_COLUMNS)}, WATERMARK FOR ts AS ts - INTERVAL '${CLICKS_DELAY_SECONDS}' SECOND)`,
  rows: CLICKS_ROWS,
  sizes: [1, 7, 500, 64, 1, 1, 250, 13],
};

export const READINGS_FILE = 'readings.csv';

export function readingsSourceSql(dir: string): string {
  const cols = READINGS_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ');
  const path = join(dir, READINGS_FILE).replace(/'/g, "''");
  return `CREATE SOURCE readings (${cols}) FROM FILE (path = '${path}', format = 'csv', null_string = 'NULL')`;
}

/** DuckDB's reading of the same file, with the options that match LaminarDB's CSV rules. */
export function readingsDuckCsv(dir: string): string {
  const cols = READINGS_COLUMNS.map(([n, t]) => `'${n}': '${t === 'INT' ? 'INTEGER' : t}'`).join(', ');
  const path = join(dir, READINGS_FILE).replace(/'/g, "''");
  return `SELECT * FROM read_csv('${path}', header = true, columns = {${cols}}, nullstr = ['', 'NULL'], allow_quoted_nulls = false, quote = '"', escape = '"', delim = ',')`;
}

/**
 * The accounts table: the same statements in both engines, except that LaminarDB's INSERT
 * into a table with a primary key replaces the row with that key (an upsert), which DuckDB
 * spells INSERT OR REPLACE.
 */
export const ACCOUNTS_STATEMENTS: readonly { laminar: string; duckdb: string }[] = [
  {
    laminar:
      'CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR, balance DOUBLE, credit BIGINT, opened TIMESTAMP, tier INT, active BOOLEAN)',
    duckdb:
      'CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner VARCHAR, balance DOUBLE, credit BIGINT, opened TIMESTAMP, tier INTEGER, active BOOLEAN)',
  },
  ...[
    `INSERT INTO accounts VALUES
      (1, 'ann', 100.5, 1000, TIMESTAMP '2024-01-15 09:30:00', 1, true),
      (2, 'ben', -20.25, -500, TIMESTAMP '2024-01-31 23:59:59', 2, false),
      (3, 'cy', 0.0, 0, TIMESTAMP '2024-02-01 00:00:00', 1, true),
      (4, NULL, 1e6, 9007199254740991, NULL, 3, NULL),
      (5, 'Dora', 33.333, -9007199254740991, TIMESTAMP '2023-12-31 12:00:00.25', NULL, true),
      (6, 'eve', NULL, NULL, TIMESTAMP '2024-03-10 02:30:00', 2, false),
      (7, 'ann', 100.5, 1000, TIMESTAMP '2024-01-15 09:30:00', 1, true),
      (8, 'Élodie', -0.5, 7, TIMESTAMP '2024-02-29 23:59:59.999999', 2, true),
      (11, 'old', 1.25, 1, TIMESTAMP '1969-12-31 23:59:58.5', 1, false),
      (12, 'older', -1.25, -1, TIMESTAMP '1900-03-15 10:00:00', NULL, true)`,
    "INSERT INTO accounts (id, owner, tier) VALUES (9, 'partial', 3), (10, '', 0)",
  ].map((sql) => ({ laminar: sql, duckdb: sql })),
  {
    laminar: "INSERT INTO accounts VALUES (2, 'ben', 75.75, 250, TIMESTAMP '2024-02-02 12:00:00', 2, true)",
    duckdb:
      "INSERT OR REPLACE INTO accounts VALUES (2, 'ben', 75.75, 250, TIMESTAMP '2024-02-02 12:00:00', 2, true)",
  },
];

/**
 * Special values, the same statements in both engines: DOUBLE NaN, ±Infinity, -0.0, extremes
 * and NULL; strings whose UTF-16 order differs from their code-point order (characters above
 * U+FFFF against U+E000…U+FFFF).
 */
export const SPECIALS_STATEMENTS: readonly string[] = [
  'CREATE TABLE specials (id INTEGER PRIMARY KEY, x DOUBLE, g VARCHAR, s VARCHAR)',
  `INSERT INTO specials VALUES
    (1, CAST('nan' AS DOUBLE), 'a', 'a'), (2, CAST('1' AS DOUBLE), 'a', 'ｱ'), (3, CAST('inf' AS DOUBLE), 'b', '🙂'),
    (4, CAST('-inf' AS DOUBLE), 'b', 'ﬁ'), (5, CAST('nan' AS DOUBLE), 'b', '𝄞 clef'), (6, NULL, 'a', NULL),
    (7, CAST('-0.0' AS DOUBLE), 'c', ''), (8, CAST('0.0' AS DOUBLE), 'c', 'é'), (9, CAST('2' AS DOUBLE), 'c', 'x🙂'),
    (10, CAST('1e308' AS DOUBLE), 'd', 'xｱ'), (11, CAST('-1e308' AS DOUBLE), 'd', 'Ω'), (12, CAST('5e-324' AS DOUBLE), 'd', '�')`,
];

/** Reads LaminarDB's `name` back and loads its rows into a DuckDB table of the same name. */
export async function mirror(session: Session, duck: Duck, name: string): Promise<void> {
  const table = await laminarTable(session, `SELECT * FROM ${name}`);
  await loadTable(duck, name, table.schema, table.scalars());
}

/** Creates the datasets in both engines; `dir` is a temp directory for files. */
export async function loadDatasets(
  session: Session,
  duck: Duck,
  dir: string,
  names: readonly DatasetName[],
): Promise<void> {
  for (const name of names) {
    if (name === 'meter') {
      await writeFile(join(dir, METER_FILE), meterCsv());
      await session.execute(meterSourceSql(dir));
      await mirror(session, duck, 'meter');
    } else if (name === 'clicks') {
      await loadLiveSource(session, duck, CLICKS);
    } else if (name === 'readings') {
      await writeFile(join(dir, READINGS_FILE), readingsCsv());
      await session.execute(readingsSourceSql(dir));
      await mirror(session, duck, 'readings');
    } else if (name === 'specials') {
      for (const sql of SPECIALS_STATEMENTS) {
        await session.execute(sql.replace('INTEGER', 'INT'));
        await duck.connection.run(sql);
      }
    } else if (name === 'accounts') {
      for (const s of ACCOUNTS_STATEMENTS) {
        await session.execute(s.laminar);
        await duck.connection.run(s.duckdb);
      }
    } else {
      for (const g of GENERATED[name]) {
        await session.execute(g.sql);
        await mirror(session, duck, g.name);
      }
    }
  }
}
