/**
 * Oracle: statements both engines must refuse at run time (overflow, bad casts, domain
 * errors), with LaminarDB's stable error code. Fixed bugs are in regressions.test.ts.
 */
import { errorSuite, type ErrorCase } from './errors.js';

const ERRORS: readonly ErrorCase[] = [
  { name: 'INT overflow in *', laminar: 'SELECT id, qty * 1000000 FROM readings', code: 'NUMERIC_OVERFLOW' },
  {
    name: 'INT overflow in +',
    laminar: 'SELECT id, qty + 2147483000 FROM readings',
    code: 'NUMERIC_OVERFLOW',
  },
  {
    name: 'INT overflow in unary minus',
    laminar: 'SELECT -CAST(-2147483648 AS INT)',
    code: 'NUMERIC_OVERFLOW',
  },
  { name: 'INT overflow in ABS', laminar: 'SELECT ABS(CAST(-2147483648 AS INT))', code: 'NUMERIC_OVERFLOW' },
  {
    name: 'BIGINT out of INT range in CAST',
    laminar: 'SELECT id, CAST(big AS INT) FROM readings',
    code: 'NUMERIC_OVERFLOW',
  },
  {
    name: 'DOUBLE out of INT range in CAST',
    laminar: 'SELECT id, CAST(amount * 1e7 AS INT) FROM readings',
    code: 'NUMERIC_OVERFLOW',
  },
  {
    name: 'CAST of a non-number string to INT',
    laminar: 'SELECT id, CAST(name AS INT) FROM readings',
    code: 'INVALID_CAST',
  },
  { name: 'CAST of a string literal to INT', laminar: "SELECT CAST('abc' AS INT)", code: 'INVALID_CAST' },
  {
    name: 'CAST of a bad timestamp',
    laminar: "SELECT CAST('2024-02-30 00:00:00' AS TIMESTAMP)",
    code: 'INVALID_CAST',
  },
  {
    name: 'SQRT of a negative number',
    laminar: 'SELECT id, SQRT(amount) FROM readings',
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'LN of zero',
    laminar: 'SELECT id, LN(amount) FROM readings WHERE amount = 0',
    code: 'INVALID_ARGUMENT',
  },
];

errorSuite('oracle: errors in both engines', ERRORS);
