/**
 * Values as text for files and terminals: CSV fields and JSON values. `laminar run --format
 * csv|json` prints with the same functions, so a file sink and the CLI agree byte for byte.
 *
 * - TIMESTAMP: 'YYYY-MM-DD HH:MM:SS[.fff[fff]]' (formatTimestamp), UTC.
 * - INTERVAL: '01:30:00', '2 days 00:00:01.5' (formatInterval).
 * - DOUBLE: the shortest text that reads back to the same double, '.0' on whole numbers
 *   (doubleToText). NaN and ±Infinity are 'NaN', 'Infinity', '-Infinity': in CSV as is, in JSON
 *   as strings (JSON has no such numbers, and null would read back as NULL). parseValue reads
 *   all of these back.
 * - BOOLEAN: true / false. BIGINT and INT: decimal integers (JSON numbers; exact, |v| < 2^53).
 * - NULL: an empty CSV field (or the configured null string), JSON null.
 */
import type { Scalar } from '../../exec/batch/column.js';
import type { SqlType } from '../../types/sql-type.js';
import { doubleToText, scalarToText } from '../../types/cast-value.js';

/** The text of a non-null value, unquoted: what a CSV field holds before quoting (CAST's text). */
export function scalarText(value: Exclude<Scalar, null>, type: SqlType): string {
  return scalarToText(value, type);
}

export interface CsvFormat {
  /** ',' by default. */
  readonly delimiter?: string;
  /** The text of NULL: '' by default (an empty field). */
  readonly nullString?: string;
}

/**
 * One CSV field (RFC 4180): quoted with '"' when it contains the delimiter, a quote, a line
 * break or leading or trailing spaces, when it is an empty string (so that it differs from
 * NULL, written as an empty field), or when it equals the null string; quotes inside are
 * doubled.
 */
export function formatScalarForCsv(value: Scalar, type: SqlType, format: CsvFormat = {}): string {
  const nullString = format.nullString ?? '';
  if (value === null) return nullString;
  return quoteCsv(scalarText(value, type), format.delimiter ?? ',', nullString);
}

export function quoteCsv(text: string, delimiter: string, nullString: string): string {
  if (!needsQuotes(text, delimiter, nullString)) return text;
  return '"' + text.replaceAll('"', '""') + '"';
}

function needsQuotes(text: string, delimiter: string, nullString: string): boolean {
  if (text === '' || text === nullString) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first === 32 || first === 9 || last === 32 || last === 9) return true;
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
}

/** A value as JSON: numbers, strings, booleans or null (see the file comment for each type). */
export function scalarToJson(value: Scalar, type: SqlType): string | number | boolean | null {
  if (value === null) return null;
  switch (type) {
    case 'DOUBLE': {
      const v = value as number;
      return Number.isFinite(v) ? v : doubleToText(v);
    }
    case 'INT':
    case 'BIGINT':
    case 'BOOLEAN':
    case 'VARCHAR':
      return value;
    case 'TIMESTAMP':
    case 'INTERVAL':
      return scalarText(value, type);
  }
}

/** The JSON text of a value (JSON.stringify of scalarToJson). */
export function jsonText(value: Scalar, type: SqlType): string {
  const v = scalarToJson(value, type);
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}
