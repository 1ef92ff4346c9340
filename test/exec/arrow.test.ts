import {
  Bool,
  type Data,
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  DurationMillisecond,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  IntervalDayTime,
  IntervalMonthDayNano,
  LargeUtf8,
  List,
  Field as ArrowField,
  makeData,
  Null,
  RecordBatch,
  Table,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  arrowSchemaToSchema,
  batchToRecordBatch,
  ipcToRecordBatches,
  recordBatchesToIpc,
  recordBatchToBatch,
  tableToBatches,
  toArrowSchema,
} from '../../engine/exec/batch/arrow.js';
import { batchRows, type Batch, type Field, type Schema } from '../../engine/exec/batch/batch.js';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import type { SqlType } from '../../engine/types/sql-type.js';

function f(name: string, type: SqlType, nullable = true): Field {
  return { name, type, nullable };
}

function batchOf(schema: Schema, rows: Scalar[][], kinds: Uint8Array | null = null): Batch {
  const builders = schema.map((fl) => new ColumnBuilder(fl.type, 2));
  for (const row of rows) row.forEach((v, c) => builders[c]!.append(v));
  return { length: rows.length, columns: builders.map((b) => b.finish()), kinds };
}

function rbOf(columns: Record<string, Data>): RecordBatch {
  return new RecordBatch(columns);
}

function error(f: () => unknown): LaminarError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LaminarError);
    return e as LaminarError;
  }
  throw new Error('expected an error');
}

const EVERY_TYPE: Schema = [
  f('b', 'BOOLEAN'),
  f('i', 'INT', false),
  f('big', 'BIGINT'),
  f('d', 'DOUBLE'),
  f('s', 'VARCHAR'),
  f('t', 'TIMESTAMP'),
  f('iv', 'INTERVAL'),
];

const EVERY_ROW: Scalar[][] = [
  [true, 1, 2 ** 53 - 1, 1.5, 'a', 1_704_164_645_123_456, 5_000_000],
  [null, -2, null, null, null, null, null],
  [false, 2147483647, -(2 ** 53 - 1), NaN, 'b', -1, -1],
  [true, 0, 0, -0.5, 'a', 0, 86_400_000_000],
  [false, 5, 4294967296, Infinity, 'ç€😀', 1, 1],
  [null, 6, -4294967297, 0, '', null, 0],
  [true, 7, 1, 2, 'b', 2, 2],
  [false, 8, 2, 3, null, 3, 3],
  [true, 9, 3, 4, 'c', 4, 4],
];

