import { randomUUID } from 'node:crypto';

/** The messaging protocol version this kernel speaks (Jupyter messaging spec 5.3). */
export const PROTOCOL_VERSION = '5.3';

/** A message header, as the messaging spec defines it. */
export interface MessageHeader {
  readonly msg_id: string;
  readonly session: string;
  readonly username: string;
  /** ISO 8601 with time zone. */
  readonly date: string;
  readonly msg_type: string;
  readonly version: string;
}

/** A header for a message this kernel sends. */
export function newHeader(msgType: string, session: string, username = 'kernel'): MessageHeader {
  return { msg_id: randomUUID(), session, username, date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}
