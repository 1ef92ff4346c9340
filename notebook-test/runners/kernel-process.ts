import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectionInfo } from '../../kernel/transport/connection-file.js';
import { after } from './cell-runner.js';

/** The built `laminar` command beside this module (dist/cli/main.js). */
const MAIN_JS = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

/**
 * A LaminarDB kernel in its own process, started as Jupyter starts it (the kernelspec's argv:
 * `node dist/cli/main.js kernel --connection-file FILE`) with free TCP ports, a fresh HMAC
 * key and the notebook's folder as working directory.
 */
export class KernelProcess {
  private stderr = '';

  private constructor(
    readonly info: ConnectionInfo,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (this.stderr = (this.stderr + d).slice(-4000)));
  }

  static async start(cwd: string): Promise<KernelProcess> {
    const ports = await freePorts(5);
    const info: ConnectionInfo = {
      transport: 'tcp',
      ip: '127.0.0.1',
      shell_port: ports[0]!,
      control_port: ports[1]!,
      stdin_port: ports[2]!,
      iopub_port: ports[3]!,
      hb_port: ports[4]!,
      key: randomUUID(),
      signature_scheme: 'hmac-sha256',
    };
    const dir = mkdtempSync(join(tmpdir(), 'laminar-test-kernel-'));
    const file = join(dir, 'kernel.json');
    writeFileSync(file, JSON.stringify(info));
    const child = spawn(process.execPath, [MAIN_JS, 'kernel', '--connection-file', file], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    return new KernelProcess(info, child, dir);
  }

  /** The end of the kernel's log (for error messages). */
  get log(): string {
    return this.stderr;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Waits up to `ms` for the process to end, then kills it; removes the connection file. */
  async stop(ms: number): Promise<void> {
    if (!this.exited) {
      const ended = new Promise<boolean>((resolve) => this.child.once('exit', () => resolve(true)));
      if (!(await Promise.race([ended, after(ms, false)]))) {
        this.child.kill('SIGKILL');
        await ended;
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Ports that were free a moment ago (as jupyter_client picks them). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
