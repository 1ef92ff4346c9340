import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Int16,
  Int64,
  List,
  Field as ArrowField,
  Int32,
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  RecordBatchStreamWriter,
  Table,
  tableToIPC,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  Float32,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { batchToRecordBatch } from '../../engine/exec/batch/arrow.js';
import type { Schema } from '../../engine/exec/batch/batch.js';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import { field, fileSource, readAll, rejection, tempDir, writeFiles } from './file-helpers.js';

/** A table of `rows` rows in record batches of `per` rows: id Int16, sym Utf8, px Float32, at Timestamp(ms), qty Int64. */
function table(rows: number, per: number, big: (i: number) => bigint = (i) => BigInt(i * 10)): Table {
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += per) {
    const ids = Array.from({ length: Math.min(per, rows - start) }, (_, k) => start + k);
    batches.push(
      new RecordBatch({
        id: vectorFromArray(ids, new Int16()).data[0]!,
        sym: vectorFromArray(
          ids.map((i) => (i % 4 === 3 ? null : `S${i % 3}`)),
          new Utf8(),
        ).data[0]!,
        px: vectorFromArray(
          ids.map((i) => i / 2),
          new Float32(),
        ).data[0]!,
        at: makeData({
          type: new TimestampMillisecond(),
          data: BigInt64Array.from(ids.map((i) => 1_700_000_000_000n + BigInt(i))),
        }),
        qty: makeData({ type: new Int64(), data: BigInt64Array.from(ids.map(big)) }),
      }),
    );
  }
  return new Table(batches);
}

function expectedRow(i: number): Scalar[] {
  return [i, i % 4 === 3 ? null : `S${i % 3}`, i / 2, (1_700_000_000_000 + i) * 1000, i * 10];
}

const DECLARED: Schema = [
  field('id', 'INT'),
  field('sym', 'VARCHAR'),
  field('px', 'DOUBLE'),
  field('at', 'TIMESTAMP'),
  field('qty', 'BIGINT'),
];

function laminarError(e: unknown): LaminarError {
  expect(e).toBeInstanceOf(LaminarError);
  return e as LaminarError;
}

