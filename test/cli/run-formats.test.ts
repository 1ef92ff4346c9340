import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './cli-process.js';

const TRADES_CSV = ['symbol,qty,price', 'AAPL,3,189.5', 'MSFT,,402.25', 'AAPL,5,190', 'GOOG,1,140.125', 'MSFT,2,401'].join('\n') + '\n';

const AGGREGATE_SQL = `CREATE SOURCE trades (symbol VARCHAR, qty INT, price DOUBLE) FROM FILE (path = 'trades.csv');
SELECT symbol, count(*) AS n, sum(qty) AS total, max(price) AS top FROM trades GROUP BY symbol ORDER BY symbol;
`;

const SEQUENCE_SQL = `CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 5, keys = 2);
SELECT key, count(*) AS n, sum(id) AS s FROM g GROUP BY key;
`;

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  assertBuilt();
  ({ dir, cleanup } = tempDir({ 'trades.csv': TRADES_CSV, 'aggregate.sql': AGGREGATE_SQL, 'sequence.sql': SEQUENCE_SQL }));
});
afterAll(() => cleanup());

describe('laminar run --format csv', () => {
  it('prints a header and the final rows of a query over a CSV file; acknowledgements go to stderr', async () => {
    const r = await runCli(['run', 'aggregate.sql', '--format', 'csv'], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      signal: null,
      stdout: 'symbol,n,total,top\nAAPL,2,8,190.0\nGOOG,1,1,140.125\nMSFT,2,2,402.25\n',
      stderr: 'CREATE SOURCE trades\n',
    });
  });

  it('quotes fields as RFC 4180 says and writes NULL as an empty field', async () => {
    const sql = `CREATE TABLE t (s VARCHAR, n INT);
INSERT INTO t VALUES ('a,b', 1), ('say "hi"', NULL), ('', 3), (NULL, 4);
SELECT * FROM t;`;
    const r = await runCli(['run', '-', '-f', 'csv'], { cwd: dir, stdin: sql });
    expect(r.stdout).toBe('s,n\n"a,b",1\n"say ""hi""",\n"",3\n,4\n');
    expect(r.stderr).toBe('CREATE TABLE t\nINSERT 4\n');
    expect(r.code).toBe(0);
  });
});

describe('laminar run --format changelog', () => {
  it('prints every change of a bounded generator query with its op, in order', async () => {
    const r = await runCli(['run', 'sequence.sql', '--format', 'changelog', '--workers', '1'], { cwd: dir });
    const lines = [
      'op | key | n | s',
      '+I | 0 | 1 | 0',
      '+I | 1 | 1 | 1',
      '-U | 0 | 1 | 0',
      '+U | 0 | 2 | 2',
      '-U | 1 | 1 | 1',
      '+U | 1 | 2 | 4',
      '-U | 0 | 2 | 2',
      '+U | 0 | 3 | 6',
    ];
    expect(r.stdout).toBe([...lines, ''].join('\n'));
    expect(r.stderr).toBe('CREATE SOURCE g\n');
    expect(r.code).toBe(0);
    // With keys on two workers, each key's changes still come in order.
    const sharded = await runCli(['run', 'sequence.sql', '--format', 'changelog', '--workers', '2'], { cwd: dir });
    const ofKey = (all: readonly string[], key: string) => all.filter((l) => l.split(' | ')[1] === key);
    const got = sharded.stdout.split('\n').slice(0, -1);
    expect(got[0]).toBe(lines[0]);
    for (const key of ['0', '1']) expect(ofKey(got, key)).toEqual(ofKey(lines, key));
    expect(got).toHaveLength(lines.length);
  });

  it('shows the updates of a GROUP BY over a CSV file, one input row at a time', async () => {
    const sql = `CREATE SOURCE trades (symbol VARCHAR, qty INT, price DOUBLE) FROM FILE (path = 'trades.csv');
SELECT symbol, sum(qty) AS total FROM trades GROUP BY symbol;`;
    const r = await runCli(['run', '-', '--format', 'changelog'], { cwd: dir, stdin: sql });
    expect(r.stdout).toMatchInlineSnapshot(`
      "op | symbol | total
      +I | AAPL | 3
      +I | MSFT | NULL
      -U | AAPL | 3
      +U | AAPL | 8
      +I | GOOG | 1
      -U | MSFT | NULL
      +U | MSFT | 2
      "
    `);
    expect(r.code).toBe(0);
  });
});

describe('laminar run --format json', () => {
  it('prints one object per row, values typed as JSON', async () => {
    const r = await runCli(['run', 'aggregate.sql', '--format', 'json'], { cwd: dir });
    expect(r.stdout).toMatchInlineSnapshot(`
      "{"symbol":"AAPL","n":2,"total":8,"top":190}
      {"symbol":"GOOG","n":1,"total":1,"top":140.125}
      {"symbol":"MSFT","n":2,"total":2,"top":402.25}
      "
    `);
    expect(r.code).toBe(0);
  });

  it('writes timestamps and intervals as text and NULL as null', async () => {
    const sql = `CREATE TABLE e (at TIMESTAMP, took INTERVAL, ok BOOLEAN);
INSERT INTO e VALUES (TIMESTAMP '2024-01-02 03:04:05.678', INTERVAL '1 hour 30 minutes', true), (NULL, NULL, NULL);
SELECT * FROM e;`;
    const r = await runCli(['run', '-', '-f', 'json'], { cwd: dir, stdin: sql });
    expect(r.stdout).toBe('{"at":"2024-01-02 03:04:05.678","took":"01:30:00","ok":true}\n{"at":null,"took":null,"ok":null}\n');
  });
});

describe('laminar run --format table (the default)', () => {
  it('aligns columns under names with types, right-aligns numbers, shows NULL and a row count', async () => {
    const r = await runCli(['run', 'aggregate.sql'], { cwd: dir });
    expect(r.stdout).toMatchInlineSnapshot(`
      "symbol VARCHAR │ n BIGINT │ total BIGINT │ top DOUBLE
      ───────────────┼──────────┼──────────────┼───────────
      AAPL           │        2 │            8 │      190.0
      GOOG           │        1 │            1 │    140.125
      MSFT           │        2 │            2 │     402.25
      (3 rows)
      "
    `);
    expect(r.code).toBe(0);
  });

  it('prints DESCRIBE (a result, like SHOW and EXPLAIN) on stdout, a blank line between results', async () => {
    const sql = `CREATE TABLE t (sym VARCHAR NOT NULL, n INT);
DESCRIBE t;
SELECT count(*) AS rows FROM t;`;
    const r = await runCli(['run', '-'], { cwd: dir, stdin: sql });
    expect(r.stdout).toMatchInlineSnapshot(`
      "column VARCHAR │ type VARCHAR │ nullable BOOLEAN │ note VARCHAR
      ───────────────┼──────────────┼──────────────────┼─────────────
      sym            │ VARCHAR      │ false            │ NULL
      n              │ INT          │ true             │ NULL
      (2 rows)

      rows BIGINT
      ───────────
                0
      (1 row)
      "
    `);
    expect(r.stderr).toBe('CREATE TABLE t\n');
  });
});

describe('laminar run - (standard input)', () => {
  it('reads the script from stdin', async () => {
    const r = await runCli(['run', '-', '--format', 'csv'], { cwd: dir, stdin: AGGREGATE_SQL });
    expect(r.stdout).toBe('symbol,n,total,top\nAAPL,2,8,190.0\nGOOG,1,1,140.125\nMSFT,2,2,402.25\n');
    expect(r.code).toBe(0);
  });
});
