/**
 * `npm run bench`: engine throughput beside hand-written loops over the same typed arrays, in
 * the same process, and the heap of a long windowed run. Prints medians and ratios (engine
 * time / loop time).
 */
import { FILTER_PROJECT_SQL, filterProjectLoop } from './filter-project.js';
import { GROUP_BY_SQL, groupByLoop } from './group-by.js';
import { joinMemoryRun } from './join-memory.js';
import { loadJoinData } from './join-data.js';
import { compare, perSecond, printComparison, printRatio } from './measure.js';
import type { SampledRun } from './memory-sampler.js';
import { ASOF_DUCKDB, ASOF_SQL, asofLoop, INTERVAL_DUCKDB, INTERVAL_SQL, intervalLoop } from './stream-joins.js';
import type { Session } from '../engine/index.js';
import { copySequence, loadSequence } from './sequence-data.js';
import { batchBytes, moveBatches } from './ring-throughput.js';
import { TUMBLING_SQL, tumblingLoop } from './tumbling-window.js';
import { windowMemoryRun } from './window-memory.js';
import { benchKernel } from './kernel-main.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const WINDOW_ROWS = Number(process.env.BENCH_WINDOW_ROWS ?? 20_000_000);
const MEMORY_EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 50_000_000);
const JOIN_ROWS = Number(process.env.BENCH_JOIN_ROWS ?? 2_000_000);
const JOIN_MEMORY_ROWS = Number(process.env.BENCH_JOIN_MEMORY_ROWS ?? 20_000_000);
const SCALING_ROWS = Number(process.env.BENCH_SCALING_ROWS ?? 20_000_000);
const RING_BATCHES = Number(process.env.BENCH_RING_BATCHES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function rowsOf(data: { readonly session: Session }, sql: string): Promise<number> {
  const [r] = await data.session.execute(sql);
  if (r?.kind !== 'table') throw new Error(`expected a complete result for ${sql}`);
  return r.table.rowCount;
}

async function memory(): Promise<void> {
  // First, while the heap holds nothing else.
  const checkpoint = Math.min(10_000_000, MEMORY_EVENTS);
  const run = await windowMemoryRun(MEMORY_EVENTS, 100_000, checkpoint);
  const events = MEMORY_EVENTS.toLocaleString('en');
  console.log(`\n(d) bounded memory: 1-minute tumbling SUM/COUNT over 100,000 keys, ${events} events from a generator`);
  console.log(`  ${perSecond(MEMORY_EVENTS, run.ms)} (${run.ms.toFixed(0)} ms), ${run.rowsOut.toLocaleString('en')} rows written`);
  printPeaks(run, `${checkpoint.toLocaleString('en')} events`, `${events}`, 'groups');
}

function printPeaks(run: SampledRun, checkpoint: string, end: string, state: string): void {
  console.log(`  heap: ${run.heapBefore.toFixed(0)} MiB before; peak ${run.peakHeapAtCheckpoint.toFixed(0)} MiB up to ${checkpoint}, ${run.peakHeapAtEnd.toFixed(0)} MiB up to ${end} (ratio ${(run.peakHeapAtEnd / run.peakHeapAtCheckpoint).toFixed(2)})`);
  console.log(`  state: peak ${run.peakStateAtCheckpoint.toLocaleString('en')} ${state} up to ${checkpoint}, ${run.peakStateAtEnd.toLocaleString('en')} up to ${end}`);
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

async function joins(): Promise<void> {
  const data = await loadJoinData(JOIN_ROWS, 1000);
  const engine = (sql: string) => async () => void (await rowsOf(data, sql));
  const duck = (sql: string) => async () => void (await data.duck.run(sql));
  for (const [title, sql, duckSql, loop] of [
    ['(e) interval join', INTERVAL_SQL, INTERVAL_DUCKDB, intervalLoop],
    ['(f) ASOF join', ASOF_SQL, ASOF_DUCKDB, asofLoop],
  ] as const) {
    const rows = await rowsOf(data, sql);
    await data.duck.run(duckSql);
    const duckRows = Number((await (await data.duck.run('SELECT count(*) FROM out')).getRows())[0]![0]);
    if (rows !== loop(data) || rows !== duckRows) throw new Error(`${title}: the engine has ${rows} rows, the loop ${loop(data)}, DuckDB ${duckRows}`);
    const t = await compare(ROUNDS, { engine: engine(sql), loop: () => void loop(data), duckdb: duck(duckSql) });
    printComparison(`${title} (${JOIN_ROWS.toLocaleString('en')} rows a side, ${rows.toLocaleString('en')} joined): ${sql}`, 2 * JOIN_ROWS, t.engine!, t.loop!, 'hand loop', null);
    printRatio('DuckDB (1 thread)', 2 * JOIN_ROWS, t.engine!, t.duckdb!);
  }
  await data.close();
}

async function joinMemory(): Promise<void> {
  const checkpoint = Math.min(5_000_000, JOIN_MEMORY_ROWS);
  const run = await joinMemoryRun(JOIN_MEMORY_ROWS, checkpoint);
  const end = JOIN_MEMORY_ROWS.toLocaleString('en');
  console.log(`\n(g) bounded join state: interval join (1 minute) of ${end} rows a side from generators, 10,000 rows a second`);
  console.log(`  ${perSecond(2 * JOIN_MEMORY_ROWS, run.ms)} (${run.ms.toFixed(0)} ms), ${run.rowsOut.toLocaleString('en')} rows written`);
  printPeaks(run, `${checkpoint.toLocaleString('en')} rows a side`, `${end} rows a side`, 'rows');
}

async function workerScaling(): Promise<void> {
  const one = await loadSequence(SCALING_ROWS, { keys: 1000, workers: 1 });
  const two = await copySequence(one, 2);
  const answer = async (data: { readonly session: Session }) => {
    const [r] = await data.session.execute(GROUP_BY_SQL);
    if (r?.kind !== 'table') throw new Error('GROUP BY gave no table');
    return JSON.stringify(r.table.scalars());
  };
  if ((await answer(one)) !== (await answer(two))) throw new Error('GROUP BY: 1 and 2 workers disagree');
  const t = await compare(ROUNDS, { one: async () => void (await rowsOf(one, GROUP_BY_SQL)), two: async () => void (await rowsOf(two, GROUP_BY_SQL)) });
  const speedup = t.one!.median / t.two!.median;
  console.log(`\n(h) worker threads: ${GROUP_BY_SQL}, ${SCALING_ROWS.toLocaleString('en')} rows, 1000 keys`);
  console.log(`  1 worker   ${t.one!.median.toFixed(0).padStart(6)} ms  ${perSecond(SCALING_ROWS, t.one!.median).padStart(9)}  (median of ${ROUNDS})`);
  console.log(`  2 workers  ${t.two!.median.toFixed(0).padStart(6)} ms  ${perSecond(SCALING_ROWS, t.two!.median).padStart(9)}  speedup ${speedup.toFixed(2)}x  (target: at least 1.6x) ${speedup >= 1.6 ? 'met' : 'NOT MET'}`);

  const batch = one.batches.find((b) => b.length === Math.max(...one.batches.map((x) => x.length)))!;
  const mb = (batchBytes(batch) * RING_BATCHES) / 2 ** 20;
  const r = await compare(ROUNDS, { ring: async () => void (await moveBatches('ring', batch, RING_BATCHES)), post: async () => void (await moveBatches('post', batch, RING_BATCHES)) });
  console.log(`\n(i) moving ${RING_BATCHES} batches of ${batch.length} rows (${mb.toFixed(0)} MiB of columns) to a worker thread`);
  for (const [name, timing] of [['SPSC ring', r.ring!], ['postMessage', r.post!]] as const) {
    const secs = timing.median / 1000;
    console.log(`  ${name.padEnd(12)} ${timing.median.toFixed(0).padStart(6)} ms  ${(RING_BATCHES / secs).toFixed(0).padStart(7)} batches/s  ${(mb / secs).toFixed(0).padStart(6)} MiB/s`);
  }
  console.log(`  ring / postMessage (transferred buffers): ${(r.ring!.median / r.post!.median).toFixed(2)}x the time`);
  await one.session.close();
  await two.session.close();
}

/** (j), each worker count in a process of its own (see checkpoint-main.ts). */
function checkpoints(): Promise<void> {
  const entry = fileURLToPath(new URL('./checkpoint-main.js', import.meta.url));
  for (const workers of [1, 2]) {
    const run = spawnSync(process.execPath, [entry, String(workers)], { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`the checkpoint bench with ${workers} worker(s) exited with ${run.status ?? run.signal}`);
  }
  return Promise.resolve();
}

/** Sections by their letters; BENCH_ONLY=h,i runs some of them. The kernel's come last. */
const SECTIONS: readonly [string, () => Promise<void>][] = [
  ['d', memory],
  ['g', joinMemory],
  ['ab', filterAndGroup],
  ['c', tumbling],
  ['ef', joins],
  ['hi', workerScaling],
  ['j', checkpoints],
  ['kl', benchKernel],
];
const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());

console.log(`LaminarDB benchmarks: ${ROUNDS} rounds, Node ${process.version}`);
for (const [letters, run] of SECTIONS) {
  if (only === undefined || only.some((o) => letters.includes(o))) await run();
}
