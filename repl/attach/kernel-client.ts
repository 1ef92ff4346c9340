import { randomUUID } from 'node:crypto';
import { Dealer, Subscriber } from 'zeromq';
import { newHeader } from '../../kernel/protocol/header.js';
import type { JsonObject, KernelMessage } from '../../kernel/protocol/message.js';
import { endpoint, type ConnectionInfo } from '../../kernel/transport/connection-file.js';
import { Signer } from '../../kernel/transport/signer.js';
import { decode, encode } from '../../kernel/transport/wire.js';

type IopubListener = (message: KernelMessage) => void;

/**
 * A Jupyter client of a running kernel, over ZeroMQ: DEALER sockets for shell and control
 * requests, a SUB socket for iopub. Messages are signed and checked with the kernel's own
 * wire layer (kernel/transport); replies are matched to requests by parent msg_id.
 */
export class KernelClient {
  readonly session = randomUUID();
  private readonly signer: Signer;
  private readonly shell = new Dealer();
  private readonly control = new Dealer();
  private readonly iopub = new Subscriber();
  private readonly pending = new Map<string, (m: KernelMessage) => void>();
  private readonly listeners = new Set<IopubListener>();
  private sending: Record<'shell' | 'control', Promise<void>> = { shell: Promise.resolve(), control: Promise.resolve() };
  private closed = false;

  constructor(info: ConnectionInfo) {
    this.signer = new Signer(Buffer.from(info.key, 'utf8'), info.signature_scheme);
    for (const s of [this.shell, this.control, this.iopub]) s.linger = 0;
    this.shell.connect(endpoint(info, 'shell'));
    this.control.connect(endpoint(info, 'control'));
    this.iopub.connect(endpoint(info, 'iopub'));
    this.iopub.subscribe();
    void this.receive(this.shell, (m) => this.reply(m));
    void this.receive(this.control, (m) => this.reply(m));
    void this.receive(this.iopub, (m) => {
      for (const l of this.listeners) l(m);
    });
  }

  /** Sends a request; `reply` resolves with the kernel's reply. */
  request(channel: 'shell' | 'control', msgType: string, content: JsonObject): { msgId: string; reply: Promise<KernelMessage> } {
    const header = newHeader(msgType, this.session, 'laminar-repl');
    const reply = new Promise<KernelMessage>((resolve) => this.pending.set(header.msg_id, resolve));
    const frames = encode({ identities: [], header, parentHeader: {}, metadata: {}, content, buffers: [] }, this.signer);
    const socket = channel === 'shell' ? this.shell : this.control;
    // A ZeroMQ socket takes one send at a time.
    this.sending[channel] = this.sending[channel].then(() => socket.send(frames)).catch(() => undefined);
    return { msgId: header.msg_id, reply };
  }

  /** Listens to every iopub message; returns the function that stops listening. */
  onIopub(listener: IopubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }

  private reply(m: KernelMessage): void {
    const id = 'msg_id' in m.parentHeader ? m.parentHeader.msg_id : undefined;
    const resolve = id === undefined ? undefined : this.pending.get(id);
    if (id !== undefined && resolve) {
      this.pending.delete(id);
      resolve(m);
    }
  }

  private async receive(socket: Dealer | Subscriber, onMessage: (m: KernelMessage) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        try {
          onMessage(decode(frames, this.signer));
        } catch {
          // A message that is not signed with the kernel's key, or not a message: ignored.
        }
      }
    } catch {
      // The socket was closed.
    }
  }
}

/** The msg_id of a message's parent, or undefined. */
export function parentId(m: KernelMessage): string | undefined {
  return 'msg_id' in m.parentHeader ? m.parentHeader.msg_id : undefined;
}
