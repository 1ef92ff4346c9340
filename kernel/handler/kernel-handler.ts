import type { Session } from '../../engine/index.js';
import { LiveDisplays } from '../live/live-displays.js';
import type { Logger } from '../log.js';
import type { JsonObject, KernelMessage } from '../protocol/message.js';
import { ProtocolError } from '../protocol/protocol-error.js';
import { readRequest, type ExecuteRequest, type Request } from '../protocol/requests.js';
import { SvgRenderer } from '../render/svg-renderer.js';
import { DEFAULT_SETTINGS, type KernelSettings } from '../settings.js';
import type { Transport } from '../transport/zmq-transport.js';
import { CellOutput } from './cell-output.js';
import { completeAt } from './complete.js';
import type { KernelState } from './context.js';
import { errorContent } from './error-content.js';
import { History } from './history.js';
import { describeName, wordAt } from './inspect.js';
import { isComplete } from './is-complete.js';
import { kernelInfo } from './kernel-info.js';
import { codePointsToUtf16 } from './code-points.js';
import { runCell } from './run-cell.js';
import { removeTemporaryDir } from '../magics/session-magic.js';

export interface KernelHandlerOptions {
  readonly transport: Transport;
  readonly session: Session;
  readonly log: Logger;
  /** Called once the shutdown reply is queued: stop, close the sockets, exit. */
  readonly onShutdown: (restart: boolean) => void;
  readonly settings?: KernelSettings;
}

interface Queued {
  readonly message: KernelMessage;
  /** Arrival order on shell. */
  readonly seq: number;
}

/**
 * The protocol logic of the kernel, apart from sockets (it sends through a Transport):
 * shell requests run one at a time in arrival order, control requests at once (so an
 * interrupt or a shutdown is not stuck behind a running cell). Every request is wrapped in
 * `status: busy` and `status: idle` on iopub, with the request as parent. A failing
 * execute_request with stop_on_error aborts the execute_requests that arrived before its
 * reply. Nothing a request does can throw out of here: errors become error replies, and
 * malformed or unknown messages are logged.
 */
export class KernelHandler {
  readonly state: KernelState;
  readonly history = new History();
  private readonly queue: Queued[] = [];
  private seq = 0;
  private abortUpTo = 0;
  private draining = false;
  private executionCount = 0;
  private current: AbortController | null = null;
  private shuttingDown = false;

  constructor(private readonly options: KernelHandlerOptions) {
    this.state = { session: options.session, temporaryDir: null, settings: options.settings ?? DEFAULT_SETTINGS, displays: new LiveDisplays(), log: options.log, svg: new SvgRenderer(), running: null };
  }

  /** Publishes `status: starting` (once, when the kernel comes up). */
  starting(): void {
    this.options.transport.send({ channel: 'iopub', msgType: 'status', content: { execution_state: 'starting' }, parent: null });
  }

  handle(channel: 'shell' | 'control', message: KernelMessage): void {
    if (this.shuttingDown) return;
    if (channel === 'control') {
      void this.process('control', message);
      return;
    }
    this.queue.push({ message, seq: ++this.seq });
    if (!this.draining) void this.drain();
  }

  /** Stops the running cell and every live display (interrupt_request, SIGINT). */
  interrupt(): void {
    this.current?.abort();
    void this.state.displays.stopAll();
  }

  /** Stops every live display and query, closes the session, stops the SVG worker thread. */
  async close(): Promise<void> {
    this.shuttingDown = true;
    this.current?.abort();
    const stopped = this.state.displays.stopAll();
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.state.session.close();
    await removeTemporaryDir(this.state);
    await this.state.svg.close();
  }

