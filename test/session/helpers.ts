import { afterEach } from 'vitest';
import { LaminarError, open, type Scalar, type Session, type SessionOptions, type StatementResult } from '../../engine/index.js';
import { parseTimestamp } from '../../engine/types/time.js';

const sessions: Session[] = [];

/** A fresh session, closed after the test. */
export async function session(options: SessionOptions = {}): Promise<Session> {
  const s = await open(options);
  sessions.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

/** The complete result of the last statement, as engine values (TIMESTAMP/INTERVAL in µs). */
export async function rows(s: Session, sql: string): Promise<Scalar[][]> {
  const results = await s.execute(sql);
  const last = results[results.length - 1];
  if (last?.kind !== 'table') throw new Error(`expected a table, got ${last?.kind}`);
  return last.table.scalars();
}

/** The single value of a one-row, one-column result. */
export async function value(s: Session, sql: string): Promise<Scalar> {
  const r = await rows(s, sql);
  if (r.length !== 1 || r[0]!.length !== 1) throw new Error(`expected one value, got ${JSON.stringify(r)}`);
  return r[0]![0]!;
}

/** The LaminarError a statement fails with. */
export async function failure(s: Session, sql: string): Promise<LaminarError> {
  try {
    await s.execute(sql);
  } catch (e) {
    if (e instanceof LaminarError) return e;
    throw e;
  }
  throw new Error(`expected ${sql} to fail`);
}

export function ts(text: string): number {
  const t = parseTimestamp(text);
  if (t === null) throw new Error(`bad timestamp ${text}`);
  return t;
}

export function lastResult(results: StatementResult[]): StatementResult {
  return results[results.length - 1]!;
}

/**
 * Runs a continuous query with `changes: 'row'`, calls `feed` (which pushes rows, and may end
 * inputs), and returns every change as "op v1,v2,…" (NULL as an empty field), in order. Pushes
 * settle before they resolve, so once `feed` is done the query has made its changes: one still
 * running (over a live table) is then stopped.
 */
export async function changelogOf(s: Session, sql: string, feed: () => Promise<void>): Promise<string[]> {
  const [r] = await s.execute(sql, { changes: 'row' });
  if (r?.kind !== 'subscription') throw new Error(`expected a subscription, got ${r?.kind}`);
  const it = r.subscription[Symbol.asyncIterator]();
  const lines: string[] = [];
  const reading = (async () => {
    for (let next = await it.next(); next.done !== true; next = await it.next()) {
      const ops = next.value.ops();
      next.value.scalars().forEach((row, i) => lines.push(`${ops[i]} ${row.map((v) => (v === null ? '' : String(v))).join(',')}`));
    }
  })();
  await feed();
  if (r.subscription.status === 'running') r.subscription.cancel();
  await reading;
  return lines;
}
