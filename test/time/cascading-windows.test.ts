import { describe, expect, it } from 'vitest';
import { rows, session } from '../session/helpers.js';

const SECOND = 1_000_000;

describe('windows over windowed views', () => {
  it("a window over a view's window_end regroups closed windows; the view's columns stay reachable qualified", async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE g (id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, key INT NOT NULL, value DOUBLE NOT NULL,
                       WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)
        FROM GENERATOR (kind = 'sequence', seed = 5, events = 3000, keys = 3, rate = 20, out_of_order = '2 seconds');
      CREATE MATERIALIZED VIEW w10 AS
        SELECT window_start, window_end, key, count(*) AS n FROM g GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), key EMIT ON WINDOW CLOSE`);
    const input = await rows(s, 'SELECT ts, key FROM g');
    const got = await rows(
      s,
      `SELECT window_start, key, sum(n) AS total, min(w10.window_start) AS first_inner
       FROM w10 GROUP BY TUMBLE(window_end, INTERVAL '30' SECOND), key ORDER BY window_start, key`,
    );
    // The same by hand: rows → 10 s windows (ending at e) → 30 s windows of e.
    const expected = new Map<string, [number, number, number, number]>();
    for (const [ts, key] of input as [number, number][]) {
      const end = Math.floor(ts / (10 * SECOND)) * 10 * SECOND + 10 * SECOND;
      const outer = Math.floor(end / (30 * SECOND)) * 30 * SECOND;
      const k = `${outer}|${key}`;
      const e = expected.get(k) ?? [outer, key, 0, Infinity];
      e[2] += 1;
      e[3] = Math.min(e[3], end - 10 * SECOND);
      expected.set(k, e);
    }
    const want = [...expected.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(want.length).toBeGreaterThan(10);
    expect(got).toEqual(want);
  });
});
