import { open } from '../engine/index.js';
import { runSampled, type SampledRun } from './memory-sampler.js';

/**
 * (d) Bounded memory: `events` events over `keys` keys, 100 000 events per second of event time
 * (60 events per key per 1-minute window), streamed from a generator through a tumbling
 * window into a sink that discards its output. Window state is dropped as windows close, so the
 * heap should stay flat once they start closing (after 6M events).
 */
export async function windowMemoryRun(events: number, keys: number, checkpoint: number): Promise<SampledRun> {
  // One thread: the baselines are single-threaded loops ((h) measures worker threads).
  const session = await open({ workers: 1 });
  await session.execute(`
    CREATE SOURCE g (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL,
                     WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
      FROM GENERATOR (kind = 'sequence', seed = 7, events = ${events}, keys = ${keys}, rate = 100000, out_of_order = '2 seconds')`);
  const run = await runSampled(
    session,
    `CREATE SINK discard INTO FILE (path = '/dev/null', format = 'csv') AS
       SELECT window_start, key, sum(value) AS total, count(*) AS n FROM g
       GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), key EMIT ON WINDOW CLOSE`,
    checkpoint,
  );
  await session.close();
  return run;
}
