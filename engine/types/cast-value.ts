import type { Scalar } from '../exec/batch/column.js';
import { parseValue } from './parse-value.js';
import { INT32_MAX, INT32_MIN, MAX_EXACT_INT, type SqlType } from './sql-type.js';
import { formatInterval, formatTimestamp } from './time.js';

/**
 * CAST semantics, shared by constant folding in the binder and by compiled expressions.
 * Each fallible conversion returns `undefined` when the value does not convert; the caller
 * turns that into INVALID_CAST (CAST) or NULL (TRY_CAST).
 */

/** Which casts exist: numbers among themselves and with BOOLEAN; anything to and from VARCHAR. */
export function canCast(from: SqlType, to: SqlType): boolean {
  if (from === to || from === 'VARCHAR' || to === 'VARCHAR') return true;
  const numericOrBool = (t: SqlType) => t === 'INT' || t === 'BIGINT' || t === 'DOUBLE' || t === 'BOOLEAN';
  return numericOrBool(from) && numericOrBool(to);
}

/**
 * DOUBLE → INT / BIGINT rounds to the nearest integer, halves to even (2.5 → 2, 3.5 → 4), as
 * DuckDB and PostgreSQL do; out of range fails. (ROUND() rounds halves away from zero.)
 */
export function doubleToInteger(v: number, to: 'INT' | 'BIGINT'): number | undefined {
  if (!Number.isFinite(v)) return undefined;
  const f = Math.floor(v);
  const diff = v - f;
  const r = diff > 0.5 || (diff === 0.5 && f % 2 !== 0) ? f + 1 : f;
  const [lo, hi] = to === 'INT' ? [INT32_MIN, INT32_MAX] : [-MAX_EXACT_INT, MAX_EXACT_INT];
  return r < lo || r > hi ? undefined : r + 0;
}

export function bigintToInt(v: number): number | undefined {
  return v < INT32_MIN || v > INT32_MAX ? undefined : v;
}

/** The text form of a value: what CAST(x AS VARCHAR) and `||` produce. */
export function scalarToText(v: number | string | boolean, from: SqlType): string {
  switch (from) {
    case 'VARCHAR':
      return v as string;
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'INT':
    case 'BIGINT':
      return String(v);
    case 'DOUBLE':
      return doubleToText(v as number);
    case 'TIMESTAMP':
      return formatTimestamp(v as number);
    case 'INTERVAL':
      return formatInterval(v as number);
  }
}

/**
 * Doubles print in shortest round-trip form, with '.0' on whole numbers so they read as
 * doubles; NaN and infinities as 'NaN', 'Infinity', '-Infinity'. The one text form of a double:
 * CAST, files, JSON strings and displays all use it, and parseValue reads it back.
 */
export function doubleToText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return (Object.is(v, -0) ? '-0' : String(v)) + '.0';
  return String(v);
}

/** Casts one value; `undefined` when it does not convert. NULL casts to NULL. */
export function castScalar(v: Scalar, from: SqlType, to: SqlType): Scalar | undefined {
  if (v === null || from === to) return v;
  if (to === 'VARCHAR') return scalarToText(v, from);
  if (from === 'VARCHAR') {
    const p = parseValue(v as string, to);
    return p.ok ? p.value : undefined;
  }
  if (from === 'BOOLEAN') return v ? 1 : 0;
  if (to === 'BOOLEAN') return (v as number) !== 0;
  if (from === 'DOUBLE' && (to === 'INT' || to === 'BIGINT')) return doubleToInteger(v as number, to);
  if (from === 'BIGINT' && to === 'INT') return bigintToInt(v as number);
  return v; // widening among INT, BIGINT, DOUBLE
}
