#!/usr/bin/env node
/**
 * The `laminar` command. main() dispatches to a subcommand and turns its outcome into an exit
 * status; everything that touches `process` beyond stdio and SIGINT happens here.
 */
import { isLaminarError } from '../engine/index.js';
import { EXIT_INTERNAL_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, type ExitCode } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import { Output } from './output.js';
import { ScriptReadError } from './read-script.js';
import { runCommand, type CliIo } from './run.js';
import { parseMainArgs } from './main-args.js';
import { Stop } from './stop.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './version.js';

async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const command = parseMainArgs(argv);
    switch (command.kind) {
      case 'help':
        await io.stdout.write(MAIN_HELP);
        return EXIT_OK;
      case 'version':
        await io.stdout.write(`laminar ${packageVersion()}\n`);
        return EXIT_OK;
      case 'run':
        return await runCommand(command.args, io);
    }
  } catch (e) {
    return report(e, io.stderr);
  }
}

async function report(e: unknown, stderr: Output): Promise<ExitCode> {
  if (isLaminarError(e)) {
    await stderr.writeLines([e.format()]);
    return EXIT_USER_ERROR;
  }
  if (e instanceof UsageError) {
    await stderr.writeLines([`laminar: ${e.message}`, `Run '${e.helpCommand}' for usage.`]);
    return EXIT_USER_ERROR;
  }
  if (e instanceof ScriptReadError) {
    await stderr.writeLines([`laminar: ${e.message}`]);
    return EXIT_USER_ERROR;
  }
  const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  await stderr.writeLines([
    'internal error: this is a bug in LaminarDB; please report it with the script that caused it',
    detail,
  ]);
  return EXIT_INTERNAL_ERROR;
}

/**
 * Ends the process by SIGINT, as a program without a handler would: the shell reports
 * status 130, and a shell script or loop running `laminar` stops too (it would carry on
 * after a plain `exit(130)`).
 */
function dieOfSigint(): void {
  process.removeAllListeners('SIGINT');
  process.kill(process.pid, 'SIGINT');
}

const stdout = new Output(process.stdout);
const stderr = new Output(process.stderr);
const stop = new Stop(dieOfSigint);
const code = await main(process.argv.slice(2), { stdout, stderr, stdin: process.stdin, stop });
await Promise.all([stdout.flush(), stderr.flush()]);
const failure = stdout.failure;
if (failure !== null) {
  await stderr.writeLines([`laminar: cannot write the output: ${failure.message}`]);
  process.exitCode = EXIT_USER_ERROR;
} else if (code === EXIT_INTERRUPTED) {
  dieOfSigint();
} else {
  process.exitCode = code;
}
