import { open } from '../engine/index.js';

export interface MemoryRun {
  readonly events: number;
  readonly keys: number;
  readonly ms: number;
  /** Largest heap in use (MiB) seen before the first checkpoint, and over the whole run. */
  readonly peakAtCheckpoint: number;
  readonly peakAtEnd: number;
  readonly heapBefore: number;
  /** Rows the sink wrote (windows × keys). */
  readonly outputRows: number;
}

const MIB = 1024 * 1024;

/**
 * (d) Bounded memory: `events` events over `keys` keys, 100 000 events per second of event time
 * (60 events per key per 1-minute window), streamed from a generator through a tumbling
 * window into a sink that discards its output. Window state is dropped as windows close, so the
 * heap should stay flat once they start closing (after 6M events). The heap is sampled every
 * 10 ms; peaks are reported up to `checkpoint` events and up to the end.
 */
export async function windowMemoryRun(events: number, keys: number, checkpoint: number): Promise<MemoryRun> {
  const session = await open();
  await session.execute(`
    CREATE SOURCE g (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL,
                     WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
      FROM GENERATOR (kind = 'sequence', seed = 7, events = ${events}, keys = ${keys}, rate = 100000, out_of_order = '2 seconds')`);
  const heapBefore = process.memoryUsage().heapUsed / MIB;
  const t0 = performance.now();
  await session.execute(`
    CREATE SINK discard INTO FILE (path = '/dev/null', format = 'csv') AS
      SELECT window_start, key, sum(value) AS total, count(*) AS n FROM g
      GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), key EMIT ON WINDOW CLOSE`);
  const query = () => session.queries().find((q) => q.kind === 'sink')!;
  let peakAtCheckpoint = 0;
  let peakAtEnd = 0;
  const sample = () => {
    const heap = process.memoryUsage().heapUsed / MIB;
    if (query().metrics.rowsIn <= checkpoint) peakAtCheckpoint = Math.max(peakAtCheckpoint, heap);
    peakAtEnd = Math.max(peakAtEnd, heap);
  };
  const timer = setInterval(sample, 10);
  await session.waitIdle([query().id]);
  clearInterval(timer);
  sample();
  const ms = performance.now() - t0;
  const q = query();
  if (q.status !== 'finished') throw new Error(`the memory run ${q.status}: ${q.error?.message ?? ''}`);
  const outputRows = q.metrics.rowsOut;
  await session.close();
  return { events, keys, ms, peakAtCheckpoint, peakAtEnd, heapBefore, outputRows };
}
