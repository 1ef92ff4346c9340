import { DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { batchToRecordBatch, open, type Batch, type Session } from '../engine/index.js';
import { readInt64 } from '../engine/exec/batch/int64.js';

/**
 * Two streams of the sequence generator (id, ts, key, value), 1000 rows a second each, the
 * right one half a millisecond after the left, pushed into sources `l` and `r` (with
 * watermarks) of one session, and loaded into DuckDB tables of the same names: the engine, the
 * hand-written loops and DuckDB all read the same rows.
 */
export interface JoinData {
  readonly session: Session;
  readonly duck: DuckDBConnection;
  readonly left: readonly Batch[];
  readonly right: readonly Batch[];
  readonly rows: number;
  close(): Promise<void>;
}

export async function loadJoinData(rows: number, keys: number): Promise<JoinData> {
  // One thread: the baselines are single-threaded loops ((h) measures worker threads).
  const session = await open({ workers: 1 });
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const duck = await instance.connect();
  const streams: Batch[][] = [];
  for (const [name, start] of [['l', '2024-01-01 00:00:00'], ['r', '2024-01-01 00:00:00.0005']] as const) {
    await session.execute(`
      CREATE SOURCE ${name}_gen FROM GENERATOR (kind = 'sequence', seed = ${name === 'l' ? 1 : 2}, events = ${rows}, keys = ${keys}, start = '${start}');
      CREATE SOURCE ${name} (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)`);
    await duck.run(`CREATE TABLE ${name} (id BIGINT, ts TIMESTAMP, key INTEGER, value DOUBLE)`);
    const appender = await duck.createAppender(name);
    const batches: Batch[] = [];
    const sub = await session.subscribe(`${name}_gen`);
    for await (const change of sub) {
      const b = change.batch;
      if (b.length === 0) continue;
      batches.push(b);
      await session.push(name, batchToRecordBatch(sub.schema, b));
      const [id, ts, key, value] = b.columns as [Batch['columns'][0], Batch['columns'][0], Batch['columns'][0], Batch['columns'][0]];
      for (let i = 0; i < b.length; i++) {
        appender.appendBigInt(BigInt(readInt64(id.data as Int32Array, i)));
        appender.appendTimestamp(new DuckDBTimestampValue(BigInt(readInt64(ts.data as Int32Array, i))));
        appender.appendInteger((key.data as Int32Array)[i]!);
        appender.appendDouble((value.data as Float64Array)[i]!);
        appender.endRow();
      }
    }
    appender.closeSync();
    await session.end(name);
    streams.push(batches);
  }
  return {
    session,
    duck,
    left: streams[0]!,
    right: streams[1]!,
    rows,
    close: async () => {
      await session.close();
      duck.closeSync();
      instance.closeSync();
    },
  };
}

/** Per key, the right stream's times (ascending) and ids, for the loops' binary searches. */
export function indexByKey(batches: readonly Batch[]): Map<number, { times: number[]; ids: number[] }> {
  const index = new Map<number, { times: number[]; ids: number[] }>();
  for (const b of batches) {
    const id = b.columns[0]!.data as Int32Array;
    const ts = b.columns[1]!.data as Int32Array;
    const key = b.columns[2]!.data as Int32Array;
    for (let i = 0; i < b.length; i++) {
      let e = index.get(key[i]!);
      if (e === undefined) index.set(key[i]!, (e = { times: [], ids: [] }));
      e.times.push(readInt64(ts, i));
      e.ids.push(readInt64(id, i));
    }
  }
  return index;
}

/** Index of the first element of a sorted array greater than t. */
export function upperBound(a: readonly number[], t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
