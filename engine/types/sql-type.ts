/**
 * The SQL types LaminarDB supports, and the physical layout each uses in a column.
 *
 * Layouts follow Apache Arrow so that columns convert to and from Arrow without copying:
 * INT is Int32, DOUBLE is Float64, BIGINT / TIMESTAMP / INTERVAL are Int64 (TIMESTAMP in
 * microseconds since the Unix epoch, UTC; INTERVAL a duration in microseconds), BOOLEAN is a
 * bitmap and VARCHAR is dictionary-encoded (Int32 codes into a dictionary of strings).
 */
export type SqlType = 'BOOLEAN' | 'INT' | 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'TIMESTAMP' | 'INTERVAL';

/** The type of an untyped NULL literal before the binder resolves it from context. */
export type ExprType = SqlType | 'NULL';

export const SQL_TYPES: readonly SqlType[] = ['BOOLEAN', 'INT', 'BIGINT', 'DOUBLE', 'VARCHAR', 'TIMESTAMP', 'INTERVAL'];

/** Types whose values are stored as Int64 (read as two Int32 words, exact within ±2^53). */
export function isInt64Layout(t: SqlType): t is 'BIGINT' | 'TIMESTAMP' | 'INTERVAL' {
  return t === 'BIGINT' || t === 'TIMESTAMP' || t === 'INTERVAL';
}

export function isNumeric(t: ExprType): t is 'INT' | 'BIGINT' | 'DOUBLE' {
  return t === 'INT' || t === 'BIGINT' || t === 'DOUBLE';
}

export function isInteger(t: ExprType): t is 'INT' | 'BIGINT' {
  return t === 'INT' || t === 'BIGINT';
}

/** The common numeric type two operands widen to (INT < BIGINT < DOUBLE). */
export function widerNumeric(a: 'INT' | 'BIGINT' | 'DOUBLE', b: 'INT' | 'BIGINT' | 'DOUBLE'): 'INT' | 'BIGINT' | 'DOUBLE' {
  if (a === 'DOUBLE' || b === 'DOUBLE') return 'DOUBLE';
  if (a === 'BIGINT' || b === 'BIGINT') return 'BIGINT';
  return 'INT';
}

/** Largest integer a BIGINT holds exactly; results beyond it raise NUMERIC_OVERFLOW. */
export const MAX_EXACT_INT = Number.MAX_SAFE_INTEGER;
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
