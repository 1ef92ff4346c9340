import { scalarText, type Scalar, type SqlType } from '../engine/index.js';

/**
 * A value as people read it in a table or a changelog line: the engine's text for the type
 * (timestamps 'YYYY-MM-DD HH:MM:SS[.fff]', intervals '01:30:00', doubles shortest round-trip),
 * NULL as `NULL`, and control characters escaped so that one row stays on one line and a
 * value cannot send escape sequences to the terminal.
 */
export function cellText(value: Scalar, type: SqlType): string {
  if (value === null) return 'NULL';
  return escapeControls(scalarText(value, type));
}

const CONTROL = /[\u0000-\u001f\u007f]/g;
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Line breaks and tabs as `\n`, `\r`, `\t`; other control characters as `\xHH`. */
export function escapeControls(text: string): string {
  if (!hasControl(text)) return text;
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0'));
}

export function hasControl(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** Numbers and durations line up on the right, like figures in a column; the rest on the left. */
export function alignsRight(type: SqlType): boolean {
  switch (type) {
    case 'INT':
    case 'BIGINT':
    case 'DOUBLE':
    case 'INTERVAL':
      return true;
    case 'BOOLEAN':
    case 'VARCHAR':
    case 'TIMESTAMP':
      return false;
  }
}
