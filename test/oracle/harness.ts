/**
 * The oracle harness: LaminarDB and DuckDB over the same datasets, and a vitest suite that
 * runs each query through both and compares the results (compare.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLiveSource, type DatasetName, type LiveSource } from './datasets.js';
import { checkQuery, openOracle, type Oracle, type OracleQuery, type Read } from './oracle.js';

export type { OracleQuery, Read } from './oracle.js';

/** A query LaminarDB currently answers wrongly: kept visible, expected to fail until fixed. */
export interface KnownBug extends OracleQuery {
  readonly bug: string;
}

/** Asserts agreement, with the SQL and the differences in the failure message. */
export async function expectAgreement(o: Oracle, q: OracleQuery, read: Read = 'result'): Promise<void> {
  const problems = await checkQuery(o, q, read);
  const sql = q.duckdb ? `LaminarDB: ${q.laminar}\nDuckDB:    ${q.duckdb}` : q.laminar;
  expect(problems, `${read === 'changelog' ? '[consolidated changelog] ' : ''}${sql}\n`).toEqual([]);
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
  /** Statements run after the datasets load, in each engine (or in one, when the other has none). */
  readonly setup?: readonly { readonly laminar?: string; readonly duckdb?: string }[];
  /** How each query's answer is read when it does not say (default: ['result']). */
  readonly reads?: readonly Read[];
  /** Push sources created, fed and mirrored to DuckDB like the datasets (see OracleQuery.live). */
  readonly liveSources?: readonly LiveSource[];
  /** Run after the setup statements (e.g. to push rows into sources the setup created). */
  readonly prepare?: (o: Oracle) => Promise<void>;
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
      for (const source of options.liveSources ?? [])
        await loadLiveSource(oracle.session, oracle.duck, source);
      for (const s of options.setup ?? []) {
        if (s.laminar !== undefined) await oracle.session.execute(s.laminar);
        if (s.duckdb !== undefined) await oracle.duck.connection.run(s.duckdb);
      }
      await options.prepare?.(oracle);
    });
    afterAll(async () => {
      await oracle?.close();
    });
    checkNames([...queries, ...knownBugs]);
    const reads = (q: OracleQuery): readonly Read[] => q.reads ?? options.reads ?? ['result'];
    const label = (q: OracleQuery, read: Read): string =>
      reads(q).length > 1 || read !== 'result' ? `${q.name} [${read}]` : q.name;
    for (const q of queries) for (const r of reads(q)) it(label(q, r), () => expectAgreement(o(), q, r));
    for (const q of knownBugs)
      for (const r of reads(q))
        itKnownBug(`known bug: ${label(q, r)} — ${q.bug}`, () => expectAgreement(o(), q, r));
  });
}

function checkNames(queries: readonly OracleQuery[]): void {
  const seen = new Set<string>();
  for (const q of queries) {
    if (seen.has(q.name)) throw new Error(`duplicate oracle query name '${q.name}'`);
    seen.add(q.name);
  }
}
