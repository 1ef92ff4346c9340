import { batchToRecordBatch, open, type Batch, type Session } from '../engine/index.js';

/**
 * Rows of the sequence generator (id BIGINT, ts TIMESTAMP, key INT, value DOUBLE), generated
 * once, then pushed into a source without a connector so that every timed run reads the same
 * batches from memory: the engine and the hand-written loops see the very same typed arrays.
 */
export interface SequenceData {
  readonly session: Session;
  readonly batches: readonly Batch[];
  readonly rows: number;
}

export async function loadSequence(rows: number, keys: number): Promise<SequenceData> {
  const session = await open();
  const [gen] = await session.execute(
    `CREATE SOURCE gen FROM GENERATOR (kind = 'sequence', seed = 1, events = ${rows}, keys = ${keys});` +
      `CREATE SOURCE seq (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL);`,
  );
  void gen;
  const batches: Batch[] = [];
  const sub = await session.subscribe('gen');
  for await (const change of sub) {
    if (change.length === 0) continue;
    batches.push(change.batch);
    await session.push('seq', batchToRecordBatch(sub.schema, change.batch));
  }
  await session.end('seq');
  return { session, batches, rows };
}
