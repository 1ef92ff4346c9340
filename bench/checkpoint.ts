/**
 * Durable sessions: checkpoint duration and size with 1M keyed aggregate groups, the longest
 * time the pipeline is held while a checkpoint captures state, and the time to reopen
 * (restore) the directory. Medians over rounds; no baseline but the numbers themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type CheckpointInfo, type Session } from '../engine/index.js';

const GROUPS = Number(process.env.BENCH_CHECKPOINT_GROUPS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const SQL = `
  CREATE SOURCE g FROM GENERATOR (kind = 'sequence', seed = 3, keys = ${GROUPS});
  CREATE SINK agg INTO FILE (path = 'OUT', format = 'csv') AS
    SELECT key, count(*) AS n, sum(value) AS s FROM g GROUP BY key HAVING count(*) < 0`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function untilGroups(s: Session, n: number): Promise<void> {
  while ((s.queries().find((q) => q.kind === 'sink')?.metrics.stateKeys ?? 0) < n) await new Promise((r) => setTimeout(r, 10));
}

export async function benchCheckpoint(workers: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'laminar-bench-cp-'));
  try {
    const s = await open({ dir, workers, checkpointInterval: 0 });
    await s.execute(SQL.replace('OUT', join(dir, 'out.csv')));
    await untilGroups(s, GROUPS);
    // The first checkpoint copies state into fresh memory; later ones reuse what it wrote from.
    const first = await s.checkpoint();
    const taken: CheckpointInfo[] = [];
    for (let r = 0; r < ROUNDS; r++) taken.push(await s.checkpoint());
    await s.close();
    const restores: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const again = await open({ dir, workers, checkpointInterval: 0 });
      // Workers restore their shares after open() returns: the state is back once they hold it.
      await untilGroups(again, GROUPS);
      restores.push(performance.now() - t0);
      await again.close();
    }
    const mb = median(taken.map((c) => c.bytes)) / 2 ** 20;
    console.log(`\n(j) durable session, ${GROUPS.toLocaleString('en')} aggregate groups (count, sum), ${workers} worker${workers === 1 ? '' : 's'}, medians of ${ROUNDS}`);
    console.log(`  checkpoint: ${median(taken.map((c) => c.durationMs)).toFixed(0)} ms, ${mb.toFixed(1)} MiB; pipeline held ${median(taken.map((c) => c.pauseMs)).toFixed(0)} ms (longest ${Math.max(...taken.map((c) => c.pauseMs)).toFixed(0)} ms)`);
    console.log(`  first checkpoint of the session (state copied into fresh memory): ${first.durationMs.toFixed(0)} ms, pipeline held ${first.pauseMs.toFixed(0)} ms`);
    console.log(`  restore (reopen the directory until every group is back): ${median(restores).toFixed(0)} ms`);
    console.log(`  targets: checkpoint and restore under 1000 ms, pause under 50 ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
