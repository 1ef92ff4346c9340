// A durable session running bounded generated queries into file sinks, for the crash test:
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
  // A sink over a view: it resumes reading what the view emits after the checkpoint.
  rare: `CREATE MATERIALIZED VIEW rare AS SELECT id, key FROM g WHERE value > 0.99`,
  rare_rows: `CREATE SINK rare_rows INTO FILE (path = '${out}-rare.csv', format = 'csv') AS SELECT id, key FROM rare WHERE key < 20`,
};
// A crash can come between two statements: create what the session does not have yet.
for (const [name, sql] of Object.entries(statements)) if (s.inspect(name) === null) await s.execute(sql);
await s.waitIdle(s.queries().filter((q) => q.kind === 'sink').map((q) => q.id));
// The view's sink ends once the view has (its source ended): wait for every query to finish.
for (let waited = 0; waited < 10_000 && s.queries().some((q) => q.status === 'running'); waited += 10) await new Promise((r) => setTimeout(r, 10));
for (const q of s.queries()) if (q.status !== 'finished') process.stderr.write(`${q.label}: ${q.status} ${q.error?.message ?? ''}\n`);
await s.close();
process.stdout.write('done\n');
