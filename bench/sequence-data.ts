import { batchToRecordBatch, open, type Batch, type Schema, type Session } from '../engine/index.js';

/**
 * Rows of the sequence generator (id BIGINT, ts TIMESTAMP, key INT, value DOUBLE), generated
 * once, then pushed into a source without a connector so that every timed run reads the same
 * batches from memory: the engine and the hand-written loops see the very same typed arrays.
 */
export interface SequenceData {
  readonly session: Session;
  readonly schema: Schema;
  readonly batches: readonly Batch[];
  readonly rows: number;
}

export interface SequenceOptions {
  readonly keys: number;
  /** Events per second of event time (the generator's default is 1000). */
  readonly rate?: number;
  /** The generator's out_of_order bound, e.g. '2 seconds'. */
  readonly outOfOrder?: string;
  /** The pushed source's WATERMARK delay, e.g. '5' SECOND; none when absent. */
  readonly watermarkDelay?: string;
  /** The session's worker threads (default 1). */
  readonly workers?: number;
}

export async function loadSequence(rows: number, options: SequenceOptions): Promise<SequenceData> {
  // One thread unless asked: the baselines are single-threaded loops.
  const session = await open({ workers: options.workers ?? 1 });
  const generator = [
    "kind = 'sequence'",
    'seed = 1',
    `events = ${rows}`,
    `keys = ${options.keys}`,
    ...(options.rate === undefined ? [] : [`rate = ${options.rate}`]),
    ...(options.outOfOrder === undefined ? [] : [`out_of_order = '${options.outOfOrder}'`]),
  ];
  const watermark = options.watermarkDelay === undefined ? '' : `, WATERMARK FOR ts AS ts - INTERVAL ${options.watermarkDelay}`;
  await session.execute(
    `CREATE SOURCE gen FROM GENERATOR (${generator.join(', ')});` +
      `CREATE SOURCE seq (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL${watermark});`,
  );
  const batches: Batch[] = [];
  const sub = await session.subscribe('gen');
  for await (const change of sub) {
    if (change.length === 0) continue;
    batches.push(change.batch);
    await session.push('seq', batchToRecordBatch(sub.schema, change.batch));
  }
  await session.end('seq');
  return { session, schema: sub.schema, batches, rows };
}

/** The same rows in a new session with `workers` threads (without a watermark), pushed batch by batch. */
export async function copySequence(data: SequenceData, workers: number): Promise<SequenceData> {
  const session = await open({ workers });
  await session.execute('CREATE SOURCE seq (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL)');
  for (const b of data.batches) await session.push('seq', batchToRecordBatch(data.schema, b));
  await session.end('seq');
  return { ...data, session };
}
