import { isLaminarError } from '../engine/index.js';
import type { Theme } from './colour.js';

/** A mistake in a dot command (`.mode bogus`): printed as `error: …`. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/**
 * An error as the shell prints it. A LaminarError is the engine's coded text (`CODE: message`,
 * line and column, the caret excerpt, a hint) with the code and caret in colour; anything
 * else is a bug, reported in one line without a stack trace, and the shell goes on.
 */
export function errorText(e: unknown, theme: Theme): string {
  if (isLaminarError(e)) {
    return e
      .format()
      .split('\n')
      .map((line, i) => {
        if (i === 0) return theme.errorCode(e.code) + line.slice(e.code.length);
        return /^\s*\^[\^~]*\s*$/.test(line) ? theme.caret(line) : line;
      })
      .join('\n');
  }
  if (e instanceof CommandError) return theme.errorCode('error') + ': ' + e.message;
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `${theme.errorCode('internal error')}: this is a bug in LaminarDB; please report it with the input that caused it\n  ${what}`;
}

/** Whether an error is the user's (the shell goes on; a script exits 1) or a bug (exit 2). */
export function isUserError(e: unknown): boolean {
  return isLaminarError(e) || e instanceof CommandError;
}
