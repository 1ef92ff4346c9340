import { parseArgs } from 'node:util';
import { parseArgsMessage } from './run-args.js';
import { UsageError } from './usage-error.js';
import { parseWorkersOption } from './workers-option.js';

export type ReplArgs =
  | { readonly help: true }
  /** existing: attach to a kernel (null: the most recent one; a string: its connection file). */
  | { readonly help: false; readonly existing: string | null | undefined; readonly workers: number | undefined };

/**
 * Options that belong to features LaminarDB does not have yet: refused with a message that
 * says so, rather than accepted and ignored.
 */
const NOT_YET: Readonly<Record<string, string>> = {
  session: '--session needs durable sessions, which LaminarDB does not have yet',
};

/** Reads the arguments of `laminar repl` (and of `laminar` without a subcommand). */
export function parseReplArgs(args: readonly string[]): ReplArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: args.flatMap((a) => (a.startsWith('--existing=') ? ['--existing', a.slice('--existing='.length)] : [a])),
      options: {
        existing: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        session: { type: 'string' },
        workers: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), 'laminar repl --help');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  for (const option of Object.keys(NOT_YET)) {
    if ((values as Record<string, unknown>)[option] !== undefined) throw new UsageError(NOT_YET[option]!, 'laminar repl --help');
  }
  const workers = parseWorkersOption(values.workers, 'laminar repl --help');
  if (values.existing !== true) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (to run a script: laminar run FILE.sql, or laminar < FILE.sql)`, 'laminar repl --help');
    return { help: false, existing: undefined, workers };
  }
  if (workers !== undefined) throw new UsageError('--workers applies to a shell with its own session; an attached shell uses the kernel\'s', 'laminar repl --help');
  if (positionals.length > 1) throw new UsageError(`one connection file at a time (got ${positionals.join(' ')})`, 'laminar repl --help');
  return { help: false, existing: positionals[0] ?? null, workers: undefined };
}
