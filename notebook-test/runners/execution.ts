import type { Output } from '../notebook.js';
import type { IopubMessage, OutputCollector } from '../output-collector.js';
import { after, type Executed } from './cell-runner.js';

/**
 * One execute request in flight: done when both its reply and its `idle` status have come
 * (they travel on different sockets), as nbclient waits for them.
 */
export class Execution {
  readonly outputs: Output[];
  private reply: Record<string, unknown> | null = null;
  private idle = false;
  private wake: (() => void) | null = null;

  constructor(
    readonly msgId: string,
    private readonly collector: OutputCollector,
  ) {
    this.outputs = collector.begin(msgId);
  }

  iopub(m: IopubMessage): void {
    this.collector.accept(m);
    if (m.parentId === this.msgId && m.msgType === 'status' && m.content.execution_state === 'idle') {
      this.idle = true;
      this.wake?.();
    }
  }

  replied(content: Record<string, unknown>): void {
    this.reply = content;
    this.wake?.();
  }

  /** Waits until done; after `timeoutMs`, calls `interrupt` and waits a little longer. */
  async finish(timeoutMs: number, interrupt: () => void): Promise<Executed> {
    let timedOut = false;
    if (!(await this.until(timeoutMs))) {
      timedOut = true;
      interrupt();
      await this.until(10_000);
    }
    this.collector.end();
    const reply = this.reply;
    const failed = reply === null || reply.status !== 'ok';
    return {
      outputs: this.outputs,
      executionCount: typeof reply?.execution_count === 'number' ? reply.execution_count : null,
      error: failed ? (typeof reply?.ename === 'string' ? reply.ename : timedOut ? 'TIMEOUT' : 'NO_REPLY') : null,
      timedOut,
    };
  }

  private async until(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!(this.reply !== null && this.idle)) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), after(left, undefined)]);
      this.wake = null;
    }
    return true;
  }
}
