/** Timing helpers: medians of repeated runs, printed as ratios (the machine is shared and noisy). */

export interface Timing {
  readonly median: number;
  readonly samples: readonly number[];
}

/** Runs each contender `rounds` times, interleaved, so drift in machine load hits both alike. */
export async function compare(rounds: number, contenders: Record<string, () => Promise<void> | void>): Promise<Record<string, Timing>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(contenders)) {
      const t0 = performance.now();
      await run();
      samples[name]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, { median: median(s), samples: s }]));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function perSecond(rows: number, ms: number): string {
  const eps = (rows * 1000) / ms;
  return eps >= 1e6 ? `${(eps / 1e6).toFixed(1)}M/s` : `${(eps / 1e3).toFixed(0)}K/s`;
}

/** The engine beside a baseline: medians, rows per second, the ratio, and the target if there is one. */
export function printComparison(title: string, rows: number, engine: Timing, baseline: Timing, baselineName: string, target: number | null): void {
  console.log(`\n${title}`);
  console.log(`  engine       ${engine.median.toFixed(0).padStart(6)} ms  ${perSecond(rows, engine.median).padStart(9)}  (median of ${engine.samples.length})`);
  printRatio(baselineName, rows, engine, baseline, target);
}

/** A baseline's median and rows per second, and the engine's time as a multiple of it. */
export function printRatio(baselineName: string, rows: number, engine: Timing, baseline: Timing, target: number | null = null): void {
  const ratio = engine.median / baseline.median;
  console.log(`  ${baselineName.padEnd(12)} ${baseline.median.toFixed(0).padStart(6)} ms  ${perSecond(rows, baseline.median).padStart(9)}  engine / ${baselineName}: ${ratio.toFixed(2)}x${target === null ? '' : `  (target: within ${target}x) ${ratio <= target ? 'met' : 'NOT MET'}`}`);
}
