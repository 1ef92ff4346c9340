import { open, type Session } from '../../engine/index.js';
import { KernelHandler } from '../../kernel/handler/kernel-handler.js';
import { memoryLogger } from '../../kernel/log.js';
import type { JsonObject, KernelMessage, OutgoingMessage } from '../../kernel/protocol/message.js';

/**
 * The kernel's protocol layer with an in-memory transport: requests go in as decoded
 * messages, and everything the kernel sends is recorded. No sockets.
 */
export class FakeKernel {
  readonly sent: OutgoingMessage[] = [];
  readonly log = memoryLogger();
  readonly handler: KernelHandler;
  shutdownRequested: boolean | null = null;
  iopubBacklog = 0;
  private n = 0;

  private constructor(readonly session: Session) {
    const transport = { send: (m: OutgoingMessage) => void this.sent.push(m), get iopubBacklog() { return self.iopubBacklog; } };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.handler = new KernelHandler({ transport, session, log: this.log, onShutdown: (restart) => (this.shutdownRequested = restart) });
  }

  static async start(): Promise<FakeKernel> {
    return new FakeKernel(await open());
  }

  message(type: string, content: JsonObject = {}): KernelMessage {
    const id = `msg-${++this.n}`;
    return { identities: [Buffer.from('peer')], header: { msg_id: id, msg_type: type, session: 'test', username: 'test', date: new Date().toISOString(), version: '5.3' }, parentHeader: {}, metadata: {}, content, buffers: [] };
  }

  /** Sends a request and waits for its idle status; returns every message it caused so far. */
  async request(type: string, content: JsonObject = {}, channel: 'shell' | 'control' = 'shell'): Promise<Sent> {
    const msg = this.message(type, content);
    this.handler.handle(channel, msg);
    await this.until(() => this.of(msg.header.msg_id).some((m) => m.msgType === 'status' && m.content.execution_state === 'idle'));
    return new Sent(this.of(msg.header.msg_id));
  }

  execute(code: string, options: JsonObject = {}): Promise<Sent> {
    return this.request('execute_request', { code, silent: false, store_history: true, stop_on_error: true, ...options });
  }

  /** Messages whose parent is the request with this id. */
  of(msgId: string): OutgoingMessage[] {
    return this.sent.filter((m) => m.parent?.header.msg_id === msgId);
  }

  async until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    while (!condition()) {
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the kernel');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    await this.handler.close();
  }
}

/** The messages of one request. */
export class Sent {
  constructor(readonly all: OutgoingMessage[]) {}

  get reply(): JsonObject {
    const r = this.all.find((m) => m.channel !== 'iopub');
    if (!r) throw new Error('no reply');
    return r.content;
  }

  get replyType(): string {
    return this.all.find((m) => m.channel !== 'iopub')!.msgType;
  }

  iopub(type?: string): OutgoingMessage[] {
    return this.all.filter((m) => m.channel === 'iopub' && (type === undefined || m.msgType === type));
  }

  /** The text of stream messages of one name, joined. */
  stream(name: 'stdout' | 'stderr'): string {
    return this.iopub('stream').filter((m) => m.content.name === name).map((m) => m.content.text as string).join('');
  }

  data(type: 'execute_result' | 'display_data' | 'update_display_data', index = 0): Record<string, unknown> {
    const m = this.iopub(type)[index];
    if (!m) throw new Error(`no ${type}`);
    return m.content.data as Record<string, unknown>;
  }
}
