/**
 * Exit statuses of the `laminar` command (documented in docs/decisions/cli-output.md).
 *
 * An interrupted run does not return INTERRUPTED as an ordinary exit status: it ends by
 * SIGINT (see main.ts), which the shell reports as 130 (128 + SIGINT).
 */
export const EXIT_OK = 0;
/** A user error: SQL, data, a file that cannot be read, a bad command-line argument. */
export const EXIT_USER_ERROR = 1;
/** A bug in LaminarDB (an error that is not a LaminarError). */
export const EXIT_INTERNAL_ERROR = 2;
/** Stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export type ExitCode = typeof EXIT_OK | typeof EXIT_USER_ERROR | typeof EXIT_INTERNAL_ERROR | typeof EXIT_INTERRUPTED;
