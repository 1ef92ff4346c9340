import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, finished, startCli, tempDir, until } from './cli-process.js';

// An unbounded generator: the query runs until it is interrupted. The statement after it
// must never run.
const LIVE_SQL = `CREATE SOURCE s FROM GENERATOR (kind = 'trades', seed = 1);
SELECT symbol, count(*) AS n FROM s GROUP BY symbol;
SELECT 'never printed' AS never;
`;

const SYMBOLS = ['AAPL', 'AMZN', 'GOOG', 'JNJ', 'JPM', 'META', 'MSFT', 'NVDA', 'TSLA', 'V'];

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  assertBuilt();
  ({ dir, cleanup } = tempDir({ 'live.sql': LIVE_SQL }));
});
afterAll(() => cleanup());

/**
 * Starts `laminar run live.sql --format FORMAT`, waits for `ready` (and `settleMs` more, for
 * formats that print nothing until the end), sends SIGINT, collects the rest.
 */
async function interruptWhen(format: string, ready: (out: { stdout: string; stderr: string }) => boolean, settleMs = 0) {
  const child = startCli(['run', 'live.sql', '--format', format], dir);
  const result = finished(child);
  await until(() => ready(result.output), `output of --format ${format}`);
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
  child.kill('SIGINT');
  return result;
}

/** Applies changelog lines to a map from symbol to count, checking each retraction retracts a current row. */
function replay(changes: readonly [op: string, symbol: string, n: number][]): Map<string, number> {
  const rows = new Map<string, number>();
  for (const [op, symbol, n] of changes) {
    if (op === '+I' || op === '+U') {
      expect(rows.has(symbol), `${op} ${symbol} while a row for it exists`).toBe(false);
      rows.set(symbol, n);
    } else {
      expect(rows.get(symbol), `${op} ${symbol} ${n} retracts a row that is not current`).toBe(n);
      rows.delete(symbol);
    }
  }
  return rows;
}

/** Each symbol's first change inserts its group with a count of 1, as its first trade arrives. */
function expectGroupsInsertedFirst(changes: readonly [op: string, symbol: string, n: number][]): void {
  const firsts = new Map<string, [string, string, number]>();
  for (const c of changes) if (!firsts.has(c[1])) firsts.set(c[1], c);
  expect(firsts.size).toBeGreaterThan(0);
  for (const [symbol, first] of firsts) expect(first).toEqual(['+I', symbol, 1]);
}

describe('laminar run: a live query ended by Ctrl-C', () => {
  it('changelog: streams changes until SIGINT, then ends by SIGINT with every line whole', async () => {
    const r = await interruptWhen('changelog', (o) => o.stdout.split('\n').length > 100);
    expect(r.signal).toBe('SIGINT');
    expect(r.stderr).toBe('CREATE SOURCE s\n');
    expect(r.stdout.endsWith('\n')).toBe(true);
    const [header, ...lines] = r.stdout.slice(0, -1).split('\n');
    expect(header).toBe('op | symbol | n');
    const changes = lines.map((line) => {
      const m = /^(\+I|-U|\+U|-D) \| ([A-Z]+) \| (\d+)$/.exec(line);
      if (m === null) throw new Error(`not a changelog line: ${JSON.stringify(line)}`);
      return [m[1]!, m[2]!, Number(m[3])] as [string, string, number];
    });
    expect(changes.length).toBeGreaterThan(100);
    expectGroupsInsertedFirst(changes);
    const rows = replay(changes);
    for (const symbol of rows.keys()) expect(SYMBOLS).toContain(symbol);
  });

  it('table: prints the rows current at the interrupt as a table, then ends by SIGINT', async () => {
    const r = await interruptWhen('table', (o) => o.stderr.includes('live query'), 1000);
    expect(r.signal).toBe('SIGINT');
    expect(r.stderr).toBe('CREATE SOURCE s\nlive query: its rows are printed when it ends, or now if you press Ctrl-C\n');
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toMatch(/^symbol VARCHAR │ +n BIGINT$/);
    expect(lines[1]).toMatch(/^─{15}┼─{9,}$/);
    expect(lines.at(-1)).toBe('(10 rows)');
    const rows = lines.slice(2, -1).map((line) => {
      const m = /^([A-Z]+) +│ +(\d+)$/.exec(line);
      if (m === null) throw new Error(`not a table row: ${JSON.stringify(line)}`);
      expect(line.length).toBe(lines[0]!.length);
      return [m[1]!, Number(m[2])] as const;
    });
    expect(rows.map(([s]) => s).sort()).toEqual(SYMBOLS);
    for (const [, n] of rows) expect(n).toBeGreaterThan(0);
  });

  it('csv: prints a header and the rows current at the interrupt', async () => {
    const r = await interruptWhen('csv', (o) => o.stderr.includes('live query'), 1000);
    expect(r.signal).toBe('SIGINT');
    const [header, ...records] = r.stdout.slice(0, -1).split('\n');
    expect(header).toBe('symbol,n');
    expect(records.map((rec) => rec.split(',')[0]).sort()).toEqual(SYMBOLS);
    for (const rec of records) expect(rec).toMatch(/^[A-Z]+,[1-9]\d*$/);
  });

  it('json: streams one object per change, the op first', async () => {
    const r = await interruptWhen('json', (o) => o.stdout.split('\n').length > 100);
    expect(r.signal).toBe('SIGINT');
    const lines = r.stdout.slice(0, -1).split('\n');
    const changes = lines.map((line) => {
      const o = JSON.parse(line) as { op: string; symbol: string; n: number };
      expect(Object.keys(o)).toEqual(['op', 'symbol', 'n']);
      return [o.op, o.symbol, o.n] as [string, string, number];
    });
    expectGroupsInsertedFirst(changes);
    replay(changes);
  });

  it('a second Ctrl-C ends the process at once, even while output is blocked', async () => {
    const child = startCli(['run', 'live.sql', '--format', 'changelog'], dir);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // stdout is never read: the pipe fills and the CLI waits to write, unable to stop cleanly.
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    await until(() => stderr.includes('CREATE SOURCE s'), 'the source to be created');
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    expect(child.exitCode).toBe(null);
    expect(child.signalCode).toBe(null);
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
  });

  it('stops quietly with status 0 when the reader of stdout goes away (| head)', async () => {
    const child = startCli(['run', 'live.sql', '--format', 'changelog'], dir);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.split('\n').length > 3) child.stdout.destroy();
    });
    expect(await exited).toEqual([0, null]);
    expect(stdout).toMatch(/^op \| symbol \| n\n\+I \| [A-Z]+ \| 1\n\+I \| [A-Z]+ \| 1\n/);
    expect(stderr).toBe('CREATE SOURCE s\n');
  });
});
