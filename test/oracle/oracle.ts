/** The two engines over the same datasets, and one query's answers from both compared. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Session } from '../../engine/index.js';
import { compareResults } from './compare.js';
import { feedSources, loadDatasets, type DatasetName, type LiveSource } from './datasets.js';
import { openDuck, runDuck, type Duck } from './duck.js';
import { runLaminar, runLaminarChangelog } from './laminar.js';

/**
 * How LaminarDB's answer is read: `result` is the complete result of `execute` (a bounded
 * query's final output); `changelog` is the consolidation of every change a subscription with
 * `changes: 'row'` reports (laminar.ts runLaminarChangelog).
 */
export type Read = 'result' | 'changelog';

/**
 * One query of the suite. `duckdb` is DuckDB's spelling when it differs from LaminarDB's (the
 * two texts side by side); `ordered` compares row order (ORDER BY over unique keys).
 */
export interface OracleQuery {
  readonly name: string;
  readonly laminar: string;
  readonly duckdb?: string;
  readonly ordered?: boolean;
  /** Why the DuckDB text differs (a deliberate semantic difference), or other context. */
  readonly note?: string;
  /** The ways LaminarDB's answer is read, one test each (default: the suite's, else 'result'). */
  readonly reads?: readonly Read[];
  /** changelog: the query may only insert (+I), e.g. EMIT ON WINDOW CLOSE and EMIT FINAL. */
  readonly appendOnly?: boolean;
  /**
   * LaminarDB reads `live.name` as a push source created afresh for each run (named
   * `<name>_live` in the query text) and fed while the query runs: after the changelog
   * iterator is taken, or before `execute` for the result. (A query over an already ended push
   * source runs to its end before its changes can be observed, see laminar.ts.) Several live
   * sources are fed in turns, a batch of each at a time (datasets.ts feedSources).
   */
  readonly live?: LiveSource | readonly LiveSource[];
}

export interface Oracle {
  readonly session: Session;
  readonly duck: Duck;
  readonly dir: string;
  close(): Promise<void>;
}

/** `batchSize` is LaminarDB's rows per source batch (results must not depend on it). */
export async function openOracle(datasets: readonly DatasetName[], batchSize?: number): Promise<Oracle> {
  const dir = await mkdtemp(join(tmpdir(), 'laminar-oracle-'));
  const session = await open(batchSize === undefined ? {} : { batchSize });
  const duck = await openDuck();
  await loadDatasets(session, duck, dir, datasets);
  return {
    session,
    duck,
    dir,
    close: async () => {
      await session.close();
      duck.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The differences between the two engines' answers to `q` (empty when they agree). */
export async function checkQuery(o: Oracle, q: OracleQuery, read: Read = 'result'): Promise<string[]> {
  let sql = q.laminar;
  let feed: (() => Promise<void>) | undefined;
  if (q.live) {
    const feeds: { name: string; source: LiveSource }[] = [];
    for (const source of 'name' in q.live ? [q.live] : q.live) {
      const name = `${source.name}_live`;
      await o.session.execute(source.create(name));
      sql = sql.replace(new RegExp(`\\b${source.name}\\b`, 'gi'), name);
      feeds.push({ name, source });
    }
    feed = () => feedSources(o.session, feeds);
  }
  if (read === 'changelog') {
    const options = { appendOnly: q.appendOnly ?? false, ...(feed ? { feed } : {}) };
    const log = await runLaminarChangelog(o.session, sql, options);
    const duck = await runDuck(o.duck, q.duckdb ?? q.laminar);
    if (process.env.ORACLE_LOG)
      console.log(
        `${q.name} [changelog]: LaminarDB ${JSON.stringify(log.ops)} → ${log.result.rows.length} rows, DuckDB ${duck.rows.length} rows`,
      );
    // A consolidated changelog is a multiset: its order says nothing.
    return [...log.problems, ...compareResults(log.result, duck)];
  }
  await feed?.();
  const lam = await runLaminar(o.session, sql);
  const duck = await runDuck(o.duck, q.duckdb ?? q.laminar);
  if (process.env.ORACLE_LOG)
    console.log(`${q.name}: LaminarDB ${lam.rows.length} rows, DuckDB ${duck.rows.length} rows`);
  return compareResults(lam, duck, { ordered: q.ordered ?? false });
}
