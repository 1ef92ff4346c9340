import type { Batch } from '../../exec/batch/batch.js';
import { makeColumn } from '../../exec/batch/builder.js';
import type { Column } from '../../exec/batch/column.js';
import type { SqlType } from '../../types/sql-type.js';

/**
 * What flows through a stage's rings, in order: batches of changes, watermarks, flushes (a unit
 * of input is done: coalescing operators emit), the end; and from a worker, rows too late for
 * their window (LATE DATA TO) and a failure.
 */
export type StageMessage =
  | { readonly kind: 'batch'; readonly batch: Batch; readonly port?: number }
  | { readonly kind: 'late'; readonly batch: Batch }
  | { readonly kind: 'watermark'; readonly value: number; readonly idle: boolean; readonly port?: number }
  | { readonly kind: 'flush' }
  | { readonly kind: 'end'; readonly port?: number }
  | { readonly kind: 'epoch' }
  /** Checkpoint barrier: the worker reports its share's state (see Fragment). */
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

const KINDS = ['batch', 'late', 'watermark', 'flush', 'end', 'epoch', 'failed', 'snapshot'] as const;
const TYPES: readonly SqlType[] = ['BOOLEAN', 'INT', 'BIGINT', 'DOUBLE', 'VARCHAR', 'TIMESTAMP', 'INTERVAL'];
const HEADER = 16;
const COLUMN = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Bytes of a message's encoding, and a function writing it at an 8-aligned offset. Columns
 * are laid out as Arrow buffers (validity bitmap, data, a VARCHAR column's dictionary as UTF-8
 * with offsets), each section 8-aligned so the reader can copy it into a typed array.
 */
export function encodeMessage(m: StageMessage): { length: number; write: (bytes: Uint8Array, view: DataView, at: number) => void } {
  const kind = KINDS.indexOf(m.kind);
  if (m.kind === 'watermark') {
    return {
      length: HEADER,
      write: (_, view, at) => {
        view.setUint8(at, kind);
        view.setUint8(at + 1, m.idle ? 1 : 0);
        view.setUint8(at + 2, m.port ?? 0);
        view.setFloat64(at + 8, m.value, true);
      },
    };
  }
  if (m.kind === 'failed') {
    const text = encoder.encode(JSON.stringify([m.code, m.message]));
    return {
      length: HEADER + text.length,
      write: (bytes, view, at) => {
        view.setUint8(at, kind);
        view.setUint32(at + 4, text.length, true);
        bytes.set(text, at + HEADER);
      },
    };
  }
  if (m.kind !== 'batch' && m.kind !== 'late') {
    const port = m.kind === 'end' ? (m.port ?? 0) : 0;
    return {
      length: HEADER,
      write: (_, view, at) => {
        view.setUint8(at, kind);
        view.setUint8(at + 2, port);
      },
    };
  }
  const b = m.batch;
  const n = b.length;
  const dicts = b.columns.map((c) => (c.type === 'VARCHAR' ? c.dict.map((s) => encoder.encode(s)) : null));
  let length = HEADER + COLUMN * b.columns.length;
  if (b.kinds !== null) length += align8(n);
  if (b.rowWatermarks) length += 8 * n;
  b.columns.forEach((c, k) => {
    if (c.validity !== null) length += align8((n + 7) >> 3);
    length += align8(dataBytes(c.type, n));
    const d = dicts[k];
    if (d) length += align8(4 * (d.length + 1)) + align8(d.reduce((s, e) => s + e.length, 0));
  });
  return {
    length,
    write: (bytes, view, at) => {
      view.setUint8(at, kind);
      view.setUint8(at + 1, (b.kinds !== null ? 1 : 0) | (b.rowWatermarks ? 2 : 0));
      view.setUint16(at + 2, b.columns.length, true);
      view.setUint32(at + 4, n, true);
      view.setUint8(at + 8, m.kind === 'batch' ? (m.port ?? 0) : 0);
      let p = at + HEADER + COLUMN * b.columns.length;
      const put = (src: ArrayBufferView, byteLength: number) => {
        bytes.set(new Uint8Array(src.buffer, src.byteOffset, byteLength), p);
        p += align8(byteLength);
      };
      if (b.kinds !== null) put(b.kinds, n);
      if (b.rowWatermarks) put(b.rowWatermarks, 8 * n);
      b.columns.forEach((c, k) => {
        const d = dicts[k];
        const dictBytes = d ? d.reduce((s, e) => s + e.length, 0) : 0;
        const desc = at + HEADER + COLUMN * k;
        view.setUint8(desc, TYPES.indexOf(c.type));
        view.setUint8(desc + 1, c.validity !== null ? 1 : 0);
        view.setUint32(desc + 4, d ? d.length : 0, true);
        view.setUint32(desc + 8, dictBytes, true);
        if (c.validity !== null) put(c.validity, (n + 7) >> 3);
        put(c.data, dataBytes(c.type, n));
        if (d) {
          let offset = 0;
          for (let e = 0; e <= d.length; e++) {
            view.setUint32(p + 4 * e, offset, true);
            offset += d[e]?.length ?? 0;
          }
          p += align8(4 * (d.length + 1));
          for (const e of d) {
            bytes.set(e, p);
            p += e.length;
          }
          p = at + align8(p - at);
        }
      });
    },
  };
}

