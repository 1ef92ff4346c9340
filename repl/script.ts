import { createInterface } from 'node:readline';
import { EXIT_INTERNAL_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, type ExitCode } from '../cli/exit-codes.js';
import type { CliIo } from '../cli/run.js';
import { waitForSinks } from '../cli/wait-for-sinks.js';
import type { Session } from '../engine/index.js';
import { makeTheme } from './colour.js';
import { runCommand } from './commands.js';
import { errorText, isUserError } from './errors.js';
import { InputAssembler, type Unit } from './input.js';
import { Shell, type Outcome } from './shell.js';

/**
 * Input that is not a terminal (`laminar < script.sql`, `cat x.sql | laminar`): runs as a
 * script, with no prompt and no colour, and prints what `laminar run -` prints (results on
 * stdout, acknowledgements and errors on stderr). Dot commands work as in the shell. The
 * first error ends it (exit status 1; 2 for an internal error); Ctrl-C stops it (130). Like
 * `laminar run`, it waits at the end for sinks that are still writing.
 *
 * Unlike `laminar run -`, which parses the whole script first, each statement runs as soon
 * as it is complete, as if typed: a syntax error in the third statement stops the script
 * after the first two have run.
 */
export async function runPipedScript(input: NodeJS.ReadableStream, session: Session, io: CliIo): Promise<ExitCode> {
  const shell = new Shell(session, { stdout: io.stdout, messages: io.stderr, screen: null, theme: makeTheme(0) }, runCommand);
  io.stop.install(io.stdout);
  try {
    const outcome = await runLines(input, shell, io.stop.signal);
    if (outcome !== 'ok' && outcome !== 'exit') return exitCode(outcome, io);
    try {
      await waitForSinks(session, io.stop, io.stderr);
    } catch (e) {
      await io.stderr.writeLines([errorText(e, shell.io.theme)]);
      return isUserError(e) ? EXIT_USER_ERROR : EXIT_INTERNAL_ERROR;
    }
    return exitCode(io.stop.signal.aborted ? 'interrupted' : 'ok', io);
  } finally {
    await shell.close();
    io.stop.uninstall();
  }
}

async function runLines(input: NodeJS.ReadableStream, shell: Shell, signal: AbortSignal): Promise<Outcome> {
  const assembler = new InputAssembler();
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const raw of lines) {
      const line = first ? raw.replace(/^\uFEFF/, '') : raw;
      first = false;
      const outcome = await runUnit(assembler.push(line), shell, signal);
      if (outcome !== 'ok') return outcome;
    }
  } finally {
    lines.close();
  }
  return runUnit(assembler.finish(), shell, signal);
}

function runUnit(unit: Unit | null, shell: Shell, signal: AbortSignal): Promise<Outcome> {
  if (signal.aborted) return Promise.resolve('interrupted');
  return unit === null ? Promise.resolve('ok') : shell.run(unit, signal);
}

function exitCode(outcome: Outcome, io: CliIo): ExitCode {
  switch (outcome) {
    case 'ok':
    case 'exit':
      return EXIT_OK;
    case 'user-error':
      return EXIT_USER_ERROR;
    case 'internal-error':
      return EXIT_INTERNAL_ERROR;
    case 'interrupted':
      // Stopped because the reader of stdout went away: not an error (as `laminar run`).
      return io.stop.reason === 'interrupt' ? EXIT_INTERRUPTED : EXIT_OK;
  }
}
