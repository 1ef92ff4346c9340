/**
 * JavaScript values into batches: the push API (`session.push(name, rows)`) and the JSON lines
 * reader share these rules, so a value means the same whether it is pushed or read from a file.
 */
import { LaminarError } from '../../errors/laminar-error.js';
import { parseValue, type ValueParse } from '../../types/parse-value.js';
import { INT32_MAX, INT32_MIN, MAX_EXACT_INT, type SqlType } from '../../types/sql-type.js';
import { MICROS_PER_MILLI } from '../../types/time.js';
import type { Batch, Schema } from './batch.js';
import { ColumnBuilder } from './builder.js';

/**
 * Converts one JavaScript value to a value of `type` (see Scalar), or says why it cannot:
 *
 * - null and undefined are NULL (the caller checks NOT NULL);
 * - a string is read with parseValue, the rule of CAST and of CSV fields, for every type;
 * - INT takes integers in the int32 range, BIGINT integers within ±2^53 (numbers or bigints),
 *   DOUBLE any number (or a bigint within ±2^53);
 * - BOOLEAN takes true and false (numbers are refused: 1 is not a boolean);
 * - VARCHAR takes strings, and numbers, bigints and booleans as their text (String(v));
 * - TIMESTAMP takes a Date, a number of milliseconds since the epoch (as Date.getTime()
 *   returns; fractions keep microseconds) or text;
 * - INTERVAL takes a number of milliseconds or text ('5 seconds', '00:00:05').
 *
 * Objects and arrays are refused for every type: nested values are not supported.
 */
export function jsToScalar(value: unknown, type: SqlType): ValueParse {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'string') return parseValue(value, type);
  switch (type) {
    case 'INT':
    case 'BIGINT': {
      const [lo, hi] = type === 'INT' ? [INT32_MIN, INT32_MAX] : [-MAX_EXACT_INT, MAX_EXACT_INT];
      if (typeof value === 'bigint') {
        if (value < BigInt(lo) || value > BigInt(hi)) return refuse(value, `out of range for ${type}`);
        return { ok: true, value: Number(value) };
      }
      if (typeof value !== 'number') return refuse(value, `not an integer (expected ${type})`);
      if (!Number.isInteger(value)) return refuse(value, `not an integer (expected ${type})`);
      if (value < lo || value > hi) return refuse(value, `out of range for ${type}`);
      return { ok: true, value: value === 0 ? 0 : value };
    }
    case 'DOUBLE':
      if (typeof value === 'number') return { ok: true, value };
      if (typeof value === 'bigint') {
        if (value < -BigInt(MAX_EXACT_INT) || value > BigInt(MAX_EXACT_INT))
          return refuse(value, 'too large to be a DOUBLE exactly');
        return { ok: true, value: Number(value) };
      }
      return refuse(value, 'not a number (expected DOUBLE)');
    case 'BOOLEAN':
      if (typeof value === 'boolean') return { ok: true, value };
      return refuse(value, 'not a boolean (expected true or false)');
    case 'VARCHAR':
      if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
        return { ok: true, value: String(value) };
      return refuse(value, 'not a string (expected VARCHAR)');
    case 'TIMESTAMP': {
      if (value instanceof Date) {
        const ms = value.getTime();
        if (Number.isNaN(ms)) return { ok: false, reason: 'an invalid Date is not a timestamp' };
        return { ok: true, value: ms * MICROS_PER_MILLI };
      }
      if (typeof value === 'number') return millisToMicros(value, 'TIMESTAMP');
      return refuse(value, 'not a timestamp (expected a Date, milliseconds since the epoch or text)');
    }
    case 'INTERVAL':
      if (typeof value === 'number') return millisToMicros(value, 'INTERVAL');
      return refuse(value, "not an interval (expected milliseconds or text such as '5 seconds')");
  }
}

function millisToMicros(ms: number, type: 'TIMESTAMP' | 'INTERVAL'): ValueParse {
  const micros = Math.round(ms * MICROS_PER_MILLI);
  if (!Number.isSafeInteger(micros)) return refuse(ms, `out of range for ${type}`);
  return { ok: true, value: micros === 0 ? 0 : micros };
}

