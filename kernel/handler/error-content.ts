import { isLaminarError } from '../../engine/index.js';

/** The `ename`, `evalue`, `traceback` of an error reply and an error message. */
export interface ErrorContent {
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: string[];
}

/**
 * A LaminarError is for people: its code is the ename, its message the evalue, and the
 * traceback is its formatted text (code and message, line and column, the statement with a
 * caret, the hint). Anything else is a bug in LaminarDB: ename INTERNAL and the stack.
 */
export function errorContent(e: unknown): ErrorContent {
  if (isLaminarError(e)) return { ename: e.code, evalue: e.message, traceback: e.format().split('\n') };
  const error = e instanceof Error ? e : new Error(String(e));
  return {
    ename: 'INTERNAL',
    evalue: error.message,
    traceback: [`INTERNAL: ${error.message}`, '  this is a bug in LaminarDB; please report it with the cell that caused it', ...(error.stack ?? '').split('\n').slice(1)],
  };
}
