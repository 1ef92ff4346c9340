import { open, type ChangeBatch, type ResultTable } from '../../engine/index.js';

/** The table returned by the last statement of `sql`, run in a fresh session. */
export async function resultOf(sql: string): Promise<ResultTable> {
  const session = await open();
  try {
    const results = await session.execute(sql);
    const last = results.at(-1);
    if (last?.kind !== 'table') throw new Error(`the last statement returned ${last?.kind ?? 'nothing'}, not a table`);
    return last.table;
  } finally {
    await session.close();
  }
}

/** Every batch of changes of the last statement (a query), run as an exact changelog. */
export async function changesOf(sql: string): Promise<ChangeBatch[]> {
  // One worker: these tests check how changes are written, in the order one thread makes them.
  const session = await open({ workers: 1 });
  try {
    const batches: ChangeBatch[] = [];
    for await (const result of session.executeEach(sql, { subscribe: true, changes: 'row' })) {
      if (result.kind === 'subscription') for await (const b of result.subscription) batches.push(b);
    }
    return batches;
  } finally {
    await session.close();
  }
}

/** A table of every type, with a row of NULLs. */
export const ALL_TYPES_SQL = `CREATE TABLE t (sym VARCHAR, n BIGINT, px DOUBLE, at TIMESTAMP, took INTERVAL, ok BOOLEAN, i INT);
INSERT INTO t VALUES
  ('AAPL', 3, 0.1, TIMESTAMP '2024-01-02 03:04:05.678', INTERVAL '1 hour 30 minutes', true, 7),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('GOOG', -12345678901, 1e21, TIMESTAMP '2024-01-02 03:04:05', INTERVAL '2 days 1 second', false, -1);
SELECT * FROM t;`;
