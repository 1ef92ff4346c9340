import type { HistoryRequest } from '../protocol/requests.js';

export interface HistoryEntry {
  readonly session: number;
  /** The execution count of the cell. */
  readonly line: number;
  readonly input: string;
  /** The text/plain of the cell's execute_result, if it had one. */
  output: string | null;
}

/** A history reply item: (session, line, input) or (session, line, [input, output]). */
export type HistoryItem = [number, number, string | [string, string | null]];

/**
 * The inputs of this kernel's cells that asked to be stored (store_history), for
 * history_request: the last n ('tail'), a range of a session ('range'), or those matching a
 * glob pattern ('search', * and ? as in IPython, over the whole input). Kept in memory for
 * the life of the kernel, as session 1.
 */
export class History {
  private readonly entries: HistoryEntry[] = [];
  readonly session = 1;

  constructor(private readonly capacity = 10_000) {}

  add(line: number, input: string): HistoryEntry {
    const entry: HistoryEntry = { session: this.session, line, input, output: null };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    return entry;
  }

  query(request: HistoryRequest): HistoryItem[] {
    return this.select(request).map((e) => [e.session, e.line, request.output ? [e.input, e.output] : e.input]);
  }

  private select(r: HistoryRequest): HistoryEntry[] {
    switch (r.hist_access_type) {
      case 'tail':
        return r.n <= 0 ? [] : this.entries.slice(-r.n);
      case 'range': {
        // Session 0 is this one, negative counts back; only this session is kept.
        const session = r.session <= 0 ? this.session + r.session : r.session;
        if (session !== this.session) return [];
        return this.entries.filter((e) => e.line >= r.start && (r.stop === null || e.line < r.stop));
      }
      case 'search': {
        const re = globToRegExp(r.pattern);
        let found = this.entries.filter((e) => re.test(e.input));
        if (r.unique) {
          const seen = new Set<string>();
          found = found.reverse().filter((e) => !seen.has(e.input) && seen.add(e.input) !== undefined).reverse();
        }
        return r.n === null ? found : r.n <= 0 ? [] : found.slice(-r.n);
      }
    }
  }
}

/** A glob (`*` any run, `?` one character, `[…]` a class) as a regular expression over the whole text. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
        re += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
