/**
 * Sends on one socket, one message at a time: a zeromq v6 socket allows only one send in
 * flight (a second concurrent send fails with EBUSY). Messages go out in the order they were
 * queued. A failed send is reported and the queue carries on.
 */
export class SendQueue<M> {
  private readonly items: M[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (message: M) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Messages waiting to be sent (not counting the one being sent). */
  get length(): number {
    return this.items.length;
  }

  push(message: M): void {
    this.items.push(message);
    if (!this.running) void this.drain();
  }

  /** Resolves once everything queued so far has been sent (or has failed). */
  flushed(): Promise<void> {
    if (!this.running && this.items.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let m = this.items.shift(); m !== undefined; m = this.items.shift()) {
        try {
          await this.send(m);
        } catch (e) {
          this.onError(e);
        }
      }
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}
