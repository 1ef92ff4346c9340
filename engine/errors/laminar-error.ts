import type { ErrorCode } from './codes.js';
import { caretExcerpt, lineAndColumn, type ErrorLocation } from './location.js';

/**
 * Every user error is a LaminarError: a stable code, a message for people, where it happened
 * and, when there is one, a hint. Front ends print `format()`; they never print stack traces
 * for these.
 */
export class LaminarError extends Error {
  override readonly name = 'LaminarError';
  readonly code: ErrorCode;
  readonly location: ErrorLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { location?: ErrorLocation; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }

  /** Line and column (1-based) of a SQL error, or the line of a file error. */
  get position(): { line: number; column: number } | undefined {
    const loc = this.location;
    if (!loc) return undefined;
    if (loc.kind === 'file') return { line: loc.line, column: 1 };
    return lineAndColumn(loc.source, loc.start);
  }

  /** The error as people read it: code and message, position, caret excerpt, hint. */
  format(): string {
    const parts = [`${this.code}: ${this.message}`];
    const loc = this.location;
    if (loc?.kind === 'sql') {
      const { line, column } = lineAndColumn(loc.source, loc.start);
      parts.push(`  at line ${line}, column ${column}`, indent(caretExcerpt(loc)));
    } else if (loc?.kind === 'file') {
      parts.push(`  in ${loc.path}, line ${loc.line}`);
    }
    if (this.hint) parts.push(`  hint: ${this.hint}`);
    return parts.join('\n');
  }

  /** The same error placed at a location, for errors raised before the location was known. */
  at(location: ErrorLocation): LaminarError {
    if (this.location) return this;
    return new LaminarError(this.code, this.message, { location, hint: this.hint, cause: this.cause });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

export function isLaminarError(e: unknown): e is LaminarError {
  return e instanceof LaminarError;
}