describe('batchToRecordBatch', () => {
  it('shares every buffer with Arrow and maps types and nullability', () => {
    const batch = batchOf(EVERY_TYPE, EVERY_ROW);
    const rb = batchToRecordBatch(EVERY_TYPE, batch);
    expect(rb.numRows).toBe(9);
    expect(rb.schema.fields.map((fl) => `${fl.name}:${String(fl.type)}:${fl.nullable}`)).toEqual([
      'b:Bool:true',
      'i:Int32:false',
      'big:Int64:true',
      'd:Float64:true',
      's:Dictionary<Int32, Utf8>:true',
      't:Timestamp<MICROSECOND>:true',
      'iv:Duration<MICROSECOND>:true',
    ]);
    for (let c = 0; c < EVERY_TYPE.length; c++) {
      const data = rb.data.children[c]!;
      const col = batch.columns[c]!;
      expect(data.values.buffer, EVERY_TYPE[c]!.name).toBe(col.data.buffer);
      if (col.validity !== null)
        expect(data.nullBitmap.buffer, EVERY_TYPE[c]!.name).toBe(col.validity.buffer);
    }
    expect(rb.getChild('big')!.toArray()).toEqual(
      BigInt64Array.from(EVERY_ROW.map((r) => BigInt((r[2] as number | null) ?? 0))),
    );
    expect(rb.getChild('s')!.toArray()).toEqual(['a', null, 'b', 'a', 'ç€😀', '', 'b', null, 'c']);
    expect(rb.getChild('b')!.toArray()).toEqual([true, null, false, true, false, null, true, false, true]);
    expect(Array.from(rb.getChild('i')!.toArray() as Int32Array)).toEqual(EVERY_ROW.map((r) => r[1]));
    const t = rb.data.children[5]!.values as BigInt64Array;
    expect(t[0]).toBe(1_704_164_645_123_456n);
    expect(t[2]).toBe(-1n);
  });

  it('round-trips every type with nulls back to the very same buffers', () => {
    const batch = batchOf(EVERY_TYPE, EVERY_ROW);
    const { schema, batch: back } = recordBatchToBatch(batchToRecordBatch(EVERY_TYPE, batch));
    expect(schema).toEqual(EVERY_TYPE);
    expect(batchRows(back)).toEqual(EVERY_ROW);
    for (let c = 0; c < EVERY_TYPE.length; c++) {
      expect(back.columns[c]!.data.buffer, EVERY_TYPE[c]!.name).toBe(batch.columns[c]!.data.buffer);
      expect(back.columns[c]!.validity?.buffer).toBe(batch.columns[c]!.validity?.buffer);
    }
  });

  it('adds row kinds as an op column sharing the kinds buffer', () => {
    const schema = [f('x', 'INT')];
    const kinds = Uint8Array.from([0, 1, 2, 3]);
    const rb = batchToRecordBatch(schema, batchOf(schema, [[1], [1], [2], [2]], kinds), { opColumn: 'op' });
    expect(rb.schema.fields.map((fl) => `${fl.name}:${String(fl.type)}`)).toEqual([
      'op:Dictionary<Int8, Utf8>',
      'x:Int32',
    ]);
    expect(rb.getChild('op')!.toArray()).toEqual(['+I', '-U', '+U', '-D']);
    expect(rb.data.children[0]!.values.buffer).toBe(kinds.buffer);
    const inserts = batchToRecordBatch(schema, batchOf(schema, [[1], [2]]), { opColumn: 'op' });
    expect(inserts.getChild('op')!.toArray()).toEqual(['+I', '+I']);
    const back = recordBatchToBatch(rb, schema, { opColumn: 'OP' }).batch;
    expect(Array.from(back.kinds!)).toEqual([0, 1, 2, 3]);
    expect(error(() => batchToRecordBatch(schema, batchOf(schema, [[1]]), { opColumn: 'X' })).code).toBe(
      'DUPLICATE_COLUMN',
    );
  });

  it("writes plain Utf8 strings with strings = 'utf8'", () => {
    const schema = [f('s', 'VARCHAR')];
    const rb = batchToRecordBatch(schema, batchOf(schema, [['x'], [null], ['yz'], ['x']]), {
      strings: 'utf8',
    });
    expect(String(rb.schema.fields[0]!.type)).toBe('Utf8');
    expect(rb.getChild('s')!.toArray()).toEqual(['x', null, 'yz', 'x']);
    expect(toArrowSchema(schema, { strings: 'utf8' }).fields[0]!.type).toBeInstanceOf(Utf8);
  });
});

