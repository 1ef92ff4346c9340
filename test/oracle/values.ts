/**
 * The common form both engines' results are brought to before comparing: every cell is a
 * number, string, boolean or null; TIMESTAMP is microseconds since the epoch and INTERVAL a
 * number of microseconds. Each column keeps a coarse kind so that, e.g., an integer result on
 * one side and a DOUBLE on the other is reported (LaminarDB's `/` is DOUBLE, as DuckDB's).
 */
export type Kind = 'int' | 'float' | 'string' | 'bool' | 'timestamp' | 'interval' | 'null';

export type Cell = number | string | boolean | null;

export interface ResultSet {
  readonly columns: readonly string[];
  readonly kinds: readonly Kind[];
  readonly rows: readonly (readonly Cell[])[];
}

export const MICROS_PER_DAY = 86_400_000_000;

/** A bigint as a number, refusing values a double cannot hold exactly. */
export function exactNumber(v: bigint, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw new Error(`${what} ${v} is beyond ±2^53 and cannot be compared exactly`);
  return n;
}
