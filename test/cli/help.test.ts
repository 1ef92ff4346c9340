import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './cli-process.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  assertBuilt();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

describe('laminar --help, --version', () => {
  it('prints the main help, and prints it without arguments too (no REPL yet)', async () => {
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatchInlineSnapshot(`
      "laminar: LaminarDB, an embedded streaming SQL engine

      Usage:
        laminar run FILE.sql [--format table|csv|json|changelog]
                                run a SQL script; FILE '-' reads standard input
        laminar --help          show this help (also: laminar run --help)
        laminar --version       show the version

      The interactive terminal (REPL) is not available yet.
      "
    `);
    expect(await runCli([], { cwd: dir })).toEqual({ code: 0, signal: null, stdout: help.stdout, stderr: '' });
    expect((await runCli(['-h'], { cwd: dir })).stdout).toBe(help.stdout);
  });

  it('prints the help of run, which names every format and the exit statuses', async () => {
    const r = await runCli(['run', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: laminar run FILE\.sql \[--format FORMAT\]\n/);
    for (const format of ['table', 'csv', 'json', 'changelog']) expect(r.stdout).toMatch(new RegExp(`^ {8}${format} `, 'm'));
    expect(r.stdout).toContain('Exit status: 0 done, 1 error in the SQL or the data');
    expect((await runCli(['help', 'run'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'], { cwd: dir })).toEqual({ code: 0, signal: null, stdout: `laminar ${pkg.version}\n`, stderr: '' });
  });
});
