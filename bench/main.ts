/**
 * `npm run bench`: engine throughput beside hand-written loops over the same typed arrays, in
 * the same process. Prints medians and ratios (engine time / loop time).
 */
import { FILTER_PROJECT_SQL, filterProjectLoop } from './filter-project.js';
import { GROUP_BY_SQL, groupByLoop } from './group-by.js';
import { compare, printComparison } from './measure.js';
import { loadSequence } from './sequence-data.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function main(): Promise<void> {
  console.log(`LaminarDB benchmarks: ${ROWS.toLocaleString('en')} rows, ${ROUNDS} rounds, Node ${process.version}`);
  const data = await loadSequence(ROWS, 1000);
  const { session } = data;
  const rowsOf = async (sql: string) => {
    const [r] = await session.execute(sql);
    if (r?.kind !== 'table') throw new Error(`expected a complete result for ${sql}`);
    return r.table.rowCount;
  };

  // Same answers first: the loops must do the work the engine does.
  const engineRows = await rowsOf(FILTER_PROJECT_SQL);
  const loopRows = filterProjectLoop(data);
  if (engineRows !== loopRows) throw new Error(`filter + project: engine ${engineRows} rows, loop ${loopRows}`);
  const engineGroups = await rowsOf(GROUP_BY_SQL);
  if (engineGroups !== groupByLoop(data)) throw new Error('group by: engine and loop disagree on the number of groups');

  const fp = await compare(ROUNDS, { engine: async () => void (await rowsOf(FILTER_PROJECT_SQL)), loop: () => void filterProjectLoop(data) });
  printComparison(`(a) filter + project: ${FILTER_PROJECT_SQL}`, ROWS, fp.engine!, fp.loop!, 'hand loop', 2);

  const gb = await compare(ROUNDS, { engine: async () => void (await rowsOf(GROUP_BY_SQL)), loop: () => void groupByLoop(data) });
  printComparison(`(b) GROUP BY: ${GROUP_BY_SQL}`, ROWS, gb.engine!, gb.loop!, 'hand loop', 3);
  await session.close();
}

await main();
