import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_JS } from '../cli/cli-process.js';
import { assertBuilt, lastLine, TmuxShell } from './tmux.js';

// `laminar repl --existing`: a terminal attached to a running LaminarDB kernel, beside a real
// Jupyter client (jupyter_client, Debian's python3-jupyter-client) playing the notebook.

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
/** Runs code in the kernel as a notebook would; prints the reply's status and the text outputs. */
const CLIENT = `
import sys
from jupyter_client import BlockingKernelClient
c = BlockingKernelClient(connection_file=sys.argv[1])
c.load_connection_file()
c.start_channels()
c.wait_for_ready(timeout=60)
texts = []
def hook(m):
    data = m['content'].get('data') or {}
    if 'text/plain' in data: texts.append(data['text/plain'])
    if m['header']['msg_type'] == 'error': texts.append('\\n'.join(m['content']['traceback']))
r = c.execute_interactive(sys.argv[2], timeout=60, output_hook=hook)
print(r['content']['status'])
print('\\n'.join(texts))
c.stop_channels()
`;

let dir: string;
let connectionFile: string;
let kernel: ChildProcess;
let shell: TmuxShell | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function notebook(code: string): Promise<string> {
  const { stdout } = await run(PYTHON, ['-c', CLIENT, connectionFile, code], { timeout: 90_000 });
  return stdout;
}

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'laminar-attach-'));
  connectionFile = join(dir, 'runtime', 'kernel-test.json');
  const ports = [];
  for (let i = 0; i < 5; i++) ports.push(await freePort());
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ports;
  await run('mkdir', ['-p', join(dir, 'runtime')]);
  writeFileSync(
    connectionFile,
    JSON.stringify({ shell_port, iopub_port, stdin_port, control_port, hb_port, ip: '127.0.0.1', key: randomBytes(16).toString('hex'), transport: 'tcp', signature_scheme: 'hmac-sha256', kernel_name: 'laminardb' }),
  );
  kernel = spawn(process.execPath, [MAIN_JS, 'kernel', '--connection-file', connectionFile], { stdio: 'ignore' });
});

afterAll(async () => {
  await shell?.kill();
  if (kernel.exitCode === null && kernel.signalCode === null) {
    const exited = new Promise((resolve) => kernel.once('exit', resolve));
    kernel.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('laminar repl --existing', () => {
  it('shares the kernel session with a notebook: views both ways, live views, Ctrl-C stops only its query', async () => {
    expect(await notebook(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 100, keys = 3);
CREATE MATERIALIZED VIEW v AS SELECT key, count(*) AS n FROM g GROUP BY key;`)).toMatch(/^ok\n/);

    // Without a file: the most recent connection file of the runtime directory.
    shell = await TmuxShell.start({ cwd: dir, args: ['repl', '--existing'], env: { JUPYTER_RUNTIME_DIR: join(dir, 'runtime'), LAMINAR_HISTORY: join(dir, 'history') }, width: 110, height: 36 });
    await shell.waitFor((s) => lastLine(s) === 'kernel>', 'the attached prompt');

    await shell.enter('.views');
    await shell.waitFor(/^v +│ finished +│ +3 │ +100 │ CREATE MATERIALIZED VIEW v AS/m, 'the view made in the notebook');
    await shell.enter('SELECT * FROM v ORDER BY key;');
    await shell.waitFor(/^key INT │ n BIGINT\n─+┼─+\n +0 │ +34\n +1 │ +33\n +2 │ +33\n\(3 rows\)\nkernel>$/m, 'its rows');

    // Made in the terminal, seen by the notebook.
    await shell.enter('CREATE TABLE from_terminal (a INT);');
    await shell.waitFor(/^CREATE TABLE from_terminal$/m, 'the acknowledgement');
    expect(await notebook('DESCRIBE from_terminal;')).toMatch(/^ok\ncolumn VARCHAR │ type VARCHAR/);

    // A live display of the kernel, redrawn in place; Ctrl-C stops that query (%stop).
    await shell.enter(`CREATE SOURCE s FROM GENERATOR (kind = 'trades');`);
    await shell.enter('SELECT symbol, count(*) AS n FROM s GROUP BY symbol;');
    const live = await shell.waitFor(/^q\d+ · running · 10 rows · .*· %stop q\d+$/m, 'the live display');
    const id = /^(q\d+) · running/m.exec(live)![1]!;
    await shell.press('C-c');
    const stopped = await shell.waitFor((s) => new RegExp(`^${id} · stopped · 10 rows`, 'm').test(s) && lastLine(s) === 'kernel>', 'the stopped display');
    expect(stopped.match(/symbol VARCHAR │ n BIGINT/g)).toHaveLength(1);

    // Ctrl-D detaches; the kernel and its session go on.
    await shell.press('C-d');
    expect(await shell.exitStatus()).toBe(0);
    expect(await notebook('SELECT n FROM v WHERE key = 0;')).toMatch(/^ok\nn BIGINT\n─+\n +34\n\(1 row\)/);
  });
});
