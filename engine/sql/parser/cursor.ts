import { LaminarError } from '../../errors/laminar-error.js';
import type { ErrorCode } from '../../errors/codes.js';
import type { Ident, Span } from '../ast.js';
import { RESERVED, type Token } from '../tokens.js';

/**
 * A position in the token list with the small vocabulary the parsers share: look at the next
 * token, accept an expected keyword or operator, or fail with a located "expected …, found …".
 */
export class Cursor {
  private pos = 0;

  constructor(
    readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** End offset of the last consumed token: where a node that just ended stops. */
  get lastEnd(): number {
    return this.pos === 0 ? 0 : this.tokens[this.pos - 1]!.end;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.value === word;
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.value === op;
  }

  acceptKeyword(...words: string[]): boolean {
    if (!words.every((w, k) => this.isKeyword(w, k))) return false;
    for (let k = 0; k < words.length; k++) this.next();
    return true;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectKeyword(...words: string[]): Token {
    const first = this.peek();
    if (!this.acceptKeyword(...words)) throw this.expected(words.join(' '));
    return first;
  }

  expectOp(op: string): Token {
    const t = this.peek();
    if (!this.acceptOp(op)) throw this.expected(`'${op}'`);
    return t;
  }

  /** A name: an unreserved word or a quoted name. */
  ident(what = 'a name'): Ident {
    const t = this.peek();
    if (t.kind === 'quoted_ident') {
      this.next();
      return { name: t.value, quoted: true, span: { start: t.start, end: t.end } };
    }
    if (t.kind === 'ident' && !RESERVED.has(t.value)) {
      this.next();
      return { name: t.text.toLowerCase(), quoted: false, span: { start: t.start, end: t.end } };
    }
    if (t.kind === 'ident') {
      const afterComma = this.pos > 0 && this.tokens[this.pos - 1]!.value === ',';
      const hint = afterComma && CLAUSE_WORDS.has(t.value)
        ? `remove the comma before ${t.value}`
        : `to use ${t.value} as a name, quote it: "${t.text.toLowerCase()}"`;
      throw this.error('SYNTAX_ERROR', `expected ${what}, found the keyword ${t.value}`, t, hint);
    }
    throw this.expected(what);
  }

  /** True when the next token can start a name (so an alias may follow). */
  atIdent(): boolean {
    const t = this.peek();
    return t.kind === 'quoted_ident' || (t.kind === 'ident' && !RESERVED.has(t.value));
  }

  spanFrom(start: number): Span {
    return { start, end: this.lastEnd };
  }

  expected(what: string, hint?: string): LaminarError {
    const t = this.peek();
    return this.error('SYNTAX_ERROR', `expected ${what}, found ${describe(t)}`, t, hint);
  }

  error(code: ErrorCode, message: string, at: Span, hint?: string): LaminarError {
    const end = Math.max(at.end, at.start + 1);
    return new LaminarError(code, message, {
      location: { kind: 'sql', source: this.source, start: at.start, end: Math.min(end, Math.max(this.source.length, at.start + 1)) },
      ...(hint ? { hint } : {}),
    });
  }
}

const CLAUSE_WORDS = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EMIT']);

export function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the input';
    case 'string':
      return `the string ${t.text.length > 30 ? t.text.slice(0, 27) + "...'" : t.text}`;
    case 'number':
      return `the number ${t.text}`;
    case 'quoted_ident':
      return `the name ${t.text}`;
    case 'ident':
      return RESERVED.has(t.value) ? `the keyword ${t.value}` : `'${t.text}'`;
    case 'op':
      return `'${t.text}'`;
  }
}

/** The candidate closest to `word` within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(w.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
