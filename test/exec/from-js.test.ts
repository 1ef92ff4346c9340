import { describe, expect, it } from 'vitest';
import { batchRows, type Field } from '../../engine/exec/batch/batch.js';
import { jsToScalar, rowsToBatch } from '../../engine/exec/batch/from-js.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import type { SqlType } from '../../engine/types/sql-type.js';

function ok(value: unknown, type: SqlType): unknown {
  const r = jsToScalar(value, type);
  if (!r.ok) throw new Error(`expected ${String(value)} to convert to ${type}: ${r.reason}`);
  return r.value;
}

function reason(value: unknown, type: SqlType): string {
  const r = jsToScalar(value, type);
  if (r.ok) throw new Error(`expected ${String(value)} not to convert to ${type}`);
  return r.reason;
}

describe('jsToScalar', () => {
  it('reads null and undefined as NULL for every type', () => {
    for (const type of ['BOOLEAN', 'INT', 'BIGINT', 'DOUBLE', 'VARCHAR', 'TIMESTAMP', 'INTERVAL'] as const) {
      expect(ok(null, type)).toBeNull();
      expect(ok(undefined, type)).toBeNull();
    }
  });

  it('takes integers for INT and BIGINT within range, numbers or bigints', () => {
    expect(ok(2147483647, 'INT')).toBe(2147483647);
    expect(ok(-2147483648n, 'INT')).toBe(-2147483648);
    expect(ok(-0, 'INT')).toBe(0);
    expect(Object.is(ok(-0, 'INT'), 0)).toBe(true);
    expect(ok(2 ** 53 - 1, 'BIGINT')).toBe(2 ** 53 - 1);
    expect(ok(-(2n ** 53n) + 1n, 'BIGINT')).toBe(-(2 ** 53) + 1);
    expect(ok(' 42 ', 'INT')).toBe(42);
    expect(reason(2147483648, 'INT')).toBe('2147483648 is out of range for INT');
    expect(reason(2n ** 53n, 'BIGINT')).toBe('9007199254740992n is out of range for BIGINT');
    expect(reason(1.5, 'BIGINT')).toBe('1.5 is not an integer (expected BIGINT)');
    expect(reason(true, 'INT')).toBe('true is not an integer (expected INT)');
    expect(reason('1.5', 'INT')).toBe("'1.5' is not an integer (expected INT)");
    expect(reason(NaN, 'INT')).toBe('NaN is not an integer (expected INT)');
  });

  it('takes any number for DOUBLE, and text', () => {
    expect(ok(1.5, 'DOUBLE')).toBe(1.5);
    expect(ok(Infinity, 'DOUBLE')).toBe(Infinity);
    expect(ok(NaN, 'DOUBLE')).toBeNaN();
    expect(ok('-Infinity', 'DOUBLE')).toBe(-Infinity);
    expect(ok(12n, 'DOUBLE')).toBe(12);
    expect(reason(2n ** 60n, 'DOUBLE')).toBe('1152921504606846976n is too large to be a DOUBLE exactly');
    expect(reason(false, 'DOUBLE')).toBe('false is not a number (expected DOUBLE)');
  });

  it('takes booleans for BOOLEAN, and boolean words as text, but not numbers', () => {
    expect(ok(true, 'BOOLEAN')).toBe(true);
    expect(ok('off', 'BOOLEAN')).toBe(false);
    expect(reason(1, 'BOOLEAN')).toBe('1 is not a boolean (expected true or false)');
  });

  it('takes strings for VARCHAR and writes numbers and booleans as text', () => {
    expect(ok('', 'VARCHAR')).toBe('');
    expect(ok(1.5, 'VARCHAR')).toBe('1.5');
    expect(ok(7n, 'VARCHAR')).toBe('7');
    expect(ok(false, 'VARCHAR')).toBe('false');
    expect(reason({ a: 1 }, 'VARCHAR')).toBe('an object is not a string (expected VARCHAR)');
    expect(reason([1], 'VARCHAR')).toBe('an array is not a string (expected VARCHAR)');
  });

  it('takes Dates, epoch milliseconds and text for TIMESTAMP', () => {
    expect(ok(new Date('2024-01-02T03:04:05.678Z'), 'TIMESTAMP')).toBe(1_704_164_645_678_000);
    expect(ok(1_704_164_645_678, 'TIMESTAMP')).toBe(1_704_164_645_678_000);
    expect(ok(1.5, 'TIMESTAMP')).toBe(1500);
    expect(ok('2024-01-02 03:04:05.000001', 'TIMESTAMP')).toBe(1_704_164_645_000_001);
    expect(reason(new Date('nope'), 'TIMESTAMP')).toBe('an invalid Date is not a timestamp');
    expect(reason(true, 'TIMESTAMP')).toBe(
      'true is not a timestamp (expected a Date, milliseconds since the epoch or text)',
    );
    expect(reason(1e20, 'TIMESTAMP')).toBe('100000000000000000000 is out of range for TIMESTAMP');
    expect(reason('yesterday', 'TIMESTAMP')).toBe(
      "'yesterday' is not a timestamp ('YYYY-MM-DD HH:MM:SS') (expected TIMESTAMP)",
    );
  });

  it('takes milliseconds and text for INTERVAL', () => {
    expect(ok(1500, 'INTERVAL')).toBe(1_500_000);
    expect(ok(0.001, 'INTERVAL')).toBe(1);
    expect(ok('5 seconds', 'INTERVAL')).toBe(5_000_000);
    expect(ok('-00:00:05', 'INTERVAL')).toBe(-5_000_000);
    expect(reason('1 month', 'INTERVAL')).toBe(
      "month intervals have no fixed length and are not supported; use days (e.g. '30 days')",
    );
    expect(reason(new Date(0), 'INTERVAL')).toBe(
      "a Date is not an interval (expected milliseconds or text such as '5 seconds')",
    );
  });
});

