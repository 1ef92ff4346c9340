import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchRows, type Batch, type Schema } from '../../engine/exec/batch/batch.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { rowsToBatch } from '../../engine/exec/consolidate.js';
import { createRing, Doorbell, RingReader, RingWriter } from '../../engine/runtime/workers/ring.js';
import { decodeMessage, encodeMessage, type StageMessage } from '../../engine/runtime/workers/stage-codec.js';

const SCHEMA: Schema = [
  { name: 'b', type: 'BOOLEAN', nullable: true },
  { name: 'i', type: 'INT', nullable: true },
  { name: 'big', type: 'BIGINT', nullable: true },
  { name: 'd', type: 'DOUBLE', nullable: true },
  { name: 's', type: 'VARCHAR', nullable: true },
  { name: 't', type: 'TIMESTAMP', nullable: false },
];

function pair(capacity: number) {
  const memory = createRing(capacity);
  const toConsumer = Doorbell.create();
  const toProducer = Doorbell.create();
  return { writer: new RingWriter(memory, toConsumer), reader: new RingReader(memory, toProducer), toConsumer, toProducer };
}

const send = (w: RingWriter, m: StageMessage) => {
  const e = encodeMessage(m);
  return w.tryWrite(e.length, e.write);
};
const receive = (r: RingReader) => r.tryRead((bytes, view, at) => decodeMessage(bytes, view, at));

describe('SPSC ring and stage messages', () => {
  it('carries batches (every type, NULLs, row kinds, row watermarks, unicode dictionaries), watermarks and control messages', () => {
    const { writer, reader } = pair(1 << 16);
    const rows: Scalar[][] = [
      [true, 1, 2 ** 53 - 1, 0.5, 'plain', 0],
      [null, null, null, null, null, -1],
      [false, -7, -(2 ** 40), NaN, 'ç€😀', 1_700_000_000_000_000],
    ];
    const batch: Batch = { ...rowsToBatch(SCHEMA, rows), kinds: Uint8Array.from([0, 3, 2]), rowWatermarks: Float64Array.from([-Infinity, 5, 6]) };
    expect(send(writer, { kind: 'batch', batch })).toBe(true);
    expect(send(writer, { kind: 'watermark', value: 123456, idle: true, port: 1 })).toBe(true);
    expect(send(writer, { kind: 'flush' })).toBe(true);
    expect(send(writer, { kind: 'failed', code: 'NUMERIC_OVERFLOW', message: 'too big: ü' })).toBe(true);
    expect(send(writer, { kind: 'end', port: 1 })).toBe(true);
    const got = receive(reader)!;
    if (got.kind !== 'batch') throw new Error(got.kind);
    expect(batchRows(got.batch)).toEqual(rows);
    expect([...got.batch.kinds!]).toEqual([0, 3, 2]);
    expect([...got.batch.rowWatermarks!]).toEqual([-Infinity, 5, 6]);
    expect(receive(reader)).toEqual({ kind: 'watermark', value: 123456, idle: true, port: 1 });
    expect(receive(reader)).toEqual({ kind: 'flush' });
    expect(receive(reader)).toEqual({ kind: 'failed', code: 'NUMERIC_OVERFLOW', message: 'too big: ü' });
    expect(receive(reader)).toEqual({ kind: 'end', port: 1 });
    expect(receive(reader)).toBeUndefined();
    expect(reader.used).toBe(0);
  });

  it('refuses a record when full, wraps around the end, and loses nothing (any sizes, any interleaving)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }), (sizes, readFirst) => {
        const { writer, reader } = pair(4096);
        const sent: Scalar[][][] = [];
        const got: Scalar[][][] = [];
        let next = 0;
        let step = 0;
        while (got.length < sizes.length) {
          const preferReading = readFirst[step++ % readFirst.length]!;
          if ((preferReading && reader.used > 0) || next === sizes.length) {
            const m = receive(reader);
            if (m?.kind === 'batch') got.push(batchRows(m.batch));
            continue;
          }
          const rows = Array.from({ length: sizes[next]! }, (_, k): Scalar[] => [k % 2 === 0, next, k, k / 3, `r${next}-${k}`, k]);
          if (send(writer, { kind: 'batch', batch: rowsToBatch(SCHEMA, rows) })) {
            sent.push(rows);
            next++;
          } else {
            // Full: the reader frees room.
            expect(reader.used).toBeGreaterThan(0);
            const m = receive(reader);
            if (m?.kind === 'batch') got.push(batchRows(m.batch));
          }
        }
        expect(got).toEqual(sent);
        expect(reader.used).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('rings the other side and reports close', async () => {
    const { writer, reader, toConsumer, toProducer } = pair(256);
    const seen = toConsumer.read();
    setTimeout(() => send(writer, { kind: 'flush' }), 5);
    await toConsumer.wait(seen, 1000);
    expect(receive(reader)).toEqual({ kind: 'flush' });
    const room = toProducer.read();
    expect(toProducer.read()).toBe(room);
    writer.close();
    expect(reader.drained).toBe(true);
    expect(() => writer.tryWrite(1 << 20, () => undefined)).toThrow(RangeError);
  });
});
