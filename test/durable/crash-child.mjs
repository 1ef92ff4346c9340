// A durable session running a bounded generated query into file sinks, for the crash test:
// started, killed with SIGKILL at random moments, and started again on the same directory.
// Usage: node crash-child.mjs DIR OUT_PREFIX WORKERS CHECKPOINT_MS
import { open } from '../../dist/engine/index.js';

const [dir, out, workers, interval] = process.argv.slice(2);
const s = await open({ dir, workers: Number(workers), checkpointInterval: Number(interval) });
for (const w of s.recovery?.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
const statements = {
  g: `CREATE SOURCE g (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL,
                      WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
        FROM GENERATOR (kind = 'sequence', seed = 11, events = 1200000, keys = 31, rate = 1000, out_of_order = '1 second', batch_size = 1000)`,
  totals: `CREATE SINK totals INTO FILE (path = '${out}-totals.csv', format = 'csv') AS
        SELECT key, count(*) AS n, sum(id) AS s FROM g GROUP BY key`,
  windows: `CREATE SINK windows INTO FILE (path = '${out}-windows.jsonl', format = 'jsonl') AS
        SELECT window_start, key, count(*) AS n, max(id) AS last FROM g GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), key EMIT ON WINDOW CLOSE`,
};
// A crash can come between two statements: create what the session does not have yet.
for (const [name, sql] of Object.entries(statements)) if (s.inspect(name) === null) await s.execute(sql);
await s.waitIdle(s.queries().filter((q) => q.kind === 'sink').map((q) => q.id));
for (const q of s.queries()) if (q.status !== 'finished') process.stderr.write(`${q.label}: ${q.status} ${q.error?.message ?? ''}\n`);
await s.close();
process.stdout.write('done\n');
