/** A mistake in the command line: printed with a pointer to the help, exit status 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The help to point to: 'laminar --help' or 'laminar run --help'. */
    readonly helpCommand: string,
  ) {
    super(message);
  }
}
