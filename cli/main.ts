#!/usr/bin/env node
/**
 * The `laminar` command. main() dispatches to a subcommand and turns its outcome into an exit
 * status; the code at the bottom is the only place that touches `process` beyond stdio and
 * SIGINT (stop.ts).
 */
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, type ExitCode } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import { kernelCommand } from './kernel-command.js';
import { parseMainArgs } from './main-args.js';
import { Output } from './output.js';
import { replCommand } from './repl-command.js';
import { reportError } from './report-error.js';
import { runCommand, type CliIo } from './run.js';
import { Stop } from './stop.js';
import { testCommand } from './test-command.js';
import { packageVersion } from './version.js';

async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    if (argv[0] === 'kernel') return await kernelCommand(argv.slice(1), io);
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
      case 'repl':
        return await replCommand(command.args, io);
      case 'test':
        return await testCommand(command.args, io);
    }
  } catch (e) {
    return reportError(e, io.stderr);
  }
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
// stdin is opened only when the script is read from it: an open stdin handle is not needed
// otherwise.
const code = await main(process.argv.slice(2), { stdout, stderr, stdin: () => process.stdin, stop });
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
