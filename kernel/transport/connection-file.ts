import { readFile } from 'node:fs/promises';
import { isObject } from '../protocol/fields.js';

/** What a connection file says: where to bind each socket and how to sign messages. */
export interface ConnectionInfo {
  readonly transport: 'tcp' | 'ipc';
  readonly ip: string;
  readonly shell_port: number;
  readonly control_port: number;
  readonly stdin_port: number;
  readonly iopub_port: number;
  readonly hb_port: number;
  readonly key: string;
  readonly signature_scheme: string;
}

export type SocketName = 'shell' | 'control' | 'stdin' | 'iopub' | 'hb';

export async function readConnectionFile(path: string): Promise<ConnectionInfo> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the connection file ${path}: ${(e as Error).message}`);
  }
  return parseConnectionInfo(parsed);
}

export function parseConnectionInfo(value: unknown): ConnectionInfo {
  if (!isObject(value)) throw new Error('the connection file is not a JSON object');
  const port = (key: string): number => {
    const v = value[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535) throw new Error(`the connection file has no valid '${key}'`);
    return v;
  };
  const transport = value.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') throw new Error(`unsupported transport ${JSON.stringify(transport)}`);
  const text = (key: string, fallback: string): string => {
    const v = value[key];
    return typeof v === 'string' ? v : fallback;
  };
  return {
    transport,
    ip: text('ip', '127.0.0.1'),
    shell_port: port('shell_port'),
    control_port: port('control_port'),
    stdin_port: port('stdin_port'),
    iopub_port: port('iopub_port'),
    hb_port: port('hb_port'),
    key: text('key', ''),
    signature_scheme: text('signature_scheme', 'hmac-sha256'),
  };
}

/** The ZeroMQ endpoint of a socket: tcp://ip:port, or ipc://ip-port as jupyter_client names it. */
export function endpoint(info: ConnectionInfo, socket: SocketName): string {
  const port = info[`${socket}_port`];
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
