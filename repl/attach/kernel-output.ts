import type { KernelMessage } from '../../kernel/protocol/message.js';
import type { Theme } from '../colour.js';
import { FrameWriter, type Screen } from '../screen.js';
import { styleTable } from '../styled-table.js';

/** The end of a live display's status line while it runs: `· %stop q3`. */
const RUNNING = /· %stop (\S+)$/;

/**
 * Shows the iopub outputs of one request in the terminal: streams and errors as text,
 * displays and results by their text/plain form. The last display shown is redrawn in place
 * when the kernel updates it (update_display_data), so a live display looks as in the local
 * shell. While that display runs (its status line ends with `· %stop ID`), `liveQuery` is
 * its query's id.
 */
export class KernelOutput {
  private last: { readonly displayId: string | null; readonly frame: FrameWriter } | null = null;
  private readonly displays = new Set<string>();
  private live: string | null = null;
  private changed: (() => void) | null = null;

  constructor(
    private readonly screen: Screen,
    private readonly theme: Theme,
  ) {}

  get liveQuery(): string | null {
    return this.live;
  }

  /** Whether `m` updates a display this request showed (it may come with another parent). */
  follows(m: KernelMessage): boolean {
    return m.header.msg_type === 'update_display_data' && this.displays.has(displayIdOf(m) ?? '');
  }

  show(m: KernelMessage): void {
    const c = m.content;
    switch (m.header.msg_type) {
      case 'stream':
        this.last = null;
        this.screen.write(typeof c['text'] === 'string' ? c['text'] : '');
        return;
      case 'error': {
        this.last = null;
        const traceback = Array.isArray(c['traceback']) ? c['traceback'].filter((l): l is string => typeof l === 'string') : [];
        const ename = typeof c['ename'] === 'string' ? c['ename'] : 'ERROR';
        const lines = traceback.map((l, i) => (i === 0 && l.startsWith(ename) ? this.theme.errorCode(ename) + l.slice(ename.length) : /^\s*\^[\^~]*\s*$/.test(l) ? this.theme.caret(l) : l));
        this.screen.write(lines.join('\n') + '\n');
        return;
      }
      case 'execute_result':
      case 'display_data': {
        const displayId = displayIdOf(m);
        if (displayId !== null) this.displays.add(displayId);
        this.last = { displayId, frame: new FrameWriter(this.screen) };
        this.draw(textOf(m));
        return;
      }
      case 'update_display_data':
        if (this.last !== null && this.last.displayId === displayIdOf(m)) this.draw(textOf(m));
        return;
      default:
        return;
    }
  }

  /** Resolves once no live display of this request runs; after Ctrl-C, once it stopped (or 5 s). */
  async whileLive(signal: AbortSignal): Promise<void> {
    let stopAsked: number | null = null;
    while (this.live !== null) {
      if (signal.aborted) stopAsked ??= Date.now();
      if (stopAsked !== null && Date.now() - stopAsked > 5000) return;
      await new Promise<void>((resolve) => {
        this.changed = resolve;
        const timer = setTimeout(resolve, 200);
        timer.unref();
      });
    }
  }

  private draw(text: string): void {
    const lines = text === '' ? [] : text.split('\n');
    const status = lines.at(-1) ?? '';
    this.live = RUNNING.exec(status)?.[1] ?? null;
    this.last?.frame.draw(styleTable(lines, this.theme));
    this.changed?.();
  }
}

function displayIdOf(m: KernelMessage): string | null {
  const transient = m.content['transient'];
  if (typeof transient !== 'object' || transient === null) return null;
  const id = (transient as Record<string, unknown>)['display_id'];
  return typeof id === 'string' ? id : null;
}

function textOf(m: KernelMessage): string {
  const data = m.content['data'];
  if (typeof data !== 'object' || data === null) return '';
  const text = (data as Record<string, unknown>)['text/plain'];
  return typeof text === 'string' ? text.replace(/\n$/, '') : '';
}
