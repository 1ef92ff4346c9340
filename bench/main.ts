/**
 * `npm run bench`: engine throughput beside hand-written loops over the same typed arrays, in
 * the same process, and the heap of a long windowed run. Prints medians and ratios (engine
 * time / loop time).
 */
import { FILTER_PROJECT_SQL, filterProjectLoop } from './filter-project.js';
import { GROUP_BY_SQL, groupByLoop } from './group-by.js';
import { compare, perSecond, printComparison } from './measure.js';
import { loadSequence, type SequenceData } from './sequence-data.js';
import { TUMBLING_SQL, tumblingLoop } from './tumbling-window.js';
import { windowMemoryRun } from './window-memory.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const WINDOW_ROWS = Number(process.env.BENCH_WINDOW_ROWS ?? 20_000_000);
const MEMORY_EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 50_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function rowsOf(data: SequenceData, sql: string): Promise<number> {
  const [r] = await data.session.execute(sql);
  if (r?.kind !== 'table') throw new Error(`expected a complete result for ${sql}`);
  return r.table.rowCount;
}

async function memory(): Promise<void> {
  // First, while the heap holds nothing else.
  const checkpoint = Math.min(10_000_000, MEMORY_EVENTS);
  const run = await windowMemoryRun(MEMORY_EVENTS, 100_000, checkpoint);
  console.log(`\n(d) bounded memory: 1-minute tumbling SUM/COUNT over ${run.keys.toLocaleString('en')} keys, ${run.events.toLocaleString('en')} events from a generator`);
  console.log(`  ${perSecond(run.events, run.ms)} (${run.ms.toFixed(0)} ms), ${run.outputRows.toLocaleString('en')} rows written`);
  console.log(`  heap: ${run.heapBefore.toFixed(0)} MiB before; peak ${run.peakAtCheckpoint.toFixed(0)} MiB up to ${checkpoint.toLocaleString('en')} events, ${run.peakAtEnd.toFixed(0)} MiB up to ${run.events.toLocaleString('en')} (ratio ${(run.peakAtEnd / run.peakAtCheckpoint).toFixed(2)})`);
}

async function filterAndGroup(): Promise<void> {
  const data = await loadSequence(ROWS, { keys: 1000 });
  // Same answers first: the loops must do the work the engine does.
  const engineRows = await rowsOf(data, FILTER_PROJECT_SQL);
  const loopRows = filterProjectLoop(data);
  if (engineRows !== loopRows) throw new Error(`filter + project: engine ${engineRows} rows, loop ${loopRows}`);
  if ((await rowsOf(data, GROUP_BY_SQL)) !== groupByLoop(data)) throw new Error('group by: engine and loop disagree on the number of groups');

  const fp = await compare(ROUNDS, { engine: async () => void (await rowsOf(data, FILTER_PROJECT_SQL)), loop: () => void filterProjectLoop(data) });
  printComparison(`(a) filter + project: ${FILTER_PROJECT_SQL}`, ROWS, fp.engine!, fp.loop!, 'hand loop', 2);
  const gb = await compare(ROUNDS, { engine: async () => void (await rowsOf(data, GROUP_BY_SQL)), loop: () => void groupByLoop(data) });
  printComparison(`(b) GROUP BY: ${GROUP_BY_SQL}`, ROWS, gb.engine!, gb.loop!, 'hand loop', 3);
  await data.session.close();
}

async function tumbling(): Promise<void> {
  // 10 000 events/s of event time: 600 000 events per window, 600 per key.
  const data = await loadSequence(WINDOW_ROWS, { keys: 1000, rate: 10_000, outOfOrder: '2 seconds', watermarkDelay: "'5' SECOND" });
  const [check] = await data.session.execute(`SELECT count(*), sum(n) FROM (${TUMBLING_SQL.replace('count(*)', 'count(*) AS n')}) w`);
  const [windows, counted] = check?.kind === 'table' ? check.table.scalars()[0]! : [];
  if (counted !== WINDOW_ROWS) throw new Error(`tumbling window: the engine counted ${String(counted)} of ${WINDOW_ROWS} rows`);
  if (windows !== tumblingLoop(data)) throw new Error('tumbling window: engine and loop disagree on the number of rows');
  const tw = await compare(ROUNDS, { engine: async () => void (await rowsOf(data, TUMBLING_SQL)), loop: () => void tumblingLoop(data) });
  printComparison(`(c) tumbling window: ${TUMBLING_SQL}`, WINDOW_ROWS, tw.engine!, tw.loop!, 'hand loop', 3);
  await data.session.close();
}

console.log(`LaminarDB benchmarks: ${ROUNDS} rounds, Node ${process.version}`);
await memory();
await filterAndGroup();
await tumbling();
