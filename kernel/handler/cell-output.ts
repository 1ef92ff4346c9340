import type { JsonObject, KernelMessage } from '../protocol/message.js';
import type { MimeBundle } from '../protocol/mime.js';
import type { Transport } from '../transport/zmq-transport.js';
import type { ErrorContent } from './error-content.js';

/**
 * The iopub messages of one request, with that request as their parent (so frontends put
 * them in the right cell, also after the cell has finished). A silent request broadcasts
 * nothing (messaging spec: execute_request `silent`).
 */
export class CellOutput {
  constructor(
    private readonly transport: Transport,
    readonly parent: KernelMessage,
    readonly silent: boolean,
  ) {}

  executeInput(code: string, executionCount: number): void {
    this.publish('execute_input', { code, execution_count: executionCount });
  }

  stream(name: 'stdout' | 'stderr', text: string): void {
    this.publish('stream', { name, text });
  }

  display(data: MimeBundle, displayId?: string, metadata: JsonObject = {}): void {
    this.publish('display_data', { data, metadata, transient: displayId === undefined ? {} : { display_id: displayId } });
  }

  updateDisplay(data: MimeBundle, displayId: string, metadata: JsonObject = {}): void {
    this.publish('update_display_data', { data, metadata, transient: { display_id: displayId } });
  }

  result(data: MimeBundle, executionCount: number, metadata: JsonObject = {}): void {
    this.publish('execute_result', { data, metadata, execution_count: executionCount });
  }

  error(error: ErrorContent): void {
    this.publish('error', { ...error });
  }

  clear(wait: boolean): void {
    this.publish('clear_output', { wait });
  }

  /** Messages waiting to go out on iopub. */
  get backlog(): number {
    return this.transport.iopubBacklog;
  }

  private publish(msgType: string, content: Record<string, unknown>): void {
    if (this.silent) return;
    this.transport.send({ channel: 'iopub', msgType, content, parent: this.parent });
  }
}
