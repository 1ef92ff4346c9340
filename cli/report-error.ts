import { isLaminarError } from '../engine/index.js';
import { EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, type ExitCode } from './exit-codes.js';
import type { Output } from './output.js';
import { ScriptReadError } from './read-script.js';
import { UsageError } from './usage-error.js';

/**
 * Prints an error that ended a command and gives the exit status. User errors (SQL, data,
 * arguments, an unreadable script) are printed for people, without a stack trace; anything
 * else is a bug, printed with its stack so that it can be reported.
 */
export async function reportError(e: unknown, stderr: Output): Promise<ExitCode> {
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
  await stderr.writeLines(['internal error: this is a bug in LaminarDB; please report it with the script that caused it', detail]);
  return EXIT_INTERNAL_ERROR;
}
