import { describe, expect, it } from 'vitest';
import { ConnectorOptions, type OptionValue } from '../../engine/connectors/options.js';
import { SourceMetrics, type SourceChunk, type SourceConnector, type SourcePosition } from '../../engine/connectors/source.js';
import { createGeneratorSource } from '../../engine/connectors/generator/index.js';
import { batchRows, type Schema } from '../../engine/exec/batch/batch.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import type { SqlLocation } from '../../engine/errors/location.js';
import { formatTimestamp, parseTimestamp } from '../../engine/types/time.js';

// ---------------------------------------------------------------------------------------------
// helpers

type Opts = Record<string, string | number>;

const START = parseTimestamp('2024-01-01 00:00:00')!;
const SQL = "CREATE SOURCE s FROM GENERATOR (kind = 'trades', evnts = 10)";
const STATEMENT: SqlLocation = { kind: 'sql', source: SQL, start: 0, end: SQL.length };

/** Option values as the binder would pass them; each located at its own name in SQL-ish text. */
function optionValues(opts: Opts): OptionValue[] {
  return Object.entries(opts).map(([name, value]) => ({
    name,
    kind: typeof value === 'number' ? 'number' : 'string',
    value,
    location: { kind: 'sql', source: `${name} = ${value}`, start: 0, end: name.length },
  }));
}

function source(opts: Opts, columns: Schema | null = null): SourceConnector {
  return createGeneratorSource({
    name: 's',
    columns,
    options: new ConnectorOptions(optionValues(opts), 'generator', STATEMENT),
    location: STATEMENT,
  });
}

interface ReadOptions {
  columns?: readonly string[];
  batchSize?: number;
  resumeFrom?: SourcePosition;
  signal?: AbortSignal;
  metrics?: SourceMetrics;
  maxChunks?: number;
}

function open(src: SourceConnector, o: ReadOptions = {}): AsyncIterable<SourceChunk> {
  const columns = o.columns ? o.columns.map((n) => indexOf(src.schema, n)) : src.schema.map((_, i) => i);
  return src.open({
    columns,
    signal: o.signal ?? new AbortController().signal,
    metrics: o.metrics ?? new SourceMetrics(),
    batchSize: o.batchSize ?? 1000,
    ...(o.resumeFrom ? { resumeFrom: o.resumeFrom } : {}),
  });
}

async function chunksOf(src: SourceConnector, o: ReadOptions = {}): Promise<SourceChunk[]> {
  const chunks: SourceChunk[] = [];
  for await (const chunk of open(src, o)) {
    chunks.push(chunk);
    if (o.maxChunks !== undefined && chunks.length >= o.maxChunks) break;
  }
  return chunks;
}

async function rowsOf(src: SourceConnector, o: ReadOptions = {}): Promise<Scalar[][]> {
  return (await chunksOf(src, o)).flatMap((c) => batchRows(c.batch));
}

/** Rows as objects keyed by column name, timestamps formatted, for readable expectations. */
async function recordsOf(src: SourceConnector, o: ReadOptions = {}): Promise<Record<string, Scalar>[]> {
  const names = o.columns ?? src.schema.map((f) => f.name);
  const types = names.map((n) => src.schema[indexOf(src.schema, n)]!.type);
  return (await rowsOf(src, o)).map((row) =>
    Object.fromEntries(row.map((v, i) => [names[i]!, types[i] === 'TIMESTAMP' ? formatTimestamp(v as number) : v])),
  );
}

