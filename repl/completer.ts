import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Completions } from '../engine/index.js';
import { COMMANDS } from './commands.js';
import { MODES } from './modes.js';

/** Completions of SQL at a cursor (UTF-16 offset): the session's, or a kernel's. */
export type SqlCompleter = (text: string, cursor: number) => Promise<Completions> | Completions;

export interface Completion {
  readonly matches: readonly string[];
  /** The text before the cursor that the matches replace. */
  readonly start: number;
}

/**
 * What Tab offers at `cursor` in `line`, with `pending` the lines already entered of the
 * statement being typed. A dot command line completes command names, then each command's
 * argument (modes, on/off, object names, files); anything else is SQL, completed by the
 * engine over the whole statement (so columns of a FROM on another line are found).
 */
export async function completeInput(pending: string, line: string, cursor: number, sql: SqlCompleter): Promise<Completion> {
  const before = line.slice(0, cursor);
  if (pending === '') {
    const command = /^(\s*\.)([\w-]*)$/.exec(before);
    if (command) {
      const matches = COMMANDS.map((c) => '.' + c.name).filter((n) => n.startsWith('.' + command[2]!.toLowerCase()));
      return { matches, start: command[1]!.length - 1 };
    }
    const arg = /^\s*\.([\w-]+)\s+(.*)$/.exec(before);
    if (arg) return completeArgument(arg[1]!.toLowerCase(), arg[2]!, cursor, sql);
  }
  const text = pending + line;
  const at = pending.length + cursor;
  const c = await sql(text, at);
  return { matches: c.matches, start: Math.max(0, c.start - pending.length) };
}

async function completeArgument(command: string, arg: string, cursor: number, sql: SqlCompleter): Promise<Completion> {
  const start = cursor - arg.length;
  const fixed = (options: readonly string[]): Completion => ({ matches: options.filter((o) => o.startsWith(arg.toLowerCase())), start });
  switch (command) {
    case 'mode':
      return fixed(MODES);
    case 'timer':
      return fixed(['on', 'off']);
    case 'describe':
    case 'stop': {
      // The engine completes object names after DESCRIBE.
      const prefix = 'DESCRIBE ';
      const c = await sql(prefix + arg, prefix.length + arg.length);
      return { matches: c.matches, start: start + c.start - prefix.length };
    }
    case 'read':
    case 'output':
      return { matches: files(arg), start };
    default:
      return { matches: [], start: cursor };
  }
}

/** Files and folders (with a '/') whose path starts with `typed`. */
function files(typed: string): string[] {
  const folder = typed.endsWith('/') ? typed : dirname(typed) === '.' && !typed.startsWith('./') ? '' : dirname(typed) + '/';
  try {
    return readdirSync(folder === '' ? '.' : folder)
      .map((name) => folder + name)
      .filter((path) => path.startsWith(typed))
      .map((path) => (isFolder(path) ? path + '/' : path))
      .sort();
  } catch {
    return [];
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(join(path)).isDirectory();
  } catch {
    return false;
  }
}
