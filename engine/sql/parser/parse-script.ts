import type { Statement } from '../ast.js';
import { tokenize } from '../lexer.js';
import { Cursor } from './cursor.js';
import { parseStatement } from './parse-statement.js';

/**
 * Parses a script or cell: statements separated by semicolons (the last one may omit it).
 * Spans are offsets into `source`, so errors point into the text the user wrote.
 */
export function parseScript(source: string): Statement[] {
  const c = new Cursor(source, tokenize(source));
  const statements: Statement[] = [];
  for (;;) {
    while (c.acceptOp(';'));
    if (c.atEnd()) return statements;
    statements.push(parseStatement(c));
    if (!c.acceptOp(';') && !c.atEnd()) {
      throw c.expected("';' or the end of the input", 'separate statements with semicolons');
    }
  }
}

/** Parses exactly one statement. */
export function parseOne(source: string): Statement {
  const statements = parseScript(source);
  if (statements.length !== 1) {
    throw new Cursor(source, tokenize(source)).expected(statements.length === 0 ? 'a statement' : 'a single statement');
  }
  return statements[0]!;
}
