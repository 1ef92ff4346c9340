import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, runCli, startCli, tempDir, until } from '../cli/cli-process.js';
import { assertBuilt } from './tmux.js';

// Input that is not a terminal runs as a script: `laminar < script.sql`.

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  assertBuilt();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const SCRIPT = `CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 3);
CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
SELECT key, count(*) AS n, round(sum(value), 3) AS total
FROM g
GROUP BY key;
SELECT * FROM t;
DESCRIBE t;
`;

describe('laminar < script.sql', () => {
  it('prints what laminar run - prints, and exits 0', async () => {
    const piped = await runCli([], { cwd: dir, stdin: SCRIPT });
    const run = await runCli(['run', '-'], { cwd: dir, stdin: SCRIPT });
    expect(piped).toEqual(run);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('CREATE SOURCE g\nCREATE TABLE t\nINSERT 2\n');
    expect(piped.stdout).toContain('key INT │ n BIGINT │ total DOUBLE\n');
    // `laminar repl` is the same command.
    expect(await runCli(['repl'], { cwd: dir, stdin: SCRIPT })).toEqual(run);
  });

  it('stops at the first error with status 1: the statements before it ran, none after', async () => {
    const r = await runCli([], { cwd: dir, stdin: `SELECT 1 AS first;\nSELECT nope\n  FROM (SELECT 1 AS x);\nSELECT 3 AS never;\n` });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('first INT\n─────────\n        1\n(1 row)\n');
    expect(r.stderr).toBe(
      [
        "UNKNOWN_COLUMN: column 'nope' does not exist",
        '  at line 1, column 8',
        '  1 | SELECT nope',
        '    |        ^^^^',
        "  hint: columns: x",
        '',
      ].join('\n'),
    );
  });

  it('runs dot commands: .mode, .tables; an unknown one is an error (status 1)', async () => {
    const r = await runCli([], { cwd: dir, stdin: `CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1), (2);\n.mode csv\nSELECT a FROM t;\n.mode json\nSELECT a * 10 AS b FROM t;\n.tables\n.bogus\nSELECT 'never';\n` });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('a\n1\n2\n\n{"b":10}\n{"b":20}\n\nname VARCHAR │ rows BIGINT │ primary_key VARCHAR\n─────────────┼─────────────┼────────────────────\nt            │           2 │ NULL\n(1 row)\n');
    expect(r.stderr).toBe('CREATE TABLE t\nINSERT 2\nerror: unknown command .bogus (.help lists the commands)\n');
  });

  it('.describe shows an object, .timer times statements, .stop of nothing running is an error', async () => {
    const r = await runCli([], { cwd: dir, stdin: `CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 5);\n.describe g\n.timer on\nSELECT 1 AS x;\n.timer off\n.stop q9\n` });
    expect(r.code).toBe(1);
    const [describe, select] = r.stdout.split('\n\n');
    expect(describe).toMatch(/^g source · .*sequence.* · \d+ rows read\ncolumn VARCHAR │ type VARCHAR │ nullable BOOLEAN │ note VARCHAR\n/);
    expect(describe).toContain(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 5)`);
    expect(select).toBe('x INT\n─────\n    1\n(1 row)\n');
    expect(r.stderr).toMatch(/^CREATE SOURCE g\nRun Time: \d+\.\d{3} s\nerror: no running query, view or sink 'q9' \(\.queries lists the running queries\)\n$/);
  });

  it('runs a last statement without ";" at the end of the input', async () => {
    const r = await runCli([], { cwd: dir, stdin: 'SELECT 7 AS seven' });
    expect(r).toMatchObject({ code: 0, stdout: 'seven INT\n─────────\n        7\n(1 row)\n', stderr: '' });
  });

  it('Ctrl-C stops a live query, prints its rows and ends by SIGINT, as laminar run does', async () => {
    const child = startCli([], dir);
    const result = finished(child);
    child.stdin.end(`CREATE SOURCE s FROM GENERATOR (kind = 'trades');\nSELECT symbol, count(*) AS n FROM s GROUP BY symbol;\nSELECT 'never';\n`);
    await until(() => result.output.stderr.includes('live query'), 'the live query notice');
    // Long enough for a trade of every symbol to arrive.
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGINT');
    const r = await result;
    expect(r.signal).toBe('SIGINT');
    expect(r.stdout).toMatch(/^symbol VARCHAR │ n BIGINT\n/);
    expect(r.stdout).toMatch(/\(10 rows\)\n$/);
  });
});

describe('laminar repl options', () => {
  it('--session DIR keeps the session in DIR: the next shell, or laminar run, resumes it', async () => {
    const first = await runCli(['repl', '--session', 'kept', '--workers', '1'], {
      cwd: dir,
      stdin: "CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 3);\nCREATE MATERIALIZED VIEW s AS SELECT key, count(*) AS n FROM g GROUP BY key;\nCHECKPOINT;\n",
    });
    expect(first).toEqual({ code: 0, signal: null, stdout: '', stderr: 'CREATE SOURCE g\nCREATE MATERIALIZED VIEW s\nCHECKPOINT 00000001 (331 bytes)\n' });
    const second = await runCli(['repl', '--session', 'kept'], { cwd: dir, stdin: 'SELECT * FROM s ORDER BY key;\n' });
    expect(second).toEqual({
      code: 0,
      signal: null,
      stdout: 'key INT │ n BIGINT\n────────┼─────────\n      0 │       34\n      1 │       33\n      2 │       33\n(3 rows)\n',
      stderr: "laminar: resumed session 'kept' (checkpoint 00000002, 2 log records)\n",
    });
    // laminar run skips CREATE statements for objects the resumed session has.
    const run = await runCli(['run', '--session', 'kept', '-'], { cwd: dir, stdin: "CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 3);\nSELECT count(*) AS c FROM g;\n" });
    expect(run).toEqual({
      code: 0,
      signal: null,
      stdout: 'c BIGINT\n────────\n     100\n(1 row)\n',
      stderr: "laminar: resumed session 'kept' (checkpoint 00000003, 2 log records)\nsource g already exists\n",
    });
  });

  it('refuses bad options, saying why', async () => {
    expect(await runCli(['repl', '--existing', '--session', 'kept'], { cwd: dir })).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: "laminar: --session applies to a shell with its own session; an attached shell uses the kernel's\nRun 'laminar repl --help' for usage.\n",
    });
    expect((await runCli(['repl', '--workers', 'four'], { cwd: dir })).stderr).toMatch(/^laminar: --workers takes a whole number from 1 to 256, not 'four'\n/);
    expect((await runCli(['repl', 'script.sql'], { cwd: dir })).stderr).toMatch(/^laminar: unexpected argument 'script\.sql'/);
  });

  it('prints its help', async () => {
    const r = await runCli(['repl', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: laminar \[repl\] \[--workers N\] \[--session DIR\] \[--existing \[CONNECTION_FILE\]\]\n/);
    expect((await runCli(['help', 'repl'], { cwd: dir })).stdout).toBe(r.stdout);
  });
});
