/**
 * Oracle: statements both engines must refuse at run time (overflow, bad casts, domain
 * errors), with LaminarDB's stable error code. Known bugs run as `it.fails`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLaminarError } from '../../engine/index.js';
import { runDuck } from './duck.js';
import { itKnownBug } from './harness.js';
import { runLaminar } from './laminar.js';
import { openOracle, type Oracle } from './oracle.js';

interface ErrorCase {
  readonly name: string;
  readonly laminar: string;
  readonly duckdb?: string;
  /** LaminarDB's error code. */
  readonly code: string;
  /** Set when LaminarDB does not fail (a known bug). */
  readonly bug?: string;
}

const ERRORS: readonly ErrorCase[] = [
  { name: 'INT overflow in *', laminar: 'SELECT id, qty * 1000000 FROM readings', code: 'NUMERIC_OVERFLOW' },
  { name: 'INT overflow in +', laminar: 'SELECT id, qty + 2147483000 FROM readings', code: 'NUMERIC_OVERFLOW' },
  { name: 'INT overflow in unary minus', laminar: 'SELECT -CAST(-2147483648 AS INT)', duckdb: 'SELECT -CAST(-2147483648 AS INT)', code: 'NUMERIC_OVERFLOW' },
  { name: 'BIGINT out of INT range in CAST', laminar: 'SELECT id, CAST(big AS INT) FROM readings', code: 'NUMERIC_OVERFLOW' },
  { name: 'CAST of a non-number string to INT', laminar: 'SELECT id, CAST(name AS INT) FROM readings', code: 'INVALID_CAST' },
  { name: 'CAST of a string literal to INT', laminar: "SELECT CAST('abc' AS INT)", code: 'INVALID_CAST' },
  { name: 'CAST of a bad timestamp', laminar: "SELECT CAST('2024-02-30 00:00:00' AS TIMESTAMP)", code: 'INVALID_CAST' },
  { name: 'SQRT of a negative number', laminar: 'SELECT id, SQRT(amount) FROM readings', code: 'INVALID_ARGUMENT' },
  { name: 'LN of zero', laminar: 'SELECT id, LN(amount) FROM readings WHERE amount = 0', code: 'INVALID_ARGUMENT' },
  {
    name: 'INT // -1 overflows at the INT minimum',
    laminar: 'SELECT CAST(-2147483648 AS INT) // CAST(-1 AS INT)',
    code: 'NUMERIC_OVERFLOW',
    bug: 'LaminarDB returns -2147483648 (the quotient 2^31 wraps in the Int32 output), DuckDB raises an overflow error',
  },
];

describe('oracle: errors in both engines', () => {
  let oracle: Oracle | undefined;
  beforeAll(async () => {
    oracle = await openOracle(['readings']);
  });
  afterAll(async () => {
    await oracle?.close();
  });

  async function expectBothFail(c: ErrorCase): Promise<void> {
    const o = oracle!;
    const lam = await runLaminar(o.session, c.laminar).then(
      (r) => ({ ok: true as const, rows: r.rows.length, first: r.rows[0] }),
      (e: unknown) => ({ ok: false as const, error: e }),
    );
    expect(lam.ok ? `LaminarDB returned ${lam.rows} rows, the first ${JSON.stringify(lam.first)}` : 'failed').toBe('failed');
    if (!lam.ok) {
      expect(isLaminarError(lam.error), String(lam.error)).toBe(true);
      expect((lam.error as { code: string }).code).toBe(c.code);
    }
    await expect(runDuck(o.duck, c.duckdb ?? c.laminar)).rejects.toThrow();
  }

  for (const c of ERRORS) {
    if (c.bug) itKnownBug(`known bug: ${c.name} — ${c.bug}`, () => expectBothFail(c));
    else it(c.name, () => expectBothFail(c));
  }
});