describe('Arrow IPC', () => {
  it('streams batches with their own dictionaries and reads them back', () => {
    const schema = [f('s', 'VARCHAR'), f('n', 'BIGINT')];
    const a = batchOf(schema, [
      ['x', 1],
      ['y', null],
    ]);
    const b = batchOf(schema, [
      ['z', 3],
      [null, 4],
      ['z', 5],
    ]);
    const bytes = recordBatchesToIpc([batchToRecordBatch(schema, a), batchToRecordBatch(schema, b)]);
    const batches = ipcToRecordBatches(bytes);
    expect(batches.map((rb) => batchRows(recordBatchToBatch(rb, schema).batch))).toEqual([
      [
        ['x', 1],
        ['y', null],
      ],
      [
        ['z', 3],
        [null, 4],
        ['z', 5],
      ],
    ]);
  });

  it("writes the file format when strings are 'utf8' (file dictionaries cannot change)", () => {
    const schema = [f('s', 'VARCHAR')];
    const rbs = [batchOf(schema, [['x']]), batchOf(schema, [['y']])].map((b) =>
      batchToRecordBatch(schema, b, { strings: 'utf8' }),
    );
    const back = ipcToRecordBatches(recordBatchesToIpc(rbs, 'file'));
    expect(back.map((rb) => batchRows(recordBatchToBatch(rb).batch))).toEqual([[['x']], [['y']]]);
    const dicts = [batchOf(schema, [['x']]), batchOf(schema, [['y']])].map((b) =>
      batchToRecordBatch(schema, b),
    );
    expect(() => recordBatchesToIpc(dicts, 'file')).toThrow('replacement dictionaries');
  });

  it('reports bytes that are not Arrow', () => {
    expect(error(() => ipcToRecordBatches(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).code).toBe(
      'BAD_INPUT_ROW',
    );
  });
});

describe('recordBatchToBatch: natural types', () => {
  it('widens small and unsigned integers, and shares Int32 and Int64', () => {
    const int32 = makeData({ type: new Int32(), data: Int32Array.from([1, -2, 3]) });
    const int64 = makeData({
      type: new Int64(),
      data: BigInt64Array.from([1n, -(2n ** 53n) + 1n, 2n ** 40n]),
    });
    const rb = rbOf({
      i8: vectorFromArray([1, null, -3], new Int8()).data[0]!,
      i16: vectorFromArray([300, -300, null], new Int16()).data[0]!,
      u8: vectorFromArray([255, 0, 1], new Uint8()).data[0]!,
      u16: vectorFromArray([65535, 0, 1], new Uint16()).data[0]!,
      u32: vectorFromArray([4294967295, 0, 1], new Uint32()).data[0]!,
      i32: int32,
      i64: int64,
      u64: makeData({ type: new Uint64(), data: BigUint64Array.from([0n, 2n ** 53n - 1n, 7n]) }),
    });
    const { schema, batch } = recordBatchToBatch(rb);
    expect(schema.map((fl) => fl.type)).toEqual([
      'INT',
      'INT',
      'INT',
      'INT',
      'BIGINT',
      'INT',
      'BIGINT',
      'BIGINT',
    ]);
    expect(batchRows(batch)).toEqual([
      [1, 300, 255, 65535, 4294967295, 1, 1, 0],
      [null, -300, 0, 0, 0, -2, -(2 ** 53) + 1, 2 ** 53 - 1],
      [-3, null, 1, 1, 1, 3, 2 ** 40, 7],
    ]);
    expect(batch.columns[5]!.data.buffer).toBe(int32.values.buffer);
    expect(batch.columns[6]!.data.buffer).toBe(int64.values.buffer);
  });

  it('refuses Int64 values beyond ±2^53 naming the row, or reports them to onBadRow', () => {
    const rb = rbOf({
      n: makeData({ type: new Int64(), data: BigInt64Array.from([1n, 2n ** 53n, -(2n ** 53n), 4n]) }),
    });
    const e = error(() => recordBatchToBatch(rb));
    expect(e.code).toBe('BAD_INPUT_ROW');
    expect(e.message).toBe(
      "row 2 of the Arrow batch: column 'n': the value is outside the range LaminarDB represents exactly (±2^53)",
    );
    const bad: [number, string][] = [];
    const { batch } = recordBatchToBatch(rb, undefined, {
      onBadRow: (row, reason) => bad.push([row, reason]),
    });
    expect(batchRows(batch)).toEqual([[1], [4]]);
    expect(bad.map((b) => b[0])).toEqual([1, 2]);
    const u = rbOf({ n: makeData({ type: new Uint64(), data: BigUint64Array.from([2n ** 63n]) }) });
    expect(error(() => recordBatchToBatch(u)).message).toContain('beyond ±2^53');
  });

  it('converts floats and decimals to DOUBLE', () => {
    // Decimal(scale 2) words, least significant first: 12345 → 123.45, -1 → -0.01, 2^32 → 42949672.96.
    const words = Uint32Array.from([
      12345, 0, 0, 0, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0, 1, 0, 0,
    ]);
    const rb = rbOf({
      f32: vectorFromArray([1.5, null, -0.25], new Float32()).data[0]!,
      f16: makeData({ type: new Float16(), data: Uint16Array.from([0x3e00, 0xc000, 0x7c00]) }),
      dec: makeData({ type: new Decimal(2, 12, 128), data: words }),
      f64: vectorFromArray([1e300, NaN, 0], new Float64()).data[0]!,
    });
    const { schema, batch } = recordBatchToBatch(rb);
    expect(schema.map((fl) => fl.type)).toEqual(['DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE']);
    expect(batchRows(batch)).toEqual([
      [1.5, 1.5, 123.45, 1e300],
      [null, -2, -0.01, NaN],
      [-0.25, Infinity, 42949672.96, 0],
    ]);
  });

  it('reads strings: Utf8 and LargeUtf8 deduplicated, dictionaries shared or remapped', () => {
    const dictionary = vectorFromArray(['a', 'b', 'a', null], new Utf8());
    const dict = makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      data: Int32Array.from([0, 1, 2, 3, 1]),
      dictionary,
    });
    const clean = makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      data: Int32Array.from([1, 0, 1]),
      dictionary: vectorFromArray(['p', 'q'], new Utf8()),
    });
    const rb5 = rbOf({
      u: vectorFromArray(['x', 'y', null, 'x', 'é'], new Utf8()).data[0]!,
      l: vectorFromArray(['big', null, 'big', 'z', ''], new LargeUtf8()).data[0]!,
      d: dict,
    });
    const { schema, batch } = recordBatchToBatch(rb5);
    expect(schema.map((fl) => fl.type)).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR']);
    expect(batchRows(batch)).toEqual([
      ['x', 'big', 'a'],
      ['y', null, 'b'],
      [null, 'big', 'a'],
      ['x', 'z', null],
      ['é', '', 'b'],
    ]);
    const u = batch.columns[0]!;
    expect(u.type === 'VARCHAR' && u.dict).toEqual(['x', 'y', 'é']);
    const d = batch.columns[2]!;
    expect(d.type === 'VARCHAR' && d.dict).toEqual(['a', 'b']);
    const shared = recordBatchToBatch(rbOf({ c: clean })).batch.columns[0]!;
    expect(shared.data.buffer).toBe(clean.values.buffer);
    expect(batchRows(recordBatchToBatch(rbOf({ c: clean })).batch)).toEqual([['q'], ['p'], ['q']]);
  });

  it('converts timestamps and dates of every unit to microseconds, exactly', () => {
    const rb = rbOf({
      s: makeData({ type: new TimestampSecond(), data: BigInt64Array.from([1_704_164_645n, -1n]) }),
      ms: makeData({
        type: new TimestampMillisecond('UTC'),
        data: BigInt64Array.from([1_704_164_645_123n, -1n]),
      }),
      ns: makeData({
        type: new TimestampNanosecond(),
        data: BigInt64Array.from([1_704_164_645_123_456_789n, -1n]),
      }),
      d32: makeData({ type: new DateDay(), data: Int32Array.from([19723, -1]) }),
      d64: makeData({
        type: new DateMillisecond(),
        data: BigInt64Array.from([1_704_067_200_000n, -86_400_000n]),
      }),
    });
    const { schema, batch } = recordBatchToBatch(rb);
    expect(schema.map((fl) => fl.type)).toEqual([
      'TIMESTAMP',
      'TIMESTAMP',
      'TIMESTAMP',
      'TIMESTAMP',
      'TIMESTAMP',
    ]);
    expect(batchRows(batch)).toEqual([
      [
        1_704_164_645_000_000, 1_704_164_645_123_000, 1_704_164_645_123_456, 1_704_067_200_000_000,
        1_704_067_200_000_000,
      ],
      [-1_000_000, -1000, -1, -86_400_000_000, -86_400_000_000],
    ]);
  });

  it('converts durations and day-time / month-day-nano intervals to INTERVAL', () => {
    const rb = rbOf({
      dur: makeData({ type: new DurationMillisecond(), data: BigInt64Array.from([1500n, -1n]) }),
      dt: makeData({ type: new IntervalDayTime(), data: Int32Array.from([1, 500, 0, -1]) }),
      mdn: makeData({ type: new IntervalMonthDayNano(), data: Int32Array.from([0, 2, 1000, 0, 1, 0, 0, 0]) }),
    });
    const bad: string[] = [];
    const { schema, batch } = recordBatchToBatch(rb, undefined, {
      onBadRow: (_, reason) => bad.push(reason),
    });
    expect(schema.map((fl) => fl.type)).toEqual(['INTERVAL', 'INTERVAL', 'INTERVAL']);
    expect(batchRows(batch)).toEqual([[1_500_000, 86_400_500_000, 2 * 86_400_000_000 + 1]]);
    expect(bad).toEqual([
      "column 'mdn': an interval of months has no fixed length and cannot be read as INTERVAL",
    ]);
  });

  it('copies bitmaps at unaligned offsets and shares them at aligned ones', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0));
    const rb = rbOf({
      b: vectorFromArray(values, new Bool()).data[0]!,
      n: vectorFromArray(
        values.map((v, i) => (v === null ? null : i)),
        new Int32(),
      ).data[0]!,
    });
    for (const [begin, end] of [
      [3, 17],
      [8, 20],
      [0, 20],
    ] as const) {
      const { batch } = recordBatchToBatch(rb.slice(begin, end));
      expect(batchRows(batch)).toEqual(
        values.slice(begin, end).map((v, k) => [v, v === null ? null : begin + k]),
      );
    }
    const aligned = recordBatchToBatch(rb.slice(8, 16)).batch;
    expect(aligned.columns[1]!.validity!.buffer).toBe(rb.data.children[1]!.nullBitmap.buffer);
  });

  it('reads the Null type as all NULL and refuses types it cannot represent', () => {
    const rb = rbOf({ z: makeData({ type: new Null(), length: 2 }) });
    expect(batchRows(recordBatchToBatch(rb).batch)).toEqual([[null], [null]]);
    const lists = new Table({
      l: vectorFromArray([[1], [2, 3]], new List(new ArrowField('item', new Int32()))),
    });
    const e = error(() => arrowSchemaToSchema(lists.schema));
    expect(e.code).toBe('UNSUPPORTED_TYPE');
    expect(e.message).toBe("column 'l' has Arrow type List, which LaminarDB cannot read");
  });
});

