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
 * Known bugs run as `it.fails`, which hides why they fail; ORACLE_SHOW_BUGS=1 runs them as
 * normal tests to see the differences.
 */
export function itKnownBug(name: string, test: () => Promise<void>): void {
  if (process.env.ORACLE_SHOW_BUGS) it(name, test);
  else it.fails(name, test);
}

export interface SuiteOptions {
  readonly datasets: readonly DatasetName[];
  readonly queries: readonly OracleQuery[];
  readonly knownBugs?: readonly KnownBug[];
  /** LaminarDB's rows per source batch (DESIGN.md principle 4: results must not depend on it). */
  readonly batchSize?: number;
  /** Statements run after the datasets load, in each engine. */
  readonly setup?: readonly { readonly laminar: string; readonly duckdb: string }[];
}

/**
 * A describe block: one test per query, and `it.fails` for each known bug (it starts failing
 * the suite, as a reminder to move it to the normal list, once the bug is fixed).
 */
export function oracleSuite(title: string, options: SuiteOptions): void {
  const { queries, knownBugs = [] } = options;
  describe(title, () => {
    let oracle: Oracle | undefined;
    const o = (): Oracle => {
      if (!oracle) throw new Error('the oracle datasets failed to load');
      return oracle;
    };
    beforeAll(async () => {
      oracle = await openOracle(options.datasets, options.batchSize);
      for (const s of options.setup ?? []) {
        await oracle.session.execute(s.laminar);
        await oracle.duck.connection.run(s.duckdb);
      }
    });
    afterAll(async () => {
      await oracle?.close();
    });
    checkNames([...queries, ...knownBugs]);
    for (const q of queries) it(q.name, () => expectAgreement(o(), q));
    for (const q of knownBugs) itKnownBug(`known bug: ${q.name} — ${q.bug}`, () => expectAgreement(o(), q));
  });
}

function checkNames(queries: readonly OracleQuery[]): void {
  const seen = new Set<string>();
  for (const q of queries) {
    if (seen.has(q.name)) throw new Error(`duplicate oracle query name '${q.name}'`);
    seen.add(q.name);
  }
}
