/** The two engines over the same datasets, and one query's answers from both compared. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type Session } from '../../engine/index.js';
import { compareResults } from './compare.js';
import { loadDatasets, type DatasetName } from './datasets.js';
import { openDuck, runDuck, type Duck } from './duck.js';
import { runLaminar } from './laminar.js';

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
export async function checkQuery(o: Oracle, q: OracleQuery): Promise<string[]> {
  const lam = await runLaminar(o.session, q.laminar);
  const duck = await runDuck(o.duck, q.duckdb ?? q.laminar);
  if (process.env.ORACLE_LOG)
    console.log(`${q.name}: LaminarDB ${lam.rows.length} rows, DuckDB ${duck.rows.length} rows`);
  return compareResults(lam, duck, { ordered: q.ordered ?? false });
}
