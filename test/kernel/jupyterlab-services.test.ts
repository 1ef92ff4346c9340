import { KernelManager, ServerConnection, type Kernel, type KernelMessage } from '@jupyterlab/services';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, type JupyterEnv } from './jupyter-env.js';
import { startJupyterServer, type JupyterServer } from './jupyter-server.js';

/**
 * JupyterLab's own client library (@jupyterlab/services) talking to the kernel through a
 * real Jupyter server over its REST and WebSocket APIs, as JupyterLab does.
 */
let jupyter: JupyterEnv;
let server: JupyterServer;
let manager: KernelManager;
let kernel: Kernel.IKernelConnection;

beforeAll(async () => {
  jupyter = await jupyterEnv();
  server = await startJupyterServer(jupyter);
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: `${server.url}/`,
    wsUrl: server.url.replace(/^http/, 'ws') + '/',
    token: server.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  manager = new KernelManager({ serverSettings });
  await manager.ready;
}, 120_000);

afterAll(async () => {
  manager?.dispose();
  await server?.stop();
  expect(jupyter.strayKernels()).toEqual([]);
  jupyter.cleanup();
}, 60_000);

/** Runs code; collects its iopub messages until the reply. */
async function execute(code: string, onIOPub?: (msg: KernelMessage.IIOPubMessage) => void): Promise<{ reply: KernelMessage.IExecuteReplyMsg; iopub: KernelMessage.IIOPubMessage[] }> {
  const iopub: KernelMessage.IIOPubMessage[] = [];
  const future = kernel.requestExecute({ code }, false);
  future.onIOPub = (msg) => {
    iopub.push(msg);
    onIOPub?.(msg);
  };
  const reply = (await future.done);
  return { reply, iopub };
}

const plain = (msg: KernelMessage.IIOPubMessage): string => ((msg.content as { data?: Record<string, string> }).data ?? {})['text/plain'] ?? '';

describe('@jupyterlab/services through jupyter server', () => {
  it('lists the kernelspec and starts the kernel', async () => {
    const specs = (await fetch(`${server.url}/api/kernelspecs`, { headers: { Authorization: `token ${server.token}` } }).then((r) => r.json())) as { kernelspecs: Record<string, { spec: { display_name: string; language: string; interrupt_mode: string }; resources: Record<string, string> }> };
    const spec = specs.kernelspecs.laminardb!;
    expect(spec.spec).toMatchObject({ display_name: 'LaminarDB (streaming SQL)', language: 'sql', interrupt_mode: 'message' });
    // The logos of the kernelspec, as JupyterLab's launcher gets them.
    expect(Object.keys(spec.resources).sort()).toEqual(['logo-32x32', 'logo-64x64', 'logo-svg']);
    kernel = await manager.startNew({ name: 'laminardb' });
    const info = await kernel.info;
    expect(info.language_info.name).toBe('sql');
    expect(info.implementation).toBe('laminardb');
  }, 60_000);

  it('executes a cell and gets a typed result', async () => {
    const { reply, iopub } = await execute('SELECT 6 * 7 AS answer;');
    expect(reply.content.status).toBe('ok');
    const result = iopub.find((m) => m.header.msg_type === 'execute_result')!;
    const data = (result.content as { data: Record<string, string> }).data;
    expect(data['text/plain']).toContain('answer INT');
    expect(Object.keys(data).sort()).toEqual(['application/vnd.apache.arrow.stream', 'text/html', 'text/plain']);
    const statuses = iopub.filter((m) => m.header.msg_type === 'status').map((m) => (m.content as { execution_state: string }).execution_state);
    expect(statuses[0]).toBe('busy');
  }, 60_000);

  it('receives live updates of a display after the cell finished, then interrupts them', async () => {
    await execute("CREATE SOURCE ticks FROM GENERATOR (kind = 'trades', rate = 1000);");
    const updates: KernelMessage.IIOPubMessage[] = [];
    const { reply, iopub } = await execute('SELECT symbol, count(*) AS n FROM ticks GROUP BY symbol;', (m) => {
      if (m.header.msg_type === 'update_display_data') updates.push(m);
    });
    expect(reply.content.status).toBe('ok');
    const display = iopub.find((m) => m.header.msg_type === 'display_data')!;
    const displayId = (display.content as { transient: { display_id: string } }).transient.display_id;
    const deadline = Date.now() + 20_000;
    while (updates.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(updates.length).toBeGreaterThanOrEqual(5);
    expect(updates.every((m) => (m.content as { transient: { display_id: string } }).transient.display_id === displayId)).toBe(true);
    expect(plain(updates[updates.length - 1]!)).toMatch(/\(10 rows\)\nq\d+ · running · /);
    await kernel.interrupt();
    while (!updates.some((m) => plain(m).includes(' · stopped · ')) && Date.now() < deadline + 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(plain(updates[updates.length - 1]!)).toContain(' · stopped · ');
  }, 60_000);

  it('interrupts a running query', async () => {
    await execute("CREATE SOURCE big FROM GENERATOR (kind = 'sequence', events = 2000000000);");
    const future = kernel.requestExecute({ code: 'SELECT key, sum(value) FROM big GROUP BY key;' }, false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = Date.now();
    await kernel.interrupt();
    const reply = (await future.done);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(reply.content).toMatchObject({ status: 'error', ename: 'QUERY_CANCELLED' });
    future.dispose();
  }, 60_000);

  it('restarts: a fresh session', async () => {
    await kernel.restart();
    const { reply } = await execute('SELECT * FROM ticks;');
    expect(reply.content).toMatchObject({ status: 'error', ename: 'UNKNOWN_OBJECT' });
    expect(reply.content.execution_count).toBe(1);
  }, 60_000);

  it('shuts down', async () => {
    await kernel.shutdown();
    expect(kernel.status).toBe('dead');
    const running = (await fetch(`${server.url}/api/kernels`, { headers: { Authorization: `token ${server.token}` } }).then((r) => r.json())) as unknown[];
    expect(running).toEqual([]);
  }, 60_000);
});
