import { openSession } from './open-session.js';
import { runLocalShell } from '../repl/local.js';
import { runPipedScript } from '../repl/script.js';
import { EXIT_OK, type ExitCode } from './exit-codes.js';
import { REPL_HELP } from './help.js';
import { parseReplArgs } from './repl-args.js';
import type { CliIo } from './run.js';
import { packageVersion } from './version.js';

/**
 * `laminar` and `laminar repl`: the interactive shell when standard input is a terminal;
 * otherwise the input runs as a script (`laminar < script.sql`), like `laminar run -`.
 * `--existing` attaches the shell to a running kernel instead of opening a session here.
 */
export async function replCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseReplArgs(args);
  if (parsed.help) {
    await io.stdout.write(REPL_HELP);
    return EXIT_OK;
  }
  const stdin = io.stdin() as NodeJS.ReadStream;
  const terminal = { stdin, stdout: process.stdout, env: process.env };
  if (parsed.existing !== undefined) {
    // Loaded only to attach: it brings in ZeroMQ, which nothing else here needs.
    const { attachCommand } = await import('./repl-attach.js');
    return leave(await attachCommand(parsed.existing, terminal, io), io);
  }
  const session = await openSession(parsed, io);
  if (stdin.isTTY !== true) {
    try {
      return await runPipedScript(stdin, session, io);
    } finally {
      await session.close();
    }
  }
  try {
    await runLocalShell(session, terminal, packageVersion());
  } finally {
    // Stopping the queries should be quick; the shell does not wait on one that hangs.
    await Promise.race([session.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
  }
  return leave(EXIT_OK, io);
}

const CLOSE_WAIT_MS = 5000;

/**
 * The user left the interactive shell: the process ends now, as the kernel's does, whatever
 * handle a library may have left open (a stray timer would otherwise keep a shell that
 * looks closed alive).
 */
async function leave(code: ExitCode, io: CliIo): Promise<ExitCode> {
  await Promise.all([io.stdout.flush(), io.stderr.flush()]);
  process.exit(code);
}
