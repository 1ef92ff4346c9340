import { parseArgs } from 'node:util';
import type { InstallPlace } from '../install/jupyter-paths.js';
import { DEFAULT_KERNEL_NAME } from '../install/kernelspec.js';
import { parseArgsMessage } from './run-args.js';
import { UsageError } from './usage-error.js';

export type KernelCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly connectionFile: string }
  | { readonly kind: 'install' | 'uninstall'; readonly place: InstallPlace; readonly name: string };

const HELP_POINTER = 'laminar kernel --help';

/** `laminar kernel --connection-file FILE`, `laminar kernel install|uninstall [options]`. */
export function parseKernelArgs(argv: readonly string[]): KernelCommand {
  const [first] = argv;
  if (first === 'install' || first === 'uninstall') return placeCommand(first, argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { 'connection-file': { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), HELP_POINTER);
  }
  if (parsed.values.help === true) return { kind: 'help' };
  const [positional] = parsed.positionals;
  if (positional !== undefined) throw new UsageError(`unknown kernel command '${positional}'`, HELP_POINTER);
  const file = parsed.values['connection-file'];
  if (file === undefined) return { kind: 'help' };
  return { kind: 'run', connectionFile: file };
}

function placeCommand(kind: 'install' | 'uninstall', argv: readonly string[]): KernelCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        user: { type: 'boolean' },
        'sys-prefix': { type: 'boolean' },
        prefix: { type: 'string' },
        name: { type: 'string' },
        python: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), HELP_POINTER);
  }
  const v = parsed.values;
  if (v.help === true) return { kind: 'help' };
  const chosen = [v.user === true, v['sys-prefix'] === true, v.prefix !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('choose one of --user, --sys-prefix and --prefix DIR', HELP_POINTER);
  const place: InstallPlace =
    v.prefix !== undefined ? { kind: 'prefix', dir: v.prefix } : v['sys-prefix'] === true ? { kind: 'sys-prefix', ...(v.python !== undefined ? { python: v.python } : {}) } : { kind: 'user' };
  return { kind, place, name: v.name ?? DEFAULT_KERNEL_NAME };
}
