import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { viewRows } from '../durable/view-rows.js';
import { FakeKernel } from './fake-kernel.js';

let k: FakeKernel;
beforeEach(async () => (k = await FakeKernel.start()));
afterEach(async () => k.close());

describe('kernel protocol handler (no sockets)', () => {
  it('wraps every request in busy and idle, with the request as parent, reply in between', async () => {
    const sent = await k.request('kernel_info_request');
    expect(sent.all.map((m) => `${m.channel}:${m.msgType}:${typeof m.content.execution_state === 'string' ? m.content.execution_state : ''}`)).toEqual(['iopub:status:busy', 'shell:kernel_info_reply:', 'iopub:status:idle']);
    expect(sent.reply).toMatchObject({ status: 'ok', protocol_version: '5.3', implementation: 'laminardb', language_info: { name: 'sql', file_extension: '.sql', mimetype: 'text/x-sql', codemirror_mode: 'sql' } });
    expect((sent.reply.help_links as unknown[]).length).toBeGreaterThan(0);
    expect(sent.reply.banner).toMatch(/LaminarDB/);
  });

  it('publishes starting once', () => {
    k.handler.starting();
    expect(k.sent.map((m) => m.content.execution_state)).toEqual(['starting']);
  });

  it('executes a cell: execute_input, acknowledgements on stdout, the last result as execute_result', async () => {
    const sent = await k.execute("CREATE SOURCE s (x INT);\nINSERT INTO s VALUES (1), (2);\nSELECT 41 + 1 AS answer;");
    expect(sent.reply).toMatchObject({ status: 'ok', execution_count: 1, payload: [], user_expressions: {} });
    expect(sent.iopub('execute_input')[0]!.content).toEqual({ code: "CREATE SOURCE s (x INT);\nINSERT INTO s VALUES (1), (2);\nSELECT 41 + 1 AS answer;", execution_count: 1 });
    expect(sent.stream('stdout')).toBe('CREATE SOURCE s\nINSERT 2\n');
    const data = sent.data('execute_result');
    expect(data['text/plain']).toBe('answer INT\n──────────\n        42\n(1 row)');
    expect(data['text/html']).toContain('<th style="text-align:right">answer<br><span style="font-weight:normal;opacity:0.6">INT</span></th>');
    expect(typeof data['application/vnd.apache.arrow.stream']).toBe('string');
    expect(sent.iopub('execute_result')[0]!.content.execution_count).toBe(1);
  });

  it('shows earlier results of a cell as display_data', async () => {
    const sent = await k.execute('SELECT 1 AS a;\nSELECT 2 AS b;');
    expect(sent.data('display_data')['text/plain']).toContain('a INT');
    expect(sent.data('execute_result')['text/plain']).toContain('b INT');
  });

  it('counts executions only with store_history, and silent sends nothing on iopub but status', async () => {
    await k.execute('SELECT 1;');
    const silent = await k.execute('SELECT 2;', { silent: true });
    expect(silent.reply.execution_count).toBe(1);
    expect(silent.iopub().map((m) => m.msgType)).toEqual(['status', 'status']);
    const unstored = await k.execute('SELECT 3;', { store_history: false });
    expect(unstored.reply.execution_count).toBe(1);
    expect((await k.execute('SELECT 4;')).reply.execution_count).toBe(2);
  });

  it('replies to an engine error with its code, message and a caret traceback, and keeps going', async () => {
    const sent = await k.execute('SELECT 1;\nSELECT nope FROM nowhere;');
    expect(sent.reply).toMatchObject({ status: 'error', ename: 'UNKNOWN_OBJECT', evalue: "no source, table, stream or view named 'nowhere'" });
    expect(sent.reply.traceback).toEqual([
      "UNKNOWN_OBJECT: no source, table, stream or view named 'nowhere'",
      '  at line 2, column 18',
      '  2 | SELECT nope FROM nowhere;',
      '    |                  ^^^^^^^',
      '  hint: SHOW SOURCES lists what exists',
    ]);
    expect(sent.iopub('error')[0]!.content).toMatchObject({ ename: 'UNKNOWN_OBJECT' });
    // A syntax error anywhere in the cell runs nothing.
    expect(sent.iopub('execute_result')).toEqual([]);
    expect((await k.execute('SELECT 5 AS five;')).reply.status).toBe('ok');
  });

  it('keeps error positions of the cell when magics come first', async () => {
    const sent = await k.execute('%print hi\nSELECT nope;');
    expect(sent.reply.traceback).toContain('  at line 2, column 8');
  });

  it('aborts queued executes after an error with stop_on_error, not without', async () => {
    const a = k.message('execute_request', { code: 'SELECT nope;', stop_on_error: true });
    const b = k.message('execute_request', { code: 'SELECT 1;' });
    const c = k.message('complete_request', { code: 'SEL', cursor_pos: 3 });
    for (const m of [a, b, c]) k.handler.handle('shell', m);
    await k.handler.idle();
    const reply = (id: string) => k.of(id).find((m) => m.channel === 'shell')!.content;
    expect(reply(a.header.msg_id).status).toBe('error');
    expect(reply(b.header.msg_id).status).toBe('aborted');
    expect(reply(c.header.msg_id).status).toBe('ok');
    // Later requests run again.
    expect((await k.execute('SELECT 1;')).reply.status).toBe('ok');

    const d = k.message('execute_request', { code: 'SELECT nope;', stop_on_error: false });
    const e = k.message('execute_request', { code: 'SELECT 1;' });
    k.handler.handle('shell', d);
    k.handler.handle('shell', e);
    await k.handler.idle();
    expect(reply(e.header.msg_id).status).toBe('ok');
  });

  it('answers malformed content with an error reply and ignores unknown types', async () => {
    const bad = await k.request('execute_request', { code: 42 });
    expect(bad.replyType).toBe('execute_reply');
    expect(bad.reply).toMatchObject({ status: 'error', ename: 'ProtocolError' });
    const unknown = await k.request('frobnicate_request', {});
    expect(unknown.all.map((m) => m.msgType)).toEqual(['status', 'status']);
    expect(k.log.lines.some((l) => l.includes("unknown message type 'frobnicate_request'"))).toBe(true);
  });

  it('completes in code points: keywords, functions, objects, columns after name.', async () => {
    await k.execute("CREATE SOURCE trades FROM GENERATOR (kind = 'trades', events = 10);");
    const cols = await k.request('complete_request', { code: "SELECT trades.sy FROM trades", cursor_pos: 16 });
    expect(cols.reply).toMatchObject({ status: 'ok', matches: ['symbol'], cursor_start: 14, cursor_end: 16 });
    // An emoji is one code point but two UTF-16 units.
    const emoji = await k.request('complete_request', { code: "SELECT '😀', upp", cursor_pos: 15 });
    expect(emoji.reply).toMatchObject({ matches: ['upper'], cursor_start: 12, cursor_end: 15 });
    const objects = await k.request('complete_request', { code: 'SELECT * FROM tr', cursor_pos: 16 });
    expect(objects.reply.matches).toEqual(['trades']);
    const magic = await k.request('complete_request', { code: '%qu', cursor_pos: 3 });
    expect(magic.reply).toMatchObject({ matches: ['%queries'], cursor_start: 0, cursor_end: 3 });
    const setting = await k.request('complete_request', { code: '%config upd', cursor_pos: 11 });
    expect(setting.reply).toMatchObject({ matches: ['update_rate='], cursor_start: 8 });
  });

  it('inspects the object under the cursor: schema, rows, its query', async () => {
    await k.execute("CREATE SOURCE trades FROM GENERATOR (kind = 'trades', events = 10);\nCREATE MATERIALIZED VIEW n AS SELECT symbol, count(*) AS c FROM trades GROUP BY symbol;");
    const sent = await k.request('inspect_request', { code: 'SELECT * FROM trades', cursor_pos: 16, detail_level: 0 });
    expect(sent.reply.found).toBe(true);
    const text = (sent.reply.data as Record<string, string>)['text/plain']!;
    expect(text).toMatch(/^trades: source \(generator trades/);
    expect(text).toContain('  symbol  VARCHAR NOT NULL');
    const view = await k.request('inspect_request', { code: 'n', cursor_pos: 1, detail_level: 1 });
    const viewText = (view.reply.data as Record<string, string>)['text/plain']!;
    expect(viewText).toMatch(/query q\d+: (running|finished) · \d+ rows in/);
    expect(viewText).toContain('CREATE MATERIALIZED VIEW n AS');
    const none = await k.request('inspect_request', { code: 'zzz', cursor_pos: 3 });
    expect(none.reply).toEqual({ status: 'ok', found: false, data: {}, metadata: {} });
  });

  it('is_complete: terminated statements, open brackets and quotes, magics', async () => {
    const status = async (code: string) => (await k.request('is_complete_request', { code })).reply;
    expect(await status('SELECT 1;')).toEqual({ status: 'complete' });
    expect(await status('SELECT 1')).toEqual({ status: 'incomplete', indent: '' });
    expect(await status('SELECT (1,\n')).toEqual({ status: 'incomplete', indent: '  ' });
    expect(await status("SELECT 'abc")).toMatchObject({ status: 'incomplete' });
    expect(await status('SELECT 1);')).toEqual({ status: 'invalid' });
    expect(await status('%queries')).toEqual({ status: 'complete' });
    expect(await status('%chart bar x=a y=b\nSELECT a, b FROM t')).toMatchObject({ status: 'incomplete' });
  });

  it('history: tail, range and search, with outputs', async () => {
    await k.execute('SELECT 1 AS one;');
    await k.execute('SELECT 2 AS two;');
    await k.execute('SELECT 2 AS two;');
    await k.execute('SELECT 3;', { store_history: false });
    const tail = await k.request('history_request', { hist_access_type: 'tail', n: 2, output: false, raw: true });
    expect(tail.reply.history).toEqual([[1, 2, 'SELECT 2 AS two;'], [1, 3, 'SELECT 2 AS two;']]);
    const withOutput = await k.request('history_request', { hist_access_type: 'tail', n: 1, output: true, raw: true });
    expect(withOutput.reply.history).toEqual([[1, 3, ['SELECT 2 AS two;', 'two INT\n───────\n      2\n(1 row)']]]);
    const range = await k.request('history_request', { hist_access_type: 'range', session: 0, start: 1, stop: 2, output: false, raw: true });
    expect(range.reply.history).toEqual([[1, 1, 'SELECT 1 AS one;']]);
    const search = await k.request('history_request', { hist_access_type: 'search', pattern: 'SELECT 2*', unique: true, output: false, raw: true });
    expect(search.reply.history).toEqual([[1, 3, 'SELECT 2 AS two;']]);
  });

  it('comm_info lists no comms; shutdown replies on control and iopub, then asks to stop', async () => {
    expect((await k.request('comm_info_request', {})).reply).toEqual({ status: 'ok', comms: {} });
    const sent = await k.request('shutdown_request', { restart: true }, 'control');
    expect(sent.all.filter((m) => m.msgType === 'shutdown_reply').map((m) => m.channel)).toEqual(['control', 'iopub']);
    expect(sent.reply).toEqual({ status: 'ok', restart: true });
    expect(k.shutdownRequested).toBe(true);
  });

  it('pages help for name? and ?%magic', async () => {
    const sent = await k.execute('?%chart');
    const payload = sent.reply.payload as { source: string; data: Record<string, string> }[];
    expect(payload[0]!.source).toBe('page');
    expect(payload[0]!.data['text/plain']).toMatch(/^%chart line\|bar\|area\|point x=COLUMN y=COLUMN/);
    expect((await k.execute('nothing_here?')).reply).toMatchObject({ status: 'error', ename: 'UNKNOWN_OBJECT' });
  });
});

describe('Arrow data of results', () => {
  it('holds typed rows, at most arrow_rows of them, with the counts in the metadata', async () => {
    const { tableFromIPC } = await import('apache-arrow');
    const k3 = await FakeKernel.start();
    try {
      await k3.execute('%config arrow_rows=2 max_rows=1');
      const sent = await k3.execute("SELECT 1 AS n, 'a' AS s UNION ALL SELECT 2, 'b' UNION ALL SELECT 3, NULL;");
      const result = sent.iopub('execute_result')[0]!;
      expect(result.content.metadata).toEqual({ 'application/vnd.apache.arrow.stream': { rows: 2, total_rows: 3 } });
      const data = result.content.data as Record<string, string>;
      const table = tableFromIPC(Buffer.from(data['application/vnd.apache.arrow.stream']!, 'base64'));
      expect(table.numRows).toBe(2);
      expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['n:Int32', 's:Dictionary<Int32, Utf8>']);
      expect([...table.getChild('n')!].map(Number)).toEqual([1, 2]);
      expect([...table.getChild('s')!]).toEqual(['a', 'b']);
      expect(data['text/plain']).toBe('n INT │ s VARCHAR\n──────┼──────────\n    1 │ a\n… 2 more rows\n(3 rows)');
    } finally {
      await k3.close();
    }
  });
});