function refuse(value: unknown, why: string): ValueParse {
  return { ok: false, reason: `${describeJs(value)} is ${why}` };
}

/** A short description of a JS value for messages: 1.5, 'abc', true, an object, an array. */
export function describeJs(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? value.slice(0, 37) + '...' : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export interface RowsToBatchOptions {
  /** Added to row indices in messages, when `rows` is a slice of a larger array. */
  readonly firstRow?: number;
  /** Name of the rows in messages ('rows' by default: "rows[3], column 'price': ..."). */
  readonly what?: string;
}

/**
 * Rows given as objects (keys match columns by name, ignoring case; a missing key is NULL, an
 * unknown key an error) or as arrays (values by position; the length must match) into one
 * append-only batch. The first bad row throws BAD_INPUT_ROW naming the row index, the column
 * and the reason, and nothing is converted: a push is all or nothing.
 */
export function rowsToBatch(
  schema: Schema,
  rows: readonly (Readonly<Record<string, unknown>> | readonly unknown[])[],
  options: RowsToBatchOptions = {},
): Batch {
  const builders = schema.map((f) => new ColumnBuilder(f.type, rows.length));
  const keys = new KeyMatcher(schema);
  const values: unknown[] = new Array<unknown>(schema.length);
  // given[c] === r when row r set column c: catches {Price: 1, price: 2}.
  const given = new Int32Array(schema.length).fill(-1);
  const what = options.what ?? 'rows';
  const first = options.firstRow ?? 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const where = `${what}[${first + r}]`;
    if (Array.isArray(row)) {
      if (row.length !== schema.length) {
        throw badRow(`${where} has ${row.length} values but ${schema.length} columns are expected`, schema);
      }
      for (let c = 0; c < schema.length; c++) values[c] = row[c];
    } else if (row !== null && typeof row === 'object') {
      values.fill(undefined);
      for (const key of Object.keys(row)) {
        const c = keys.find(key);
        if (c < 0) throw badRow(`${where} has no column '${key}'`, schema);
        if (given[c] === r)
          throw badRow(
            `${where} gives column '${schema[c]!.name}' twice (keys differing only in case)`,
            schema,
          );
        given[c] = r;
        values[c] = (row as Readonly<Record<string, unknown>>)[key];
      }
    } else {
      throw badRow(`${where} is ${describeJs(row)}, not an object or an array`, schema);
    }
    for (let c = 0; c < schema.length; c++) {
      const field = schema[c]!;
      const parsed = jsToScalar(values[c], field.type);
      if (!parsed.ok) throw badRow(`${where}, column '${field.name}': ${parsed.reason}`, schema);
      if (parsed.value === null && !field.nullable)
        throw badRow(`${where}, column '${field.name}' is NOT NULL but the value is null`, schema);
      builders[c]!.append(parsed.value);
    }
  }
  return { length: rows.length, columns: builders.map((b) => b.finish()), kinds: null };
}

function badRow(message: string, schema: Schema): LaminarError {
  return new LaminarError('BAD_INPUT_ROW', message, {
    hint: `the columns are ${schema.map((f) => `${f.name} ${f.type}`).join(', ')}`,
  });
}

/**
 * Column index of an object key, ignoring case. Remembers keys as given so that the usual
 * case (the same keys in every row) costs one Map lookup per key.
 */
export class KeyMatcher {
  private readonly byLower = new Map<string, number>();
  private readonly byKey = new Map<string, number>();

  constructor(schema: Schema) {
    schema.forEach((f, i) => this.byLower.set(f.name.toLowerCase(), i));
  }

  /** The column index, or -1 when no column has that name. */
  find(key: string): number {
    let c = this.byKey.get(key);
    if (c === undefined) {
      c = this.byLower.get(key.toLowerCase()) ?? -1;
      if (this.byKey.size < 10_000) this.byKey.set(key, c);
    }
    return c;
  }
}
