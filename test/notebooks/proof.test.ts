import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/cli-process.js';
import { copyTo, editNotebook, FIXTURE, laminarTest } from './laminar-test.js';

/**
 * The proof of `laminar test` on a small notebook (fixtures/proof.ipynb): a complete result,
 * a raises-exception cell with its expected code, a live display stopped by %stop whose
 * status line (events per second) the notebook's sanitizer hides, a skip-execution cell and
 * an nbval-ignore-output cell.
 */
let copy: ReturnType<typeof copyTo>;
beforeAll(() => assertBuilt());
afterEach(() => copy.cleanup());

const fixture = (): string => {
  copy = copyTo(FIXTURE, 'proof.ipynb');
  return copy.path;
};
const run = (...args: string[]) => laminarTest(['proof.ipynb', '--via', 'in-process', ...args], copy.dir);
const PASSED = 'notebooks: 1 passed, 0 failed · cells: 8 passed, 0 failed, 1 skipped';

describe('laminar test on a notebook', () => {
  it('passes as saved, in both modes', async () => {
    fixture();
    for (const via of ['in-process', 'kernel']) {
      const r = await laminarTest(['proof.ipynb', '--via', via], copy.dir);
      expect(r).toEqual({ code: 0, signal: null, stdout: `PASS proof.ipynb (8 passed, 0 failed, 1 skipped)\n\n${PASSED}\n`, stderr: '' });
    }
  });

  it('fails on an altered output with a diff naming the cell; --update restores it, changing only outputs', async () => {
    const path = fixture();
    const saved = readFileSync(path, 'utf8');
    writeFileSync(path, saved.replace('      0 │       34', '      0 │       35'));
    const failed = await run();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe(
      [
        'FAIL proof.ipynb (7 passed, 1 failed, 1 skipped)',
        '',
        'proof.ipynb cell 3 failed: SELECT key, count(*) AS n FROM s GROUP BY key ORDER BY key;',
        '  --- expected (saved output)',
        '  +++ actual (this run)',
        '  @@ -35,7 +35,7 @@',
        '   text/plain:',
        '     key INT │ n BIGINT',
        '     ────────┼─────────',
        '  -        0 │       35',
        '  +        0 │       34',
        '           1 │       33',
        '           2 │       33',
        '     (3 rows)',
        '',
        'notebooks: 0 passed, 1 failed · cells: 7 passed, 1 failed, 1 skipped',
        '',
      ].join('\n'),
    );
    const updated = await run('--update');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('UPDATED proof.ipynb');
    expect(updated.stdout).toContain('  cell 3 updated: SELECT key, count(*) AS n FROM s GROUP BY key ORDER BY key;\n');
    // Only the altered output changed back: byte for byte the notebook as saved (nbformat's
    // layout). Cells that matched keep their saved outputs, the live display's sanitized
    // events per second too.
    expect(updated.stdout.match(/updated:/g)).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe(saved);
    expect((await run()).stdout).toContain(PASSED);
  });

  it('passes a raises-exception cell only when it fails with the expected code', async () => {
    const path = fixture();
    const raising = (cells: { [k: string]: unknown }[]) => cells[3] as { source: string[]; metadata: { tags?: string[]; laminar?: { raises?: string } } };
    editNotebook(path, (cells) => (raising(cells).metadata.laminar = { raises: 'TYPE_MISMATCH' }));
    let r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("proof.ipynb cell 4 failed: SELECT nope FROM s;\n  the cell should fail with TYPE_MISMATCH but failed with UNKNOWN_COLUMN: column 'nope' does not exist\n");

    editNotebook(path, (cells) => {
      raising(cells).metadata.laminar = { raises: 'UNKNOWN_COLUMN' };
      raising(cells).source = ['SELECT key FROM s LIMIT 1;'];
    });
    r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('proof.ipynb cell 4 failed: SELECT key FROM s LIMIT 1;\n  the cell is tagged raises-exception (UNKNOWN_COLUMN) but ran without an error\n');

    // Without the tag, a failing cell fails even though its saved output is that same error.
    editNotebook(path, (cells) => {
      raising(cells).metadata = {};
      raising(cells).source = ['SELECT nope FROM s;'];
    });
    r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("proof.ipynb cell 4 failed: SELECT nope FROM s;\n  the cell failed with UNKNOWN_COLUMN: column 'nope' does not exist (tag it raises-exception if it should)\n");

    // The tag alone accepts any error.
    editNotebook(path, (cells) => (raising(cells).metadata = { tags: ['raises-exception'] }));
    expect((await run()).stdout).toContain(PASSED);
  });

  it('hides a volatile value with the sanitizer of the notebook metadata', async () => {
    const path = fixture();
    // The saved live display says 9.9M events/s, which no run of three rows reaches.
    expect(readFileSync(path, 'utf8')).toContain('q2 · stopped · 2 rows · 9.9M events/s · 0 late rows');
    expect((await run()).stdout).toContain(PASSED);
    const nb = JSON.parse(readFileSync(path, 'utf8')) as { metadata: { laminar?: unknown } };
    delete nb.metadata.laminar;
    writeFileSync(path, JSON.stringify(nb));
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('proof.ipynb cell 6 failed: SELECT word, count(*) AS n FROM pushed GROUP BY word;\n');
    expect(r.stdout).toMatch(/^ {2}- {2}q2 · stopped · 2 rows · 9\.9M events\/s · 0 late rows$/m);
    expect(r.stdout).toMatch(/^ {2}\+ {2}q2 · stopped · 2 rows · [\d.]+K? events\/s · 0 late rows$/m);
  });

  it('skips skip-execution cells and does not compare nbval-ignore-output cells', async () => {
    const path = fixture();
    editNotebook(path, (cells) => {
      const ignored = cells[9] as { outputs: { data: { 'text/plain': string[] } }[] };
      ignored.outputs[0]!.data['text/plain'] = ['something else'];
    });
    expect((await run()).stdout).toBe(`PASS proof.ipynb (8 passed, 0 failed, 1 skipped)\n\n${PASSED}\n`);
  });

  it('exits 1 on a path that does not exist, and on a bad option', async () => {
    fixture();
    expect(await laminarTest(['missing.ipynb'], copy.dir)).toEqual({ code: 1, signal: null, stdout: '', stderr: 'laminar: no such file or folder: missing.ipynb\n' });
    expect(await laminarTest(['--via', 'ssh'], copy.dir)).toEqual({ code: 1, signal: null, stdout: '', stderr: "laminar: --via takes kernel or in-process, not 'ssh'\nRun 'laminar test --help' for usage.\n" });
  });
});
