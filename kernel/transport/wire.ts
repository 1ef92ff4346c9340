import type { MessageHeader } from '../protocol/header.js';
import { isObject } from '../protocol/fields.js';
import type { JsonObject, KernelMessage } from '../protocol/message.js';
import { ProtocolError } from '../protocol/protocol-error.js';
import type { Signer } from './signer.js';

/** The frame between the routing identities and the signature. */
export const DELIMITER = Buffer.from('<IDS|MSG>', 'ascii');

/** Why an incoming multipart message was dropped. */
export class BadSignatureError extends ProtocolError {}

/**
 * Decodes a multipart message: identities, `<IDS|MSG>`, signature, header, parent header,
 * metadata, content, extra buffers. The signature is checked over the raw frames before any
 * JSON is parsed, so an unsigned message is never looked at further.
 */
export function decode(frames: readonly Buffer[], signer: Signer): KernelMessage {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0) throw new ProtocolError('no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new ProtocolError(`too few frames after the delimiter (${frames.length - at - 1}, at least 5 needed)`);
  const [signature, header, parent, metadata, content] = frames.slice(at + 1, at + 6) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  if (!signer.verify(signature, [header, parent, metadata, content])) {
    throw new BadSignatureError(signature.length === 0 ? 'missing signature' : 'bad signature');
  }
  const parsedHeader = parseObject(header, 'header');
  return {
    identities: frames.slice(0, at),
    header: readHeader(parsedHeader),
    parentHeader: parseObject(parent, 'parent header') as KernelMessage['parentHeader'],
    metadata: parseObject(metadata, 'metadata'),
    content: parseObject(content, 'content'),
    buffers: frames.slice(at + 6),
  };
}

/** Encodes and signs a message for sending. */
export function encode(
  message: { identities: readonly Buffer[]; header: MessageHeader; parentHeader: object; metadata: JsonObject; content: JsonObject; buffers: readonly Buffer[] },
  signer: Signer,
): Buffer[] {
  const parts = [message.header, message.parentHeader, message.metadata, message.content].map((o) => Buffer.from(JSON.stringify(o), 'utf8'));
  return [...message.identities, DELIMITER, Buffer.from(signer.sign(parts), 'ascii'), ...parts, ...message.buffers];
}

function parseObject(frame: Buffer, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString('utf8'));
  } catch (e) {
    throw new ProtocolError(`the ${what} is not JSON: ${(e as Error).message}`);
  }
  if (!isObject(value)) throw new ProtocolError(`the ${what} is not a JSON object`);
  return value;
}

function readHeader(h: JsonObject): MessageHeader {
  const text = (key: string, required: boolean): string => {
    const v = h[key];
    if (typeof v === 'string') return v;
    if (required || v !== undefined) throw new ProtocolError(`header field '${key}' must be a string`);
    return '';
  };
  return {
    ...h,
    msg_id: text('msg_id', true),
    msg_type: text('msg_type', true),
    session: text('session', false),
    username: text('username', false),
    date: typeof h.date === 'string' ? h.date : '',
    version: text('version', false),
  };
}
