import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDir } from './cli-process.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  assertBuilt();
  ({ dir, cleanup } = tempDir({
    'typo.sql': 'CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1);\nSELEC a FROM t;\n',
    'unknown-column.sql': 'CREATE TABLE t (a INT);\nSELECT a FROM t;\nSELECT b FROM t;\nSELECT 42 AS never;\n',
  }));
});
afterAll(() => cleanup());

describe('laminar run: errors', () => {
  it('prints a syntax error with its code, position and caret, runs nothing, and exits 1', async () => {
    const r = await runCli(['run', 'typo.sql'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // The whole script is parsed first, so not even the CREATE TABLE ran.
    expect(r.stderr).toMatchInlineSnapshot(`
      "SYNTAX_ERROR: unknown statement 'SELEC'
        at line 3, column 1
        3 | SELEC a FROM t;
          | ^^^^^
        hint: did you mean SELECT?
      "
    `);
  });

  it('stops at the first failing statement, after printing the results before it', async () => {
    const r = await runCli(['run', 'unknown-column.sql', '--format', 'csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('a\n');
    expect(r.stderr).toMatchInlineSnapshot(`
      "CREATE TABLE t
      UNKNOWN_COLUMN: column 'b' does not exist
        at line 3, column 8
        3 | SELECT b FROM t;
          |        ^
        hint: did you mean 'a'?
      "
    `);
  });

  it('reports a script that cannot be read', async () => {
    const r = await runCli(['run', 'missing.sql'], { cwd: dir });
    expect(r).toEqual({ code: 1, signal: null, stdout: '', stderr: "laminar: cannot read 'missing.sql': no such file\n" });
  });

  it('reports bad arguments with a pointer to the help', async () => {
    expect(await runCli(['run', 'typo.sql', '--format', 'xml'], { cwd: dir })).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: "laminar: unknown format 'xml' (choose one of table, csv, json, changelog)\nRun 'laminar run --help' for usage.\n",
    });
    expect(await runCli(['run'], { cwd: dir })).toMatchObject({ code: 1, stderr: "laminar: which script? give a FILE.sql, or - to read standard input\nRun 'laminar run --help' for usage.\n" });
    expect(await runCli(['run', 'typo.sql', '--frob'], { cwd: dir })).toMatchObject({ code: 1, stderr: "laminar: Unknown option '--frob'\nRun 'laminar run --help' for usage.\n" });
    expect(await runCli(['serve'], { cwd: dir })).toMatchObject({ code: 1, stderr: "laminar: unknown command 'serve'\nRun 'laminar --help' for usage.\n" });
  });

  it('refuses --format json for a live query with a column named op (the change key)', async () => {
    const sql = "CREATE SOURCE g FROM GENERATOR (kind = 'sequence', seed = 1);\nSELECT key AS op FROM g;\n";
    const r = await runCli(['run', '-', '--format', 'json'], { cwd: dir, stdin: sql });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "CREATE SOURCE g\nDUPLICATE_COLUMN: the result has a column named 'op', which --format json needs for the changes of a live query\n  hint: rename that column in the query, or use --format changelog\n",
    );
  });
});
