import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';
import { parseWorkersOption } from './workers-option.js';

export const FORMATS = ['table', 'csv', 'json', 'changelog'] as const;
export type Format = (typeof FORMATS)[number];

export type RunArgs =
  | { readonly help: true }
  | { readonly help: false; readonly file: string; readonly format: Format; readonly workers: number | undefined; readonly session: string | undefined };

/** Reads the arguments of `laminar run`. Throws a UsageError for anything it does not accept. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
        workers: { type: 'string' },
        session: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), 'laminar run --help');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  const format = values.format ?? 'table';
  if (!isFormat(format)) {
    throw new UsageError(`unknown format '${format}' (choose one of ${FORMATS.join(', ')})`, 'laminar run --help');
  }
  if (positionals.length === 0) throw new UsageError('which script? give a FILE.sql, or - to read standard input', 'laminar run --help');
  if (positionals.length > 1) throw new UsageError(`one script at a time (got ${positionals.length}: ${positionals.join(' ')})`, 'laminar run --help');
  if (values.session === '') throw new UsageError('--session needs a directory', 'laminar run --help');
  return { help: false, file: positionals[0]!, format, workers: parseWorkersOption(values.workers, 'laminar run --help'), session: values.session };
}

function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** node:util's messages, without their advice about '--' (which rarely applies here). */
export function parseArgsMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\. To specify a positional argument.*$/s, '');
}
