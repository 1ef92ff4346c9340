import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, type Session } from '../../engine/index.js';

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));

/** Windowed and plain aggregates of one pushed source, each into its own file sink. */
const SINKS = {
  tumble: `SELECT window_start, k, count(*) AS n, sum(v) AS s, min(v) AS lo, first_value(v) AS f FROM p GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k`,
  hop: `SELECT window_start, k, count(*) AS n, max(v) AS hi, last_value(v) AS l FROM p GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '15' SECOND), k EMIT ON WINDOW CLOSE`,
  session: `SELECT window_start, window_end, k, count(*) AS n, avg(v) AS a, first_value(v) AS f FROM p GROUP BY SESSION(ts, INTERVAL '10' SECOND), k`,
  totals: `SELECT k, count(*) AS n, count(DISTINCT v) AS d, min(v) AS lo, max(v) AS hi, stddev_pop(v) AS sd FROM p GROUP BY k`,
};

/** Rows pushed in rounds: keys with NULLs, rows out of order, and rows that bridge two sessions. */
function rounds(): [string | null, Date, number | null][][] {
  const out: [string | null, Date, number | null][][] = [];
  let x = 11;
  const next = () => (x = (x * 48271) % 2147483647);
  for (let r = 0; r < 12; r++) {
    const rows: [string | null, Date, number | null][] = [];
    for (let i = 0; i < 40; i++) {
      const t = r * 6 + (next() % 9) - 3;
      rows.push([i % 13 === 0 ? null : `k${next() % 7}`, at(Math.max(0, t)), next() % 10 === 0 ? null : (next() % 21) - 10]);
    }
    out.push(rows);
  }
  return out;
}

async function create(dir: string, workers: number): Promise<Session> {
  const s = await open({ dir, workers, checkpointInterval: 0 });
  if (s.inspect('p') === null) {
    await s.execute(`CREATE SOURCE p (k VARCHAR, ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)`);
    for (const [name, sql] of Object.entries(SINKS)) await s.execute(`CREATE SINK ${name} INTO FILE (path = '${join(dir, name)}.jsonl', format = 'jsonl') AS ${sql}`);
  }
  return s;
}

async function settle(s: Session): Promise<void> {
  await s.waitIdle(s.queries().filter((q) => q.kind === 'sink').map((q) => q.id));
}

/** Pushes every round (reopening the directory after round `restartAfter`, if given), ends the source; the sinks' files. */
async function run(workers: number, restartAfter: number | null): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'laminar-window-resume-'));
  let s = await create(dir, workers);
  const all = rounds();
  for (let r = 0; r < all.length; r++) {
    await s.push('p', all[r]!);
    await settle(s);
    if (r === restartAfter) {
      await s.execute('CHECKPOINT');
      await s.close();
      s = await create(dir, workers);
      expect(s.recovery?.checkpoint).not.toBeNull();
    }
  }
  await s.end('p');
  await settle(s);
  await s.close();
  const files: Record<string, string> = {};
  for (const name of Object.keys(SINKS)) files[name] = await readFile(join(dir, `${name}.jsonl`), 'utf8');
  return files;
}

describe.each([1, 2])('windows resumed from a checkpoint (%i worker(s))', (workers) => {
  it('write exactly what an uninterrupted run writes, wherever the restart falls', async () => {
    const straight = await run(workers, null);
    for (const text of Object.values(straight)) expect(text.split('\n').length).toBeGreaterThan(20);
    for (const restartAfter of [0, 4, 9]) expect(await run(workers, restartAfter), `restart after round ${restartAfter}`).toEqual(straight);
  });
});
