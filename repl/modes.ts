import type { ExecuteOptions } from '../engine/index.js';
import { executeOptions } from '../cli/run.js';

/** How results are shown: `.mode NAME`. */
export const MODES = ['table', 'changelog', 'csv', 'json', 'chart'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(s: string): s is Mode {
  return (MODES as readonly string[]).includes(s);
}

/**
 * How statements run in each mode: as `laminar run --format` runs them (changelog: every
 * query as a subscription with an exact, per-row changelog; json: per-row changes of live
 * queries), and chart like table (a complete result, or a live view of the current rows).
 */
export function executeOptionsFor(mode: Mode, signal: AbortSignal): ExecuteOptions {
  return executeOptions(mode === 'chart' ? 'table' : mode, signal);
}

/** A stop request in the shape `laminar run`'s printer takes: the signal, and a promise of it. */
export function stopOf(signal: AbortSignal): { readonly signal: AbortSignal; readonly requested: Promise<void> } {
  const requested = signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return { signal, requested };
}
