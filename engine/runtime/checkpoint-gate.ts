import { PENDING, type InputEvent, type QueryInput } from './query-input.js';

/**
 * Holds back the inputs of a session's queries while a checkpoint is taken. Closing it stops
 * every gated input from delivering; the work already inside the queries drains, and once
 * they are idle their state is a consistent cut (see docs/decisions/durable-sessions.md).
 */
export class CheckpointGate {
  private closedBy = 0;
  /** While a checkpoint settles (see settle): closes the gate if the queries have settled. */
  private settleNow: (() => boolean) | null = null;
  private waiters: (() => void)[] = [];
  private watchers: (() => void)[] = [];

  get isClosed(): boolean {
    return this.closedBy > 0;
  }

  get isSettling(): boolean {
    return this.settleNow !== null;
  }

  /**
   * Closes the gate once `settled()` holds, or after `maxMs` regardless; resolves with the
   * time it closed. Meanwhile inputs of a query with work queued in its stages deliver nothing
   * until those queues run low, and an input about to deliver closes the gate instead when
   * everything has settled: so the gate closes with little left to drain, the pipeline running
   * until then.
   */
  settle(settled: () => boolean, maxMs: number): Promise<number> {
    if (settled()) {
      this.close();
      return Promise.resolve(performance.now());
    }
    return new Promise((resolve) => {
      const closeNow = () => {
        clearTimeout(timer);
        this.settleNow = null;
        this.close();
        resolve(performance.now());
      };
      const timer = setTimeout(closeNow, maxMs);
      this.settleNow = () => {
        if (!settled()) return false;
        closeNow();
        return true;
      };
    });
  }

  /** While settling: closes the gate if everything has settled (true), before an input delivers. */
  closeIfSettled(): boolean {
    return this.settleNow?.() ?? false;
  }

  close(): void {
    if (this.closedBy++ === 0) this.toggle();
  }

  open(): void {
    if (this.closedBy === 0 || --this.closedBy > 0) return;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
    this.toggle();
  }

  /** Resolves when the gate next closes or opens: drivers waiting on a gated input look again. */
  toggled(): Promise<void> {
    return new Promise((resolve) => this.watchers.push(resolve));
  }

  private toggle(): void {
    const w = this.watchers;
    this.watchers = [];
    for (const f of w) f();
  }

  /** Resolves when the gate is open. */
  opened(): Promise<void> {
    if (this.closedBy === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * An input that delivers nothing while the gate is closed. It then counts as a live input
 * with nothing ready (blocking, not pending), so the driver keeps draining the query's other
 * inputs (a stage's output) and reports the query idle once they are drained.
 */
export function gatedInput(input: QueryInput, gate: CheckpointGate, settled: () => boolean = () => true): QueryInput {
  const held = () => gate.isClosed || (gate.isSettling && !settled());
  return {
    name: input.name,
    get blocking() {
      return held() || input.blocking;
    },
    poll(): InputEvent | null | typeof PENDING {
      return held() || gate.closeIfSettled() ? PENDING : input.poll();
    },
    // A driver waiting here wakes when the gate moves, so it reports idle (closed) or reads again (open).
    // While settling it waits for the gate or for its stages (their output wakes the driver), not for the input.
    ready: () => (gate.isClosed ? gate.opened() : held() ? gate.toggled() : Promise.race([input.ready(), gate.toggled()])),
    close: () => input.close(),
    pending: () => !held() && input.pending?.() === true,
  };
}
