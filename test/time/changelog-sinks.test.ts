import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../engine/index.js';
import { session } from '../session/helpers.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));

/** The emit-modes scenario (see emit-modes.test.ts): row 6 is 4 s late for window [0,10). */
async function pushScenario(s: Session): Promise<void> {
  const rows: [string, number, number][] = [
    ['a', 1, 1],
    ['a', 2, 4],
    ['b', 3, 11],
    ['a', 4, 9],
    ['a', 5, 13],
    ['a', 6, 7],
    ['b', 7, 22],
  ];
  for (const [k, v, sec] of rows) await s.push('t', [[k, v, at(sec)]]);
  await s.end('t');
  await s.waitIdle(s.queries().map((q) => q.id));
}

describe('file sinks of windowed changelogs', () => {
  it("writes EMIT CHANGES with lateness as Debezium events and as an op column", async () => {
    dir = await mkdtemp(join(tmpdir(), 'laminar-sink-'));
    const s = await session();
    await s.execute(`
      CREATE SOURCE t (k VARCHAR, v INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
      CREATE STREAM w AS SELECT window_start, k, sum(v) AS total FROM t GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k
        EMIT CHANGES ALLOW LATENESS INTERVAL '5' SECOND;
      CREATE SINK dbz INTO FILE (path = '${join(dir, 'w.jsonl')}', format = 'debezium') AS SELECT k, total FROM w;
      CREATE SINK ops INTO FILE (path = '${join(dir, 'w.csv')}') AS SELECT k, total FROM w;`);
    await pushScenario(s);
    expect((await readFile(join(dir, 'w.jsonl'), 'utf8')).split('\n')).toEqual([
      '{"before":null,"after":{"k":"a","total":1},"op":"c"}',
      '{"before":{"k":"a","total":1},"after":{"k":"a","total":3},"op":"u"}',
      '{"before":null,"after":{"k":"b","total":3},"op":"c"}',
      '{"before":{"k":"a","total":3},"after":{"k":"a","total":7},"op":"u"}',
      '{"before":null,"after":{"k":"a","total":5},"op":"c"}',
      '{"before":{"k":"a","total":7},"after":{"k":"a","total":13},"op":"u"}',
      '{"before":null,"after":{"k":"b","total":7},"op":"c"}',
      '',
    ]);
    expect(await readFile(join(dir, 'w.csv'), 'utf8')).toBe(
      'op,k,total\n+I,a,1\n-U,a,1\n+U,a,3\n+I,b,3\n-U,a,3\n+U,a,7\n+I,a,5\n-U,a,7\n+U,a,13\n+I,b,7\n',
    );
  });

  it('sinks the late rows of LATE DATA TO, append-only', async () => {
    dir = await mkdtemp(join(tmpdir(), 'laminar-sink-'));
    const s = await session();
    await s.execute(`
      CREATE SOURCE t (k VARCHAR, v INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
      CREATE MATERIALIZED VIEW w AS SELECT window_start, k, count(*) AS n FROM t GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), k
        EMIT ON WINDOW CLOSE LATE DATA TO late_rows;
      CREATE SINK l INTO FILE (path = '${join(dir, 'late.csv')}') AS SELECT k, v, ts FROM late_rows;`);
    await pushScenario(s);
    await s.end('late_rows');
    await s.waitIdle(s.queries().map((q) => q.id));
    expect(await readFile(join(dir, 'late.csv'), 'utf8')).toBe('k,v,ts\na,6,2024-01-01 00:00:07\n');
  });
});
