import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../kernel/protocol/message.js';
import { FakeKernel } from './fake-kernel.js';

let k: FakeKernel;
beforeEach(async () => (k = await FakeKernel.start()));
afterEach(async () => k.close());

const text = (m: OutgoingMessage): string => (m.content.data as Record<string, string>)['text/plain']!;
const displayId = (m: OutgoingMessage): string => (m.content.transient as { display_id: string }).display_id;

describe('live displays', () => {
  it('a continuous query replies at once, then updates its display as rows arrive, and shows the final result when its input ends', async () => {
    await k.execute('CREATE SOURCE clicks (user_id INT, url VARCHAR);');
    const cell = await k.execute('SELECT user_id, count(*) AS n FROM clicks GROUP BY user_id;');
    expect(cell.reply.status).toBe('ok');
    const [display] = cell.iopub('display_data');
    const id = displayId(display!);
    expect(text(display!)).toMatch(/^user_id INT │ n BIGINT\n.*\n\(0 rows\)\nq\d+ · running · 0 rows · 0 events\/s/);
    const parent = display!.parent!.header.msg_id;

    await k.session.push('clicks', [{ user_id: 1, url: '/a' }, { user_id: 1, url: '/b' }, { user_id: 2, url: '/c' }]);
    await k.until(() => k.of(parent).some((m) => m.msgType === 'update_display_data' && text(m).includes('(2 rows)')));
    await k.session.end('clicks');
    await k.until(() => k.of(parent).some((m) => m.msgType === 'update_display_data' && text(m).includes('finished')));
    const updates = k.of(parent).filter((m) => m.msgType === 'update_display_data');
    expect(updates.every((m) => displayId(m) === id)).toBe(true);
    const final = updates[updates.length - 1]!;
    expect(text(final)).toMatch(/│ +2\n.*│ +1\n\(2 rows\)\nq\d+ · finished · 2 rows/s);
    expect(text(final)).not.toContain('%stop');
    // The final update carries the whole result as Arrow.
    expect(typeof (final.content.data as Record<string, unknown>)['application/vnd.apache.arrow.stream']).toBe('string');
  });

  it('%stop ID stops a display; %queries lists it while it runs', async () => {
    await k.execute("CREATE SOURCE seq FROM GENERATOR (kind = 'sequence');");
    const cell = await k.execute('SELECT key, count(*) AS n FROM seq GROUP BY key;');
    const id = /(q\d+) · running/.exec(text(cell.iopub('display_data')[0]!))![1]!;
    const queries = await k.execute('%queries');
    expect(text(queries.iopub('display_data')[0]!)).toMatch(new RegExp(`${id} +│ select +│ select +│ live table`));
    const stop = await k.execute(`%stop ${id}`);
    expect(stop.stream('stdout')).toBe(`stopped ${id}\n`);
    const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
    const updates = k.of(parent).filter((m) => m.msgType === 'update_display_data');
    expect(text(updates[updates.length - 1]!)).toContain(`${id} · stopped`);
    expect((await k.execute(`%stop ${id}`)).reply).toMatchObject({ status: 'error', ename: 'UNKNOWN_OBJECT' });
  });

  it('DROP of its input stops a display', async () => {
    await k.execute('CREATE SOURCE s (x INT);');
    const cell = await k.execute('SELECT x FROM s;');
    const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
    await k.execute('DROP SOURCE s;');
    await k.until(() => k.of(parent).some((m) => m.msgType === 'update_display_data' && / · stopped · /.test(text(m))));
  });

  it('an interrupt stops every live display and replies at once', async () => {
    await k.execute("CREATE SOURCE seq FROM GENERATOR (kind = 'sequence');");
    const a = await k.execute('SELECT key FROM seq;');
    const b = await k.execute('SELECT key, count(*) AS n FROM seq GROUP BY key;');
    const started = Date.now();
    const sent = await k.request('interrupt_request', {}, 'control');
    expect(sent.reply).toEqual({ status: 'ok' });
    expect(Date.now() - started).toBeLessThan(1000);
    for (const cell of [a, b]) {
      const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
      await k.until(() => k.of(parent).some((m) => m.msgType === 'update_display_data' && text(m).includes(' · stopped · ')));
    }
    expect(k.handler.state.displays.list()).toEqual([]);
  });

  it('an interrupt cancels a running complete query: the cell fails with QUERY_CANCELLED and queued cells are aborted', async () => {
    await k.execute("CREATE SOURCE big FROM GENERATOR (kind = 'sequence', events = 500000000);");
    const long = k.message('execute_request', { code: 'SELECT key, sum(value) FROM big GROUP BY key;' });
    const next = k.message('execute_request', { code: 'SELECT 1;' });
    k.handler.handle('shell', long);
    k.handler.handle('shell', next);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await k.request('interrupt_request', {}, 'control');
    await k.handler.idle();
    expect(Date.now() - started).toBeLessThan(2000);
    const reply = (id: string) => k.of(id).find((m) => m.channel === 'shell')!.content;
    expect(reply(long.header.msg_id)).toMatchObject({ status: 'error', ename: 'QUERY_CANCELLED' });
    expect(reply(next.header.msg_id).status).toBe('aborted');
  });

  it('coalesces updates to the configured rate, and skips them while iopub is backed up', async () => {
    await k.execute('%config update_rate=5');
    await k.execute("CREATE SOURCE seq FROM GENERATOR (kind = 'sequence');");
    const cell = await k.execute('SELECT key, count(*) AS n FROM seq GROUP BY key;');
    const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
    const count = () => k.of(parent).filter((m) => m.msgType === 'update_display_data').length;
    const before = count();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const inTwoSeconds = count() - before;
    // Never above the rate (5/s); below it only when the machine is slow (npm run bench
    // measures the rate kept). Updates flow meanwhile.
    expect(inTwoSeconds).toBeLessThanOrEqual(11);
    expect(inTwoSeconds).toBeGreaterThanOrEqual(2);
    k.iopubBacklog = 1000;
    const blocked = count();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(count()).toBe(blocked);
    k.iopubBacklog = 0;
    await k.execute('%stop all');
  });

  it('an append-only live display shows the latest max_rows rows', async () => {
    await k.execute('%config max_rows=3');
    await k.execute('CREATE SOURCE s (x INT);');
    const cell = await k.execute('SELECT x FROM s;');
    const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
    await k.session.push('s', [[1], [2], [3], [4], [5]]);
    await k.session.end('s');
    await k.until(() => k.of(parent).some((m) => m.msgType === 'update_display_data' && text(m).includes('finished')));
    const final = k.of(parent).filter((m) => m.msgType === 'update_display_data').pop()!;
    expect(text(final)).toMatch(/^x INT\n─+\n +3\n +4\n +5\n\(3 rows\)\nq\d+ · finished · 5 rows \(latest 3 shown\)/);
  });

  it('draws a live chart: Vega-Lite v5, an SVG fallback and text, never HTML', async () => {
    await k.execute('CREATE SOURCE s (t TIMESTAMP, v DOUBLE, k VARCHAR);');
    const cell = await k.execute('%chart line x=t y=v color=k\nSELECT t, v, k FROM s;');
    expect(cell.reply.status).toBe('ok');
    const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
    await k.session.push('s', [{ t: new Date('2024-01-01T00:00:00Z'), v: 1, k: 'a' }, { t: new Date('2024-01-01T00:00:01Z'), v: 2, k: 'a' }]);
    await k.session.end('s');
    await k.until(() => k.of(parent).some((m) => m.msgType === 'update_display_data' && text(m).includes('finished')));
    const final = k.of(parent).filter((m) => m.msgType === 'update_display_data').pop()!;
    const data = final.content.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
    const spec = data['application/vnd.vegalite.v5+json'] as { data: { values: unknown[] }; mark: { type: string } };
    expect(spec.data.values).toEqual([{ t: 1704067200000, v: 1, k: 'a' }, { t: 1704067201000, v: 2, k: 'a' }]);
    expect(spec.mark.type).toBe('line');
    expect(data['image/svg+xml']).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it('refuses a chart of a column the query does not have, and stops that query', async () => {
    await k.execute('CREATE SOURCE s (x INT);');
    const cell = await k.execute('%chart bar x=x y=nope\nSELECT x FROM s;');
    expect(cell.reply).toMatchObject({ status: 'error', ename: 'UNKNOWN_COLUMN' });
    expect(k.session.queries().filter((q) => q.status === 'running')).toEqual([]);
  });
});

describe('a live query that fails', () => {
  it('shows failed with the error in its final update, and the kernel carries on', async () => {
    const k2 = await FakeKernel.start();
    try {
      await k2.execute('CREATE SOURCE s (x INT);');
      const cell = await k2.execute('SELECT x * 2147483647 AS big FROM s;');
      const parent = cell.iopub('display_data')[0]!.parent!.header.msg_id;
      await k2.session.push('s', [[2]]).catch(() => undefined);
      await k2.until(() => k2.of(parent).some((m) => m.msgType === 'update_display_data' && text(m).includes(' · failed · ')));
      const final = k2.of(parent).filter((m) => m.msgType === 'update_display_data').pop()!;
      expect(text(final)).toContain('NUMERIC_OVERFLOW');
      expect((await k2.execute('SELECT 1 AS ok;')).reply.status).toBe('ok');
    } finally {
      await k2.close();
    }
  });
});
