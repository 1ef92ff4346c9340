import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { open } from '../engine/index.js';
import { KernelHandler } from '../kernel/handler/kernel-handler.js';
import { memoryLogger } from '../kernel/log.js';
import { newHeader } from '../kernel/protocol/header.js';
import type { KernelMessage, OutgoingMessage } from '../kernel/protocol/message.js';
import { Signer } from '../kernel/transport/signer.js';
import { encode } from '../kernel/transport/wire.js';

/**
 * The live-display flood: an unbounded generator (at least 1M events/s) into a live display,
 * in the kernel's own protocol layer with a transport that encodes and signs every message
 * as the ZeroMQ one does. Prints the display's updates per second against the configured
 * rate, the events per second the query processed, and the live heap over time beside the
 * same query run as a bare engine subscription: what the kernel adds must not grow.
 */
export async function benchLiveDisplayFlood(seconds: number): Promise<void> {
  console.log(`\n(l) live-display flood: an unbounded generator into a live display for ${seconds} s per case (update rate 10/s)`);
  for (const [label, sql] of [
    ['updating (GROUP BY)', 'SELECT key, count(*) AS n, avg(value) AS mean FROM seq GROUP BY key;'],
    ['append-only (latest rows)', 'SELECT id, key, value FROM seq;'],
    ['live chart (GROUP BY)', '%chart bar x=key y=n\nSELECT key, count(*) AS n FROM seq GROUP BY key;'],
  ] as const) {
    await floodCase(label, sql, seconds);
  }
}

async function floodCase(label: string, sql: string, seconds: number): Promise<void> {
  const signer = new Signer(Buffer.from('bench-key'));
  let updates = 0;
  let bytes = 0;
  const transport = {
    iopubBacklog: 0,
    send(m: OutgoingMessage): void {
      const frames = encode({ identities: [], header: newHeader(m.msgType, 'bench'), parentHeader: m.parent?.header ?? {}, metadata: {}, content: m.content, buffers: [] }, signer);
      bytes += frames.reduce((n, f) => n + f.length, 0);
      if (m.msgType === 'update_display_data') updates++;
    },
  };
  const session = await open();
  const handler = new KernelHandler({ transport, session, log: memoryLogger(), onShutdown: () => undefined });
  let n = 0;
  const request = (code: string): KernelMessage => ({ identities: [], header: { ...newHeader('execute_request', 'bench'), msg_id: `m${++n}` }, parentHeader: {}, metadata: {}, content: { code }, buffers: [] });
  handler.handle('shell', request("CREATE SOURCE seq FROM GENERATOR (kind = 'sequence', keys = 1000);"));
  handler.handle('shell', request(sql));
  await handler.idle();
  const heap: number[] = [];
  const start = performance.now();
  const updatesAtStart = updates;
  for (let s = 1; s <= seconds; s++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    collectGarbage();
    heap.push(process.memoryUsage().heapUsed / 2 ** 20);
  }
  const elapsed = (performance.now() - start) / 1000;
  const query = session.queries().find((q) => q.kind === 'select' && q.status === 'running');
  const rowsIn = query?.metrics.rowsIn ?? 0;
  const eventsPerSecond = rowsIn / ((Date.now() - (query?.metrics.startedAt.getTime() ?? Date.now())) / 1000);
  handler.handle('shell', request('%stop all'));
  await handler.idle();
  await handler.close();
  const rate = (updates - updatesAtStart) / elapsed;
  const slope = growth(heap);
  const baseline = await engineAlone(sql.replace(/^%.*\n/, ''), seconds);
  // Heap growth per million input rows: comparable between runs that went at different speeds.
  const perMillion = (mibPerSecond: number, rows: number, secs: number): number => (mibPerSecond * secs * 1024) / (rows / 1e6);
  const ours = perMillion(slope, rowsIn, elapsed);
  const theirs = perMillion(baseline.slope, baseline.rows, seconds);
  const signed = (x: number, unit: string): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)} ${unit}`;
  console.log(`  ${label}`);
  console.log(`    events       ${(eventsPerSecond / 1e6).toFixed(1)}M events/s (${(rowsIn / 1e6).toFixed(0)}M rows)  ${eventsPerSecond >= 1e6 ? '(at least 1M/s)' : 'BELOW 1M/s'}`);
  console.log(`    updates      ${rate.toFixed(1)}/s (configured 10/s) ${rate <= 10.5 && rate >= 8 ? 'kept' : 'NOT KEPT'}; ${(bytes / elapsed / 1024).toFixed(0)} KiB/s on iopub`);
  console.log(`    live heap    ${heap.map((h) => h.toFixed(0)).join(' ')} MiB after GC each second: ${signed(slope, 'MiB/s')}, ${signed(ours, 'KiB per 1M rows')}`);
  console.log(`    engine alone ${signed(baseline.slope, 'MiB/s')}, ${signed(theirs, 'KiB per 1M rows')} (the same query as a bare subscription polled 10/s, no kernel)`);
  // What the kernel added over the whole run, beyond the engine's own growth; heap samples
  // are noisy by about 1 MiB.
  const extra = ((ours - theirs) * (rowsIn / 1e6)) / 1024;
  console.log(`    the kernel adds ${signed(ours - theirs, 'KiB per 1M rows')} (${signed(extra, 'MiB')} over the run): ${extra < 1 ? 'bounded (within the noise of the samples)' : 'GROWING'}`);
}

/** A full garbage collection, so that the heap samples count live objects only. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

/** Least-squares slope of the heap samples (one per second), in MiB per second. */
function growth(samples: readonly number[]): number {
  const n = samples.length;
  const mx = (n - 1) / 2;
  const my = samples.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  samples.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

/** The heap growth of the same query as a bare engine subscription polled like a display. */
async function engineAlone(sql: string, seconds: number): Promise<{ slope: number; rows: number }> {
  const session = await open();
  await session.execute("CREATE SOURCE seq FROM GENERATOR (kind = 'sequence', keys = 1000);");
  const [result] = await session.execute(sql, { keepRows: 20 });
  if (result?.kind !== 'subscription') throw new Error('expected a live query');
  const poll = setInterval(() => void result.subscription.snapshot(), 100);
  const heap: number[] = [];
  for (let s = 1; s <= seconds; s++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    collectGarbage();
    heap.push(process.memoryUsage().heapUsed / 2 ** 20);
  }
  clearInterval(poll);
  const rows = result.subscription.metrics()?.rowsIn ?? 0;
  await session.close();
  return { slope: growth(heap), rows };
}
