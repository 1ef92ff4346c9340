import { open } from '../engine/index.js';
import { runSampled, type SampledRun } from './memory-sampler.js';

/**
 * (g) Bounded join state: `rows` rows on each side, 10 000 a second of event time, each left
 * row matched by the right row of the same id within one minute (both streams up to 2 s out of
 * order, watermarks 5 s behind), through an interval join into a sink that discards its output.
 * The join drops rows a match is no longer possible for, so its state holds about a minute of
 * rows per side whatever the length of the streams.
 */
export async function joinMemoryRun(rows: number, checkpoint: number): Promise<SampledRun> {
  // One thread: the baselines are single-threaded loops ((h) measures worker threads).
  const session = await open({ workers: 1 });
  const source = (name: string, seed: number) => `
    CREATE SOURCE ${name} (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL,
                           WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
      FROM GENERATOR (kind = 'sequence', seed = ${seed}, events = ${rows}, rate = 10000, out_of_order = '2 seconds');`;
  await session.execute(source('l', 1) + source('r', 2));
  const run = await runSampled(
    session,
    `CREATE SINK discard INTO FILE (path = '/dev/null', format = 'csv') AS
       SELECT l.id, l.value, r.value AS right_value FROM l JOIN r
       ON l.id = r.id AND r.ts BETWEEN l.ts - INTERVAL '1' MINUTE AND l.ts + INTERVAL '1' MINUTE`,
    // Rows in on both sides.
    2 * checkpoint,
  );
  await session.close();
  return run;
}
