import { KEYWORDS } from '../engine/index.js';
import type { Theme } from './colour.js';

type Kind = 'space' | 'comment' | 'string' | 'quoted' | 'number' | 'keyword' | 'function' | 'name' | 'other';

interface Piece {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
}

const KEYWORD_SET = new Set(KEYWORDS);
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

/**
 * Colours SQL as it is typed: keywords, strings, numbers, comments, quoted names and function
 * calls. It never fails: unterminated strings and comments run to the end of the text, so a
 * line in the middle of a multi-line string or comment is coloured as one.
 *
 * `from` colours only the text from that offset on (the line being edited), lexed with what
 * comes before it (the lines already entered) so it knows whether it starts in a string.
 */
export function highlightSql(text: string, theme: Theme, from = 0): string {
  if (theme.level === 0) return text.slice(from);
  let out = '';
  for (const p of pieces(text)) {
    if (p.end <= from) continue;
    const part = text.slice(Math.max(p.start, from), p.end);
    out += paint(p.kind, part, theme);
  }
  return out;
}

/**
 * Whether the lines of `text` can be joined with spaces without changing what it means: every
 * line break is plain white space (not inside a string, a quoted name or a comment) and no
 * `--` comment would swallow the lines after it.
 */
export function linesJoinable(text: string): boolean {
  for (const p of pieces(text)) {
    if (p.kind === 'space') continue;
    if (text.startsWith('--', p.start)) return false;
    if (text.slice(p.start, p.end).includes('\n')) return false;
  }
  return true;
}

function paint(kind: Kind, text: string, theme: Theme): string {
  switch (kind) {
    case 'keyword':
      return theme.keyword(text);
    case 'string':
      return theme.string(text);
    case 'number':
      return theme.number(text);
    case 'comment':
      return theme.comment(text);
    case 'quoted':
      return theme.quotedName(text);
    case 'function':
      return theme.func(text);
    case 'space':
    case 'name':
    case 'other':
      return text;
  }
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      while (i < n && /\s/.test(text[i]!)) i++;
      out.push({ kind: 'space', start, end: i });
    } else if (text.startsWith('--', i)) {
      while (i < n && text[i] !== '\n') i++;
      out.push({ kind: 'comment', start, end: i });
    } else if (text.startsWith('/*', i)) {
      i = blockCommentEnd(text, i);
      out.push({ kind: 'comment', start, end: i });
    } else if (ch === "'" || ch === '"') {
      i = quotedEnd(text, i, ch);
      out.push({ kind: ch === "'" ? 'string' : 'quoted', start, end: i });
    } else if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      i = numberEnd(text, i);
      out.push({ kind: 'number', start, end: i });
    } else if (WORD_START.test(ch)) {
      while (i < n && WORD_PART.test(text[i]!)) i++;
      out.push({ kind: wordKind(text, start, i), start, end: i });
    } else {
      i += ch.length;
      out.push({ kind: 'other', start, end: i });
    }
  }
  return out;
}

function wordKind(text: string, start: number, end: number): Kind {
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const word = text.slice(start, end).toUpperCase();
  // CAST(, COUNT(… : a keyword stays a keyword; any other word before '(' is a call.
  if (KEYWORD_SET.has(word)) return 'keyword';
  return text[after] === '(' ? 'function' : 'name';
}

/** After a nested block comment (like the engine's lexer), or the end of the text. */
function blockCommentEnd(text: string, i: number): number {
  let depth = 1;
  i += 2;
  while (i < text.length && depth > 0) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
    } else i++;
  }
  return i;
}

/** After a quoted string or name ('' and "" escape the quote), or the end of the text. */
function quotedEnd(text: string, i: number, quote: string): number {
  i++;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

function numberEnd(text: string, i: number): number {
  NUMBER.lastIndex = i;
  return NUMBER.exec(text) === null ? i + 1 : NUMBER.lastIndex;
}