const SCHEMA: Field[] = [
  { name: 'id', type: 'INT', nullable: false },
  { name: 'Price', type: 'DOUBLE', nullable: true },
  { name: 'at', type: 'TIMESTAMP', nullable: true },
];

function bad(f: () => unknown): LaminarError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LaminarError);
    expect((e as LaminarError).code).toBe('BAD_INPUT_ROW');
    return e as LaminarError;
  }
  throw new Error('expected BAD_INPUT_ROW');
}

describe('rowsToBatch', () => {
  it('matches object keys ignoring case, missing keys as NULL, and arrays by position', () => {
    const batch = rowsToBatch(SCHEMA, [
      { id: 1, price: 1.5, at: '2024-01-01' },
      { ID: 2 },
      [3, null, new Date(Date.UTC(2024, 0, 1, 0, 0, 1))],
      { Id: 4, PRICE: '2.5', at: undefined },
    ]);
    expect(batch.kinds).toBeNull();
    expect(batchRows(batch)).toEqual([
      [1, 1.5, 1_704_067_200_000_000],
      [2, null, null],
      [3, null, 1_704_067_201_000_000],
      [4, 2.5, null],
    ]);
    expect(rowsToBatch(SCHEMA, []).length).toBe(0);
  });

  it('names the row, the column and the reason of a bad row', () => {
    expect(bad(() => rowsToBatch(SCHEMA, [{ id: 1 }, { id: 2, price: 'cheap' }])).message).toBe(
      "rows[1], column 'Price': 'cheap' is not a number (expected DOUBLE)",
    );
    expect(bad(() => rowsToBatch(SCHEMA, [{ id: 1, prce: 2 }])).message).toBe("rows[0] has no column 'prce'");
    expect(bad(() => rowsToBatch(SCHEMA, [{ id: 1, price: 1, PRICE: 2 }])).message).toBe(
      "rows[0] gives column 'Price' twice (keys differing only in case)",
    );
    expect(bad(() => rowsToBatch(SCHEMA, [[1, 2]])).message).toBe(
      'rows[0] has 2 values but 3 columns are expected',
    );
    expect(bad(() => rowsToBatch(SCHEMA, [{ price: 1 }])).message).toBe(
      "rows[0], column 'id' is NOT NULL but the value is null",
    );
    expect(bad(() => rowsToBatch(SCHEMA, [5 as never])).message).toBe(
      'rows[0] is 5, not an object or an array',
    );
    const e = bad(() => rowsToBatch(SCHEMA, [{ id: 1.5 }], { firstRow: 100, what: 'trades' }));
    expect(e.message).toBe("trades[100], column 'id': 1.5 is not an integer (expected INT)");
    expect(e.hint).toBe('the columns are id INT, Price DOUBLE, at TIMESTAMP');
  });
});
