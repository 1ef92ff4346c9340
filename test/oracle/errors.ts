/** Statements both engines must refuse: LaminarDB with a given error code, DuckDB with any error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLaminarError } from '../../engine/index.js';
import { runDuck } from './duck.js';
import { itKnownBug } from './harness.js';
import { runLaminar } from './laminar.js';
import { openOracle, type Oracle } from './oracle.js';

export interface ErrorCase {
  readonly name: string;
  readonly laminar: string;
  readonly duckdb?: string;
  /** LaminarDB's error code. */
  readonly code: string;
  /** Set when LaminarDB does not fail as it should (a known bug: runs as it.fails). */
  readonly bug?: string;
}

async function expectBothFail(o: Oracle, c: ErrorCase): Promise<void> {
  const lam = await runLaminar(o.session, c.laminar).then(
    (r) => ({ ok: true as const, rows: r.rows.length, first: r.rows[0] }),
    (e: unknown) => ({ ok: false as const, error: e }),
  );
  expect(
    lam.ok ? `LaminarDB returned ${lam.rows} rows, the first ${JSON.stringify(lam.first)}` : 'failed',
  ).toBe('failed');
  if (!lam.ok) {
    expect(isLaminarError(lam.error), String(lam.error)).toBe(true);
    expect((lam.error as { code: string }).code).toBe(c.code);
  }
  await expect(runDuck(o.duck, c.duckdb ?? c.laminar)).rejects.toThrow();
}

/** A describe block over the readings dataset with one test per case. */
export function errorSuite(title: string, cases: readonly ErrorCase[]): void {
  describe(title, () => {
    let oracle: Oracle | undefined;
    beforeAll(async () => {
      oracle = await openOracle(['readings']);
    });
    afterAll(async () => {
      await oracle?.close();
    });
    for (const c of cases) {
      if (c.bug) itKnownBug(`known bug: ${c.name} — ${c.bug}`, () => expectBothFail(oracle!, c));
      else it(c.name, () => expectBothFail(oracle!, c));
    }
  });
}
