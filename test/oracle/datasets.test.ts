/** The datasets themselves: both engines hold the same rows, and DuckDB reads the CSV file as LaminarDB does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareResults } from './compare.js';
import { readingsDuckCsv } from './datasets.js';
import { runDuck } from './duck.js';
import { oracleSuite } from './harness.js';
import { runLaminar } from './laminar.js';
import { openOracle, type Oracle } from './oracle.js';

oracleSuite('oracle datasets: same rows in both engines', {
  datasets: ['trades', 'seq', 'nexmark', 'readings', 'accounts'],
  queries: [
    { name: 'trades rows', laminar: 'SELECT * FROM trades' },
    { name: 'seq rows', laminar: 'SELECT * FROM seq' },
    { name: 'bids rows', laminar: 'SELECT * FROM bids' },
    { name: 'auctions rows', laminar: 'SELECT * FROM auctions' },
    { name: 'persons rows', laminar: 'SELECT * FROM persons' },
    { name: 'readings rows', laminar: 'SELECT * FROM readings' },
    { name: 'accounts rows (INSERT, partial INSERT, upsert)', laminar: 'SELECT * FROM accounts' },
  ],
});

describe('oracle datasets: the CSV file', () => {
  let o: Oracle | undefined;
  beforeAll(async () => {
    o = await openOracle(['readings']);
  });
  afterAll(async () => {
    await o?.close();
  });

  it('DuckDB read_csv of readings.csv gives the rows LaminarDB reads', async () => {
    const lam = await runLaminar(o!.session, 'SELECT * FROM readings');
    const duck = await runDuck(o!.duck, readingsDuckCsv(o!.dir));
    expect(lam.rows.length).toBe(413);
    expect(compareResults(lam, duck)).toEqual([]);
  });
});
