import { bool, int, isObject, optionalInt, str } from './fields.js';
import type { JsonObject, KernelMessage } from './message.js';
import { ProtocolError } from './protocol-error.js';

/** The requests this kernel answers, with their content as the spec defines it (defaults applied). */
export interface ExecuteRequest {
  readonly code: string;
  readonly silent: boolean;
  readonly store_history: boolean;
  readonly user_expressions: JsonObject;
  readonly allow_stdin: boolean;
  readonly stop_on_error: boolean;
}

export interface CompleteRequest {
  readonly code: string;
  /** In Unicode code points (protocol 5.2+). */
  readonly cursor_pos: number;
}

export interface InspectRequest extends CompleteRequest {
  readonly detail_level: 0 | 1;
}

export interface IsCompleteRequest {
  readonly code: string;
}

export type HistoryRequest =
  | { readonly hist_access_type: 'tail'; readonly output: boolean; readonly raw: boolean; readonly n: number }
  | { readonly hist_access_type: 'range'; readonly output: boolean; readonly raw: boolean; readonly session: number; readonly start: number; readonly stop: number | null }
  | { readonly hist_access_type: 'search'; readonly output: boolean; readonly raw: boolean; readonly pattern: string; readonly unique: boolean; readonly n: number | null };

export interface ShutdownRequest {
  readonly restart: boolean;
}

export interface CommInfoRequest {
  readonly target_name: string | null;
}

/** A request, told apart by its type. Unknown types keep their name for the log and reply. */
export type Request =
  | { readonly type: 'kernel_info_request' }
  | { readonly type: 'execute_request'; readonly content: ExecuteRequest }
  | { readonly type: 'complete_request'; readonly content: CompleteRequest }
  | { readonly type: 'inspect_request'; readonly content: InspectRequest }
  | { readonly type: 'is_complete_request'; readonly content: IsCompleteRequest }
  | { readonly type: 'history_request'; readonly content: HistoryRequest }
  | { readonly type: 'comm_info_request'; readonly content: CommInfoRequest }
  | { readonly type: 'shutdown_request'; readonly content: ShutdownRequest }
  | { readonly type: 'interrupt_request' }
  | { readonly type: 'unknown'; readonly msgType: string };

export type RequestType = Exclude<Request['type'], 'unknown'>;

const READERS: { readonly [T in RequestType]: (c: JsonObject) => Request & { type: T } } = {
  kernel_info_request: () => ({ type: 'kernel_info_request' }),
  interrupt_request: () => ({ type: 'interrupt_request' }),
  execute_request: (c) => {
    const silent = bool(c, 'silent', false);
    const expressions = c.user_expressions;
    return {
      type: 'execute_request',
      content: {
        code: str(c, 'code'),
        silent,
        // "If silent is True, store_history is forced to False."
        store_history: silent ? false : bool(c, 'store_history', true),
        user_expressions: isObject(expressions) ? expressions : {},
        allow_stdin: bool(c, 'allow_stdin', true),
        stop_on_error: bool(c, 'stop_on_error', true),
      },
    };
  },
  complete_request: (c) => ({ type: 'complete_request', content: codeAndCursor(c) }),
  inspect_request: (c) => {
    const level = int(c, 'detail_level', 0);
    return { type: 'inspect_request', content: { ...codeAndCursor(c), detail_level: level === 1 ? 1 : 0 } };
  },
  is_complete_request: (c) => ({ type: 'is_complete_request', content: { code: str(c, 'code') } }),
  history_request: (c) => ({ type: 'history_request', content: historyRequest(c) }),
  comm_info_request: (c) => ({ type: 'comm_info_request', content: { target_name: typeof c.target_name === 'string' ? c.target_name : null } }),
  shutdown_request: (c) => ({ type: 'shutdown_request', content: { restart: bool(c, 'restart', false) } }),
};

/** Reads a request's content by its type; throws ProtocolError when the content is malformed. */
export function readRequest(msg: KernelMessage): Request {
  const type = msg.header.msg_type;
  const reader = (READERS as Record<string, ((c: JsonObject) => Request) | undefined>)[type];
  if (reader === undefined) return { type: 'unknown', msgType: type };
  return reader(msg.content);
}

function codeAndCursor(c: JsonObject): CompleteRequest {
  const code = str(c, 'code');
  const points = [...code].length;
  const cursor = optionalInt(c, 'cursor_pos');
  // A missing cursor means the end of the code; one beyond it is clamped.
  return { code, cursor_pos: cursor === null ? points : Math.max(0, Math.min(cursor, points)) };
}

function historyRequest(c: JsonObject): HistoryRequest {
  const output = bool(c, 'output', false);
  const raw = bool(c, 'raw', true);
  const type = str(c, 'hist_access_type', 'tail');
  switch (type) {
    case 'tail':
      return { hist_access_type: 'tail', output, raw, n: int(c, 'n', 10) };
    case 'range':
      return { hist_access_type: 'range', output, raw, session: int(c, 'session', 0), start: int(c, 'start', 0), stop: optionalInt(c, 'stop') };
    case 'search':
      return { hist_access_type: 'search', output, raw, pattern: str(c, 'pattern', '*'), unique: bool(c, 'unique', false), n: optionalInt(c, 'n') };
    default:
      throw new ProtocolError(`hist_access_type must be 'tail', 'range' or 'search', not '${type}'`);
  }
}
