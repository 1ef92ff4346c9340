/** Tokens of LaminarDB SQL. Offsets are UTF-16 indices into the source; `end` is exclusive. */
export type TokenKind =
  | 'ident' // unquoted word: keywords are idents too, recognised by the parser
  | 'quoted_ident' // "Quoted Name": exact case
  | 'string' // 'text', with '' unescaped
  | 'number' // 12, 1.5, .5, 1e-3
  | 'op' // punctuation and operators
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** For idents the upper-cased word; for quoted idents and strings the content; else the text. */
  readonly value: string;
  /** The token exactly as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words that cannot be used as names without quotes, because they start or end clauses. */
export const RESERVED = new Set([
  'ALL', 'AND', 'AS', 'ASC', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CREATE', 'DESC', 'DISTINCT', 'DROP', 'ELSE',
  'EMIT', 'END', 'EXCEPT', 'EXPLAIN', 'FALSE', 'FILTER', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'ILIKE', 'IN', 'INNER',
  'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LEFT', 'LIKE', 'LIMIT', 'NOT', 'NULL', 'OFFSET', 'ON', 'OR',
  'ORDER', 'OUTER', 'OVER', 'RIGHT', 'SELECT', 'THEN', 'TRUE', 'UNION', 'USING', 'VALUES', 'WHEN', 'WHERE',
  'WINDOW', 'WITH', 'ALLOW', 'LATE',
]);

/** Multi-character operators, longest first so the lexer matches greedily. */
export const OPERATORS = ['<>', '!=', '<=', '>=', '||', '::', '//', '+', '-', '*', '/', '%', '=', '<', '>', '(', ')', ',', '.', ';', '[', ']'];
