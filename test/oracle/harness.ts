/**
 * The oracle harness: LaminarDB and DuckDB over the same datasets, and a vitest suite that
 * runs each query through both and compares the results (compare.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetName } from './datasets.js';
import { checkQuery, openOracle, type Oracle, type OracleQuery } from './oracle.js';

export type { OracleQuery } from './oracle.js';

/** A query LaminarDB currently answers wrongly: kept visible, expected to fail until fixed. */
export interface KnownBug extends OracleQuery {
  readonly bug: string;
}

/** Asserts agreement, with the SQL and the differences in the failure message. */
export async function expectAgreement(o: Oracle, q: OracleQuery): Promise<void> {
  const problems = await checkQuery(o, q);
  const sql = q.duckdb ? `LaminarDB: ${q.laminar}\nDuckDB:    ${q.duckdb}` : q.laminar;
  expect(problems, `${sql}\n`).toEqual([]);
}

/**
 * A describe block over `datasets`: one test per query, and `it.fails` for each known bug (it
 * starts failing the suite, as a reminder to move it to the normal list, once the bug is fixed).
 */
export function oracleSuite(
  title: string,
  datasets: readonly DatasetName[],
  queries: readonly OracleQuery[],
  knownBugs: readonly KnownBug[] = [],
): void {
  describe(title, () => {
    let oracle: Oracle | undefined;
    const o = (): Oracle => {
      if (!oracle) throw new Error('the oracle datasets failed to load');
      return oracle;
    };
    beforeAll(async () => {
      oracle = await openOracle(datasets);
    });
    afterAll(async () => {
      await oracle?.close();
    });
    checkNames([...queries, ...knownBugs]);
    for (const q of queries) it(q.name, () => expectAgreement(o(), q));
    for (const q of knownBugs) it.fails(`known bug: ${q.name} — ${q.bug}`, () => expectAgreement(o(), q));
  });
}

function checkNames(queries: readonly OracleQuery[]): void {
  const seen = new Set<string>();
  for (const q of queries) {
    if (seen.has(q.name)) throw new Error(`duplicate oracle query name '${q.name}'`);
    seen.add(q.name);
  }
}
