/** A worker thread's share of a query's keyed operators, as query metrics show it. */
export interface WorkerMetrics {
  readonly worker: number;
  /** Rows routed to this worker. */
  readonly rowsIn: number;
  /** How full its input and output rings are (0 to 1; the fuller of the query's stages). */
  readonly inputRingUsed: number;
  readonly outputRingUsed: number;
  /** Milliseconds the worker waited for room in an output ring (the coordinator was behind). */
  readonly blockedMs: number;
  /** Milliseconds the coordinator waited for room in this worker's input ring (the worker was behind). */
  readonly waitedMs: number;
}

/** One entry per worker: counts and times summed over stages, ring fill the highest. */
export function sumWorkerMetrics(stages: readonly (readonly WorkerMetrics[])[]): WorkerMetrics[] {
  const byWorker = new Map<number, WorkerMetrics>();
  for (const stage of stages) {
    for (const m of stage) {
      const a = byWorker.get(m.worker);
      byWorker.set(
        m.worker,
        a === undefined
          ? m
          : {
              worker: m.worker,
              rowsIn: a.rowsIn + m.rowsIn,
              inputRingUsed: Math.max(a.inputRingUsed, m.inputRingUsed),
              outputRingUsed: Math.max(a.outputRingUsed, m.outputRingUsed),
              blockedMs: a.blockedMs + m.blockedMs,
              waitedMs: a.waitedMs + m.waitedMs,
            },
      );
    }
  }
  return [...byWorker.values()].sort((a, b) => a.worker - b.worker);
}
