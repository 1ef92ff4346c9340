import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaminarError } from '../../engine/index.js';
import { colourLevel, makeTheme } from '../../repl/colour.js';
import { completeInput } from '../../repl/completer.js';
import { errorText } from '../../repl/errors.js';
import { highlightSql, linesJoinable } from '../../repl/highlight.js';
import { HistoryFile, historyEntries, historyPath, HISTORY_SIZE } from '../../repl/history.js';
import { InputAssembler, parseCommand, sqlReadiness } from '../../repl/input.js';
import { eventTimeMetrics } from '../../repl/metrics-text.js';
import { clipLine, FrameWriter, stripEscapes } from '../../repl/screen.js';

const tty = { isTTY: true, getColorDepth: () => 8 };

describe('colour conventions', () => {
  it('FORCE_COLOR wins, then NO_COLOR, then no colour off a terminal or on TERM=dumb', () => {
    expect(colourLevel({}, tty)).toBe(2);
    expect(colourLevel({ NO_COLOR: '1' }, tty)).toBe(0);
    expect(colourLevel({ NO_COLOR: '' }, tty)).toBe(2);
    expect(colourLevel({}, { isTTY: false })).toBe(0);
    expect(colourLevel({ TERM: 'dumb' }, tty)).toBe(0);
    expect(colourLevel({ FORCE_COLOR: '1', NO_COLOR: '1' }, { isTTY: false })).toBe(1);
    expect(colourLevel({ FORCE_COLOR: '3' }, { isTTY: false })).toBe(3);
    expect(colourLevel({ FORCE_COLOR: '0' }, tty)).toBe(0);
    expect(colourLevel({ FORCE_COLOR: '' }, { isTTY: false })).toBe(1);
  });
});