describe('recordBatchToBatch: target schema', () => {
  const rb = rbOf({
    ID: vectorFromArray([1, 2, null], new Int32()).data[0]!,
    price: vectorFromArray(['1.5', 'x', '3'], new Utf8()).data[0]!,
    extra: vectorFromArray([true, false, true], new Bool()).data[0]!,
    ts: makeData({ type: new TimestampMillisecond(), data: BigInt64Array.from([1000n, 2000n, 3000n]) }),
  });

  it('maps columns by name ignoring case, casts sensibly and ignores extra columns', () => {
    const target = [f('ts', 'TIMESTAMP'), f('id', 'BIGINT'), f('Price', 'DOUBLE')];
    const bad: [number, string][] = [];
    const { schema, batch } = recordBatchToBatch(rb, target, {
      onBadRow: (row, reason) => bad.push([row, reason]),
    });
    expect(schema).toEqual(target);
    expect(batchRows(batch)).toEqual([
      [1_000_000, 1, 1.5],
      [3_000_000, null, 3],
    ]);
    expect(bad).toEqual([[1, "column 'Price': 'x' is not a number (expected DOUBLE)"]]);
    const wide = recordBatchToBatch(rb.slice(0, 1), [f('id', 'DOUBLE')]).batch;
    expect(batchRows(wide)).toEqual([[1]]);
  });

  it('converts only the requested columns, in their order', () => {
    const target = [f('id', 'INT'), f('price', 'DOUBLE'), f('ts', 'TIMESTAMP')];
    const { schema, batch } = recordBatchToBatch(rb, target, { columns: [2, 0] });
    expect(schema.map((fl) => fl.name)).toEqual(['ts', 'id']);
    expect(batchRows(batch)).toEqual([
      [1_000_000, 1],
      [2_000_000, 2],
      [3_000_000, null],
    ]);
  });

  it('reports NULL in NOT NULL columns as bad rows', () => {
    const e = error(() => recordBatchToBatch(rb, [f('id', 'INT', false)]));
    expect(e.code).toBe('BAD_INPUT_ROW');
    expect(e.message).toBe("row 3 of the Arrow batch: column 'id' is NOT NULL but the value is NULL");
  });

  it('fails with TYPE_MISMATCH, BAD_INPUT_ROW or AMBIGUOUS_COLUMN naming the column', () => {
    const mismatch = error(() => recordBatchToBatch(rb, [f('extra', 'INT')]));
    expect(mismatch.code).toBe('TYPE_MISMATCH');
    expect(mismatch.message).toBe("column 'extra' is declared INT but the Arrow data has Bool");
    expect(mismatch.hint).toBe('declare the column as BOOLEAN');
    const toText = error(() => recordBatchToBatch(rb, [f('id', 'VARCHAR')]));
    expect(toText.message).toBe("column 'id' is declared VARCHAR but the Arrow data has Int32");
    const double = rbOf({ d: vectorFromArray([1.5], new Float64()).data[0]! });
    expect(error(() => recordBatchToBatch(double, [f('d', 'BIGINT')])).code).toBe('TYPE_MISMATCH');
    const ts = rbOf({ t: makeData({ type: new TimestampMillisecond(), data: BigInt64Array.from([1n]) }) });
    expect(error(() => recordBatchToBatch(ts, [f('t', 'BIGINT')])).message).toBe(
      "column 't' is declared BIGINT but the Arrow data has Timestamp<MILLISECOND>",
    );
    const missing = error(() => recordBatchToBatch(rb, [f('qty', 'INT')]));
    expect(missing.code).toBe('BAD_INPUT_ROW');
    expect(missing.message).toBe("the Arrow data has no column 'qty'");
    expect(missing.hint).toBe('its columns are: ID, price, extra, ts');
    const twice = rbOf({
      Ab: vectorFromArray([1], new Int32()).data[0]!,
      aB: vectorFromArray([2], new Int32()).data[0]!,
    });
    expect(error(() => recordBatchToBatch(twice, [f('ab', 'INT')])).code).toBe('AMBIGUOUS_COLUMN');
    expect(batchRows(recordBatchToBatch(twice, [f('aB', 'INT')]).batch)).toEqual([[2]]);
  });

  it('narrows BIGINT to INT when each value fits', () => {
    const big = rbOf({ n: makeData({ type: new Int64(), data: BigInt64Array.from([5n, 2n ** 31n]) }) });
    const bad: string[] = [];
    const { batch } = recordBatchToBatch(big, [f('n', 'INT')], { onBadRow: (_, r) => bad.push(r) });
    expect(batchRows(batch)).toEqual([[5]]);
    expect(bad).toEqual(["column 'n': 2147483648 is out of range for INT"]);
  });

  it('converts every batch of a table with one plan', () => {
    const schema = [f('s', 'VARCHAR'), f('t', 'TIMESTAMP')];
    const a = batchToRecordBatch(schema, batchOf(schema, [['x', 1]]));
    const b = batchToRecordBatch(
      schema,
      batchOf(schema, [
        ['y', 2],
        ['x', null],
      ]),
    );
    const table = new Table([a, b]);
    const { schema: out, batches } = tableToBatches(table);
    expect(out).toEqual(schema);
    expect(batches.map(batchRows)).toEqual([
      [['x', 1]],
      [
        ['y', 2],
        ['x', null],
      ],
    ]);
  });
});
