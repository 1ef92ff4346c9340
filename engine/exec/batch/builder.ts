import type { SqlType } from '../../types/sql-type.js';
import { isInt64Layout } from '../../types/sql-type.js';
import { clearBit, clearTail, newBitmap, setBit } from './bitmap.js';
import type { Column, Scalar } from './column.js';
import { writeInt64 } from './int64.js';

/**
 * Builds one column value by value, growing its buffers as needed. Used where rows arrive one
 * at a time (push, VALUES, file parsing, aggregate output); generators and compiled operators
 * fill typed arrays directly instead.
 */
export class ColumnBuilder {
  readonly type: SqlType;
  private capacity: number;
  private size = 0;
  private nulls = 0;
  private validity: Uint8Array;
  private data: Uint8Array | Int32Array | Float64Array;
  private codes: Map<string, number> | null;
  private dict: string[] | null;

  constructor(type: SqlType, capacity = 1024) {
    this.type = type;
    this.capacity = Math.max(8, capacity);
    this.validity = newBitmap(this.capacity, true);
    this.data = allocate(type, this.capacity);
    this.codes = type === 'VARCHAR' ? new Map() : null;
    this.dict = type === 'VARCHAR' ? [] : null;
  }

  get length(): number {
    return this.size;
  }

  /** Appends a value already of this column's type (see Scalar), or null. */
  append(v: Scalar): void {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    if (v === null) {
      clearBit(this.validity, i);
      this.nulls++;
      return;
    }
    switch (this.type) {
      case 'BOOLEAN':
        if (v === true) setBit(this.data as Uint8Array, i);
        return;
      case 'INT':
        (this.data as Int32Array)[i] = v as number;
        return;
      case 'DOUBLE':
        (this.data as Float64Array)[i] = v as number;
        return;
      case 'BIGINT':
      case 'TIMESTAMP':
      case 'INTERVAL':
        writeInt64(this.data as Int32Array, i, v as number);
        return;
      case 'VARCHAR': {
        const s = v as string;
        let code = this.codes!.get(s);
        if (code === undefined) {
          code = this.dict!.length;
          this.dict!.push(s);
          this.codes!.set(s, code);
        }
        (this.data as Int32Array)[i] = code;
        return;
      }
    }
  }

  appendNull(): void {
    this.append(null);
  }

  /** The column of everything appended so far; the builder starts over empty. */
  finish(): Column {
    const n = this.size;
    const validity = this.nulls === 0 ? null : this.validity.slice(0, (n + 7) >> 3);
    if (validity !== null) clearTail(validity, n);
    const col = makeColumn(this.type, n, trimData(this.type, this.data, n), validity, this.dict ?? undefined);
    this.size = 0;
    this.nulls = 0;
    this.validity = newBitmap(this.capacity, true);
    this.data = allocate(this.type, this.capacity);
    // The finished column owns the dictionary; start a new one.
    if (this.dict) {
      this.dict = [];
      this.codes = new Map();
    }
    return col;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const validity = newBitmap(cap, true);
    validity.set(this.validity);
    this.validity = validity;
    const data = allocate(this.type, cap);
    data.set(this.data);
    this.data = data;
    this.capacity = cap;
  }
}

function allocate(type: SqlType, capacity: number): Uint8Array | Int32Array | Float64Array {
  if (type === 'BOOLEAN') return new Uint8Array((capacity + 7) >> 3);
  if (type === 'DOUBLE') return new Float64Array(capacity);
  if (isInt64Layout(type)) return new Int32Array(capacity * 2);
  return new Int32Array(capacity);
}

function trimData(type: SqlType, data: Uint8Array | Int32Array | Float64Array, n: number) {
  if (type === 'BOOLEAN') return data.slice(0, (n + 7) >> 3);
  if (isInt64Layout(type)) return data.slice(0, 2 * n);
  return data.slice(0, n);
}

/** Wraps buffers as a column of the given type; the buffers are taken, not copied. */
export function makeColumn(
  type: SqlType,
  length: number,
  data: Uint8Array | Int32Array | Float64Array,
  validity: Uint8Array | null,
  dict?: readonly string[],
): Column {
  switch (type) {
    case 'BOOLEAN':
      return { type, length, data: data as Uint8Array, validity };
    case 'INT':
      return { type, length, data: data as Int32Array, validity };
    case 'DOUBLE':
      return { type, length, data: data as Float64Array, validity };
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL':
      return { type, length, data: data as Int32Array, validity };
    case 'VARCHAR':
      return { type, length, data: data as Int32Array, validity, dict: dict ?? [] };
  }
}

