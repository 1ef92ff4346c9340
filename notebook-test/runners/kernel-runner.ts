import { connectKernel } from '../../repl/attach/handshake.js';
import { parentId, type KernelClient } from '../../repl/attach/kernel-client.js';
import { OutputCollector } from '../output-collector.js';
import { executeContent, type CellRunner, type Executed } from './cell-runner.js';
import { Execution } from './execution.js';
import { KernelProcess } from './kernel-process.js';

/**
 * Replays through the real kernel: a kernel process of its own (kernel-process.ts) spoken to
 * over ZeroMQ with signed messages, as a notebook frontend or nbclient does.
 */
export class KernelRunner implements CellRunner {
  private readonly collector = new OutputCollector();
  private current: Execution | null = null;

  private constructor(
    private readonly kernel: KernelProcess,
    private readonly client: KernelClient,
  ) {
    client.onIopub((m) => {
      const message = { msgType: m.header.msg_type, content: m.content, parentId: parentId(m) };
      if (this.current) this.current.iopub(message);
      else this.collector.accept(message);
    });
  }

  static async start(cwd: string): Promise<KernelRunner> {
    const kernel = await KernelProcess.start(cwd);
    try {
      const { client } = await connectKernel(kernel.info, 30_000);
      return new KernelRunner(kernel, client);
    } catch (e) {
      await kernel.stop(0);
      throw new Error(`the kernel did not start: ${(e as Error).message}\n${kernel.log}`);
    }
  }

  async execute(code: string, timeoutMs: number): Promise<Executed> {
    const { msgId, reply } = this.client.request('shell', 'execute_request', executeContent(code));
    const execution = new Execution(msgId, this.collector);
    this.current = execution;
    void reply.then((m) => execution.replied(m.content));
    return execution.finish(timeoutMs, () => void this.client.request('control', 'interrupt_request', {}));
  }

  async close(): Promise<void> {
    const { reply } = this.client.request('control', 'shutdown_request', { restart: false });
    await Promise.race([reply, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    this.client.close();
    await this.kernel.stop(5000);
  }
}
