import { basename } from 'node:path';
import { Output } from './output.js';
import { readConnectionFile } from '../kernel/transport/connection-file.js';
import { AttachBackend } from '../repl/attach/attach-backend.js';
import { findConnectionFile } from '../repl/attach/connection.js';
import { connectKernel } from '../repl/attach/handshake.js';
import { colourLevel, makeTheme } from '../repl/colour.js';
import { HistoryFile, historyPath } from '../repl/history.js';
import { runInteractive } from '../repl/interactive.js';
import type { TerminalIo } from '../repl/local.js';
import { ttyScreen } from '../repl/screen.js';
import { EXIT_OK, EXIT_USER_ERROR, type ExitCode } from './exit-codes.js';
import type { CliIo } from './run.js';

/**
 * `laminar repl --existing [CONNECTION_FILE]`: the shell on a running kernel, over the
 * Jupyter protocol, so the terminal and a notebook share the kernel's session.
 */
export async function attachCommand(connectionFile: string | null, terminal: TerminalIo, io: CliIo): Promise<ExitCode> {
  const theme = makeTheme(colourLevel(terminal.env, terminal.stdout));
  if (terminal.stdin.isTTY !== true || terminal.stdout.isTTY !== true) {
    await io.stderr.writeLines(['laminar: --existing needs a terminal (to run a script in a kernel, use a notebook or jupyter run)']);
    return EXIT_USER_ERROR;
  }
  let attached;
  let path;
  try {
    path = findConnectionFile(connectionFile, terminal.env);
    attached = await connectKernel(await readConnectionFile(path));
  } catch (e) {
    await io.stderr.writeLines([`laminar: ${e instanceof Error ? e.message : String(e)}`]);
    return EXIT_USER_ERROR;
  }
  const backend = new AttachBackend(attached.client, ttyScreen(terminal.stdout), theme);
  const implementation = typeof attached.kernelInfo['implementation_version'] === 'string' ? ` ${attached.kernelInfo['implementation_version']}` : '';
  try {
    await runInteractive({
      input: terminal.stdin,
      output: terminal.stdout,
      theme,
      history: new HistoryFile(historyPath(terminal.env)),
      banner: [`Attached to the LaminarDB kernel${implementation} (${basename(path)}): statements run in its session.`, 'Type .help for help; Ctrl-D detaches, and the kernel keeps running.'],
      backend,
      name: 'kernel',
    });
  } finally {
    await backend.close();
    await new Output(terminal.stdout).flush();
  }
  return EXIT_OK;
}
