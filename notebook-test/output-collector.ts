import type { JsonMap, Output } from './notebook.js';

/** An iopub message, as either replay mode sees it. */
export interface IopubMessage {
  readonly msgType: string;
  readonly content: Record<string, unknown>;
  /** The msg_id of the request that caused it. */
  readonly parentId: string | undefined;
}

interface Place {
  readonly outputs: Output[];
  readonly index: number;
}

/**
 * Turns iopub messages into the outputs of cells, as nbclient does when it executes a
 * notebook: stream, display_data, execute_result and error messages of the running cell are
 * appended to its outputs; update_display_data replaces the data of every output with that
 * display_id, in any cell (so a live display ends with its final frame); clear_output clears
 * the cell at once or, with wait, before its next output. Consecutive stream messages of
 * one name make one output, as JupyterLab and nbconvert save them.
 */
export class OutputCollector {
  private readonly byDisplay = new Map<string, Place[]>();
  private current: { msgId: string; outputs: Output[]; clearBeforeNext: boolean } | null = null;

  /** Starts collecting the outputs of one execute request. */
  begin(msgId: string): Output[] {
    const outputs: Output[] = [];
    this.current = { msgId, outputs, clearBeforeNext: false };
    return outputs;
  }

  end(): void {
    this.current = null;
  }

  accept(m: IopubMessage): void {
    const c = m.content;
    if (m.msgType === 'update_display_data') {
      const id = displayIdOf(c);
      for (const place of id === undefined ? [] : (this.byDisplay.get(id) ?? [])) {
        const out = place.outputs[place.index];
        if (out && (out.output_type === 'display_data' || out.output_type === 'execute_result')) {
          out.data = (c.data ?? {}) as JsonMap;
          out.metadata = (c.metadata ?? {}) as JsonMap;
        }
      }
      return;
    }
    const cell = this.current;
    if (cell === null || m.parentId !== cell.msgId) return;
    if (m.msgType === 'clear_output') {
      if (c.wait === true) cell.clearBeforeNext = true;
      else cell.outputs.length = 0;
      return;
    }
    const out = outputOf(m.msgType, c);
    if (out === null) return;
    if (cell.clearBeforeNext) {
      cell.outputs.length = 0;
      cell.clearBeforeNext = false;
    }
    const last = cell.outputs.at(-1);
    if (out.output_type === 'stream' && last?.output_type === 'stream' && last.name === out.name) {
      last.text += out.text;
      return;
    }
    const id = displayIdOf(c);
    if (id !== undefined) this.byDisplay.set(id, [...(this.byDisplay.get(id) ?? []), { outputs: cell.outputs, index: cell.outputs.length }]);
    cell.outputs.push(out);
  }
}

function displayIdOf(c: Record<string, unknown>): string | undefined {
  const t = c.transient as { display_id?: unknown } | undefined;
  return typeof t?.display_id === 'string' ? t.display_id : undefined;
}

function outputOf(type: string, c: Record<string, unknown>): Output | null {
  switch (type) {
    case 'stream':
      return { output_type: 'stream', name: String(c.name), text: String(c.text) };
    case 'display_data':
      return { output_type: 'display_data', data: (c.data ?? {}) as JsonMap, metadata: (c.metadata ?? {}) as JsonMap };
    case 'execute_result':
      return { output_type: 'execute_result', data: (c.data ?? {}) as JsonMap, metadata: (c.metadata ?? {}) as JsonMap, execution_count: typeof c.execution_count === 'number' ? c.execution_count : null };
    case 'error':
      return { output_type: 'error', ename: String(c.ename), evalue: String(c.evalue), traceback: (c.traceback ?? []) as string[] };
    default:
      return null;
  }
}
