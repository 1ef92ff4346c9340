import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConnectionInfo, endpoint } from '../../kernel/transport/connection-file.js';
import { SendQueue } from '../../kernel/transport/send-queue.js';
import { Signer } from '../../kernel/transport/signer.js';
import { BadSignatureError, decode, DELIMITER, encode } from '../../kernel/transport/wire.js';
import { ProtocolError } from '../../kernel/protocol/protocol-error.js';
import { readRequest } from '../../kernel/protocol/requests.js';
import type { KernelMessage } from '../../kernel/protocol/message.js';

const KEY = 'a0436f6c-1916-498b-8eb9-e81ab9368e84';
const signer = new Signer(Buffer.from(KEY));
const header = { msg_id: 'id1', msg_type: 'execute_request', session: 's', username: 'u', date: '2024-01-01T00:00:00Z', version: '5.3' };

function frames(content: object, sign: (parts: Buffer[]) => string = (parts) => hmac(parts)): Buffer[] {
  const parts = [header, {}, {}, content].map((o) => Buffer.from(JSON.stringify(o)));
  return [Buffer.from('peer'), DELIMITER, Buffer.from(sign(parts)), ...parts, Buffer.from('extra')];
}

function hmac(parts: Buffer[]): string {
  const h = createHmac('sha256', KEY);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

describe('wire format and signatures', () => {
  it('decodes a signed message: identities, header, content, buffers', () => {
    const m = decode(frames({ code: 'SELECT 1;' }), signer);
    expect(m.identities).toEqual([Buffer.from('peer')]);
    expect(m.header).toMatchObject(header);
    expect(m.content).toEqual({ code: 'SELECT 1;' });
    expect(m.buffers).toEqual([Buffer.from('extra')]);
  });

  it('rejects a bad or missing signature before parsing anything', () => {
    expect(() => decode(frames({ code: 'x' }, () => 'f'.repeat(64)), signer)).toThrow(BadSignatureError);
    expect(() => decode(frames({ code: 'x' }, () => ''), signer)).toThrow('missing signature');
    // Right length, one digit off.
    expect(() => decode(frames({ code: 'x' }, (p) => hmac(p).replace(/.$/, (c) => (c === '0' ? '1' : '0'))), signer)).toThrow('bad signature');
    // A signature for other content.
    const f = frames({ code: 'x' });
    f[6] = Buffer.from(JSON.stringify({ code: 'DROP SOURCE everything;' }));
    expect(() => decode(f, signer)).toThrow(BadSignatureError);
  });

  it('rejects malformed messages with a reason', () => {
    expect(() => decode([Buffer.from('no delimiter')], signer)).toThrow(/delimiter/);
    expect(() => decode([DELIMITER, Buffer.from('sig')], signer)).toThrow(/too few frames/);
    const parts = [Buffer.from('{not json'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')];
    expect(() => decode([DELIMITER, Buffer.from(hmac(parts)), ...parts], signer)).toThrow(/header is not JSON/);
    const noType = [Buffer.from('{"msg_id":"x"}'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('[]')];
    expect(() => decode([DELIMITER, Buffer.from(hmac(noType)), ...noType], signer)).toThrow(ProtocolError);
  });

  it('accepts anything and signs with an empty signature when the key is empty', () => {
    const open = new Signer(Buffer.alloc(0));
    expect(decode(frames({}, () => 'whatever'), open).content).toEqual({});
    expect(open.sign([Buffer.from('x')])).toBe('');
  });

  it('encodes what it decodes, signed', () => {
    const out = encode({ identities: [Buffer.from('peer')], header, parentHeader: {}, metadata: {}, content: { a: 1 }, buffers: [] }, signer);
    expect(decode(out, signer).content).toEqual({ a: 1 });
    expect(out[2]!.toString()).toBe(hmac(out.slice(3, 7)));
  });

  it('refuses an unknown signature scheme', () => {
    expect(() => new Signer(Buffer.from('k'), 'rot13')).toThrow(/signature_scheme/);
    expect(new Signer(Buffer.from('k'), 'hmac-sha512').sign([Buffer.from('x')])).toHaveLength(128);
  });
});

describe('requests', () => {
  const msg = (type: string, content: Record<string, unknown>): KernelMessage => ({ identities: [], header: { ...header, msg_type: type }, parentHeader: {}, metadata: {}, content, buffers: [] });

  it('applies the spec defaults; silent forces store_history off', () => {
    expect(readRequest(msg('execute_request', { code: 'x' }))).toEqual({ type: 'execute_request', content: { code: 'x', silent: false, store_history: true, user_expressions: {}, allow_stdin: true, stop_on_error: true } });
    expect(readRequest(msg('execute_request', { code: 'x', silent: true, store_history: true }))).toMatchObject({ content: { silent: true, store_history: false } });
    expect(readRequest(msg('complete_request', { code: 'a😀b' }))).toEqual({ type: 'complete_request', content: { code: 'a😀b', cursor_pos: 3 } });
    expect(readRequest(msg('history_request', { hist_access_type: 'search', pattern: 'a*' }))).toMatchObject({ content: { hist_access_type: 'search', unique: false, n: null } });
    expect(readRequest(msg('something_else', {}))).toEqual({ type: 'unknown', msgType: 'something_else' });
  });

  it('rejects content of the wrong shape', () => {
    expect(() => readRequest(msg('execute_request', {}))).toThrow("'code' must be a string");
    expect(() => readRequest(msg('execute_request', { code: 'x', silent: 'yes' }))).toThrow('true or false');
    expect(() => readRequest(msg('history_request', { hist_access_type: 'everything' }))).toThrow(/hist_access_type/);
  });
});

describe('connection files', () => {
  it('reads ports and key; endpoints for tcp and ipc', () => {
    const info = parseConnectionInfo({ transport: 'tcp', ip: '127.0.0.1', shell_port: 1, control_port: 2, stdin_port: 3, iopub_port: 4, hb_port: 5, key: 'k', signature_scheme: 'hmac-sha256' });
    expect(endpoint(info, 'iopub')).toBe('tcp://127.0.0.1:4');
    expect(endpoint({ ...info, transport: 'ipc', ip: '/tmp/k' }, 'hb')).toBe('ipc:///tmp/k-5');
    expect(() => parseConnectionInfo({ ...info, shell_port: 'x' })).toThrow(/shell_port/);
  });
});

describe('send queue', () => {
  it('sends one message at a time, in order, and carries on after a failure', async () => {
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    const errors: unknown[] = [];
    const q = new SendQueue<number>(async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      if (n === 3) throw new Error('EBUSY');
      sent.push(n);
    }, (e) => errors.push(e));
    for (let i = 0; i < 6; i++) q.push(i);
    await q.flushed();
    expect(sent).toEqual([0, 1, 2, 4, 5]);
    expect(most).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
