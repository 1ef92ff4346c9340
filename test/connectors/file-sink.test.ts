import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScalarForCsv, scalarToJson } from '../../engine/connectors/file/format-value.js';
import { readFileSinkConfig } from '../../engine/connectors/file/sink-config.js';
import { FileSinkWriter } from '../../engine/connectors/file/sink-writer.js';
import type { Batch, Schema } from '../../engine/exec/batch/batch.js';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import { field, fileSource, options, readAll, rejection, tempDir, ts } from './file-helpers.js';

function batchOf(schema: Schema, rows: Scalar[][], kinds: number[] | null = null): Batch {
  const builders = schema.map((f) => new ColumnBuilder(f.type, 2));
  for (const row of rows) row.forEach((v, c) => builders[c]!.append(v));
  return {
    length: rows.length,
    columns: builders.map((b) => b.finish()),
    kinds: kinds === null ? null : Uint8Array.from(kinds),
  };
}

const SCHEMA: Schema = [
  field('b', 'BOOLEAN'),
  field('i', 'INT'),
  field('big', 'BIGINT'),
  field('d', 'DOUBLE'),
  field('s', 'VARCHAR'),
  field('t', 'TIMESTAMP'),
  field('iv', 'INTERVAL'),
];

const ROWS: Scalar[][] = [
  [true, 1, 2 ** 53 - 1, 0.1 + 0.2, 'plain', ts('2024-01-02 03:04:05') + 123_000, 5_400_000_000],
  [false, -2, -(2 ** 53 - 1), -0, 'a,b "q"', ts('2024-01-02 03:04:05') + 1, -5_000_000],
  [null, null, null, null, null, null, null],
  [true, 0, 0, NaN, '', ts('1969-12-31 23:59:59'), 86_400_000_000 + 1_500_000],
  [false, 7, 42, Infinity, 'two\nlines', 0, 0],
  [true, 8, 43, -Infinity, ' padded ', 1, 1],
  [false, 9, 44, 1e-7, 'ç€😀', 2, 2],
];

async function written(
  path: string,
  schema: Schema,
  batches: Batch[],
  opts: Parameters<typeof FileSinkWriter.open>[2],
): Promise<string> {
  const w = await FileSinkWriter.open(path, schema, opts);
  for (const b of batches) await w.write(b);
  await w.close();
  return readFile(path, 'utf8');
}

