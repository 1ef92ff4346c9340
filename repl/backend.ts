import type { SqlCompleter } from './completer.js';
import type { Unit } from './input.js';
import type { Outcome } from './shell.js';

/**
 * What the interactive shell runs its input against: a session in this process, or a running
 * kernel (attach). The line editing (prompts, history, completion, colouring, Ctrl-C) is the
 * same for both.
 */
export interface ShellBackend {
  /** Runs one input and shows its results; a live view until `signal` aborts (Ctrl-C). */
  run(unit: Unit, signal: AbortSignal): Promise<Outcome>;
  readonly complete: SqlCompleter;
  close(): Promise<void>;
}
