import { Output } from '../cli/output.js';
import type { Session } from '../engine/index.js';
import type { ShellBackend } from './backend.js';
import { colourLevel, makeTheme } from './colour.js';
import { runCommand } from './commands.js';
import { HistoryFile, historyPath } from './history.js';
import { runInteractive } from './interactive.js';
import { ttyScreen } from './screen.js';
import { Shell } from './shell.js';

export interface TerminalIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The interactive shell on a session in this process. Resolves when the user leaves it. */
export async function runLocalShell(session: Session, io: TerminalIo, version: string): Promise<void> {
  const theme = makeTheme(colourLevel(io.env, io.stdout));
  const out = new Output(io.stdout);
  const screen = io.stdout.isTTY === true ? ttyScreen(io.stdout) : null;
  const shell = new Shell(session, { stdout: out, messages: out, screen, theme }, runCommand);
  const backend: ShellBackend = {
    run: (unit, signal) => shell.run(unit, signal),
    complete: (text, cursor) => session.complete(text, cursor),
    close: () => shell.close(),
  };
  try {
    await runInteractive({
      input: io.stdin,
      output: io.stdout,
      theme,
      history: new HistoryFile(historyPath(io.env)),
      banner: [`LaminarDB ${version}: statements end with ';'. Type .help for help, Ctrl-D to leave.`],
      backend,
    });
  } finally {
    await backend.close();
  }
}