function indexOf(schema: Schema, name: string): number {
  const i = schema.findIndex((f) => f.name === name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
}

function column(rows: Scalar[][], i: number): Scalar[] {
  return rows.map((r) => r[i]!);
}

/** FNV-1a of the rows' JSON: locks many rows in one number. */
function fingerprint(rows: Scalar[][]): number {
  const text = JSON.stringify(rows);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function errorOf(f: () => unknown): LaminarError {
  try {
    f();
  } catch (e) {
    if (e instanceof LaminarError) return e;
    throw e;
  }
  throw new Error('expected a LaminarError');
}

const KINDS: readonly [string, Opts][] = [
  ['sequence', { kind: 'sequence', seed: 7 }],
  ['trades', { kind: 'trades', seed: 7 }],
  ['trades with 2000 symbols', { kind: 'trades', seed: 7, symbols: 2000 }],
  ['nexmark person', { kind: 'nexmark', table: 'person', seed: 7 }],
  ['nexmark auction', { kind: 'nexmark', table: 'auction', seed: 7 }],
  ['nexmark bid', { kind: 'nexmark', table: 'bid', seed: 7 }],
];

// ---------------------------------------------------------------------------------------------

describe('generator: locked values (seed 42)', () => {
  it('sequence', async () => {
    const src = source({ kind: 'sequence', seed: 42, events: 2000 });
    expect(src.schema).toEqual([
      { name: 'id', type: 'BIGINT', nullable: false },
      { name: 'ts', type: 'TIMESTAMP', nullable: false },
      { name: 'key', type: 'INT', nullable: false },
      { name: 'value', type: 'DOUBLE', nullable: false },
    ]);
    expect(await recordsOf(source({ kind: 'sequence', seed: 42, events: 4 }))).toEqual([
      { id: 0, ts: '2024-01-01 00:00:00', key: 0, value: 0.6590193237643689 },
      { id: 1, ts: '2024-01-01 00:00:00.001', key: 1, value: 0.23611643840558827 },
      { id: 2, ts: '2024-01-01 00:00:00.002', key: 2, value: 0.6009350323583931 },
      { id: 3, ts: '2024-01-01 00:00:00.003', key: 3, value: 0.5658425979781896 },
    ]);
    expect(fingerprint(await rowsOf(src))).toBe(1649953571);
  });

  it('trades', async () => {
    const src = source({ kind: 'trades', seed: 42, events: 2000 });
    expect(src.schema.map((f) => `${f.name} ${f.type}${f.nullable ? '' : ' NOT NULL'}`)).toEqual([
      'symbol VARCHAR NOT NULL',
      'price DOUBLE NOT NULL',
      'volume INT NOT NULL',
      'ts TIMESTAMP NOT NULL',
    ]);
    expect(await recordsOf(source({ kind: 'trades', seed: 42, events: 6 }))).toEqual([
      { symbol: 'TSLA', price: 278.75, volume: 1000, ts: '2024-01-01 00:00:00' },
      { symbol: 'GOOG', price: 136.89, volume: 86, ts: '2024-01-01 00:00:00.001' },
      { symbol: 'JNJ', price: 163.71, volume: 1000, ts: '2024-01-01 00:00:00.002' },
      { symbol: 'AAPL', price: 187.79, volume: 2, ts: '2024-01-01 00:00:00.003' },
      { symbol: 'JPM', price: 162.62, volume: 900, ts: '2024-01-01 00:00:00.004' },
      { symbol: 'JPM', price: 162.62, volume: 900, ts: '2024-01-01 00:00:00.005' },
    ]);
    expect(fingerprint(await rowsOf(src))).toBe(3394557821);
  });

  it('nexmark person', async () => {
    const src = source({ kind: 'nexmark', table: 'person', seed: 42, events: 100_000 });
    expect(src.schema.map((f) => `${f.name} ${f.type}`)).toEqual([
      'id BIGINT',
      'name VARCHAR',
      'email_address VARCHAR',
      'credit_card VARCHAR',
      'city VARCHAR',
      'state VARCHAR',
      'date_time TIMESTAMP',
      'extra VARCHAR',
    ]);
    const records = await recordsOf(source({ kind: 'nexmark', table: 'person', seed: 42, events: 51 }));
    expect(records).toEqual([
      {
        id: 1000,
        name: 'Vicky Bartels',
        email_address: 'izcz@jkx.com',
        credit_card: '9770 4200 4021 6157',
        city: 'Los Angeles',
        state: 'ID',
        date_time: '2024-01-01 00:00:00',
        extra: records[0]!.extra,
      },
      {
        id: 1001,
        name: 'Deiter Shultz',
        email_address: 'vtevbh@qmzg.com',
        credit_card: '0157 4500 1122 0719',
        city: 'Portland',
        state: 'ID',
        date_time: '2024-01-01 00:00:00.050',
        extra: records[1]!.extra,
      },
    ]);
    expect(records.map((r) => (r.extra as string).length)).toEqual([108, 115]);
    expect(fingerprint(await rowsOf(src))).toBe(907726776);
  });

  it('nexmark auction', async () => {
    const src = source({ kind: 'nexmark', table: 'auction', seed: 42, events: 100_000 });
    expect(src.schema.map((f) => `${f.name} ${f.type}`)).toEqual([
      'id BIGINT',
      'item_name VARCHAR',
      'description VARCHAR',
      'initial_bid BIGINT',
      'reserve BIGINT',
      'date_time TIMESTAMP',
      'expires TIMESTAMP',
      'seller BIGINT',
      'category BIGINT',
      'extra VARCHAR',
    ]);
    const records = await recordsOf(source({ kind: 'nexmark', table: 'auction', seed: 42, events: 3 }), {
      columns: ['id', 'item_name', 'initial_bid', 'reserve', 'date_time', 'expires', 'seller', 'category'],
    });
    expect(records).toEqual([
      {
        id: 1000,
        item_name: 'vlwsodwuzxzfvhny',
        initial_bid: 6867443,
        reserve: 6869771,
        date_time: '2024-01-01 00:00:00.001',
        expires: '2024-01-01 00:00:03.017',
        seller: 1000,
        category: 10,
      },
      {
        id: 1001,
        item_name: 'z mw',
        initial_bid: 278,
        reserve: 98418,
        date_time: '2024-01-01 00:00:00.002',
        expires: '2024-01-01 00:00:01.837',
        seller: 1000,
        category: 10,
      },
    ]);
    const extras = await rowsOf(source({ kind: 'nexmark', table: 'auction', seed: 42, events: 3 }), { columns: ['extra'] });
    expect(column(extras, 0).map((x) => (x as string).length)).toEqual([334, 433]);
    expect(fingerprint(await rowsOf(src))).toBe(1352322607);
  });

  it('nexmark bid', async () => {
    const src = source({ kind: 'nexmark', table: 'bid', seed: 42, events: 2000 });
    expect(src.schema.map((f) => `${f.name} ${f.type}`)).toEqual([
      'auction BIGINT',
      'bidder BIGINT',
      'price BIGINT',
      'channel VARCHAR',
      'url VARCHAR',
      'date_time TIMESTAMP',
      'extra VARCHAR',
    ]);
    const records = await recordsOf(source({ kind: 'nexmark', table: 'bid', seed: 42, events: 8 }), {
      columns: ['auction', 'bidder', 'price', 'channel', 'url', 'date_time'],
    });
    expect(records).toEqual([
      {
        auction: 1000,
        bidder: 1001,
        price: 57110689,
        channel: 'Facebook',
        url: 'https://www.nexmark.com/opbt/gxm/zzp/item.htm?query=1',
        date_time: '2024-01-01 00:00:00.004',
      },
      {
        auction: 1007,
        bidder: 1003,
        price: 9472,
        channel: 'Google',
        url: 'https://www.nexmark.com/tksi/abc/bys/item.htm?query=1',
        date_time: '2024-01-01 00:00:00.005',
      },
      {
        auction: 1006,
        bidder: 1007,
        price: 362,
        channel: 'Apple',
        url: 'https://www.nexmark.com/tgk/qxt_/eeul/item.htm?query=1',
        date_time: '2024-01-01 00:00:00.006',
      },
      {
        auction: 1000,
        bidder: 1001,
        price: 66807301,
        channel: 'Facebook',
        url: 'https://www.nexmark.com/opbt/gxm/zzp/item.htm?query=1',
        date_time: '2024-01-01 00:00:00.007',
      },
    ]);
    const extras = await rowsOf(source({ kind: 'nexmark', table: 'bid', seed: 42, events: 6 }), { columns: ['extra'] });
    expect(column(extras, 0)).toEqual([
      'qwegnfhttknmylnfunmbtaadqcfpdwlvilvzruxqsuhqjjevjrntmmzqofsgnlbqvhqomsotw',
      'kqxtnwdapxkaxygzzdplshxvnlopftyxchtvpzkmeoeqcxwzxjwyvufrxrvcjro',
    ]);
    expect(fingerprint(await rowsOf(src))).toBe(3570514441);
  });

  it('gives other seeds other values, and the same seed the same values in a new source', async () => {
    for (const [, opts] of KINDS) {
      const a = await rowsOf(source({ ...opts, seed: 1, events: 300 }));
      const b = await rowsOf(source({ ...opts, seed: 2, events: 300 }));
      const again = await rowsOf(source({ ...opts, seed: 1, events: 300 }));
      expect(again).toEqual(a);
      expect(b).not.toEqual(a);
    }
  });
});

describe('generator: determinism', () => {
  it.each(KINDS)('%s: values do not depend on the batch size', async (_label, opts) => {
    const src = source({ ...opts, events: 2600 });
    const reference = await rowsOf(src, { batchSize: 2600 });
    expect(reference.length).toBeGreaterThan(40);
    for (const batchSize of [1, 7, 128, 1000]) {
      const chunks = await chunksOf(src, { batchSize });
      expect(chunks.slice(0, -1).every((c) => c.batch.length === batchSize)).toBe(true);
      expect(chunks.flatMap((c) => batchRows(c.batch))).toEqual(reference);
    }
  });

  it.each(KINDS)('%s: values do not depend on which columns are read, nor their order', async (_label, opts) => {
    const src = source({ ...opts, events: 2600 });
    const names = src.schema.map((f) => f.name);
    const full = await rowsOf(src, { batchSize: 300 });
    for (const [i, name] of names.entries()) {
      const alone = await rowsOf(src, { columns: [name], batchSize: 300 });
      expect(column(alone, 0)).toEqual(column(full, i));
    }
    const reversed = await rowsOf(src, { columns: [...names].reverse(), batchSize: 300 });
    expect(reversed).toEqual(full.map((r) => [...r].reverse()));
  });

  it.each(KINDS)('%s: resuming from any chunk position continues with the same rows', async (_label, opts) => {
    const src = source({ ...opts, events: 2600 });
    const chunks = await chunksOf(src, { batchSize: 97 });
    const all = chunks.flatMap((c) => batchRows(c.batch));
    let before = 0;
    for (const [i, chunk] of chunks.entries()) {
      before += chunk.batch.length;
      if (i % 3 !== 0) continue;
      const rest = await rowsOf(src, { resumeFrom: chunk.position, batchSize: 50 });
      expect(rest).toEqual(all.slice(before));
    }
  });

  it('resumes an unbounded source far into the stream with exact values', async () => {
    const src = source({ kind: 'sequence', seed: 3, rate: 3 });
    const [chunk] = await chunksOf(src, { resumeFrom: { offset: 10_000_000_000 }, batchSize: 4, maxChunks: 1 });
    const rows = batchRows(chunk!.batch);
    // floor(i × 10^6 / 3) µs for i = 10^10 … : exact even past 2^52 µs of offsets.
    expect(column(rows, 0)).toEqual([10_000_000_000, 10_000_000_001, 10_000_000_002, 10_000_000_003]);
    expect(column(rows, 1)).toEqual([
      START + 3_333_333_333_333_333,
      START + 3_333_333_333_666_666,
      START + 3_333_333_334_000_000,
      START + 3_333_333_334_333_333,
    ]);
    expect(chunk!.position).toEqual({ offset: 10_000_000_004 });
  });

  it('nexmark positions count events of the whole stream, so resuming any table at any event agrees', async () => {
    for (const table of ['person', 'auction', 'bid']) {
      const src = source({ kind: 'nexmark', table, seed: 5, events: 1000 });
      const chunks = await chunksOf(src, { batchSize: 2 });
      const dates = chunks.flatMap((c) => column(batchRows(c.batch), indexOf(src.schema, 'date_time')));
      // rate 1000: event e is at START + e ms, so the position is the last row's event + 1.
      let seen = 0;
      for (const c of chunks) {
        seen += c.batch.length;
        expect(c.position).toEqual({ offset: ((dates[seen - 1] as number) - START) / 1000 + 1 });
      }
      // Resuming from an arbitrary event (not a chunk boundary) starts at the first row at or after it.
      for (const offset of [0, 1, 3, 4, 49, 50, 51, 123, 999, 1000]) {
        const rest = await rowsOf(src, { resumeFrom: { offset } });
        const expected = dates.filter((d) => (d as number) >= START + offset * 1000);
        expect(column(rest, indexOf(src.schema, 'date_time'))).toEqual(expected);
      }
    }
  });

  it('rejects a position that is not a generator position', async () => {
    const src = source({ kind: 'sequence' });
    await expect(chunksOf(src, { resumeFrom: { file: 'x.csv' } })).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(chunksOf(src, { resumeFrom: { offset: -1 } })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('generator: event time', () => {
  it('spaces events exactly by 1/rate, flooring to whole microseconds', async () => {
    const offsets = async (rate: number, n: number): Promise<number[]> =>
      column(await rowsOf(source({ kind: 'sequence', rate, events: n }), { columns: ['ts'] }), 0).map((t) => (t as number) - START);
    expect(await offsets(1000, 4)).toEqual([0, 1000, 2000, 3000]);
    expect(await offsets(3, 5)).toEqual([0, 333_333, 666_666, 1_000_000, 1_333_333]);
    expect(await offsets(0.5, 3)).toEqual([0, 2_000_000, 4_000_000]);
    expect(await offsets(7.5, 4)).toEqual([0, 133_333, 266_666, 400_000]);
    expect(await offsets(1_000_000, 3)).toEqual([0, 1, 2]);
    // Faster than a microsecond: several events share a timestamp; never drifts.
    expect(await offsets(3_000_000, 7)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    const many = await offsets(7, 7001);
    expect(many[7000]).toBe(1_000_000_000);
    expect(many.every((t, i) => t === Math.floor((i * 1_000_000) / 7))).toBe(true);
  });

  it('starts at `start`', async () => {
    const rows = await rowsOf(source({ kind: 'trades', start: '2030-06-01 12:00:00.5', events: 2 }), { columns: ['ts'] });
    expect(column(rows, 0).map((t) => formatTimestamp(t as number))).toEqual(['2030-06-01 12:00:00.500', '2030-06-01 12:00:00.501']);
  });

  it('applies one clock to the whole nexmark stream', async () => {
    const bids = await rowsOf(source({ kind: 'nexmark', table: 'bid', rate: 10, events: 60 }), { columns: ['date_time'] });
    const offsets = column(bids, 0).map((t) => ((t as number) - START) / 100_000);
    expect(offsets).toEqual([...Array.from({ length: 46 }, (_, i) => 4 + i), 54, 55, 56, 57, 58, 59]);
  });

  it('out_of_order moves timestamps back by at most the bound, and does make them disorderly', async () => {
    const bound = 50_000; // 50 ms at 1 event per ms
    const events = 20_000;
    const rows = await rowsOf(source({ kind: 'trades', seed: 9, out_of_order: '50 ms', events }), { columns: ['ts'] });
    const ts = column(rows, 0) as number[];
    let maxSoFar = -Infinity;
    let inversions = 0;
    let largestShift = 0;
    let outOfBounds = 0;
    let lateForWatermark = 0;
    for (const [i, t] of ts.entries()) {
      const ideal = START + i * 1000;
      if (t > ideal || t < ideal - bound) outOfBounds++;
      largestShift = Math.max(largestShift, ideal - t);
      // No event is more than the bound behind any event before it: max − bound is a safe watermark.
      if (t < maxSoFar - bound) lateForWatermark++;
      if (t < maxSoFar) inversions++;
      maxSoFar = Math.max(maxSoFar, t);
    }
    expect([outOfBounds, lateForWatermark]).toEqual([0, 0]);
    expect(inversions).toBeGreaterThan(events * 0.75);
    expect(largestShift).toBeGreaterThan(bound * 0.999);
    // The bound is inclusive and the amounts are pure: an other reader sees the same timestamps.
    const again = await rowsOf(source({ kind: 'trades', seed: 9, out_of_order: '50 ms', events }), { columns: ['ts'], batchSize: 13 });
    expect(column(again, 0)).toEqual(ts);
    // Disorder only touches time: the other columns are those of the ordered stream.
    const ordered = await rowsOf(source({ kind: 'trades', seed: 9, events }), { columns: ['symbol', 'price', 'volume'] });
    const disordered = await rowsOf(source({ kind: 'trades', seed: 9, out_of_order: '50 ms', events }), { columns: ['symbol', 'price', 'volume'] });
    expect(disordered).toEqual(ordered);
  });

  it('out_of_order of one microsecond shifts by 0 or 1', async () => {
    const rows = await rowsOf(source({ kind: 'sequence', out_of_order: '1 us', events: 1000 }), { columns: ['id', 'ts'] });
    const shifts = rows.map(([id, ts]) => START + (id as number) * 1000 - (ts as number));
    expect(new Set(shifts)).toEqual(new Set([0, 1]));
  });

  it('nexmark auctions expire after their date_time, within twice the in-flight horizon', async () => {
    const rows = await rowsOf(source({ kind: 'nexmark', table: 'auction', seed: 4, events: 50_000 }), {
      columns: ['date_time', 'expires'],
    });
    // 100 in-flight auctions take 100 × 50 / 3 = 1666 events = 1.666 s at 1000 events/s.
    const lengths = rows.map(([d, e]) => (e as number) - (d as number));
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(3_332_000);
    expect(Math.max(...lengths)).toBeGreaterThan(3_300_000);
    expect(lengths.every((l) => l % 1000 === 0)).toBe(true);
  });
});

describe('generator: reading', () => {
  it('ends after `events`, with positions and metrics', async () => {
    const src = source({ kind: 'sequence', events: 25 });
    expect(src.bounded).toBe(true);
    const metrics = new SourceMetrics();
    const chunks = await chunksOf(src, { batchSize: 10, metrics });
    expect(chunks.map((c) => [c.batch.length, c.partition, c.position])).toEqual([
      [10, 0, { offset: 10 }],
      [10, 0, { offset: 20 }],
      [5, 0, { offset: 25 }],
    ]);
    expect(chunks.every((c) => c.batch.kinds === null)).toBe(true);
    expect(metrics.rowsRead).toBe(25);
    expect(await chunksOf(source({ kind: 'sequence', events: 0 }))).toEqual([]);
    expect(await chunksOf(src, { resumeFrom: { offset: 25 } })).toEqual([]);
  });

  it('counts all three nexmark tables in `events`', async () => {
    const count = async (table: string, events: number): Promise<number> =>
      (await rowsOf(source({ kind: 'nexmark', table, events }), { columns: ['date_time'] })).length;
    expect([await count('person', 5000), await count('auction', 5000), await count('bid', 5000)]).toEqual([100, 300, 4600]);
    expect([await count('person', 53), await count('auction', 53), await count('bid', 53)]).toEqual([2, 5, 46]);
  });

  it('produces row counts without columns when no column is requested', async () => {
    for (const [, opts] of KINDS) {
      const chunks = await chunksOf(source({ ...opts, events: 120 }), { columns: [], batchSize: 50 });
      expect(chunks.map((c) => [c.batch.length, c.batch.columns.length])).toEqual(
        opts.kind === 'nexmark' ? chunks.map((c) => [c.batch.length, 0]) : [[50, 0], [50, 0], [20, 0]],
      );
      expect(chunks.reduce((a, c) => a + c.batch.length, 0)).toBe(
        opts.table === 'person' ? 3 : opts.table === 'auction' ? 9 : opts.table === 'bid' ? 108 : 120,
      );
    }
  });

  it('batch_size overrides the request', async () => {
    const chunks = await chunksOf(source({ kind: 'trades', events: 10, batch_size: 4 }), { batchSize: 1000 });
    expect(chunks.map((c) => c.batch.length)).toEqual([4, 4, 2]);
  });

  it('runs unbounded until the signal aborts, then ends without error', async () => {
    const src = source({ kind: 'trades' });
    expect(src.bounded).toBe(false);
    const controller = new AbortController();
    const metrics = new SourceMetrics();
    let chunks = 0;
    for await (const chunk of open(src, { signal: controller.signal, batchSize: 100, metrics })) {
      expect(chunk.batch.length).toBe(100);
      if (++chunks === 5) controller.abort();
    }
    expect(chunks).toBe(5);
    expect(metrics.rowsRead).toBe(500);
    // Already aborted: nothing at all.
    expect(await chunksOf(src, { signal: controller.signal })).toEqual([]);
  });

  it('notices an abort from a timer while the consumer keeps pulling', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    let chunks = 0;
    for await (const _ of open(source({ kind: 'sequence' }), { signal: controller.signal, batchSize: 10 })) chunks++;
    expect(controller.signal.aborted).toBe(true);
    expect(chunks).toBeGreaterThan(0);
  });

  it('lets timers run between batches (yields to the event loop, not only to microtasks)', async () => {
    let firedAfter = -1;
    let chunks = 0;
    setTimeout(() => (firedAfter = chunks), 0);
    for await (const _ of open(source({ kind: 'trades', events: 200_000 }), { batchSize: 1000 })) chunks++;
    expect(chunks).toBe(200);
    expect(firedAfter).toBeGreaterThanOrEqual(0);
    expect(firedAfter).toBeLessThan(200);
  });

  it('describes itself', () => {
    expect(source({ kind: 'trades', seed: 42, events: 1_000_000 }).describe()).toBe(
      'generator trades (seed 42, 10 symbols, 1000 events/s, 1000000 events)',
    );
    expect(source({ kind: 'sequence', keys: 1, rate: 2.5, out_of_order: '5 seconds' }).describe()).toBe(
      'generator sequence (seed 0, 1 key, 2.5 events/s, unbounded, out of order ≤ 00:00:05)',
    );
    expect(source({ kind: 'nexmark', table: 'bid', seed: 1, events: 50 }).describe()).toBe(
      'generator nexmark bid (seed 1, 1000 events/s, 50 events)',
    );
  });
});

describe('generator: sequence and trades', () => {
  it('sequence: id counts events, key = id % keys, value in [0, 1)', async () => {
    const rows = await rowsOf(source({ kind: 'sequence', keys: 7, events: 10_000 }));
    expect(rows.every(([id, , key], i) => id === i && key === i % 7)).toBe(true);
    const values = column(rows, 3) as number[];
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('trades: real tickers first, then distinct made-up ones; uniform symbols', async () => {
    const rows = await rowsOf(source({ kind: 'trades', symbols: 60, events: 60_000 }), { columns: ['symbol'] });
    const counts = new Map<string, number>();
    for (const [s] of rows) counts.set(s as string, (counts.get(s as string) ?? 0) + 1);
    expect(counts.size).toBe(60);
    expect(['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA', 'META', 'SHOP'].every((s) => counts.has(s))).toBe(true);
    expect([...counts.keys()].every((s) => /^[A-Z]{1,4}$/.test(s))).toBe(true);
    expect(Math.min(...counts.values())).toBeGreaterThan(800);
    expect(Math.max(...counts.values())).toBeLessThan(1200);
    const one = await rowsOf(source({ kind: 'trades', symbols: 1, events: 5 }), { columns: ['symbol'] });
    expect(column(one, 0)).toEqual(['AAPL', 'AAPL', 'AAPL', 'AAPL', 'AAPL']);
  });

  it('trades: a batch of a large symbol set carries only the symbols it uses', async () => {
    const [chunk] = await chunksOf(source({ kind: 'trades', symbols: 50_000, events: 100 }));
    const col = chunk!.batch.columns[0]!;
    expect(col.type === 'VARCHAR' && col.dict.length).toBeLessThanOrEqual(100);
    const [small] = await chunksOf(source({ kind: 'trades', symbols: 10, events: 3 }));
    const smallCol = small!.batch.columns[0]!;
    expect(smallCol.type === 'VARCHAR' && smallCol.dict).toEqual(['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA', 'META', 'TSLA', 'JPM', 'V', 'JNJ']);
  });

  it('trades: prices are cents, walk in small steps per symbol, and stay near the base price', async () => {
    const rows = await rowsOf(source({ kind: 'trades', seed: 11, events: 500_000 }), { columns: ['symbol', 'price'] });
    const base: Record<string, number> = { AAPL: 190, MSFT: 375, GOOG: 140, AMZN: 150, NVDA: 495, META: 350, TSLA: 250, JPM: 170, V: 260, JNJ: 157 };
    const last = new Map<string, number>();
    let notCents = 0;
    let farFromBase = 0;
    let bigSteps = 0;
    let moves = 0;
    for (const [s, p] of rows as [string, number][]) {
      if (Math.round(p * 100) / 100 !== p) notCents++;
      if (p / base[s]! < 0.84 || p / base[s]! > 1.2) farFromBase++;
      const before = last.get(s);
      if (before !== undefined) {
        if (Math.abs(p - before) / before > 0.002) bigSteps++;
        if (p !== before) moves++;
      }
      last.set(s, p);
    }
    expect([notCents, farFromBase, bigSteps]).toEqual([0, 0, 0]);
    expect(moves).toBeGreaterThan(rows.length * 0.3);
    // Over the whole run each symbol wanders by more than a percent.
    const range = new Map<string, [number, number]>();
    for (const [s, p] of rows as [string, number][]) {
      const [lo, hi] = range.get(s) ?? [p, p];
      range.set(s, [Math.min(lo, p), Math.max(hi, p)]);
    }
    expect([...range.values()].every(([lo, hi]) => hi / lo > 1.01)).toBe(true);
  });

  it('trades: three in four trades are round lots', async () => {
    const volumes = column(await rowsOf(source({ kind: 'trades', events: 40_000 }), { columns: ['volume'] }), 0) as number[];
    const round = volumes.filter((v) => v % 100 === 0 && v >= 100 && v <= 1000).length;
    const odd = volumes.filter((v) => v >= 1 && v <= 99).length;
    expect(round + odd).toBe(volumes.length);
    expect(round / volumes.length).toBeGreaterThan(0.74);
    expect(round / volumes.length).toBeLessThan(0.76);
  });
});

describe('generator: nexmark', () => {
  const EVENTS = 50_000;
  const read = async (table: string, columns: string[], opts: Opts = {}): Promise<Scalar[][]> =>
    rowsOf(source({ kind: 'nexmark', table, seed: 21, events: EVENTS, ...opts }), { columns });
  /** Event index from date_time (rate 1000, no disorder: event e is at START + e ms). */
  const eventOf = (t: Scalar | undefined): number => ((t as number) - START) / 1000;

  it('places 1 person, 3 auctions and 46 bids in every 50 events, with consecutive ids from 1000', async () => {
    const persons = await read('person', ['id', 'date_time']);
    const auctions = await read('auction', ['id', 'date_time']);
    const bids = await read('bid', ['date_time']);
    expect(persons.length).toBe(1000);
    expect(auctions.length).toBe(3000);
    expect(bids.length).toBe(46_000);
    expect(persons.every(([id, t], k) => id === 1000 + k && eventOf(t) === 50 * k)).toBe(true);
    expect(auctions.every(([id, t], k) => id === 1000 + k && eventOf(t) === 50 * Math.floor(k / 3) + 1 + (k % 3))).toBe(true);
    expect(bids.every(([t], k) => eventOf(t) === 50 * Math.floor(k / 46) + 4 + (k % 46))).toBe(true);
  });

  it('bids and auctions refer to recent persons and auctions: existing ones, or at most 10 ids ahead', async () => {
    const bids = await read('bid', ['auction', 'bidder', 'date_time']);
    const auctions = await read('auction', ['seller', 'date_time']);
    let futureAuctions = 0;
    let futureBidders = 0;
    let outOfRange = 0;
    for (const [auction, bidder, t] of bids as number[][]) {
      const e = eventOf(t);
      const newestAuction = 1000 + 3 * Math.floor(e / 50) + 2; // bids follow their epoch's 3 auctions
      const newestPerson = 1000 + Math.floor(e / 50);
      if (auction! < Math.max(1000, newestAuction - 100) || auction! > newestAuction + 10) outOfRange++;
      if (bidder! < Math.max(1000, newestPerson - 999) || bidder! > newestPerson + 10) outOfRange++;
      if (auction! > newestAuction) futureAuctions++;
      if (bidder! > newestPerson) futureBidders++;
    }
    expect(outOfRange).toBe(0);
    // As in the reference generator, a few picks run ahead of the newest id (AUCTION_ID_LEAD).
    expect(futureAuctions).toBe(2195);
    expect(futureBidders).toBe(882);
    const badSellers = auctions.filter(([seller, t]) => {
      const newestPerson = 1000 + Math.floor(eventOf(t) / 50);
      return (seller as number) < Math.max(1000, newestPerson - 999) || (seller as number) > newestPerson + 10;
    });
    expect(badSellers).toEqual([]);
  });

  it('skews bids toward hot auctions, hot bidders and hot channels, and auctions toward hot sellers', async () => {
    const bids = await read('bid', ['auction', 'bidder', 'channel', 'date_time']);
    const share = (pred: (r: Scalar[]) => boolean, rows: Scalar[][]): number => rows.filter(pred).length / rows.length;
    // Hot auction: the first of the current group of 100 auctions; hot_auction_ratio 2 → ~1/2.
    const hotAuction = share(([a]) => ((a as number) - 1000) % 100 === 0, bids);
    const hotBidder = share(([, b]) => ((b as number) - 1000) % 100 === 1, bids);
    const hotChannel = share(([, , c]) => ['Google', 'Facebook', 'Baidu', 'Apple'].includes(c as string), bids);
    expect([hotAuction, hotBidder, hotChannel]).toEqual([0.5049782608695652, 0.7544130434782609, 0.5051521739130435]);
    // While a group of 100 auctions is the newest, its first auction gets half of all bids: the
    // hot item that queries like q5 look for.
    const periods = new Map<number, Map<number, number>>();
    for (const [a, , , t] of bids) {
      const period = Math.floor((3 * Math.floor(eventOf(t) / 50) + 2) / 100);
      const counts = periods.get(period) ?? new Map<number, number>();
      counts.set(a as number, (counts.get(a as number) ?? 0) + 1);
      periods.set(period, counts);
    }
    const topShares = [...periods.values()].slice(0, -1).map((counts) => {
      const total = [...counts.values()].reduce((x, y) => x + y, 0);
      return Math.max(...counts.values()) / total;
    });
    expect(topShares.length).toBe(29);
    expect(Math.min(...topShares)).toBeGreaterThan(0.45);
    const sellers = await read('auction', ['seller']);
    expect(share(([s]) => ((s as number) - 1000) % 100 === 0, sellers)).toBeGreaterThan(0.74);

    // With ratio 1 nothing is hot: group heads get their fair ~1% only.
    const flat = await read('bid', ['auction', 'bidder'], { hot_auction_ratio: 1, hot_bidder_ratio: 1 });
    expect(share(([a]) => ((a as number) - 1000) % 100 === 0, flat)).toBeLessThan(0.03);
    expect(share(([, b]) => ((b as number) - 1000) % 100 === 1, flat)).toBeLessThan(0.03);
  });

  it('gives every channel one url, with channel_id for 9 in 10 of the non-hot channels', async () => {
    const rows = (await read('bid', ['channel', 'url'])) as string[][];
    const urlOf = new Map<string, string>();
    let conflicting = 0;
    for (const [c, u] of rows) {
      if ((urlOf.get(c!) ?? u) !== u) conflicting++;
      urlOf.set(c!, u!);
    }
    expect(conflicting).toBe(0);
    const shape = /^https:\/\/www\.nexmark\.com\/[a-z_]{3,4}\/[a-z_]{3,4}\/[a-z_]{3,4}\/item\.htm\?query=1(&channel_id=\d+)?$/;
    expect([...urlOf.values()].filter((u) => !shape.test(u))).toEqual([]);
    const others = [...urlOf.entries()].filter(([c]) => c.startsWith('channel-'));
    expect(others.length).toBeGreaterThan(8000);
    const withId = others.filter(([, u]) => u.includes('&channel_id=')).length / others.length;
    expect(withId).toBeGreaterThan(0.88);
    expect(withId).toBeLessThan(0.92);
    // channel_id is the channel number with its 32 bits reversed: channel-1 → 2^31.
    const one = others.find(([c]) => c === 'channel-1');
    if (one && one[1].includes('&channel_id=')) expect(one[1].endsWith('&channel_id=2147483648')).toBe(true);
    expect(['Google', 'Facebook', 'Baidu', 'Apple'].every((c) => !urlOf.get(c)!.includes('channel_id'))).toBe(true);
  });

  it('draws prices log-uniformly between $1 and $1 000 000 (in cents), reserve above the initial bid', async () => {
    const prices = column(await read('bid', ['price']), 0) as number[];
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...prices)).toBeLessThanOrEqual(100_000_000);
    // Each decade holds about a sixth of the prices.
    for (let d = 0; d < 6; d++) {
      const share = prices.filter((p) => p >= 100 * 10 ** d && p < 100 * 10 ** (d + 1)).length / prices.length;
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.18);
    }
    const auctions = await read('auction', ['initial_bid', 'reserve', 'category']);
    expect(auctions.every(([i, r]) => (r as number) > (i as number))).toBe(true);
    expect(new Set(column(auctions, 2))).toEqual(new Set([10, 11, 12, 13, 14]));
  });

  it('pads rows with `extra` to the reference average sizes', async () => {
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const bidExtra = (column(await read('bid', ['extra']), 0) as string[]).map((s) => s.length);
    expect(Math.min(...bidExtra)).toBe(54);
    expect(Math.max(...bidExtra)).toBe(81);
    expect(mean(bidExtra)).toBeCloseTo(67.5, 0);
    const persons = (await read('person', ['name', 'email_address', 'credit_card', 'city', 'state', 'extra'])) as string[][];
    const personSize = persons.map((r) => 8 + r.reduce((a, s) => a + s.length, 0));
    expect(Math.abs(mean(personSize) - 200)).toBeLessThan(3);
    expect(persons.every(([, email, card]) => /^[a-z]{3,6}@[a-z]{3,4}\.com$/.test(email!) && /^\d{4} \d{4} \d{4} \d{4}$/.test(card!))).toBe(true);
    const auctions = (await read('auction', ['item_name', 'description', 'extra'])) as string[][];
    const auctionSize = auctions.map((r) => 8 + r.reduce((a, s) => a + s.length, 0) + 40);
    expect(Math.abs(mean(auctionSize) - 500)).toBeLessThan(5);
    expect(auctions.every(([name, description]) => name!.length <= 19 && description!.length <= 99)).toBe(true);
  });
});

describe('generator: declared columns', () => {
  const col = (name: string, type: Schema[number]['type'], nullable = true): Schema[number] => ({ name, type, nullable });

  it('selects a subset by name, case-insensitively, in the declared order', async () => {
    const src = source({ kind: 'trades', seed: 42, events: 6 }, [col('TS', 'TIMESTAMP'), col('Price', 'DOUBLE', false)]);
    expect(src.schema).toEqual([
      { name: 'TS', type: 'TIMESTAMP', nullable: false },
      { name: 'Price', type: 'DOUBLE', nullable: false },
    ]);
    const full = await rowsOf(source({ kind: 'trades', seed: 42, events: 6 }));
    expect(await rowsOf(src)).toEqual(full.map((r) => [r[3], r[1]]));
    expect(await rowsOf(src, { columns: ['Price'] })).toEqual(full.map((r) => [r[1]]));
  });

  it('rejects unknown columns, other types and repeats, at the statement, listing the columns', () => {
    const unknown = errorOf(() => source({ kind: 'trades' }, [col('sym', 'VARCHAR')]));
    expect(unknown.code).toBe('UNKNOWN_COLUMN');
    expect(unknown.message).toBe("generator trades has no column 'sym'");
    expect(unknown.location).toEqual(STATEMENT);
    expect(unknown.hint).toBe('generator trades has columns symbol VARCHAR, price DOUBLE, volume INT, ts TIMESTAMP');

    const mismatch = errorOf(() => source({ kind: 'trades' }, [col('volume', 'BIGINT')]));
    expect(mismatch.code).toBe('TYPE_MISMATCH');
    expect(mismatch.message).toBe("column 'volume' of generator trades is INT, not BIGINT");
    expect(mismatch.location).toEqual(STATEMENT);

    const bids = errorOf(() => source({ kind: 'nexmark', table: 'bid' }, [col('dateTime', 'TIMESTAMP')]));
    expect(bids.code).toBe('UNKNOWN_COLUMN');
    expect(bids.hint).toBe(
      'generator nexmark bid has columns auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, date_time TIMESTAMP, extra VARCHAR',
    );

    const twice = errorOf(() => source({ kind: 'sequence' }, [col('id', 'BIGINT'), col('ID', 'BIGINT')]));
    expect(twice.code).toBe('DUPLICATE_COLUMN');
  });
});

describe('generator: options', () => {
  const invalid = (opts: Opts): LaminarError => {
    const e = errorOf(() => source(opts));
    expect(e.code).toBe('INVALID_OPTION');
    return e;
  };

  it('rejects unknown options at the option, listing the valid ones for the kind', () => {
    const e = invalid({ kind: 'trades', evnts: 10 });
    expect(e.message).toBe("unknown option 'evnts' for generator");
    expect(e.location).toEqual({ kind: 'sql', source: 'evnts = 10', start: 0, end: 5 });
    expect(e.hint).toBe('valid options: batch_size, events, kind, out_of_order, rate, seed, start, symbols');
    // Options of another kind are unknown too.
    expect(invalid({ kind: 'sequence', symbols: 5 }).message).toBe("unknown option 'symbols' for generator");
    expect(invalid({ kind: 'trades', table: 'bid' }).message).toBe("unknown option 'table' for generator");
    expect(invalid({ kind: 'nexmark', table: 'bid', keys: 3 }).hint).toBe(
      'valid options: active_people, batch_size, events, hot_auction_ratio, hot_bidder_ratio, hot_channel_ratio, hot_seller_ratio, in_flight_auctions, kind, out_of_order, rate, seed, start, table',
    );
  });

  it('requires kind, and table for nexmark', () => {
    expect(invalid({}).message).toBe("generator needs option 'kind'");
    expect(invalid({ kind: 'ticks' }).message).toBe("option 'kind' must be one of 'sequence', 'trades', 'nexmark'");
    expect(invalid({ kind: 'nexmark' }).message).toBe("generator needs option 'table'");
    expect(invalid({ kind: 'nexmark', table: 'bids' }).message).toBe("option 'table' must be one of 'person', 'auction', 'bid'");
  });

  it('rejects bad values with the reason', () => {
    expect(invalid({ kind: 'trades', seed: 1.5 }).message).toBe("option 'seed' must be a whole number, not 1.5");
    expect(invalid({ kind: 'trades', seed: 'abc' }).message).toBe("option 'seed' must be a number");
    expect(invalid({ kind: 'trades', events: -1 }).message).toBe("option 'events' must be at least 0, not -1");
    expect(invalid({ kind: 'trades', rate: 0 }).message).toBe("option 'rate' must be at least 0.000001, not 0");
    expect(invalid({ kind: 'trades', rate: 1.0000001 }).message).toBe(
      "option 'rate' must be a positive decimal with at most 6 fraction digits, not 1.0000001",
    );
    expect(invalid({ kind: 'trades', out_of_order: 'soon' }).message).toBe("option 'out_of_order': 'soon' is not an interval (try '5 seconds' or '01:30:00')");
    expect(invalid({ kind: 'trades', out_of_order: '-5 s' }).message).toBe("option 'out_of_order' must be a duration of zero or more, not -00:00:05");
    expect(invalid({ kind: 'trades', start: 'yesterday' }).message).toBe("option 'start' must be a timestamp, e.g. start = '2024-01-01 00:00:00'");
    expect(invalid({ kind: 'trades', batch_size: 0 }).message).toBe("option 'batch_size' must be at least 1, not 0");
    expect(invalid({ kind: 'trades', symbols: 0 }).message).toBe("option 'symbols' must be at least 1, not 0");
    expect(invalid({ kind: 'trades', symbols: 100_001 }).message).toBe("option 'symbols' must be at most 100000, not 100001");
    expect(invalid({ kind: 'sequence', keys: 0 }).message).toBe("option 'keys' must be at least 1, not 0");
    expect(invalid({ kind: 'nexmark', table: 'bid', hot_auction_ratio: 0 }).message).toBe("option 'hot_auction_ratio' must be at least 1, not 0");
    // Each error points at its option.
    expect(invalid({ kind: 'trades', events: -1 }).location).toEqual({ kind: 'sql', source: 'events = -1', start: 0, end: 6 });
  });

  it('accepts typed interval and timestamp literals and numeric strings', async () => {
    const src = createGeneratorSource({
      name: 's',
      columns: null,
      options: new ConnectorOptions(
        [
          { name: 'KIND', kind: 'string', value: 'Sequence' },
          { name: 'events', kind: 'string', value: '2' },
          { name: 'out_of_order', kind: 'interval', value: 0 },
          { name: 'start', kind: 'timestamp', value: START + 5 },
        ],
        'generator',
      ),
    });
    expect(column(await rowsOf(src, { columns: ['ts'] }), 0)).toEqual([START + 5, START + 1005]);
  });
});
