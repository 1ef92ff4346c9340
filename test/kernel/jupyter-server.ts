import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PYTHON, type JupyterEnv } from './jupyter-env.js';

/** A real `jupyter server` (Debian's python3-jupyter-server) on a free local port. */
export interface JupyterServer {
  readonly url: string;
  readonly token: string;
  stop(): Promise<void>;
  log(): string;
}

export async function startJupyterServer(jupyter: JupyterEnv): Promise<JupyterServer> {
  const port = await freePort();
  const token = 'laminar-test-token';
  const root = join(jupyter.dir, 'server-root');
  mkdirSync(root, { recursive: true });
  const child = spawn(
    PYTHON,
    ['-m', 'jupyter_server', '--no-browser', ...(process.getuid?.() === 0 ? ['--allow-root'] : []), `--port=${port}`, '--ServerApp.port_retries=0', '--ServerApp.ip=127.0.0.1', `--ServerApp.token=${token}`, `--ServerApp.root_dir=${root}`],
    { env: jupyter.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter server exited:\n${log}`);
    try {
      const r = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`jupyter server did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, token, stop: () => stopProcess(child), log: () => log };
}

/** SIGTERM (the server shuts its kernels down), SIGKILL if it has not exited after 20 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