/**
 * Reads a message written by encodeMessage. A batch's buffers are copies (the ring space is
 * reused), unless `inPlace`: then they are views of the ring, valid only until the record is
 * freed, for a reader that is done with the batch by then.
 */
export function decodeMessage(bytes: Uint8Array, view: DataView, at: number, inPlace = false): StageMessage {
  const kind = KINDS[view.getUint8(at)]!;
  switch (kind) {
    case 'watermark':
      return { kind, value: view.getFloat64(at + 8, true), idle: view.getUint8(at + 1) === 1, port: view.getUint8(at + 2) };
    case 'failed': {
      const [code, message] = JSON.parse(decoder.decode(bytes.subarray(at + HEADER, at + HEADER + view.getUint32(at + 4, true)))) as [string, string];
      return { kind, code, message };
    }
    case 'end':
      return { kind, port: view.getUint8(at + 2) };
    case 'flush':
    case 'epoch':
    case 'snapshot':
      return { kind };
    case 'batch':
      return { kind, batch: decodeBatch(bytes, view, at, inPlace), port: view.getUint8(at + 8) };
    case 'late':
      return { kind, batch: decodeBatch(bytes, view, at, inPlace) };
  }
}

function decodeBatch(bytes: Uint8Array, view: DataView, at: number, inPlace: boolean): Batch {
  const flags = view.getUint8(at + 1);
  const width = view.getUint16(at + 2, true);
  const n = view.getUint32(at + 4, true);
  let p = at + HEADER + COLUMN * width;
  // Every part starts 8-aligned in the ring, so typed arrays can view it where it lies.
  const take = (byteLength: number): { buffer: ArrayBufferLike; at: number } => {
    const part = bytes.subarray(p, p + byteLength);
    p += align8(byteLength);
    return inPlace ? { buffer: part.buffer, at: part.byteOffset } : { buffer: part.slice().buffer, at: 0 };
  };
  const typed = <T>(make: new (buffer: ArrayBufferLike, at: number, length: number) => T, bytesPer: number, length: number): T => {
    const part = take(bytesPer * length);
    return new make(part.buffer, part.at, length);
  };
  const kinds = flags & 1 ? typed(Uint8Array, 1, n) : null;
  const rowWatermarks = flags & 2 ? typed(Float64Array, 8, n) : null;
  const columns: Column[] = [];
  for (let k = 0; k < width; k++) {
    const desc = at + HEADER + COLUMN * k;
    const type = TYPES[view.getUint8(desc)]!;
    const validity = view.getUint8(desc + 1) === 1 ? typed(Uint8Array, 1, (n + 7) >> 3) : null;
    // 64-bit integers travel as pairs of Int32 words, as columns hold them.
    const data = type === 'BOOLEAN' ? typed(Uint8Array, 1, (n + 7) >> 3) : type === 'DOUBLE' ? typed(Float64Array, 8, n) : typed(Int32Array, 4, dataBytes(type, n) / 4);
    let dict: string[] | undefined;
    if (type === 'VARCHAR') {
      const count = view.getUint32(desc + 4, true);
      const offsets = p;
      p += align8(4 * (count + 1));
      dict = new Array<string>(count);
      for (let e = 0; e < count; e++) {
        const from = view.getUint32(offsets + 4 * e, true);
        const to = view.getUint32(offsets + 4 * e + 4, true);
        dict[e] = decoder.decode(bytes.subarray(p + from, p + to));
      }
      p += align8(view.getUint32(desc + 8, true));
    }
    columns.push(makeColumn(type, n, data, validity, dict));
  }
  return { length: n, columns, kinds, ...(rowWatermarks ? { rowWatermarks } : {}) };
}

function dataBytes(type: SqlType, n: number): number {
  switch (type) {
    case 'BOOLEAN':
      return (n + 7) >> 3;
    case 'INT':
    case 'VARCHAR':
      return 4 * n;
    default:
      return 8 * n;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
