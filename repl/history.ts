import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { linesJoinable } from './highlight.js';

/** Entries kept, like psql's default HISTSIZE of 500 doubled. */
export const HISTORY_SIZE = 1000;

/**
 * Where history is kept: `LAMINAR_HISTORY` when set (an empty value turns saving off, as
 * NODE_REPL_HISTORY='' does for node), else `~/.laminar_history`.
 */
export function historyPath(env: Readonly<Record<string, string | undefined>>): string | null {
  const chosen = env['LAMINAR_HISTORY'];
  if (chosen !== undefined) return chosen.trim() === '' ? null : chosen;
  return join(homedir(), '.laminar_history');
}

/**
 * The history file: one entry per line, oldest first (as bash and psql keep theirs), appended
 * as each entry is made, so a shell that is killed loses nothing. Reading trims it to the
 * last HISTORY_SIZE entries when it has grown past twice that.
 */
export class HistoryFile {
  constructor(private readonly path: string | null) {}

  /** The saved entries, newest first (the order readline keeps). Unreadable: none. */
  load(): string[] {
    if (this.path === null) return [];
    let lines: string[];
    try {
      lines = readFileSync(this.path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    } catch {
      return [];
    }
    if (lines.length > 2 * HISTORY_SIZE) {
      lines = lines.slice(-HISTORY_SIZE);
      this.tryWrite(() => writeFileSync(this.path!, lines.join('\n') + '\n', { mode: 0o600 }));
    }
    return lines.slice(-HISTORY_SIZE).reverse();
  }

  add(entry: string): void {
    if (this.path === null) return;
    this.tryWrite(() => appendFileSync(this.path!, entry + '\n', { mode: 0o600 }));
  }

  private tryWrite(write: () => void): void {
    try {
      write();
    } catch {
      // History is a convenience: a read-only home must not stop the shell.
    }
  }
}

/**
 * The history entries for input typed over several lines: one line joining them, so that Up
 * recalls the whole statement; but when joining would change its meaning (a `--` comment
 * would swallow the lines after it, a string spans lines), each line is its own entry.
 */
export function historyEntries(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length <= 1 || !linesJoinable(text)) return lines;
  return [lines.join(' ')];
}
