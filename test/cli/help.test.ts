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
  it('prints the main help', async () => {
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatchInlineSnapshot(`
      "laminar: LaminarDB, an embedded streaming SQL engine

      Usage:
        laminar                 the interactive shell (laminar < FILE.sql runs a script)
        laminar repl [--workers N] [--session DIR] [--existing [CONNECTION_FILE]]
                                the same; --existing attaches to a running kernel
        laminar run FILE.sql [--format table|csv|json|changelog] [--workers N] [--session DIR]
                                run a SQL script; FILE '-' reads standard input
        laminar test [PATH…] [--update] [--via kernel|in-process] [--timeout S]
                                replay notebooks and compare their outputs
        laminar kernel install [--user|--sys-prefix|--prefix DIR] [--name NAME]
                                install the Jupyter kernel (also: kernel uninstall)
        laminar --help          show this help (also: laminar run|repl|test --help)
        laminar --version       show the version
      "
    `);
    expect((await runCli(['-h'], { cwd: dir })).stdout).toBe(help.stdout);
    // Without arguments and with empty input that is not a terminal, it runs an empty script.
    expect(await runCli([], { cwd: dir })).toEqual({ code: 0, signal: null, stdout: '', stderr: '' });
  });

  it('prints the help of run, which names every format and the exit statuses', async () => {
    const r = await runCli(['run', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: laminar run FILE\.sql \[--format FORMAT\] \[--workers N\] \[--session DIR\]\n/);
    for (const format of ['table', 'csv', 'json', 'changelog']) expect(r.stdout).toMatch(new RegExp(`^ {8}${format} `, 'm'));
    expect(r.stdout).toContain('Exit status: 0 done, 1 error in the SQL or the data');
    expect((await runCli(['help', 'run'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('prints the help of test, which names its options and the cell tags', async () => {
    const r = await runCli(['test', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: laminar test \[PATH…\] \[--update\] \[--via kernel\|in-process\] \[--timeout S\]\n/);
    for (const option of ['--update', '--via kernel', '--via in-process', '--timeout S']) expect(r.stdout).toMatch(new RegExp(`^  (-u, )?${option} `, 'm'));
    for (const tag of ['skip-execution', 'raises-exception', 'nbval-ignore-output']) expect(r.stdout).toContain(tag);
    expect((await runCli(['help', 'test'], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'], { cwd: dir })).toEqual({ code: 0, signal: null, stdout: `laminar ${pkg.version}\n`, stderr: '' });
  });
});