describe('FileSinkWriter', () => {
  it('writes CSV with a header, RFC 4180 quoting and the value formats', async () => {
    const dir = await tempDir();
    const text = await written(
      join(dir, 'out.csv'),
      SCHEMA,
      [batchOf(SCHEMA, ROWS.slice(0, 4)), batchOf(SCHEMA, ROWS.slice(4))],
      { format: 'csv' },
    );
    expect(text).toBe(
      [
        'b,i,big,d,s,t,iv',
        'true,1,9007199254740991,0.30000000000000004,plain,2024-01-02 03:04:05.123,01:30:00',
        'false,-2,-9007199254740991,-0.0,"a,b ""q""",2024-01-02 03:04:05.000001,-00:00:05',
        ',,,,,,',
        'true,0,0,NaN,"",1969-12-31 23:59:59,1 day 00:00:01.5',
        'false,7,42,Infinity,"two\nlines",1970-01-01 00:00:00,00:00:00',
        'true,8,43,-Infinity," padded ",1970-01-01 00:00:00.000001,00:00:00.000001',
        'false,9,44,1e-7,ç€😀,1970-01-01 00:00:00.000002,00:00:00.000002',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON lines with NaN and infinities as strings', async () => {
    const dir = await tempDir();
    const text = await written(join(dir, 'out.jsonl'), SCHEMA, [batchOf(SCHEMA, ROWS.slice(0, 4))], {
      format: 'jsonl',
    });
    expect(text.split('\n')).toEqual([
      '{"b":true,"i":1,"big":9007199254740991,"d":0.30000000000000004,"s":"plain","t":"2024-01-02 03:04:05.123","iv":"01:30:00"}',
      '{"b":false,"i":-2,"big":-9007199254740991,"d":0,"s":"a,b \\"q\\"","t":"2024-01-02 03:04:05.000001","iv":"-00:00:05"}',
      '{"b":null,"i":null,"big":null,"d":null,"s":null,"t":null,"iv":null}',
      '{"b":true,"i":0,"big":0,"d":"NaN","s":"","t":"1969-12-31 23:59:59","iv":"1 day 00:00:01.5"}',
      '',
    ]);
  });

  it('adds the op column for changelogs, decided by the option or the first batch', async () => {
    const dir = await tempDir();
    const schema = [field('k', 'VARCHAR'), field('n', 'BIGINT')];
    const changes = batchOf(
      schema,
      [
        ['a', 1],
        ['a', 1],
        ['a', 2],
        ['b', 5],
      ],
      [0, 1, 2, 3],
    );
    expect(await written(join(dir, 'c.csv'), schema, [changes], { format: 'csv' })).toBe(
      'op,k,n\n+I,a,1\n-U,a,1\n+U,a,2\n-D,b,5\n',
    );
    expect(await written(join(dir, 'c.jsonl'), schema, [changes], { format: 'jsonl' })).toBe(
      '{"op":"+I","k":"a","n":1}\n{"op":"-U","k":"a","n":1}\n{"op":"+U","k":"a","n":2}\n{"op":"-D","k":"b","n":5}\n',
    );
    const inserts = batchOf(schema, [['x', 1]]);
    expect(await written(join(dir, 'i.csv'), schema, [inserts], { format: 'csv', changelog: true })).toBe(
      'op,k,n\n+I,x,1\n',
    );
    expect(await written(join(dir, 'i2.csv'), schema, [inserts], { format: 'csv' })).toBe('k,n\nx,1\n');
    const allInserts = batchOf(schema, [['y', 2]], [0]);
    expect(await written(join(dir, 'i3.csv'), schema, [inserts, allInserts], { format: 'csv' })).toBe(
      'k,n\nx,1\ny,2\n',
    );
    const e = (await rejection(
      written(join(dir, 'x.csv'), schema, [inserts, changes], { format: 'csv' }),
    )) as LaminarError;
    expect(e).toBeInstanceOf(LaminarError);
    expect(e.code).toBe('NOT_APPEND_ONLY');
    expect(e.message).toBe(
      `the sink writes '${join(dir, 'x.csv')}' without row kinds, but the query produced a -U row`,
    );
    const clash = (await rejection(
      FileSinkWriter.open(join(dir, 'y.csv'), [field('op', 'INT')], { format: 'csv', changelog: true }),
    )) as LaminarError;
    expect(clash.code).toBe('DUPLICATE_COLUMN');
  });

  it('writes the Debezium envelope: -U then +U is one update, a lone -U a delete, a lone +U a create', async () => {
    const dir = await tempDir();
    const schema = [field('k', 'VARCHAR'), field('n', 'BIGINT')];
    const first = batchOf(
      schema,
      [
        ['a', 1],
        ['a', 1],
        ['a', 2],
        ['b', 5],
        ['c', 7],
      ],
      [0, 1, 2, 3, 1],
    );
    // The -U of c waits for the next batch; its +U comes there. d's -U never gets a +U.
    const second = batchOf(
      schema,
      [
        ['c', 8],
        ['e', 9],
        ['d', null],
      ],
      [2, 2, 1],
    );
    expect((await written(join(dir, 'c.jsonl'), schema, [first, second], { format: 'debezium' })).split('\n')).toEqual([
      '{"before":null,"after":{"k":"a","n":1},"op":"c"}',
      '{"before":{"k":"a","n":1},"after":{"k":"a","n":2},"op":"u"}',
      '{"before":{"k":"b","n":5},"after":null,"op":"d"}',
      '{"before":{"k":"c","n":7},"after":{"k":"c","n":8},"op":"u"}',
      '{"before":null,"after":{"k":"e","n":9},"op":"c"}',
      '{"before":{"k":"d","n":null},"after":null,"op":"d"}',
      '',
    ]);
    const inserts = batchOf([field('op', 'INT')], [[1]]);
    expect(await written(join(dir, 'o.jsonl'), [field('op', 'INT')], [inserts], { format: 'debezium' })).toBe(
      '{"before":null,"after":{"op":1},"op":"c"}\n',
    );
  });

  it('writes the header of an empty result, honours header, delimiter and null_string, and truncates', async () => {
    const dir = await tempDir();
    const path = join(dir, 'out.csv');
    await writeFile(path, 'old content that must go\n'.repeat(10));
    const schema = [field('a', 'VARCHAR'), field('b', 'DOUBLE')];
    expect(await written(path, schema, [], { format: 'csv' })).toBe('a,b\n');
    const rows = batchOf(schema, [
      ['x;y', null],
      [null, 1.5],
      ['\\N', 2],
    ]);
    expect(
      await written(path, schema, [rows], {
        format: 'csv',
        header: false,
        delimiter: ';',
        nullString: '\\N',
      }),
    ).toBe('"x;y";\\N\n\\N;1.5\n"\\N";2.0\n');
    expect(await written(join(dir, 'e.jsonl'), schema, [], { format: 'jsonl' })).toBe('');
  });

  it('writes large outputs in pieces and keeps every row', async () => {
    const dir = await tempDir();
    const schema = [field('n', 'INT'), field('s', 'VARCHAR')];
    const rows = Array.from({ length: 60_000 }, (_, i) => [i, `row number ${i}`]);
    const w = await FileSinkWriter.open(join(dir, 'big.csv'), schema, { format: 'csv' });
    for (let start = 0; start < rows.length; start += 10_000)
      await w.write(batchOf(schema, rows.slice(start, start + 10_000)));
    expect(w.rowsWritten).toBe(60_000);
    await w.sync();
    await w.close();
    const lines = (await readFile(join(dir, 'big.csv'), 'utf8')).split('\n');
    expect(lines.length).toBe(60_002);
    expect(lines[60_000]).toBe('59999,row number 59999');
  });

  it('fails with IO_ERROR when the file cannot be created', async () => {
    const dir = await tempDir();
    const e = (await rejection(
      FileSinkWriter.open(join(dir, 'no', 'out.csv'), SCHEMA, { format: 'csv' }),
    )) as LaminarError;
    expect(e.code).toBe('IO_ERROR');
  });
});

describe('writer → reader round trips', () => {
  const STRINGS = ['a,b', 'say "hi"', 'two\nlines', 'crlf\r\nline', ' spaced ', 'ç€😀', "it's", 'NULL', '\t'];

  it('CSV written by the sink reads back to the same values (with a null string, even empty strings)', async () => {
    const dir = await tempDir();
    const rows: Scalar[][] = [
      ...ROWS,
      ...STRINGS.map((s, k): Scalar[] => [k % 2 === 0, k, k, k / 3, s, k, -k - 1]),
    ];
    const path = join(dir, 'rt.csv');
    await written(path, SCHEMA, [batchOf(SCHEMA, rows)], { format: 'csv', nullString: '\\N' });
    const back = await readAll(fileSource(SCHEMA, { path, null_string: '\\N' }));
    expect(back.rows).toEqual(rows);
    // With the defaults, an empty string reads back as NULL (see docs/decisions/file-sources.md).
    await written(path, SCHEMA, [batchOf(SCHEMA, rows)], { format: 'csv' });
    const loose = await readAll(fileSource(SCHEMA, { path }));
    expect(loose.rows).toEqual(rows.map((r) => r.map((v) => (v === '' ? null : v))));
  });

  it('JSON lines written by the sink read back to the same values', async () => {
    const dir = await tempDir();
    const rows: Scalar[][] = [
      ...ROWS,
      ...STRINGS.map((s, k): Scalar[] => [k % 2 === 0, k, k, k / 3, s, k, -k - 1]),
    ];
    const path = join(dir, 'rt.jsonl');
    await written(path, SCHEMA, [batchOf(SCHEMA, rows)], { format: 'jsonl' });
    const back = await readAll(fileSource(SCHEMA, { path }));
    // -0 is written as 0 in JSON.
    expect(back.rows).toEqual(rows.map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v))));
  });
});

