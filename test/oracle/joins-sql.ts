/**
 * DuckDB's batch spelling of LaminarDB's ASOF and temporal joins (joins.test.ts).
 *
 * LaminarDB gives each left row at most one right row of its key: the closest on the side the
 * match condition says ('>=': the latest at or before the left time, '>': strictly before,
 * '<=' / '<': the earliest at or after / strictly after, NEAREST: either, the earlier on equal
 * distance), rejected when further than the TOLERANCE; among right rows of equal time the last
 * to arrive. A NULL key or time never matches (engine/exec/operators/join/asof-join.ts);
 * DuckDB's ASOF JOIN does match a left row with a NULL time, so those are left out here.
 *
 * DuckDB's ASOF JOIN finds the closest row for the four inequalities but picks any of the rows
 * of equal time, so the right side is first reduced to the last arrival per (keys, time): its
 * largest rowid, the tables being appended in arrival order (datasets.ts mirror). NEAREST is the
 * closer of the '>=' and '<=' matches. `asofMatch` gives, per left row (its rowid `lrow`), the
 * chosen right row with all its columns:
 *
 *   FROM orders o LEFT JOIN ${asofMatch({ … })} m ON m.lrow = o.rowid
 *
 * (JOIN for an inner ASOF join). Left and right are base tables (rowid).
 */

export type AsofOp = '>=' | '>' | '<=' | '<' | 'nearest';

export interface AsofSpec {
  readonly left: string;
  readonly right: string;
  /** Equality keys: [left column, right column]. */
  readonly keys: readonly (readonly [string, string])[];
  readonly op: AsofOp;
  readonly leftTs: string;
  readonly rightTs: string;
  /** TOLERANCE in seconds: a match further away is no match. */
  readonly tolerance?: number;
  /** A condition on the right table's columns that candidates must meet. */
  readonly rightFilter?: string;
}

function us(column: string): string {
  return `epoch_us(${column})`;
}

/**
 * The rows of `table` an ASOF join can pick: with its keys and time, the last arrival per
 * (keys, time), every column. DuckDB's own ASOF JOIN over these follows LaminarDB's rule
 * (for the four inequalities, and left rows whose time is not NULL).
 */
export function lastArrivals(table: string, keys: readonly string[], ts: string): string {
  const notNull = [...keys, ts].map((c) => `${c} IS NOT NULL`).join(' AND ');
  return `(SELECT * FROM ${table} WHERE ${notNull} QUALIFY row_number() OVER (PARTITION BY ${[...keys, ts].join(', ')} ORDER BY rowid DESC) = 1)`;
}

/** The right rows that can be picked: a key and a time, the last arrival per (keys, time). */
function candidates(spec: AsofSpec): string {
  const keys = spec.keys.map(([, r], i) => `${r} AS k${i}`);
  const notNull = [...spec.keys.map(([, r]) => r), spec.rightTs].map((c) => `${c} IS NOT NULL`);
  const where = [...notNull, ...(spec.rightFilter === undefined ? [] : [`(${spec.rightFilter})`])].join(
    ' AND ',
  );
  const partition = [...spec.keys.map(([, r]) => r), spec.rightTs].join(', ');
  return `(SELECT rowid AS rrow, ${[...keys, `${spec.rightTs} AS rts`].join(', ')} FROM ${spec.right} WHERE ${where} QUALIFY row_number() OVER (PARTITION BY ${partition} ORDER BY rowid DESC) = 1)`;
}

/** Left rowid, the picked right rowid and its distance in µs, for one inequality. */
function oneSide(spec: AsofSpec, op: Exclude<AsofOp, 'nearest'>, outer: boolean): string {
  const on = [...spec.keys.map(([l], i) => `l.${l} = c.k${i}`), `l.${spec.leftTs} ${op} c.rts`].join(' AND ');
  const distance =
    op === '>=' || op === '>'
      ? `${us(`l.${spec.leftTs}`)} - ${us('c.rts')}`
      : `${us('c.rts')} - ${us(`l.${spec.leftTs}`)}`;
  // DuckDB's ASOF JOIN matches a left row whose time is NULL (as if after every right row).
  const known = [...spec.keys.map(([l]) => l), spec.leftTs].map((c) => `l.${c} IS NOT NULL`).join(' AND ');
  return `SELECT l.rowid AS lrow, c.rrow, ${distance} AS d FROM ${spec.left} l ASOF ${outer ? 'LEFT ' : ''}JOIN ${candidates(spec)} c ON ${on} WHERE ${known}`;
}

/** Per left row: `lrow`, then every column of the right row it is joined with. */
export function asofMatch(spec: AsofSpec): string {
  let picks: string;
  if (spec.op === 'nearest') {
    const before = oneSide(spec, '>=', true);
    const after = oneSide(spec, '<=', true);
    // The earlier row on equal distance.
    const earlier = 'b.rrow IS NOT NULL AND (a.rrow IS NULL OR b.d <= a.d)';
    picks = `SELECT b.lrow, CASE WHEN ${earlier} THEN b.rrow ELSE a.rrow END AS rrow, CASE WHEN ${earlier} THEN b.d ELSE a.d END AS d FROM (${before}) b JOIN (${after}) a ON a.lrow = b.lrow`;
  } else picks = oneSide(spec, spec.op, false);
  const within = spec.tolerance === undefined ? '' : ` AND p.d <= ${Math.round(spec.tolerance * 1_000_000)}`;
  return `(SELECT p.lrow, r.* FROM (${picks}) p JOIN ${spec.right} r ON r.rowid = p.rrow${within})`;
}