describe('magics', () => {
  it('%config shows and changes settings; %lsmagic and %help list the magics; an unknown magic is an error', async () => {
    const k4 = await FakeKernel.start();
    try {
      const shown = await k4.execute('%config');
      expect((shown.data('display_data')['text/plain'] as string).split('\n').slice(0, 3)).toEqual([
        'setting VARCHAR │ value VARCHAR │ meaning VARCHAR',
        expect.stringMatching(/^─{16}┼─{15}┼─+$/),
        'update_rate     │ 10            │ updates per second of each live display (0.1 to 50; default 10)',
      ]);
      expect((await k4.execute('%config update_rate=2.5 max_rows 5')).stream('stdout')).toBe('update_rate = 2.5\nmax_rows = 5\n');
      expect(k4.handler.state.settings).toMatchObject({ updateRate: 2.5, maxRows: 5 });
      expect((await k4.execute('%config colour=4')).reply).toMatchObject({ status: 'error', ename: 'INVALID_OPTION', evalue: "unknown setting 'colour'" });
      // The session's worker threads change while no query runs; not while one does.
      expect((await k4.execute('%config workers=3')).stream('stdout')).toBe('workers = 3\n');
      expect(k4.handler.state.session.workers).toBe(3);
      expect((await k4.execute('%config workers=0')).reply).toMatchObject({ status: 'error', ename: 'INVALID_OPTION', evalue: "workers must be a whole number from 1 to 256, not '0'" });
      await k4.execute("CREATE SOURCE live FROM GENERATOR (kind = 'sequence', rate = 100); SELECT key, count(*) FROM live GROUP BY key;");
      expect((await k4.execute('%config workers=1')).reply).toMatchObject({ status: 'error', ename: 'INVALID_OPTION', evalue: expect.stringMatching(/^workers can change only while no query runs \(1 running/) });
      expect(k4.handler.state.session.workers).toBe(3);
      await k4.execute('%stop all');
      expect((await k4.execute('%config workers=1')).stream('stdout')).toBe('workers = 1\n');
      const ls = (await k4.execute('%lsmagic')).stream('stdout');
      for (const m of ['%help', '%lsmagic', '%queries', '%stop', '%chart', '%config', '%print', '%clear']) expect(ls).toContain(m);
      const help = await k4.execute('%help');
      expect(help.data('display_data')['text/markdown']).toMatch(/^## LaminarDB kernel/);
      expect((await k4.execute('%help %stop')).stream('stdout')).toMatch(/^%stop ID\|NAME\|all\n\nStops the live query/);
      expect((await k4.execute('%frobnicate')).reply).toMatchObject({ status: 'error', ename: 'UNSUPPORTED', evalue: 'unknown magic %frobnicate' });
      expect((await k4.execute('%print --stderr careful')).stream('stderr')).toBe('careful\n');
      expect((await k4.execute('%chart bar x=a y=b')).reply).toMatchObject({ status: 'error', evalue: '%chart: no query follows it in the cell' });
      expect((await k4.execute('%queries')).stream('stdout')).toBe('no running queries\n');
      expect((await k4.execute('%print a\n%clear')).iopub('clear_output')[0]!.content).toEqual({ wait: false });
    } finally {
      await k4.close();
    }
  });

  it('%session makes the session durable, reopens it as a restart would, and moves to another directory', async () => {
    const k5 = await FakeKernel.start();
    const named = await mkdtemp(join(tmpdir(), 'laminar-kernel-session-'));
    try {
      expect((await k5.execute('%session')).stream('stdout')).toBe('session in memory (%session DIR or %session --temp makes it durable)\n');
      expect((await k5.execute('%session --reopen')).reply).toMatchObject({ status: 'error', ename: 'NOT_DURABLE', evalue: "the kernel's session has no directory to reopen" });
      expect((await k5.execute('%session --temp')).stream('stdout')).toBe('durable session in a temporary directory: new\n');
      const temporary = k5.handler.state.temporaryDir!;
      expect(existsSync(join(temporary, 'wal.log'))).toBe(true);
      await k5.execute('CREATE SOURCE IF NOT EXISTS p (k VARCHAR, v INT); CREATE MATERIALIZED VIEW IF NOT EXISTS totals AS SELECT k, sum(v) AS s FROM p GROUP BY k;');
      await k5.execute("INSERT INTO p VALUES ('x', 1), ('y', 2);");
      expect((await k5.execute('%checkpoint')).stream('stdout')).toMatch(/^checkpoint 00000001: \d+ bytes, queries held [\d.]+ ms\n$/);
      await k5.execute("INSERT INTO p VALUES ('x', 10);");
      // Closing takes checkpoint 2; reopening resumes from it (and replays the log's statements).
      expect((await k5.execute('%session --reopen')).stream('stdout')).toBe('durable session in a temporary directory: resumed from checkpoint 00000002, 4 log records replayed\n');
      const cells = 'CREATE SOURCE IF NOT EXISTS p (k VARCHAR, v INT); CREATE MATERIALIZED VIEW IF NOT EXISTS totals AS SELECT k, sum(v) AS s FROM p GROUP BY k;';
      expect((await k5.execute(cells)).reply).toMatchObject({ status: 'ok' });
      await k5.execute("INSERT INTO p VALUES ('y', 20);");
      expect(await viewRows(k5.handler.state.session, 'totals')).toEqual([['x', 11], ['y', 22]]);
      expect((await k5.execute(`%session ${named}`)).stream('stdout')).toBe(`durable session in '${named}': new\n`);
      expect(existsSync(temporary)).toBe(false);
      expect(k5.handler.state.session.inspect('totals')).toBeNull();
      expect((await k5.execute('%session --fresh')).reply).toMatchObject({ status: 'error', ename: 'INVALID_OPTION', evalue: 'unknown option --fresh' });
      expect((await k5.execute('%session a b')).reply).toMatchObject({ status: 'error', ename: 'INVALID_OPTION' });
    } finally {
      await k5.close();
    }
    // A named directory stays; reopened, it is what the kernel left.
    expect(existsSync(join(named, 'wal.log'))).toBe(true);
  });
});
