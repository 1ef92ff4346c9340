import { deserialize, serialize } from 'node:v8';
import { isSplitColumn, joinSplit } from '../../state/split-column.js';

/**
 * Some operator snapshots are rows of small arrays (a join's rows, a window's emitted rows).
 * V8 serializes a million small arrays slowly and reads them back more slowly still; the same
 * numbers as Float64Arrays take a tenth of the time. `pack` turns every long array of numbers,
 * or of equal-length arrays, into columns; `unpack` turns them back. Long Float64Arrays (an
 * aggregate's columns) are stored narrower when that loses nothing: all zeros (a sum's
 * compensation over integers) as their length, whole numbers (keys, counts) as Int32Array.
 * Split columns (a binned sum's parts) are stored joined (see SplitColumn).
 */
const COLUMNS = '\u0000laminar:columns';
const NUMBERS = '\u0000laminar:numbers';
const ZEROS = '\u0000laminar:zeros';
const INT32 = '\u0000laminar:int32';
const MIN_LENGTH = 64;

type Packed = unknown;

/** A checkpoint's state file: the state packed, then V8-serialized. */
export const STATE_FILE = 'state';

export function encodeState(state: unknown): Uint8Array {
  return serialize(pack(state));
}

export function decodeState(bytes: Uint8Array): unknown {
  return unpack(deserialize(bytes));
}

export function pack(value: unknown): Packed {
  if (Array.isArray(value)) {
    if (value.length >= MIN_LENGTH) {
      if (all(value, (v) => typeof v === 'number')) return { [NUMBERS]: narrow(Float64Array.from(value as number[])) };
      const first: unknown = value[0];
      if (Array.isArray(first)) {
        const width = first.length;
        if (all(value, (v) => Array.isArray(v) && v.length === width)) {
          const rows = value as unknown[][];
          const columns: unknown[] = [];
          for (let c = 0; c < width; c++) columns.push(pack(rows.map((r) => r[c])));
          return { [COLUMNS]: columns, length: rows.length };
        }
      }
    }
    return value.map(pack);
  }
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, pack(v)]));
  if (value instanceof Float64Array) return narrow(value);
  if (isSplitColumn(value)) return narrow(joinSplit(value));
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
  }
  return value;
}

/** A Float64Array, or a smaller stand-in holding exactly the same values (see widen). */
function narrow(f: Float64Array): unknown {
  if (f.length < MIN_LENGTH) return f;
  let zeros = true;
  for (let i = 0; i < f.length; i++) {
    const v = f[i]!;
    // -0 and NaN are not int32 values: v | 0 gives 0 for both, and 1 / -0 is -Infinity.
    if ((v | 0) !== v || (v === 0 && 1 / v < 0)) return f;
    if (v !== 0) zeros = false;
  }
  return zeros ? { [ZEROS]: f.length } : { [INT32]: new Int32Array(f) };
}

function widen(o: Record<string, unknown>): Float64Array | null {
  if (ZEROS in o) return new Float64Array(o[ZEROS] as number);
  if (INT32 in o) return new Float64Array(o[INT32] as Int32Array);
  if (NUMBERS in o) {
    const inner = o[NUMBERS];
    return inner instanceof Float64Array ? inner : widen(inner as Record<string, unknown>);
  }
  return null;
}

/** Like every(), but a hole in a sparse array fails the test (every() skips holes). */
function all(values: readonly unknown[], test: (v: unknown) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!(i in values) || !test(values[i])) return false;
  return true;
}

export function unpack(value: Packed): unknown {
  if (Array.isArray(value)) return value.map(unpack);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, unpack(v)]));
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const o = value as Record<string, unknown>;
    if (NUMBERS in o) return Array.from(widen(o)!);
    const f = widen(o);
    if (f !== null) return f;
    if (COLUMNS in o) {
      const columns = (o[COLUMNS] as unknown[]).map((c) => unpack(c) as unknown[]);
      const n = o.length as number;
      const rows = new Array<unknown[]>(n);
      for (let i = 0; i < n; i++) rows[i] = columns.map((c) => c[i]);
      return rows;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unpack(v)]));
  }
  return value;
}