describe('Arrow file source', () => {
  it('reads the file and stream formats with declared columns, converting types', async () => {
    const dir = await tempDir();
    const t = table(10, 4);
    await writeFiles(dir, { 'a.arrow': tableToIPC(t, 'file'), 'b.arrows': tableToIPC(t, 'stream') });
    for (const name of ['a.arrow', 'b.arrows']) {
      const { rows, chunks, metrics } = await readAll(fileSource(DECLARED, { path: join(dir, name) }), {
        batchSize: 3,
      });
      expect(rows).toEqual(Array.from({ length: 10 }, (_, i) => expectedRow(i)));
      // Record batches of 4 cut to at most 3 rows: 3+1, 3+1, 2.
      expect(chunks.map((c) => c.batch.length)).toEqual([3, 1, 3, 1, 2]);
      expect(chunks.map((c) => c.position['row'])).toEqual([3, 4, 7, 8, 10]);
      expect(metrics).toMatchObject({ rowsRead: 10, filesRead: 1, badRows: 0 });
      expect(metrics.bytesRead).toBe((await readFile(join(dir, name))).length);
    }
  });

  it('takes its schema from the first file when no columns are declared', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.arrow': tableToIPC(table(3, 3), 'file'),
      'b.arrows': tableToIPC(table(2, 2), 'stream'),
    });
    for (const [name, n] of [
      ['a.arrow', 3],
      ['b.arrows', 2],
    ] as const) {
      const src = fileSource(null, { path: join(dir, name) });
      expect(src.schema).toEqual([
        field('id', 'INT'),
        field('sym', 'VARCHAR'),
        field('px', 'DOUBLE'),
        field('at', 'TIMESTAMP'),
        field('qty', 'BIGINT'),
      ]);
      expect((await readAll(src)).rows).toEqual(Array.from({ length: n }, (_, i) => expectedRow(i)));
    }
    const lists = new Table({ tags: vectorFromArray([[1]], new List(new ArrowField('item', new Int32()))) });
    await writeFiles(dir, { 'l.arrow': tableToIPC(lists, 'file') });
    const e = laminarError(
      await rejection(Promise.resolve().then(() => fileSource(null, { path: join(dir, 'l.arrow') }))),
    );
    expect(e.code).toBe('UNSUPPORTED_TYPE');
  });

  it('reads files written from our own batches, across a glob in path order', async () => {
    const dir = await tempDir();
    const schema: Schema = [field('s', 'VARCHAR'), field('n', 'BIGINT', false)];
    const b = (rows: Scalar[][]) => {
      const builders = schema.map((fl) => new ColumnBuilder(fl.type));
      for (const r of rows) r.forEach((v, c) => builders[c]!.append(v));
      return batchToRecordBatch(
        schema,
        { length: rows.length, columns: builders.map((x) => x.finish()), kinds: null },
        { strings: 'utf8' },
      );
    };
    const file = RecordBatchFileWriter.writeAll([
      b([
        ['x', 1],
        [null, 2],
      ]),
      b([['y', 3]]),
    ]).toUint8Array(true);
    // The stream format lets each batch bring its own dictionary (replacement dictionaries).
    const dictionaries = (rows: Scalar[][]) => {
      const builders = schema.map((fl) => new ColumnBuilder(fl.type));
      for (const r of rows) r.forEach((v, c) => builders[c]!.append(v));
      return batchToRecordBatch(schema, {
        length: rows.length,
        columns: builders.map((x) => x.finish()),
        kinds: null,
      });
    };
    const stream = RecordBatchStreamWriter.writeAll([
      dictionaries([
        ['p', 4],
        ['q', 5],
      ]),
      dictionaries([
        ['r', 6],
        ['p', 7],
      ]),
    ]).toUint8Array(true);
    await writeFiles(dir, {
      '2.arrow': file,
      '1.arrow': tableToIPC(new Table([b([['w', 0]])]), 'file'),
      '3.arrow': stream,
    });
    const { rows, chunks } = await readAll(fileSource(schema, { path: join(dir, '*.arrow') }));
    expect(rows).toEqual([
      ['w', 0],
      ['x', 1],
      [null, 2],
      ['y', 3],
      ['p', 4],
      ['q', 5],
      ['r', 6],
      ['p', 7],
    ]);
    expect(chunks.map((c) => c.partition)).toEqual([0, 1, 1, 2, 2]);
  });

  it('applies on_error to rows it cannot convert, with the row number as line', async () => {
    const dir = await tempDir();
    const t = table(6, 4, (i) => (i === 2 || i === 5 ? 2n ** 60n : BigInt(i * 10)));
    await writeFiles(dir, { 't.arrow': tableToIPC(t, 'file') });
    const path = join(dir, 't.arrow');
    const e = laminarError(await rejection(readAll(fileSource(DECLARED, { path }))));
    expect(e.code).toBe('BAD_INPUT_ROW');
    expect(e.message).toBe(
      "column 'qty': the value is outside the range LaminarDB represents exactly (±2^53)",
    );
    expect(e.location).toEqual({ kind: 'file', path, line: 3 });
    const skipped = await readAll(fileSource(DECLARED, { path, on_error: 'skip' }));
    expect(skipped.rows.map((r) => r[0])).toEqual([0, 1, 3, 4]);
    expect(skipped.metrics.badRows).toBe(2);
    const deadLetters = join(dir, 'bad.jsonl');
    await readAll(fileSource(DECLARED, { path, on_error: 'dead_letter', dead_letter_path: deadLetters }));
    const lines = (await readFile(deadLetters, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        file: path,
        line: 3,
        reason: "column 'qty': the value is outside the range LaminarDB represents exactly (±2^53)",
        row: { id: 2, sym: 'S2', px: 1, at: 1_700_000_000_002, qty: '1152921504606846976' },
      },
      {
        file: path,
        line: 6,
        reason: "column 'qty': the value is outside the range LaminarDB represents exactly (±2^53)",
        row: { id: 5, sym: 'S2', px: 2.5, at: 1_700_000_000_005, qty: '1152921504606846976' },
      },
    ]);
    // Under 'fail', the rows before the bad one are emitted first. (A query that does not read
    // qty does not convert it, and reads every row.)
    expect((await readAll(fileSource(DECLARED, { path }), { columns: [0] })).rows.length).toBe(6);
    const seen: Scalar[] = [];
    await rejection(
      (async () => {
        for await (const c of fileSource(DECLARED, { path }).open({
          columns: [0, 4],
          signal: new AbortController().signal,
          metrics: skipped.metrics,
          batchSize: 100,
        })) {
          seen.push(...(Array.from(c.batch.columns[0]!.data as Int32Array) as Scalar[]));
        }
      })(),
    );
    expect(seen).toEqual([0, 1]);
  });

  it('resumes from every position with exactly the remaining rows', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.arrow': tableToIPC(table(7, 3), 'file'),
      'b.arrows': tableToIPC(table(5, 2), 'stream'),
    });
    const src = fileSource(DECLARED, { path: join(dir, '*.arrow*'), format: 'arrow' });
    const full = await readAll(src, { batchSize: 2, columns: [0] });
    expect(full.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4]);
    let before = 0;
    for (const chunk of full.chunks) {
      before += chunk.batch.length;
      const rest = await readAll(src, { batchSize: 2, columns: [0], resumeFrom: chunk.position });
      expect(rest.rows).toEqual(full.rows.slice(before));
    }
  });

  it('fails with TYPE_MISMATCH at the file, or IO_ERROR for a file that is not Arrow', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 't.arrow': tableToIPC(table(2, 2), 'file'), 'x.arrow': 'id,sym\n1,2\n' });
    const e = laminarError(
      await rejection(readAll(fileSource([field('px', 'INT')], { path: join(dir, 't.arrow') }))),
    );
    expect(e.code).toBe('TYPE_MISMATCH');
    expect(e.location).toEqual({ kind: 'file', path: join(dir, 't.arrow'), line: 1 });
    const io = laminarError(
      await rejection(readAll(fileSource([field('id', 'INT')], { path: join(dir, 'x.arrow') }))),
    );
    expect(io.code).toBe('IO_ERROR');
    expect(io.message).toMatch(/^cannot read '.*x\.arrow' as Arrow IPC: /);
    const peek = laminarError(
      await rejection(Promise.resolve().then(() => fileSource(null, { path: join(dir, 'x.arrow') }))),
    );
    expect(peek.code).toBe('IO_ERROR');
  });
});