/** A column of `length` copies of one value. */
export function constantColumn(type: SqlType, value: Scalar, length: number): Column {
  const b = new ColumnBuilder(type, 1);
  b.append(value);
  const one = b.finish();
  const idx = new Int32Array(length);
  return gatherColumn(one, idx, length);
}

/** The rows of `col` at `indices[0..n)`, in that order. */
export function gatherColumn(col: Column, indices: Int32Array, n: number): Column {
  let validity: Uint8Array | null = null;
  if (col.validity !== null) {
    const src = col.validity;
    validity = newBitmap(n, false);
    let nulls = 0;
    for (let j = 0; j < n; j++) {
      const i = indices[j]!;
      if ((src[i >> 3]! >> (i & 7)) & 1) validity[j >> 3]! |= 1 << (j & 7);
      else nulls++;
    }
    if (nulls === 0) validity = null;
  }
  switch (col.type) {
    case 'BOOLEAN': {
      const src = col.data;
      const out = newBitmap(n, false);
      for (let j = 0; j < n; j++) {
        const i = indices[j]!;
        if ((src[i >> 3]! >> (i & 7)) & 1) out[j >> 3]! |= 1 << (j & 7);
      }
      return { type: col.type, length: n, data: out, validity };
    }
    case 'DOUBLE': {
      const src = col.data;
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) out[j] = src[indices[j]!]!;
      return { type: col.type, length: n, data: out, validity };
    }
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL': {
      const src = col.data;
      const out = new Int32Array(2 * n);
      for (let j = 0; j < n; j++) {
        const i = indices[j]!;
        out[2 * j] = src[2 * i]!;
        out[2 * j + 1] = src[2 * i + 1]!;
      }
      return { type: col.type, length: n, data: out, validity };
    }
    case 'INT': {
      const src = col.data;
      const out = new Int32Array(n);
      for (let j = 0; j < n; j++) out[j] = src[indices[j]!]!;
      return { type: col.type, length: n, data: out, validity };
    }
    case 'VARCHAR': {
      const src = col.data;
      const out = new Int32Array(n);
      for (let j = 0; j < n; j++) out[j] = src[indices[j]!]!;
      return { type: col.type, length: n, data: out, validity, dict: col.dict };
    }
  }
}

/** Rows [start, end) of a column. */
export function sliceColumn(col: Column, start: number, end: number): Column {
  const n = end - start;
  if (start === 0 && n === col.length) return col;
  const idx = new Int32Array(n);
  for (let j = 0; j < n; j++) idx[j] = start + j;
  return gatherColumn(col, idx, n);
}

/** One column holding the rows of several columns of the same type, in order. */
export function concatColumns(type: SqlType, cols: readonly Column[]): Column {
  const total = cols.reduce((s, c) => s + c.length, 0);
  if (cols.length === 1) return cols[0]!;
  const b = new ColumnBuilder(type, total);
  if (type === 'VARCHAR') {
    for (const c of cols) {
      const sc = c as Extract<Column, { type: 'VARCHAR' }>;
      for (let i = 0; i < c.length; i++) {
        b.append(c.validity !== null && !((c.validity[i >> 3]! >> (i & 7)) & 1) ? null : sc.dict[sc.data[i]!]!);
      }
    }
    return b.finish();
  }
  const data = allocateFor(type, total);
  const validity = cols.some((c) => c.validity !== null) ? newBitmap(total, true) : null;
  let at = 0;
  for (const c of cols) {
    if (type === 'BOOLEAN' || validity !== null) {
      for (let i = 0; i < c.length; i++) {
        const j = at + i;
        if (validity !== null && c.validity !== null && !((c.validity[i >> 3]! >> (i & 7)) & 1)) {
          validity[j >> 3]! &= ~(1 << (j & 7));
        }
        if (type === 'BOOLEAN' && (c.data[i >> 3]! >> (i & 7)) & 1) (data as Uint8Array)[j >> 3]! |= 1 << (j & 7);
      }
    }
    if (type !== 'BOOLEAN') {
      const scale = isInt64Layout(type) ? 2 : 1;
      (data as Int32Array).set(c.data, at * scale);
    }
    at += c.length;
  }
  return makeColumn(type, total, data, validity);
}

function allocateFor(type: SqlType, n: number): Uint8Array | Int32Array | Float64Array {
  return allocate(type, n).subarray(0, type === 'BOOLEAN' ? (n + 7) >> 3 : isInt64Layout(type) ? 2 * n : n);
}
