import { describe, expect, it } from 'vitest';
import { session } from '../session/helpers.js';

const SECOND = 1000;

describe('join state', () => {
  it('an interval join keeps only the rows a match is still possible for', async () => {
    const s = await session();
    await s.execute(`
      CREATE SOURCE l (id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
      CREATE SOURCE r (id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)`);
    const [q] = await s.execute("SELECT l.id FROM l JOIN r ON l.id = r.id AND r.ts BETWEEN l.ts - INTERVAL '2' SECOND AND l.ts + INTERVAL '2' SECOND");
    if (q?.kind !== 'subscription') throw new Error('expected a subscription');
    const sub = q.subscription;
    // 100 rows a second on each side for 100 seconds; each id once per side, the right one 1.5 s later.
    let peak = 0;
    const start = Date.UTC(2024, 0, 1);
    for (let second = 0; second < 100; second++) {
      const rows = (shift: number) => Array.from({ length: 100 }, (_, k) => [second * 100 + k, new Date(start + second * SECOND + k * 10 + shift)]);
      await s.push('l', rows(0));
      await s.push('r', rows(1500));
      peak = Math.max(peak, sub.metrics()!.stateKeys);
    }
    await s.end('l');
    await s.end('r');
    await sub.done;
    expect(sub.snapshot().rowCount).toBe(10_000);
    // A few seconds of rows on each side (the bound and the watermark delay): about 600, not 20 000.
    expect(peak).toBeGreaterThan(400);
    expect(peak).toBeLessThan(1_200);
    expect(sub.metrics()!.stateKeys).toBe(0);
  });
});