describe('SQL colouring', () => {
  const theme = makeTheme(1);
  const tag = (s: string): string => s.replace(/\x1b\[(\d+)m/g, (_, code: string) => `<${code}>`);

  it('colours keywords, strings, numbers, comments, quoted names and calls; leaves names alone', () => {
    expect(tag(highlightSql(`SELECT count(*), "Mixed", x FROM t WHERE s = 'it''s' AND n > 1.5e3 -- note`, theme))).toBe(
      `<34><1>SELECT<22><39> <36>count<39>(*), <35>"Mixed"<39>, x <34><1>FROM<22><39> t <34><1>WHERE<22><39> s = <32>'it''s'<39> <34><1>AND<22><39> n > <33>1.5e3<39> <90>-- note<39>`,
    );
  });

  it('colours a line from an offset, knowing it starts inside a string or comment', () => {
    expect(tag(highlightSql(`SELECT 'first line\nstill the string' AS s`, theme, 19))).toBe(`<32>still the string'<39> <34><1>AS<22><39> s`);
    expect(tag(highlightSql(`/* a\nb */ SELECT`, theme, 5))).toBe(`<90>b */<39> <34><1>SELECT<22><39>`);
    expect(highlightSql('SELECT 1', makeTheme(0))).toBe('SELECT 1');
  });

  it('tells whether lines can be joined without changing the statement', () => {
    expect(linesJoinable('SELECT a,\n  b\nFROM t;')).toBe(true);
    expect(linesJoinable('SELECT a -- first\n, b;')).toBe(false);
    expect(linesJoinable("SELECT 'two\nlines';")).toBe(false);
  });
});

describe('history', () => {
  it('keeps a statement typed over lines as one entry, unless joining would change it', () => {
    expect(historyEntries("SELECT 'remember'\n  AS me;")).toEqual(["SELECT 'remember' AS me;"]);
    expect(historyEntries('SELECT 1 -- one\n, 2;')).toEqual(['SELECT 1 -- one', ', 2;']);
    expect(historyEntries('.mode csv')).toEqual(['.mode csv']);
  });

  it('is a file of one entry per line, oldest first; LAMINAR_HISTORY picks it, empty turns it off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'laminar-history-'));
    try {
      const path = join(dir, 'h');
      expect(historyPath({ LAMINAR_HISTORY: path })).toBe(path);
      expect(historyPath({ LAMINAR_HISTORY: '' })).toBeNull();
      expect(historyPath({})).toMatch(/\.laminar_history$/);
      const file = new HistoryFile(path);
      file.add('SELECT 1;');
      file.add('.mode csv');
      expect(readFileSync(path, 'utf8')).toBe('SELECT 1;\n.mode csv\n');
      expect(file.load()).toEqual(['.mode csv', 'SELECT 1;']);
      writeFileSync(path, Array.from({ length: 2 * HISTORY_SIZE + 5 }, (_, i) => `SELECT ${i};`).join('\n') + '\n');
      const loaded = file.load();
      expect(loaded).toHaveLength(HISTORY_SIZE);
      expect(loaded[0]).toBe(`SELECT ${2 * HISTORY_SIZE + 4};`);
      expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(HISTORY_SIZE);
      expect(new HistoryFile(join(dir, 'missing', 'h')).load()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('input', () => {
  it('splits a script into statements and dot commands as the shell would run them', () => {
    const input = new InputAssembler();
    const units = ['SELECT 1', 'AS one;', '.mode csv', '', 'SELECT 2; SELECT', '3;', '.5 + 1 AS x', ';', 'SELECT 4'].map((l) => input.push(l));
    expect(units).toEqual([
      null,
      { kind: 'sql', text: 'SELECT 1\nAS one;' },
      { kind: 'command', name: 'mode', arg: 'csv' },
      null,
      null,
      { kind: 'sql', text: 'SELECT 2; SELECT\n3;' },
      // A number, not a command.
      null,
      { kind: 'sql', text: '.5 + 1 AS x\n;' },
      null,
    ]);
    expect(input.finish()).toEqual({ kind: 'sql', text: 'SELECT 4' });
    expect(parseCommand('.describe  trades ')).toEqual({ name: 'describe', arg: 'trades' });
    expect(parseCommand('.5 + 1')).toBeNull();
    expect(sqlReadiness('SELECT (1;')).toBe('more');
    expect(sqlReadiness('SELECT 1);')).toBe('run-now');
    expect(sqlReadiness("SELECT 'open")).toBe('more');
  });
});

describe('completion of dot commands', () => {
  const sql = (text: string, cursor: number) => ({ matches: text.startsWith('DESCRIBE ') ? ['trades'] : ['volume'], start: cursor - 1, end: cursor });

  it('completes command names, modes, on/off and object names', async () => {
    expect(await completeInput('', '.mo', 3, sql)).toEqual({ matches: ['.mode'], start: 0 });
    expect(await completeInput('', '.mode c', 7, sql)).toEqual({ matches: ['changelog', 'csv', 'chart'], start: 6 });
    expect(await completeInput('', '.timer o', 8, sql)).toEqual({ matches: ['on', 'off'], start: 7 });
    expect(await completeInput('', '.describe t', 11, sql)).toEqual({ matches: ['trades'], start: 10 });
    // SQL: the statement so far is the lines entered plus this one.
    expect(await completeInput('SELECT *\n', 'WHERE v', 7, sql)).toEqual({ matches: ['volume'], start: 6 });
  });
});

describe('screen', () => {
  it('clips lines to the terminal width, keeping colour escapes and resetting after a cut', () => {
    expect(clipLine('short', 10)).toBe('short');
    expect(clipLine('\x1b[1mhello world\x1b[22m', 6)).toBe('\x1b[1mhello\x1b[0m…');
    expect(stripEscapes(clipLine('漢字漢字', 5))).toBe('漢字…');
  });

  it('redraws a frame in place: up over the last frame, each line rewritten, the rest erased', () => {
    let out = '';
    const frames = new FrameWriter({ write: (t) => (out += t), columns: 20, rows: 4 });
    frames.draw(['a', 'b']);
    expect(out).toBe('\r\x1b[2Ka\n\x1b[2Kb\n\x1b[J');
    out = '';
    frames.draw(['c', 'd', 'e', 'f', 'g']);
    // Cut to the height less one line, so that it never scrolls.
    expect(out).toBe('\r\x1b[2A\x1b[2Kc\n\x1b[2Kd\n\x1b[2Ke\n\x1b[J');
  });
});

describe('errors and metrics', () => {
  it('prints a LaminarError as the engine formats it, code and caret in colour', () => {
    const e = new LaminarError('UNKNOWN_COLUMN', "column 'x' does not exist", { location: { kind: 'sql', source: 'SELECT x', start: 7, end: 8 } });
    expect(errorText(e, makeTheme(0))).toBe(e.format());
    const coloured = errorText(e, makeTheme(1));
    expect(stripEscapes(coloured)).toBe(e.format());
    expect(coloured).toMatch(/^\x1b\[31m\x1b\[1mUNKNOWN_COLUMN/);
    expect(errorText(new TypeError('boom'), makeTheme(0))).toBe('internal error: this is a bug in LaminarDB; please report it with the input that caused it\n  TypeError: boom');
  });

  it('reads watermark and late rows when the engine reports them', () => {
    const base = { rowsIn: 1, rowsOut: 1, eventsPerSecond: 1, stateKeys: 0, startedAt: new Date(), finishedAt: null, errors: 0, workers: [] };
    expect(eventTimeMetrics(base as never)).toEqual({ watermark: undefined, lateRows: undefined });
    expect(eventTimeMetrics({ ...base, watermark: null, lateRows: 3 })).toEqual({ watermark: null, lateRows: 3 });
    expect(eventTimeMetrics({ ...base, watermark: 1_000_000 } as never)).toEqual({ watermark: 1_000_000, lateRows: undefined });
  });
});
