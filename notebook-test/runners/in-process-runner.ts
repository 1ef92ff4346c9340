import { randomUUID } from 'node:crypto';
import { open } from '../../engine/index.js';
import { KernelHandler } from '../../kernel/handler/kernel-handler.js';
import { memoryLogger } from '../../kernel/log.js';
import type { KernelMessage, OutgoingMessage } from '../../kernel/protocol/message.js';
import { OutputCollector } from '../output-collector.js';
import { executeContent, type CellRunner, type Executed } from './cell-runner.js';
import { Execution } from './execution.js';

/**
 * Replays in this process: a fresh Session driven by the kernel's own handler (cells, magics,
 * rendering, live displays), with a transport that hands each message over as the wire would
 * (a JSON copy) instead of sending it over ZeroMQ. Relative file paths resolve against the
 * working directory, as in a kernel that Jupyter starts in the notebook's folder: the caller
 * changes into it (cli/test-command.ts).
 */
export class InProcessRunner implements CellRunner {
  private readonly collector = new OutputCollector();
  private current: Execution | null = null;
  private n = 0;

  private constructor(private readonly handler: KernelHandler) {}

  static async start(): Promise<InProcessRunner> {
    const session = await open();
    let runner: InProcessRunner | null = null;
    const transport = { send: (m: OutgoingMessage) => runner?.receive(m), iopubBacklog: 0 };
    const handler = new KernelHandler({ transport, session, log: memoryLogger(), onShutdown: () => undefined });
    runner = new InProcessRunner(handler);
    return runner;
  }

  execute(code: string, timeoutMs: number): Promise<Executed> {
    const message = this.message(executeContent(code));
    const execution = new Execution(message.header.msg_id, this.collector);
    this.current = execution;
    this.handler.handle('shell', message);
    return execution.finish(timeoutMs, () => this.handler.interrupt());
  }

  async close(): Promise<void> {
    await this.handler.close();
  }

  private receive(m: OutgoingMessage): void {
    const content = JSON.parse(JSON.stringify(m.content)) as Record<string, unknown>;
    const parentId = m.parent?.header.msg_id;
    const execution = this.current;
    if (m.channel === 'iopub') {
      if (execution) execution.iopub({ msgType: m.msgType, content, parentId });
      else this.collector.accept({ msgType: m.msgType, content, parentId });
    } else if (execution && parentId === execution.msgId) {
      execution.replied(content);
    }
  }

  private message(content: Record<string, unknown>): KernelMessage {
    const header = { msg_id: `replay-${++this.n}-${randomUUID()}`, msg_type: 'execute_request', session: 'laminar-test', username: 'laminar-test', date: new Date().toISOString(), version: '5.3' };
    return { identities: [], header, parentHeader: {}, metadata: {}, content, buffers: [] };
  }
}
