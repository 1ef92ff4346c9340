import type { Output } from './output.js';

export type StopReason = 'interrupt' | 'output-closed';

/**
 * Why and when a run stops early: the user pressed Ctrl-C, or the reader of stdout went
 * away. `signal` is handed to the engine (a complete-result query in progress is cancelled)
 * and to live-query printers (their subscription is cancelled).
 *
 * A second Ctrl-C does not wait for the clean stop: `onSecondInterrupt` ends the process.
 */
export class Stop {
  private readonly controller = new AbortController();
  private why: StopReason | null = null;
  private readonly onSigint = (): void => this.interrupt();
  /** Resolves when the run is asked to stop (one promise, so waiting adds no listeners). */
  readonly requested: Promise<void>;

  constructor(private readonly onSecondInterrupt: () => void) {
    const signal = this.controller.signal;
    this.requested = new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): StopReason | null {
    return this.why;
  }

  /** Listens for Ctrl-C (SIGINT) until `uninstall`. */
  install(stdout: Output): void {
    process.on('SIGINT', this.onSigint);
    stdout.onClose(() => this.request('output-closed'));
  }

  uninstall(): void {
    process.off('SIGINT', this.onSigint);
  }

  private interrupt(): void {
    if (this.why === 'interrupt') {
      this.onSecondInterrupt();
      return;
    }
    this.why = 'interrupt';
    this.controller.abort();
  }

  private request(reason: StopReason): void {
    if (this.why !== null) return;
    this.why = reason;
    this.controller.abort();
  }
}
