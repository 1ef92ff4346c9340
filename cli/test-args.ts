import { parseArgs } from 'node:util';
import { parseArgsMessage } from './run-args.js';
import { UsageError } from './usage-error.js';

export const VIAS = ['kernel', 'in-process'] as const;
export type Via = (typeof VIAS)[number];

export type TestArgs =
  | { readonly help: true }
  | { readonly help: false; readonly paths: readonly string[]; readonly update: boolean; readonly via: Via; readonly timeoutMs: number };

const HELP = 'laminar test --help';

/** Reads the arguments of `laminar test`. Throws a UsageError for anything it does not accept. */
export function parseTestArgs(args: readonly string[]): TestArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { update: { type: 'boolean', short: 'u' }, via: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), HELP);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  const via = values.via ?? 'kernel';
  if (!(VIAS as readonly string[]).includes(via)) throw new UsageError(`--via takes kernel or in-process, not '${via}'`, HELP);
  const timeout = values.timeout ?? '60';
  const seconds = /^\d+(\.\d+)?$/.test(timeout) ? Number(timeout) : NaN;
  if (!(seconds > 0)) throw new UsageError(`--timeout takes a number of seconds above 0, not '${timeout}'`, HELP);
  return { help: false, paths: positionals.length > 0 ? positionals : ['notebooks'], update: values.update === true, via: via as Via, timeoutMs: seconds * 1000 };
}
