import { parseArgs } from 'node:util';
import { parseArgsMessage } from './run-args.js';
import { UsageError } from './usage-error.js';

export type MainCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly args: readonly string[] }
  | { readonly kind: 'repl'; readonly args: readonly string[] }
  | { readonly kind: 'test'; readonly args: readonly string[] };

/**
 * The first word picks the subcommand; its own arguments are read by the subcommand. Without
 * arguments `laminar` is `laminar repl`: the interactive shell (or a script piped into it).
 */
export function parseMainArgs(argv: readonly string[]): MainCommand {
  if (argv.length === 0) return { kind: 'repl', args: [] };
  if (argv[0] === 'run') return { kind: 'run', args: argv.slice(1) };
  if (argv[0] === 'repl') return { kind: 'repl', args: argv.slice(1) };
  if (argv[0] === 'test') return { kind: 'test', args: argv.slice(1) };
  if (argv[0] === 'help') {
    if (argv[1] === 'run') return { kind: 'run', args: ['--help'] };
    if (argv[1] === 'test') return { kind: 'test', args: ['--help'] };
    return argv[1] === 'repl' ? { kind: 'repl', args: ['--help'] } : { kind: 'help' };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), 'laminar --help');
  }
  const [command] = parsed.positionals;
  if (command !== undefined) throw new UsageError(`unknown command '${command}'`, 'laminar --help');
  if (parsed.values.version === true) return { kind: 'version' };
  return { kind: 'help' };
}
