import type { Output } from '../notebook.js';

/** What running one cell gave. */
export interface Executed {
  readonly outputs: Output[];
  readonly executionCount: number | null;
  /** The error's code (ename) when the cell failed, else null. */
  readonly error: string | null;
  /** The cell did not finish within the timeout (it was interrupted). */
  readonly timedOut: boolean;
}

/**
 * Runs a notebook's cells one after another in one fresh session: through the real kernel
 * over ZeroMQ (kernel-runner.ts) or through the kernel's handler in this process
 * (in-process-runner.ts). Outputs are collected as nbclient collects them.
 */
export interface CellRunner {
  execute(code: string, timeoutMs: number): Promise<Executed>;
  close(): Promise<void>;
}

/** The execute_request content nbclient sends. */
export function executeContent(code: string): Record<string, unknown> {
  return { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false };
}

/** Resolves after `ms`, with `value`; the timer does not hold the process. */
export function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}
