import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../engine/index.js';
import { session } from '../session/helpers.js';

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));

/** Pushes rows one at a time into a source with a 5 s watermark delay, reads the changelog. */
async function sessions(rows: [string, number][], clauses = ''): Promise<string[]> {
  const s = await session();
  await s.execute(`CREATE SOURCE p (k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)`);
  const [r] = await s.execute(`SELECT window_start, window_end, k, count(*) AS n FROM p GROUP BY SESSION(ts, INTERVAL '10' SECOND), k ${clauses}`, { changes: 'row' });
  if (r?.kind !== 'subscription') throw new Error('expected a subscription');
  const it = r.subscription[Symbol.asyncIterator]();
  const lines: string[] = [];
  const reading = (async () => {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const ops = next.value.ops();
      next.value.scalars().forEach((row, i) => lines.push(`${ops[i]} [${formatTimestamp(row[0] as number).slice(17)},${formatTimestamp(row[1] as number).slice(17)}] ${row[2]} n=${row[3]}`));
    }
  })();
  for (const [k, sec] of rows) await s.push('p', [[k, at(sec)]]);
  await s.end('p');
  await reading;
  return lines;
}

describe('SESSION windows', () => {
  it('a row exactly one gap after a session, at the watermark, still joins it (the session closes once the watermark is past its end)', async () => {
    // After 15 s the watermark is 10 s: the session [0, 10] is not closed, and the row at 10 s bridges it to [15, 25].
    expect(await sessions([['a', 0], ['a', 15], ['a', 10]], 'EMIT ON WINDOW CLOSE')).toEqual(['+I [00,25] a n=3']);
    expect(await sessions([['a', 0], ['a', 15], ['a', 10]])).toEqual([
      '+I [00,10] a n=1',
      '+I [15,25] a n=1',
      // The earlier session absorbs the later one: the later one is deleted, the earlier updated.
      '-D [15,25] a n=1',
      '-U [00,10] a n=1',
      '+U [00,25] a n=3',
    ]);
  });

  it('a row more than a gap before the watermark is late', async () => {
    // After 20 s the watermark is 15 s: a row at 4 s would end its session at 14 s < 15 s.
    expect(await sessions([['a', 0], ['a', 20], ['a', 4]], 'EMIT ON WINDOW CLOSE')).toEqual(['+I [00,10] a n=1', '+I [20,30] a n=1']);
  });
});
