import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, lastLine, TmuxShell } from './tmux.js';

// The real shell in a pseudo-terminal (tmux): what a person sees on the screen.

const TRADES = `CREATE SOURCE s FROM GENERATOR (kind = 'trades', seed = 7);`;
const PROMPT = 'laminar> ';

let dir: string;
let shells: TmuxShell[] = [];

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'laminar-repl-'));
});
afterEach(async () => {
  await Promise.all(shells.map((s) => s.kill()));
  shells = [];
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, options: { height?: number } = {}): Promise<TmuxShell> {
  const shell = await TmuxShell.start({ cwd: dir, env: { LAMINAR_HISTORY: join(dir, 'history'), ...env }, ...options });
  shells.push(shell);
  await shell.waitFor((s) => lastLine(s) === PROMPT.trim(), 'the first prompt');
  return shell;
}

/** Waits until the last line is an empty prompt again. */
function backAtPrompt(shell: TmuxShell, what: string): Promise<string> {
  return shell.waitFor((s) => lastLine(s) === PROMPT.trim(), what);
}

describe('laminar shell in a terminal', () => {
  it('continues a statement over lines with a continuation prompt, then prints a typed table', async () => {
    const shell = await start();
    await shell.enter('SELECT 1 AS one,');
    await shell.waitFor((s) => lastLine(s) === '    ...>', 'the continuation prompt');
    await shell.enter("  'two' AS two");
    await shell.enter(';');
    const screen = await backAtPrompt(shell, 'the result');
    expect(screen).toContain(
      [
        "laminar> SELECT 1 AS one,",
        "    ...>   'two' AS two",
        '    ...> ;',
        'one INT │ two VARCHAR',
        '────────┼────────────',
        '      1 │ two',
        '(1 row)',
      ].join('\n'),
    );
  });

  it('completes a column name with Tab', async () => {
    const shell = await start();
    await shell.enter(TRADES);
    await shell.waitFor(/^CREATE SOURCE s$/m, 'the acknowledgement');
    await shell.type('SELECT * FROM s WHERE vol');
    await shell.press('Tab');
    await shell.waitFor((s) => lastLine(s) === 'laminar> SELECT * FROM s WHERE volume', 'volume completed');
    // The completion is real input: it runs.
    await shell.enter(' > 0 LIMIT 1;');
    const screen = await backAtPrompt(shell, 'the result');
    expect(screen).toMatch(/symbol VARCHAR │ price DOUBLE │ volume INT │ ts TIMESTAMP\n/);
    // Matching ignores case; the completed name is spelled as the column is.
    await shell.type('SELECT count(*) FROM s WHERE SYM');
    await shell.press('Tab');
    await shell.waitFor((s) => lastLine(s) === 'laminar> SELECT count(*) FROM s WHERE symbol', 'symbol completed');
  });

  it('shows an error with its code, position and a caret under the offending name, and goes on', async () => {
    const shell = await start();
    await shell.enter(TRADES);
    await shell.enter('SELECT symbl');
    await shell.enter('FROM s;');
    const screen = await backAtPrompt(shell, 'the error');
    expect(screen).toContain(
      [
        'UNKNOWN_COLUMN: column \'symbl\' does not exist',
        '  at line 1, column 8',
        '  1 | SELECT symbl',
        '    |        ^^^^^',
        "  hint: did you mean 'symbol'?",
        PROMPT.trim(),
      ].join('\n'),
    );
    expect(screen).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('shows a continuous query live until Ctrl-C, which stops it and keeps the shell', async () => {
    const shell = await start();
    await shell.enter(TRADES);
    await shell.enter('SELECT symbol, count(*) AS n FROM s GROUP BY symbol;');
    const first = await shell.waitFor(/^● q\d+ · running · 10 rows · /m, 'the live view');
    expect(first).toMatch(/^symbol VARCHAR │ n BIGINT$/m);
    expect(first).toContain('Ctrl-C stops it');
    // The view is redrawn in place with new counts: the table appears once, and changes.
    const total = (screen: string): number => [...screen.matchAll(/^[A-Z]+ +│ +(\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    const before = total(first);
    const later = await shell.waitFor((s) => total(s) > before, 'the counts to grow');
    expect(later.match(/symbol VARCHAR │ n BIGINT/g)).toHaveLength(1);

    await shell.press('C-c');
    const stopped = await backAtPrompt(shell, 'the prompt after Ctrl-C');
    expect(stopped).toMatch(/^■ q\d+ · stopped · 10 rows · [^\n]*\nlaminar>$/m);
    expect(stopped).not.toContain('Ctrl-C stops it');

    // The shell is still usable, and the query is no longer running.
    await shell.enter('.queries');
    await shell.waitFor(/^no running queries$/m, 'no running queries');
    await shell.enter('SELECT 40 + 2 AS answer;');
    const after = await shell.waitFor((s) => /^ +42\n\(1 row\)$/m.test(s) && lastLine(s) === PROMPT.trim(), 'a new result, then the prompt');
    expect(after).toMatch(/^ +42\n\(1 row\)\nlaminar>$/m);
  });

  it('.mode changelog prints +I / -U / +U lines as changes happen', async () => {
    const shell = await start({}, { height: 40 });
    await shell.enter(`CREATE SOURCE b FROM GENERATOR (kind = 'sequence', events = 3);`);
    await shell.enter('.mode changelog');
    await shell.enter('SELECT id, key FROM b;');
    const bounded = await backAtPrompt(shell, 'a bounded changelog');
    expect(bounded).toContain(['laminar> SELECT id, key FROM b;', 'op | id | key', '+I | 0 | 0', '+I | 1 | 1', '+I | 2 | 2', PROMPT.trim()].join('\n'));

    await shell.enter(TRADES);
    await shell.enter('SELECT symbol, count(*) AS n FROM s GROUP BY symbol;');
    await shell.waitFor((s) => /^-U \| [A-Z]+ \| \d+$/m.test(s) && /^\+U \| [A-Z]+ \| \d+$/m.test(s), 'update lines');
    await shell.press('C-c');
    await backAtPrompt(shell, 'the prompt after Ctrl-C');
    // The changes scrolled by: the whole output starts with the header and the first inserts.
    const all = await shell.screen({ scrollback: true });
    const lines = all.slice(all.lastIndexOf('GROUP BY symbol;')).split('\n').slice(1, -1);
    expect(lines[0]).toBe('op | symbol | n');
    expect(lines[1]).toMatch(/^\+I \| [A-Z]+ \| 1$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^(?:\+I|-U|\+U) \| [A-Z]+ \| \d+$/);
  });

  it('.mode chart draws a live bar chart of a continuous query', async () => {
    const shell = await start();
    await shell.enter(TRADES);
    await shell.enter('.mode chart');
    await shell.enter('SELECT symbol, count(*) AS n FROM s GROUP BY symbol;');
    const chart = await shell.waitFor(/^● q\d+ · running · 10 rows/m, 'the live chart');
    expect(chart.match(/^[A-Z]+ +│█+[▏▎▍▌▋▊▉]? \S+$/gm)).toHaveLength(10);
    await shell.press('C-c');
    await shell.waitFor(/^■ q\d+ · stopped · 10 rows[^\n]*\nlaminar>$/m, 'the stopped chart');
  });

  it('keeps history across restarts, a statement typed over lines as one entry', async () => {
    const history = join(dir, 'history-restart');
    const first = await start({ LAMINAR_HISTORY: history });
    await first.enter("SELECT 'remember'");
    await first.enter('  AS me;');
    await first.waitFor(/^remember$/m, 'the result');
    await first.enter('.mode csv');
    await backAtPrompt(first, 'the prompt');
    await first.press('C-d');
    expect(await first.exitStatus()).toBe(0);
    expect(readFileSync(history, 'utf8')).toBe("SELECT 'remember' AS me;\n.mode csv\n");

    const second = await start({ LAMINAR_HISTORY: history });
    await second.press('Up');
    await second.waitFor((s) => lastLine(s) === 'laminar> .mode csv', 'the last entry');
    await second.press('Up');
    await second.waitFor((s) => lastLine(s) === "laminar> SELECT 'remember' AS me;", 'the entry before');
    await second.press('Enter');
    await second.waitFor(/^me VARCHAR\n─+\nremember\n\(1 row\)$/m, 'the recalled statement run');
  });

  it('leaves on Ctrl-D with status 0', async () => {
    const shell = await start();
    await shell.press('C-d');
    expect(await shell.exitStatus()).toBe(0);
  });

  it('colours input and results in a terminal, and not with NO_COLOR', async () => {
    const coloured = await start();
    await coloured.type('SELECT 1');
    // The keyword is drawn in colour (tmux writes the escapes it keeps for the cells).
    await coloured.waitFor((s) => /\x1b\[[0-9;]*m(?:\x1b\[[0-9;]*m)*SELECT/.test(s) && s.includes('1'), 'the coloured input', undefined, { escapes: true });
    const plain = await start({ NO_COLOR: '1' });
    await plain.type('SELECT 1');
    const text = await plain.waitFor(/SELECT 1/, 'the input', undefined, { escapes: true });
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('.read runs a file of statements and commands; .output writes results to a file', async () => {
    writeFileSync(join(dir, 'setup.sql'), `CREATE TABLE t (k INT, v VARCHAR);\nINSERT INTO t VALUES (1, 'a'), (2, 'b');\n.mode csv\n`);
    const shell = await start();
    await shell.enter('.read setup.sql');
    await shell.waitFor(/^INSERT 2$/m, 'the script');
    await shell.enter('.output out.csv');
    await shell.waitFor(/^results go to out\.csv$/m, 'the acknowledgement');
    await shell.enter('SELECT * FROM t;');
    await shell.enter('.output');
    await shell.waitFor(/^results go to the terminal$/m, 'back to the terminal');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('k,v\n1,a\n2,b\n');
  });
});
