import { UsageError } from './usage-error.js';

/** `--workers N`: a whole number of worker threads from 1 to 256 (1 runs on the main thread). */
export function parseWorkersOption(value: string | undefined, helpCommand: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--workers takes a whole number from 1 to 256, not '${value}'`, helpCommand);
  return n;
}

export const WORKERS_HELP = `  --workers N     worker threads running keyed operators (default: the number of
                  cores, or LAMINAR_WORKERS); 1 runs everything on one thread`;
