import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './cli-process.js';

const ROWS = 200_000;

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  assertBuilt();
  const lines = ['k,v'];
  for (let i = 1; i <= ROWS; i++) lines.push(`${i % 7},${i}`);
  ({ dir, cleanup } = tempDir({ 'big.csv': lines.join('\n') + '\n' }));
});
afterAll(() => cleanup());

describe('laminar run: sinks', () => {
  it('waits for a sink over a file source to write everything before exiting', async () => {
    const sql = `CREATE SOURCE b (k INT, v BIGINT) FROM FILE (path = 'big.csv');
CREATE SINK out INTO FILE (path = 'out.csv', format = 'csv') AS SELECT v FROM b WHERE k = 3;`;
    const r = await runCli(['run', '-'], { cwd: dir, stdin: sql });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^CREATE SOURCE b\nCREATE SINK out\n(waiting for sink out to finish \(Ctrl-C stops it\)\n)?$/);
    const written = readFileSync(join(dir, 'out.csv'), 'utf8').split('\n');
    const expected = ['v'];
    for (let i = 3; i <= ROWS; i += 7) expected.push(String(i));
    expect(written).toEqual([...expected, '']);
  });
});
