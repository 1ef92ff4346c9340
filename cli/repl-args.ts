import { parseArgs } from 'node:util';
import { parseArgsMessage } from './run-args.js';
import { UsageError } from './usage-error.js';
import { parseWorkersOption } from './workers-option.js';

export type ReplArgs =
  | { readonly help: true }
  /** existing: attach to a kernel (null: the most recent one; a string: its connection file). */
  | { readonly help: false; readonly existing: string | null | undefined; readonly workers: number | undefined; readonly session: string | undefined };

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
  const workers = parseWorkersOption(values.workers, 'laminar repl --help');
  const session = values.session;
  if (session === '') throw new UsageError('--session needs a directory', 'laminar repl --help');
  if (values.existing !== true) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (to run a script: laminar run FILE.sql, or laminar < FILE.sql)`, 'laminar repl --help');
    return { help: false, existing: undefined, workers, session };
  }
  if (workers !== undefined) throw new UsageError('--workers applies to a shell with its own session; an attached shell uses the kernel\'s', 'laminar repl --help');
  if (session !== undefined) throw new UsageError('--session applies to a shell with its own session; an attached shell uses the kernel\'s', 'laminar repl --help');
  if (positionals.length > 1) throw new UsageError(`one connection file at a time (got ${positionals.join(' ')})`, 'laminar repl --help');
  return { help: false, existing: positionals[0] ?? null, workers: undefined, session: undefined };
}