describe('value formats', () => {
  it('formats CSV fields', () => {
    expect(formatScalarForCsv(null, 'INT')).toBe('');
    expect(formatScalarForCsv(null, 'INT', { nullString: 'NA' })).toBe('NA');
    expect(formatScalarForCsv('NA', 'VARCHAR', { nullString: 'NA' })).toBe('"NA"');
    expect(formatScalarForCsv('a;b', 'VARCHAR', { delimiter: ';' })).toBe('"a;b"');
    expect(formatScalarForCsv('a,b', 'VARCHAR', { delimiter: ';' })).toBe('a,b');
    expect(formatScalarForCsv(1.5, 'DOUBLE')).toBe('1.5');
    expect(formatScalarForCsv(1e21, 'DOUBLE')).toBe('1e+21');
    expect(formatScalarForCsv(ts('2024-01-01 00:00:00'), 'TIMESTAMP')).toBe('2024-01-01 00:00:00');
    expect(formatScalarForCsv(90_000_000, 'INTERVAL')).toBe('00:01:30');
    expect(formatScalarForCsv(false, 'BOOLEAN')).toBe('false');
  });

  it('makes JSON values', () => {
    expect(scalarToJson(null, 'DOUBLE')).toBeNull();
    expect(scalarToJson(NaN, 'DOUBLE')).toBe('NaN');
    expect(scalarToJson(-Infinity, 'DOUBLE')).toBe('-Infinity');
    expect(scalarToJson(2.5, 'DOUBLE')).toBe(2.5);
    expect(scalarToJson(ts('2024-01-01 00:00:00') + 500, 'TIMESTAMP')).toBe('2024-01-01 00:00:00.000500');
    expect(scalarToJson(5_000_000, 'INTERVAL')).toBe('00:00:05');
    expect(scalarToJson(2 ** 53 - 1, 'BIGINT')).toBe(2 ** 53 - 1);
    expect(scalarToJson('x', 'VARCHAR')).toBe('x');
  });
});

