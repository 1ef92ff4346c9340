import { Publisher, Reply, Router } from 'zeromq';
import { newHeader } from '../protocol/header.js';
import type { Channel, KernelMessage, OutgoingMessage } from '../protocol/message.js';
import { ProtocolError } from '../protocol/protocol-error.js';
import type { Logger } from '../log.js';
import { endpoint, type ConnectionInfo } from './connection-file.js';
import { SendQueue } from './send-queue.js';
import { Signer } from './signer.js';
import { BadSignatureError, decode, encode } from './wire.js';

/** What the handler layer sends through; implemented over ZeroMQ here and in memory in tests. */
export interface Transport {
  send(message: OutgoingMessage): void;
  /** Messages waiting on the iopub socket: live displays skip an update while it is long. */
  readonly iopubBacklog: number;
}

export type MessageListener = (channel: 'shell' | 'control', message: KernelMessage) => void;

/**
 * The kernel's five sockets (messaging spec, "Introduction"): shell and control (ROUTER,
 * requests and replies), stdin (ROUTER; this kernel never asks for input), iopub (PUB,
 * broadcasts) and heartbeat (REP, echoes). Every incoming message's signature is checked
 * before it is decoded further; a bad one is logged and dropped. Each socket sends through
 * its own queue.
 */
export class ZmqTransport implements Transport {
  private readonly signer: Signer;
  private readonly shell = new Router();
  private readonly control = new Router();
  private readonly stdin = new Router();
  private readonly iopub = new Publisher();
  private readonly hb = new Reply();
  private readonly queues: Record<Channel, SendQueue<Buffer[]>>;
  private readonly session: string;
  private closed = false;

  constructor(
    private readonly info: ConnectionInfo,
    private readonly log: Logger,
    session: string,
  ) {
    this.signer = new Signer(Buffer.from(info.key, 'utf8'), info.signature_scheme);
    this.session = session;
    const queue = (channel: Channel, socket: Router | Publisher): SendQueue<Buffer[]> =>
      new SendQueue((frames) => socket.send(frames), (e) => this.log.error(`cannot send on ${channel}: ${String(e)}`));
    this.queues = { shell: queue('shell', this.shell), control: queue('control', this.control), stdin: queue('stdin', this.stdin), iopub: queue('iopub', this.iopub) };
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.hb]) s.linger = 1000;
  }

  /** Binds every socket and starts receiving. */
  async start(onMessage: MessageListener): Promise<void> {
    await Promise.all([
      this.shell.bind(endpoint(this.info, 'shell')),
      this.control.bind(endpoint(this.info, 'control')),
      this.stdin.bind(endpoint(this.info, 'stdin')),
      this.iopub.bind(endpoint(this.info, 'iopub')),
      this.hb.bind(endpoint(this.info, 'hb')),
    ]);
    void this.receive('shell', this.shell, onMessage);
    void this.receive('control', this.control, onMessage);
    void this.receive('stdin', this.stdin, () => undefined);
    void this.heartbeat();
  }

  get iopubBacklog(): number {
    return this.queues.iopub.length;
  }

  send(message: OutgoingMessage): void {
    if (this.closed) return;
    const parent = message.parent;
    const identities = message.channel === 'iopub' ? [Buffer.from(`kernel.${this.session}.${message.msgType}`)] : (parent?.identities ?? []);
    const frames = encode(
      {
        identities,
        header: newHeader(message.msgType, this.session),
        parentHeader: parent?.header ?? {},
        metadata: message.metadata ?? {},
        content: message.content,
        buffers: message.buffers ?? [],
      },
      this.signer,
    );
    this.queues[message.channel].push(frames);
  }

  /** Sends what is queued, then closes every socket. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.flushed()));
    this.closed = true;
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.hb]) s.close();
  }

  private async receive(channel: Channel, socket: Router, onMessage: MessageListener): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: KernelMessage;
        try {
          message = decode(frames, this.signer);
        } catch (e) {
          if (e instanceof BadSignatureError) this.log.warn(`${channel}: dropped a message with a ${e.message}`);
          else if (e instanceof ProtocolError) this.log.warn(`${channel}: dropped a malformed message: ${e.message}`);
          else this.log.error(`${channel}: cannot decode a message: ${String(e)}`);
          continue;
        }
        if (channel === 'shell' || channel === 'control') onMessage(channel, message);
        else this.log.debug(`${channel}: ignored ${message.header.msg_type}`);
      }
    } catch (e) {
      if (!this.closed) this.log.error(`${channel}: receiving stopped: ${String(e)}`);
    }
  }

  private async heartbeat(): Promise<void> {
    try {
      for await (const frames of this.hb) await this.hb.send(frames);
    } catch (e) {
      if (!this.closed) this.log.error(`heartbeat stopped: ${String(e)}`);
    }
  }
}
