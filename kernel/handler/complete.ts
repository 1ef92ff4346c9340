import type { Session } from '../../engine/index.js';
import { MAGICS } from '../magics/catalog.js';
import { SETTINGS } from '../settings.js';
import type { LiveDisplays } from '../live/live-displays.js';
import { codePointsToUtf16, utf16ToCodePoints } from './code-points.js';

export interface CompleteReply {
  readonly matches: string[];
  /** Code points, as the protocol counts. */
  readonly cursor_start: number;
  readonly cursor_end: number;
}

/**
 * Completions at a cursor given in code points: magic names after `%` at the start of a
 * line, setting names after `%config`, query ids after `%stop`; otherwise the engine's SQL
 * completions (keywords, functions, objects, columns after `name.`).
 */
export function completeAt(session: Session, displays: LiveDisplays, code: string, cursorPoints: number): CompleteReply {
  const cursor = codePointsToUtf16(code, cursorPoints);
  const lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
  const line = code.slice(lineStart, cursor);
  const magic = /^\s*%(\w*)$/.exec(line);
  if (magic) {
    const start = cursor - magic[1]!.length - 1;
    return points(code, MAGICS.map((m) => `%${m.name}`).filter((n) => n.startsWith(`%${magic[1]!.toLowerCase()}`)), start, wordEnd(code, cursor));
  }
  const arg = /^\s*%(config|stop)\s+(?:.*\s)?(\w*)$/.exec(line);
  if (arg) {
    const prefix = arg[2]!;
    const options = arg[1] === 'config' ? [...Object.keys(SETTINGS), 'workers'].map((s) => `${s}=`) : ['all', ...displays.list().map((d) => d.id), ...session.queries().filter((q) => q.status === 'running' && q.kind !== 'select').map((q) => q.label)];
    return points(code, [...new Set(options)].filter((o) => o.toLowerCase().startsWith(prefix.toLowerCase())), cursor - prefix.length, wordEnd(code, cursor));
  }
  const c = session.complete(code, cursor);
  return points(code, [...c.matches], c.start, c.end);
}

function wordEnd(code: string, from: number): number {
  let end = from;
  while (end < code.length && /\w/.test(code[end]!)) end++;
  return end;
}

function points(code: string, matches: string[], start: number, end: number): CompleteReply {
  return { matches, cursor_start: utf16ToCodePoints(code, start), cursor_end: utf16ToCodePoints(code, end) };
}