  /** Resolves when every shell request received so far has been answered (tests). */
  async idle(): Promise<void> {
    while (this.draining || this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) await this.process('shell', item.message, item.seq);
    } finally {
      this.draining = false;
    }
  }

  private async process(channel: 'shell' | 'control', message: KernelMessage, seq = 0): Promise<void> {
    this.status('busy', message);
    try {
      await this.dispatch(channel, message, seq);
    } catch (e) {
      // A bug in a handler: log it, and answer so that the client does not wait forever.
      const type = message.header.msg_type;
      this.options.log.error(`${type}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (type.endsWith('_request')) this.reply(channel, message, type.replace(/_request$/, '_reply'), { status: 'error', ...errorContent(e) });
    } finally {
      this.status('idle', message);
    }
  }

  private async dispatch(channel: 'shell' | 'control', message: KernelMessage, seq: number): Promise<void> {
    const type = message.header.msg_type;
    let request: Request;
    try {
      request = readRequest(message);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      this.options.log.warn(`${channel}: malformed ${type}: ${e.message}`);
      if (type.endsWith('_request')) this.reply(channel, message, type.replace(/_request$/, '_reply'), { status: 'error', ename: 'ProtocolError', evalue: e.message, traceback: [] });
      return;
    }
    const { session } = this.state;
    switch (request.type) {
      case 'kernel_info_request':
        return this.reply(channel, message, 'kernel_info_reply', { status: 'ok', ...kernelInfo() });
      case 'execute_request':
        if (seq !== 0 && seq <= this.abortUpTo) return this.reply(channel, message, 'execute_reply', { status: 'aborted', execution_count: this.executionCount });
        return this.execute(channel, message, request.content);
      case 'complete_request':
        return this.reply(channel, message, 'complete_reply', { status: 'ok', ...completeAt(session, this.state.displays, request.content.code, request.content.cursor_pos), metadata: {} });
      case 'inspect_request': {
        const { code, cursor_pos, detail_level } = request.content;
        const data = describeName(session, wordAt(code, codePointsToUtf16(code, cursor_pos)), detail_level);
        return this.reply(channel, message, 'inspect_reply', { status: 'ok', found: data !== null, data: data ?? {}, metadata: {} });
      }
      case 'is_complete_request':
        return this.reply(channel, message, 'is_complete_reply', { ...isComplete(request.content.code) });
      case 'history_request':
        return this.reply(channel, message, 'history_reply', { status: 'ok', history: this.history.query(request.content) });
      case 'comm_info_request':
        return this.reply(channel, message, 'comm_info_reply', { status: 'ok', comms: {} });
      case 'interrupt_request':
        this.interrupt();
        return this.reply(channel, message, 'interrupt_reply', { status: 'ok' });
      case 'shutdown_request': {
        const content = { status: 'ok', restart: request.content.restart };
        this.reply(channel, message, 'shutdown_reply', content);
        this.options.transport.send({ channel: 'iopub', msgType: 'shutdown_reply', content, parent: message });
        this.shuttingDown = true;
        this.options.onShutdown(request.content.restart);
        return;
      }
      case 'unknown':
        this.options.log.warn(`${channel}: unknown message type '${request.msgType}', ignored`);
        return;
    }
  }

  private async execute(channel: 'shell' | 'control', message: KernelMessage, request: ExecuteRequest): Promise<void> {
    if (request.store_history) this.executionCount++;
    const count = this.executionCount;
    const output = new CellOutput(this.options.transport, message, request.silent);
    output.executeInput(request.code, count);
    const entry = request.store_history ? this.history.add(count, request.code) : null;
    const controller = new AbortController();
    this.current = controller;
    this.state.running = output;
    try {
      const result = await runCell(request.code, { kernel: this.state, output, signal: controller.signal, executionCount: count });
      if (entry) entry.output = result.resultText;
      this.reply(channel, message, 'execute_reply', { status: 'ok', execution_count: count, payload: result.payload, user_expressions: {} });
    } catch (e) {
      const error = errorContent(e);
      output.error(error);
      this.reply(channel, message, 'execute_reply', { status: 'error', execution_count: count, ...error });
      if (request.stop_on_error) this.abortUpTo = this.seq;
    } finally {
      if (this.current === controller) this.current = null;
      if (this.state.running === output) this.state.running = null;
    }
  }

  private reply(channel: 'shell' | 'control', parent: KernelMessage, msgType: string, content: JsonObject): void {
    this.options.transport.send({ channel, msgType, content, parent });
  }

  private status(state: 'busy' | 'idle', parent: KernelMessage): void {
    this.options.transport.send({ channel: 'iopub', msgType: 'status', content: { execution_state: state }, parent });
  }
}
