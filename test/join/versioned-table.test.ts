import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../engine/index.js';
import { rows, session } from '../session/helpers.js';

const RATES = `CREATE TABLE rates (cur VARCHAR, rate DOUBLE, ts TIMESTAMP, PRIMARY KEY (cur), WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
INSERT INTO rates VALUES ('EUR', 1.0, TIMESTAMP '2024-01-01 00:00:00'), ('GBP', 10.0, TIMESTAMP '2024-01-01 00:00:00');
INSERT INTO rates VALUES ('EUR', 2.0, TIMESTAMP '2024-01-01 00:01:00');`;

const ORDERS = `CREATE SOURCE orders (id INT, cur VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
INSERT INTO orders VALUES (1, 'EUR', TIMESTAMP '2024-01-01 00:00:30'), (2, 'EUR', TIMESTAMP '2024-01-01 00:01:30'), (3, 'GBP', TIMESTAMP '2024-01-01 00:00:59'), (4, 'EUR', TIMESTAMP '2024-01-01 00:00:59');`;

const JOIN = 'SELECT o.id, r.rate FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.cur = r.cur';

/** An append-only result keeps arrival order, which depends on the number of workers. */
const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => (a[0] as number) - (b[0] as number));

describe('temporal join against a versioned table filled before the query started', () => {
  it('finds the versions that were replaced before it started', async () => {
    const s = await session();
    await s.execute(RATES + ORDERS);
    const [r] = await s.execute(JOIN);
    if (r?.kind !== 'subscription') throw new Error('the orders are unbounded: expected a subscription');
    const sub: Subscription = r.subscription;
    // The rates' watermark (00:01:00) decides the orders up to it.
    await s.waitIdle(s.queries().filter((q) => q.status === 'running').map((q) => q.id));
    expect(sorted(sub.snapshot().scalars())).toEqual([
      [1, 1],
      [3, 10],
      [4, 1],
    ]);
    // A later version moves the rates' watermark past the last order: it gets the version of 00:01.
    await s.execute("INSERT INTO rates VALUES ('EUR', 3.0, TIMESTAMP '2024-01-01 00:02:00')");
    await s.waitIdle(s.queries().filter((q) => q.status === 'running').map((q) => q.id));
    expect(sorted(sub.snapshot().scalars())).toEqual([
      [1, 1],
      [2, 2],
      [3, 10],
      [4, 1],
    ]);
    // A plain read of the table still gives its current rows.
    expect(await rows(s, 'SELECT cur, rate FROM rates ORDER BY cur')).toEqual([
      ['EUR', 3],
      ['GBP', 10],
    ]);
    sub.cancel();
  });
});
