import type { SqlType } from '../../types/sql-type.js';
import type { TypeName } from '../ast.js';
import { closest, type Cursor } from './cursor.js';

const TYPE_WORDS: Readonly<Record<string, SqlType>> = {
  BOOLEAN: 'BOOLEAN', BOOL: 'BOOLEAN',
  INT: 'INT', INTEGER: 'INT', INT4: 'INT', SMALLINT: 'INT', INT2: 'INT', TINYINT: 'INT',
  BIGINT: 'BIGINT', INT8: 'BIGINT', LONG: 'BIGINT',
  DOUBLE: 'DOUBLE', FLOAT8: 'DOUBLE', FLOAT: 'DOUBLE', REAL: 'DOUBLE', FLOAT4: 'DOUBLE',
  VARCHAR: 'VARCHAR', TEXT: 'VARCHAR', STRING: 'VARCHAR', CHAR: 'VARCHAR', CHARACTER: 'VARCHAR',
  TIMESTAMP: 'TIMESTAMP', DATETIME: 'TIMESTAMP',
  INTERVAL: 'INTERVAL',
};

const UNSUPPORTED: Readonly<Record<string, string>> = {
  DECIMAL: 'use DOUBLE',
  NUMERIC: 'use DOUBLE',
  DATE: "use TIMESTAMP (a date is its midnight: TIMESTAMP '2024-01-01')",
  TIME: 'use TIMESTAMP or INTERVAL',
  TIMESTAMPTZ: 'timestamps are UTC; use TIMESTAMP',
  BLOB: 'binary data is not supported',
  BYTEA: 'binary data is not supported',
  JSON: 'store JSON as VARCHAR',
  UUID: 'use VARCHAR',
};

/** A type name: INT, DOUBLE PRECISION, VARCHAR(20), TIMESTAMP(3) WITHOUT TIME ZONE, … */
export function parseType(c: Cursor): TypeName {
  const t = c.peek();
  if (t.kind !== 'ident') throw c.expected('a type name');
  const word = t.value;
  const type = TYPE_WORDS[word];
  if (type === undefined) {
    const hint = UNSUPPORTED[word];
    if (hint !== undefined) throw c.error('UNSUPPORTED_TYPE', `type ${word} is not supported`, t, hint);
    const guess = closest(word, Object.keys(TYPE_WORDS));
    throw c.error('UNSUPPORTED_TYPE', `unknown type ${t.text}`, t, guess ? `did you mean ${guess}?` : 'types: BOOLEAN, INT, BIGINT, DOUBLE, VARCHAR, TIMESTAMP, INTERVAL');
  }
  c.next();
  if (word === 'DOUBLE') c.acceptKeyword('PRECISION');
  if (word === 'CHARACTER') c.acceptKeyword('VARYING');
  // Length and precision modifiers are accepted and ignored: strings are unbounded and
  // timestamps keep microseconds.
  if ((type === 'VARCHAR' || type === 'TIMESTAMP') && c.acceptOp('(')) {
    if (c.peek().kind !== 'number') throw c.expected('a length');
    c.next();
    c.expectOp(')');
  }
  if (type === 'TIMESTAMP') {
    if (c.acceptKeyword('WITHOUT', 'TIME', 'ZONE')) {
      // the default
    } else if (c.isKeyword('WITH') && c.isKeyword('TIME', 1)) {
      throw c.error('UNSUPPORTED_TYPE', 'TIMESTAMP WITH TIME ZONE is not supported', c.peek(), 'timestamps are UTC; use TIMESTAMP');
    }
  }
  return { type, span: c.spanFrom(t.start) };
}
