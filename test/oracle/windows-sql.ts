/**
 * DuckDB's batch spelling of LaminarDB's event-time windows (windows.test.ts). Each helper
 * gives a subquery `w` with every column of the table plus `ws` and `we` (the window's start
 * and end), one row per (row, window it belongs to); the query then groups by ws, we and its
 * keys. Rows without a time belong to no window, as in LaminarDB. Durations are in seconds;
 * windows are aligned on the Unix epoch, as LaminarDB's are (DuckDB's time_bucket aligns on
 * 2000-01-03 unless given an origin).
 */

/** An exact DuckDB INTERVAL of `seconds` (microseconds only: no days or months to normalize). */
export function duckInterval(seconds: number): string {
  return `to_microseconds(${micros(seconds)})`;
}

function micros(seconds: number): number {
  const us = Math.round(seconds * 1_000_000);
  if (!Number.isSafeInteger(us)) throw new Error(`${seconds} s is not a whole number of microseconds`);
  return us;
}

const EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";

function where(ts: string, filter: string | undefined): string {
  return `WHERE ${ts} IS NOT NULL${filter ? ` AND (${filter})` : ''}`;
}

/** The start of the window of width `size` (+ `offset`) containing `ts`. */
export function bucket(ts: string, size: number, offset = 0): string {
  return `time_bucket(${duckInterval(size)}, ${ts}, ${EPOCH} + ${duckInterval(offset)})`;
}

export interface WindowedInput {
  /** A table, view or parenthesized subquery. */
  readonly from: string;
  /** The event-time column. */
  readonly ts: string;
  /** A WHERE condition applied before windowing. */
  readonly filter?: string;
}

/** TUMBLE(ts, size [, offset]): [k·size + offset, … + size). */
export function tumbled(input: WindowedInput, size: number, offset = 0): string {
  const ws = bucket(input.ts, size, offset);
  return `(SELECT *, ${ws} AS ws, ${ws} + ${duckInterval(size)} AS we FROM ${input.from} ${where(input.ts, input.filter)}) w`;
}

/**
 * HOP(ts, slide, size [, offset]): every window [k·slide + offset, … + size) containing the
 * row. Per row, the starts from the last one at or before ts back by ceil(size / slide) - 1
 * slides (generate_series), keeping those whose window still contains ts.
 */
export function hopped(input: WindowedInput, slide: number, size: number, offset = 0): string {
  const last = bucket(input.ts, slide, offset);
  const back = (Math.ceil(size / slide) - 1) * slide;
  const starts = `unnest(generate_series(${last} - ${duckInterval(back)}, ${last}, ${duckInterval(slide)}))`;
  return `(SELECT *, ws + ${duckInterval(size)} AS we FROM (SELECT *, ${starts} AS ws FROM ${input.from} ${where(input.ts, input.filter)}) WHERE ${input.ts} < ws + ${duckInterval(size)}) w`;
}

/**
 * HOP again, from a generated window table: every window start k·slide + offset from
 * ceil(size / slide) slides before the earliest row to the latest row, joined on
 * start <= ts < end.
 */
export function hoppedByJoin(input: WindowedInput, slide: number, size: number, offset = 0): string {
  const rows = `(SELECT * FROM ${input.from} ${where(input.ts, input.filter)})`;
  const first = `(SELECT ${bucket(`min(${input.ts})`, slide, offset)} - ${duckInterval(Math.ceil(size / slide) * slide)} FROM ${rows})`;
  const last = `(SELECT max(${input.ts}) FROM ${rows})`;
  const windows = `(SELECT ws, ws + ${duckInterval(size)} AS we FROM (SELECT unnest(generate_series(${first}, ${last}, ${duckInterval(slide)})) AS ws))`;
  return `(SELECT r.*, win.ws, win.we FROM ${rows} r JOIN ${windows} win ON win.ws <= r.${input.ts} AND r.${input.ts} < win.we) w`;
}

/**
 * SESSION(ts, gap) per `keys`: gaps and islands. A row starts a new session when it is more
 * than `gap` after the previous row of its key (rows at most `gap` apart, equal times
 * included, stay together); a running count of starts numbers the sessions (RANGE frame:
 * rows with equal times get the same number whatever order they sort in). A session is
 * [first ts, last ts + gap].
 */
export function sessionized(input: WindowedInput, keys: readonly string[], gap: number): string {
  const part = keys.length > 0 ? `PARTITION BY ${keys.join(', ')} ` : '';
  const t = `epoch_us(${input.ts})`;
  const breaks = `(SELECT *, CASE WHEN ${t} - lag(${t}) OVER (${part}ORDER BY ${input.ts}) <= ${micros(gap)} THEN 0 ELSE 1 END AS brk FROM ${input.from} ${where(input.ts, input.filter)})`;
  const numbered = `(SELECT *, sum(brk) OVER (${part}ORDER BY ${input.ts} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS sid FROM ${breaks})`;
  const partSid = `PARTITION BY ${[...keys, 'sid'].join(', ')}`;
  return `(SELECT *, min(${input.ts}) OVER (${partSid}) AS ws, max(${input.ts}) OVER (${partSid}) + ${duckInterval(gap)} AS we FROM ${numbered}) w`;
}
