import type { SqlType } from '../../types/sql-type.js';
import { getBit } from './bitmap.js';
import { readInt64 } from './int64.js';

/**
 * A column of one batch, in Arrow's physical layout (see types/sql-type.ts). `validity` is an
 * Arrow validity bitmap (bit set = value present) or null when no value is null. Columns are
 * immutable once built and never carry an offset: a slice is a new column.
 */
export type Column = BoolColumn | IntColumn | Int64Column | DoubleColumn | StringColumn;

interface ColumnBase {
  readonly length: number;
  readonly validity: Uint8Array | null;
}

export interface BoolColumn extends ColumnBase {
  readonly type: 'BOOLEAN';
  /** Bitmap of values. */
  readonly data: Uint8Array;
}

export interface IntColumn extends ColumnBase {
  readonly type: 'INT';
  readonly data: Int32Array;
}

export interface Int64Column extends ColumnBase {
  readonly type: 'BIGINT' | 'TIMESTAMP' | 'INTERVAL';
  /** Int64 values as (low, high) Int32 word pairs: length 2 × rows. */
  readonly data: Int32Array;
}

export interface DoubleColumn extends ColumnBase {
  readonly type: 'DOUBLE';
  readonly data: Float64Array;
}

export interface StringColumn extends ColumnBase {
  readonly type: 'VARCHAR';
  /** Codes into `dict`; the code of a null row is 0 and meaningless. */
  readonly data: Int32Array;
  readonly dict: readonly string[];
}

/**
 * A value as the engine handles it outside compiled code: numbers for INT, BIGINT, DOUBLE,
 * TIMESTAMP (µs since epoch) and INTERVAL (µs); strings; booleans; null.
 */
export type Scalar = number | string | boolean | null;

export function isValid(col: Column, i: number): boolean {
  return col.validity === null || getBit(col.validity, i);
}

/** The value at row i. For display, sorting and tests; compiled code reads arrays directly. */
export function valueAt(col: Column, i: number): Scalar {
  if (col.validity !== null && !getBit(col.validity, i)) return null;
  switch (col.type) {
    case 'BOOLEAN':
      return getBit(col.data, i);
    case 'INT':
    case 'DOUBLE':
      return col.data[i]!;
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL':
      return readInt64(col.data, i);
    case 'VARCHAR':
      return col.dict[col.data[i]!]!;
  }
}

export function columnType(col: Column): SqlType {
  return col.type;
}
