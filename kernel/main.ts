import { randomUUID } from 'node:crypto';
import { open } from '../engine/index.js';
import { deferred } from './deferred.js';
import { KernelHandler } from './handler/kernel-handler.js';
import { stderrLogger, type Logger } from './log.js';
import { readConnectionFile } from './transport/connection-file.js';
import { ZmqTransport } from './transport/zmq-transport.js';

/**
 * Runs the kernel on the sockets a connection file names, until a shutdown request, SIGTERM,
 * or the death of the process that started it. Resolves with the exit status.
 *
 *   connection file ─► ZmqTransport (sockets, signatures, send queues)
 *                         │ decoded, verified messages      ▲ replies, iopub
 *                         ▼                                 │
 *                      KernelHandler (protocol: status, queues, requests)
 *                         │ cells                           ▲ outputs
 *                         ▼                                 │
 *                      runCell ─► Session (engine) ─► results, live displays
 */
export async function runKernel(connectionFile: string, log: Logger = stderrLogger()): Promise<number> {
  const info = await readConnectionFile(connectionFile);
  // LAMINAR_SESSION=DIR: a durable session, resumed from DIR after a restart (see %checkpoint).
  const dir = process.env.LAMINAR_SESSION;
  const session = await open(dir === undefined || dir === '' ? {} : { dir });
  for (const w of session.recovery?.warnings ?? []) log.warn(`session ${dir}: ${w}`);
  const transport = new ZmqTransport(info, log, randomUUID());
  const exit = deferred<number>();
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await handler.close();
      await transport.close();
    } catch (e) {
      log.error(`while shutting down: ${String(e)}`);
    }
    exit.resolve(code);
  };
  const handler = new KernelHandler({ transport, session, log, onShutdown: () => void stop(0) });
  await transport.start((channel, message) => handler.handle(channel, message));
  handler.starting();
  log.info(`started on ${info.transport}://${info.ip} (shell ${info.shell_port})`);

  // SIGINT is an interrupt, as for ipykernel (for clients that use interrupt_mode 'signal').
  process.on('SIGINT', () => handler.interrupt());
  process.on('SIGTERM', () => void stop(0));
  // A bug must not take the notebook's state down with it: log it and carry on.
  process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  process.on('uncaughtException', (e) => log.error(`uncaught exception: ${e.stack ?? e.message}`));
  watchParent(() => void stop(0));
  return exit.promise;
}

/**
 * Exits with the process that started the kernel (JPY_PARENT_PID, set by jupyter_client), so
 * a crashed notebook server leaves no kernel behind.
 */
function watchParent(onGone: () => void): void {
  const parent = Number(process.env.JPY_PARENT_PID ?? process.ppid);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
      if (process.ppid === 1) throw new Error('orphaned');
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
}
