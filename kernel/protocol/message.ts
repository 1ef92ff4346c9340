import type { MessageHeader } from './header.js';

/** The kernel's sockets, named as in the connection file. */
export type Channel = 'shell' | 'control' | 'stdin' | 'iopub';

export type JsonObject = { [key: string]: unknown };

/**
 * A message as the wire carries it, after decoding and signature checking. `identities` are
 * the ROUTER routing frames of the peer that sent it (replies go back with them).
 */
export interface KernelMessage<C = JsonObject> {
  readonly identities: readonly Buffer[];
  readonly header: MessageHeader;
  /** The header of the request this message answers or was caused by; `{}` when none. */
  readonly parentHeader: MessageHeader | Record<string, never>;
  readonly metadata: JsonObject;
  readonly content: C;
  readonly buffers: readonly Buffer[];
}

/** What the handler layer asks the transport to send. */
export interface OutgoingMessage {
  readonly channel: Channel;
  readonly msgType: string;
  readonly content: JsonObject;
  /** The request this answers or was caused by. */
  readonly parent: KernelMessage | null;
  readonly metadata?: JsonObject;
  readonly buffers?: readonly Buffer[];
}