describe('readFileSinkConfig', () => {
  it('reads the options, with the format from the extension', () => {
    expect(readFileSinkConfig(options({ path: '/tmp/out.csv' }))).toEqual({
      path: '/tmp/out.csv',
      format: 'csv',
      header: true,
      delimiter: ',',
      nullString: '',
    });
    expect(
      readFileSinkConfig(options({ path: '/tmp/out.tsv', header: false, null_string: '\\N' })),
    ).toMatchObject({ delimiter: '\t', header: false, nullString: '\\N' });
    expect(readFileSinkConfig(options({ path: '/tmp/o.txt', format: 'jsonl', changelog: true }))).toEqual({
      path: '/tmp/o.txt',
      format: 'jsonl',
      changelog: true,
    });
  });

  it('rejects unknown formats and options of other formats', () => {
    expect(() => readFileSinkConfig(options({ path: 'out.dat' }))).toThrow(
      "cannot tell the format of 'out.dat' from its extension",
    );
    expect(() => readFileSinkConfig(options({ path: 'out.jsonl', delimiter: ';' }))).toThrow(
      "option 'delimiter' applies to CSV files only",
    );
    expect(() => readFileSinkConfig(options({ path: 'out.csv', delimiter: '"' }))).toThrow(
      "option 'delimiter' must be one character, not '\"'",
    );
    expect(readFileSinkConfig(options({ path: 'out.jsonl', format: 'debezium' })).format).toBe('debezium');
    expect(() => readFileSinkConfig(options({ path: 'out.jsonl', format: 'debezium', changelog: false }))).toThrow(
      "option 'changelog' does not apply to format 'debezium'",
    );
    expect(() => readFileSinkConfig(options({ path: 'out.jsonl', format: 'debezium', header: true }))).toThrow(
      "option 'header' applies to CSV files only",
    );
    expect(() => readFileSinkConfig(options({ path: 'out.csv', compress: true }))).toThrow(
      "unknown option 'compress' for file source",
    );
  });
});
