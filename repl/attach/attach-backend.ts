import { readFile } from 'node:fs/promises';
import type { Completions } from '../../engine/index.js';
import { codePointsToUtf16, utf16ToCodePoints } from '../../kernel/handler/code-points.js';
import type { KernelMessage } from '../../kernel/protocol/message.js';
import type { ShellBackend } from '../backend.js';
import type { Theme } from '../colour.js';
import { helpText } from '../commands.js';
import { CommandError, errorText, isUserError } from '../errors.js';
import { runUnits, type Unit } from '../input.js';
import { duration } from '../metrics-text.js';
import type { Screen } from '../screen.js';
import type { Outcome } from '../shell.js';
import type { KernelClient } from './kernel-client.js';
import { KernelOutput } from './kernel-output.js';

/** Dot commands of an attached shell that run SQL in the kernel. */
const SHOW: Readonly<Record<string, string>> = {
  sources: 'SHOW SOURCES;',
  streams: 'SHOW STREAMS;',
  views: 'SHOW MATERIALIZED VIEWS;',
  sinks: 'SHOW SINKS;',
  tables: 'SHOW TABLES;',
  queries: 'SHOW QUERIES;',
};

/**
 * The shell attached to a running kernel: statements run in the kernel's session (the one a
 * notebook uses), and its outputs are shown as text; a live display is redrawn in place as
 * the kernel updates it. Ctrl-C interrupts a running statement; while a live display of the
 * statement is shown, it stops that query only (`%stop ID`), not the notebook's.
 */
export class AttachBackend implements ShellBackend {
  private timer = false;

  constructor(
    private readonly client: KernelClient,
    private readonly screen: Screen,
    private readonly theme: Theme,
  ) {}

  readonly complete = async (text: string, cursor: number): Promise<Completions> => {
    const { reply } = this.client.request('shell', 'complete_request', { code: text, cursor_pos: utf16ToCodePoints(text, cursor) });
    const c = (await reply).content;
    const matches = Array.isArray(c['matches']) ? c['matches'].filter((m): m is string => typeof m === 'string') : [];
    const at = (key: string): number => (typeof c[key] === 'number' ? codePointsToUtf16(text, c[key]) : cursor);
    return { matches, start: at('cursor_start'), end: at('cursor_end') };
  };

  async run(unit: Unit, signal: AbortSignal): Promise<Outcome> {
    try {
      if (unit.kind === 'sql') return await this.execute(unit.text, signal);
      return await this.command(unit.name, unit.arg, signal);
    } catch (e) {
      this.screen.write(errorText(e, this.theme) + '\n');
      return isUserError(e) ? 'user-error' : 'internal-error';
    }
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }

  private async command(name: string, arg: string, signal: AbortSignal): Promise<Outcome> {
    const show = SHOW[name];
    if (show !== undefined) return this.execute(show, signal);
    switch (name) {
      case 'help':
        this.screen.write([...helpText(), '', 'Attached to a kernel: .mode and .output are not available; .stop takes a query id (%stop).'].join('\n') + '\n');
        return 'ok';
      case 'describe':
        if (arg === '') throw new CommandError('which object? (.describe NAME)');
        return this.execute(`DESCRIBE ${arg.replace(/;$/, '')};`, signal);
      case 'stop':
        if (arg === '') throw new CommandError('which query? (.stop ID; .queries lists them)');
        return this.execute(`%stop ${arg}`, signal);
      case 'timer':
        if (arg !== 'on' && arg !== 'off') throw new CommandError('.timer takes on or off');
        this.timer = arg === 'on';
        return 'ok';
      case 'read':
        return this.read(arg, signal);
      case 'exit':
        return 'exit';
      case 'mode':
      case 'output':
        throw new CommandError(`.${name} is not available when attached to a kernel: results are shown as the kernel renders them`);
      default:
        throw new CommandError(`unknown command .${name} (.help lists the commands)`);
    }
  }

  private async read(path: string, signal: AbortSignal): Promise<Outcome> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new CommandError(`cannot read '${path}': ${(e as Error).message}`);
    }
    return runUnits(text, (unit) => this.run(unit, signal));
  }

  /**
   * Runs code in the kernel and shows its outputs until the kernel is idle again; then, while
   * one of its live displays is running, follows it until it ends or Ctrl-C.
   */
  private async execute(code: string, signal: AbortSignal): Promise<Outcome> {
    const started = performance.now();
    const output = new KernelOutput(this.screen, this.theme);
    let idle!: () => void;
    const becameIdle = new Promise<void>((resolve) => (idle = resolve));
    const { msgId, reply } = this.client.request('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const off = this.client.onIopub((m: KernelMessage) => {
      const parent = 'msg_id' in m.parentHeader ? m.parentHeader.msg_id : undefined;
      if (parent === msgId && m.header.msg_type === 'status' && m.content['execution_state'] === 'idle') idle();
      else if (parent === msgId || output.follows(m)) output.show(m);
    });
    let phase: 'running' | 'following' | 'done' = 'running';
    const onAbort = (): void => {
      if (phase === 'running') this.client.request('control', 'interrupt_request', {});
      else if (phase === 'following' && output.liveQuery !== null) this.client.request('shell', 'execute_request', { code: `%stop ${output.liveQuery}`, silent: true, store_history: false, user_expressions: {}, allow_stdin: false });
    };
    signal.addEventListener('abort', onAbort);
    try {
      const answer = await reply;
      await becameIdle;
      phase = 'following';
      if (signal.aborted && output.liveQuery !== null) onAbort();
      await output.whileLive(signal);
      phase = 'done';
      if (this.timer) this.screen.write(this.theme.dim(`Run Time: ${duration(performance.now() - started)}`) + '\n');
      if (answer.content['status'] === 'error') return signal.aborted ? 'interrupted' : 'user-error';
      return signal.aborted ? 'interrupted' : 'ok';
    } finally {
      signal.removeEventListener('abort', onAbort);
      off();
    }
  }
}
