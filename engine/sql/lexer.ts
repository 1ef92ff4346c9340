import { LaminarError } from '../errors/laminar-error.js';
import { OPERATORS, type Token } from './tokens.js';

/**
 * Splits SQL text into tokens, skipping whitespace and comments (`-- …` to end of line, and
 * `/* … *\/`, which may nest). Errors carry the offending span.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  const error = (code: 'SYNTAX_ERROR' | 'UNTERMINATED_LITERAL', message: string, start: number, end: number, hint?: string) =>
    new LaminarError(code, message, { location: { kind: 'sql', source, start, end }, ...(hint ? { hint } : {}) });

  while (i < n) {
    const c = source.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    // -- comment
    if (c === 45 && source.charCodeAt(i + 1) === 45) {
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    // /* comment */, nesting like PostgreSQL
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      const start = i;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (source.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (source.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) throw error('UNTERMINATED_LITERAL', 'comment is not closed', start, start + 2, "close it with '*/'");
      continue;
    }
    const start = i;
    // identifiers and keywords
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      const text = source.slice(start, i);
      tokens.push({ kind: 'ident', value: text.toUpperCase(), text, start, end: i });
      continue;
    }
    // "quoted identifier"
    if (c === 34) {
      const { value, end } = readQuoted(source, i, '"');
      if (end < 0) throw error('UNTERMINATED_LITERAL', 'quoted name is not closed', start, start + 1, 'close it with "');
      if (value.length === 0) throw error('SYNTAX_ERROR', 'a quoted name cannot be empty', start, end);
      tokens.push({ kind: 'quoted_ident', value, text: source.slice(start, end), start, end });
      i = end;
      continue;
    }
    // 'string'
    if (c === 39) {
      const { value, end } = readQuoted(source, i, "'");
      if (end < 0) throw error('UNTERMINATED_LITERAL', 'string is not closed', start, start + 1, "close it with ' (write '' for a quote inside)");
      tokens.push({ kind: 'string', value, text: source.slice(start, end), start, end });
      i = end;
      continue;
    }
    // numbers: 12, 1.5, .5, 1e10, 1.5E-3
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      while (i < n && isDigit(source.charCodeAt(i))) i++;
      if (source.charCodeAt(i) === 46 && source.charCodeAt(i + 1) !== 46) {
        i++;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
      }
      const e = source.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const s = source.charCodeAt(j);
        if (s === 43 || s === 45) j++;
        if (isDigit(source.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(source.charCodeAt(i))) i++;
        }
      }
      if (i < n && isIdentStart(source.charCodeAt(i))) {
        let j = i;
        while (j < n && isIdentPart(source.charCodeAt(j))) j++;
        throw error('SYNTAX_ERROR', `'${source.slice(start, j)}' is not a number or a name`, start, j, 'names cannot start with a digit; quote them: "1st"');
      }
      const text = source.slice(start, i);
      tokens.push({ kind: 'number', value: text, text, start, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      i += op.length;
      tokens.push({ kind: 'op', value: op === '!=' ? '<>' : op, text: op, start, end: i });
      continue;
    }
    const ch = String.fromCodePoint(source.codePointAt(i)!);
    throw error('SYNTAX_ERROR', `unexpected character '${ch}'`, i, i + ch.length);
  }
  tokens.push({ kind: 'eof', value: '', text: '', start: n, end: n });
  return tokens;
}

/** Reads a quoted run starting at `at` where a doubled quote stands for one; end -1 if unclosed. */
function readQuoted(source: string, at: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = at + 1;
  for (;;) {
    const j = source.indexOf(quote, i);
    if (j < 0) return { value, end: -1 };
    value += source.slice(i, j);
    if (source[j + 1] === quote) {
      value += quote;
      i = j + 2;
      continue;
    }
    return { value, end: j + 1 };
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 36;
}
