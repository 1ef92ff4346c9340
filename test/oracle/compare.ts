/**
 * Compares a LaminarDB result with DuckDB's: the same columns (count and kind), the same
 * multiset of rows, and the same order when the query orders by unique keys. DOUBLE values are
 * equal within 1e-9 relative; everything else exactly (timestamps and intervals in µs).
 */
import type { Cell, Kind, ResultSet } from './values.js';

export const RELATIVE_TOLERANCE = 1e-9;
const SHOWN = 8;

export interface CompareOptions {
  /** Compare row order too (the query has ORDER BY over unique keys). */
  readonly ordered?: boolean;
}

export function cellsEqual(a: Cell, b: Cell, float: boolean): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    if (!float || !Number.isFinite(a) || !Number.isFinite(b)) return false;
    return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function kindsCompatible(l: Kind, d: Kind): boolean {
  return l === d || l === 'null' || d === 'null';
}

function show(row: readonly Cell[]): string {
  return `[${row.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}]`;
}

function rowsEqual(l: readonly Cell[], d: readonly Cell[], floats: readonly boolean[]): boolean {
  return l.length === d.length && l.every((v, c) => cellsEqual(v, d[c]!, floats[c]!));
}

/** Differences between the two results, as readable lines; empty when they agree. */
export function compareResults(lam: ResultSet, duck: ResultSet, options: CompareOptions = {}): string[] {
  const problems: string[] = [];
  if (lam.columns.length !== duck.columns.length) {
    return [
      `LaminarDB returns ${lam.columns.length} columns (${lam.columns.join(', ')}), DuckDB ${duck.columns.length} (${duck.columns.join(', ')})`,
    ];
  }
  lam.kinds.forEach((k, c) => {
    const d = duck.kinds[c]!;
    if (!kindsCompatible(k, d))
      problems.push(`column ${c + 1} (${lam.columns[c]}): LaminarDB ${k}, DuckDB ${d}`);
  });
  const floats = lam.kinds.map((k, c) => k === 'float' || duck.kinds[c] === 'float');
  if (lam.rows.length !== duck.rows.length)
    problems.push(`LaminarDB returns ${lam.rows.length} rows, DuckDB ${duck.rows.length}`);
  if (options.ordered) {
    const n = Math.min(lam.rows.length, duck.rows.length);
    let shown = 0;
    for (let i = 0; i < n && shown < SHOWN; i++) {
      if (!rowsEqual(lam.rows[i]!, duck.rows[i]!, floats)) {
        problems.push(`row ${i + 1}: LaminarDB ${show(lam.rows[i]!)} vs DuckDB ${show(duck.rows[i]!)}`);
        shown++;
      }
    }
    return problems;
  }
  const { onlyLaminar, onlyDuck } = multisetDifference(lam.rows, duck.rows, floats);
  if (onlyLaminar.length > 0)
    problems.push(
      `${onlyLaminar.length} rows only in LaminarDB: ${onlyLaminar.slice(0, SHOWN).map(show).join(' ')}`,
    );
  if (onlyDuck.length > 0)
    problems.push(`${onlyDuck.length} rows only in DuckDB: ${onlyDuck.slice(0, SHOWN).map(show).join(' ')}`);
  return problems;
}

/**
 * Rows of each side without a partner on the other. Rows are grouped by their exact
 * (non-DOUBLE) cells; inside a group they are sorted by their DOUBLE cells and paired, and if
 * that pairing fails, matched greedily with the tolerance.
 */
function multisetDifference(
  lam: readonly (readonly Cell[])[],
  duck: readonly (readonly Cell[])[],
  floats: readonly boolean[],
): { onlyLaminar: (readonly Cell[])[]; onlyDuck: (readonly Cell[])[] } {
  const key = (row: readonly Cell[]): string =>
    JSON.stringify(row.map((v, c) => (floats[c] ? (v === null ? null : 0) : v)));
  const groups = new Map<string, { l: (readonly Cell[])[]; d: (readonly Cell[])[] }>();
  const groupOf = (row: readonly Cell[]) => {
    const k = key(row);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { l: [], d: [] }));
    return g;
  };
  for (const row of lam) groupOf(row).l.push(row);
  for (const row of duck) groupOf(row).d.push(row);
  const onlyLaminar: (readonly Cell[])[] = [];
  const onlyDuck: (readonly Cell[])[] = [];
  for (const g of groups.values()) {
    if (g.l.length === g.d.length) {
      const byFloats = (a: readonly Cell[], b: readonly Cell[]): number => compareFloats(a, b, floats);
      const l = [...g.l].sort(byFloats);
      const d = [...g.d].sort(byFloats);
      if (l.every((row, i) => rowsEqual(row, d[i]!, floats))) continue;
    }
    const unmatched = [...g.d];
    for (const row of g.l) {
      const i = unmatched.findIndex((other) => rowsEqual(row, other, floats));
      if (i < 0) onlyLaminar.push(row);
      else unmatched.splice(i, 1);
    }
    onlyDuck.push(...unmatched);
  }
  return { onlyLaminar, onlyDuck };
}

function compareFloats(a: readonly Cell[], b: readonly Cell[], floats: readonly boolean[]): number {
  for (let c = 0; c < a.length; c++) {
    if (!floats[c]) continue;
    const x = a[c] as number | null;
    const y = b[c] as number | null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
