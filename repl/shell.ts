import { createWriteStream, openSync } from 'node:fs';
import { Output } from '../cli/output.js';
import { isLaminarError, type Session } from '../engine/index.js';
import type { Theme } from './colour.js';
import { errorText, isUserError } from './errors.js';
import { runUnits, type Unit } from './input.js';
import { duration } from './metrics-text.js';
import { executeOptionsFor, type Mode } from './modes.js';
import { plainResults, terminalResults, type ResultSink } from './result-printers.js';
import type { Screen } from './screen.js';

export interface ShellIo {
  /** Where results go when no `.output` file is set. */
  readonly stdout: Output;
  /** Acknowledgements, notices and errors. */
  readonly messages: Output;
  /** The interactive terminal, for live views and colour; null for plain text (a script, a pipe). */
  readonly screen: Screen | null;
  readonly theme: Theme;
}

/** How running one input ended. 'exit': `.exit` was given. */
export type Outcome = 'ok' | 'user-error' | 'internal-error' | 'interrupted' | 'exit';

/** Runs a dot command (see commands.ts); injected to keep this file about running SQL. */
export type CommandRunner = (shell: Shell, name: string, arg: string, signal: AbortSignal) => Promise<Outcome>;

/**
 * The state of a shell (result mode, timer, output file) and the running of its inputs: SQL
 * through the session, dot commands through the command table. Used by the interactive
 * shell and by scripts piped into it alike.
 */
export class Shell {
  mode: Mode = 'table';
  timer = false;
  private file: { readonly path: string; readonly output: Output; readonly end: () => Promise<void> } | null = null;
  /** Results written to stdout and to the output file: a blank line goes between two. */
  private written = { stdout: 0, file: 0 };

  constructor(
    readonly session: Session,
    readonly io: ShellIo,
    private readonly commands: CommandRunner,
  ) {}

  get outputPath(): string | null {
    return this.file?.path ?? null;
  }

  async run(unit: Unit, signal: AbortSignal): Promise<Outcome> {
    try {
      return unit.kind === 'sql' ? await this.runSql(unit.text, signal) : await this.commands(this, unit.name, unit.arg, signal);
    } catch (e) {
      return this.fail(e, signal);
    }
  }

  /** Runs a script's text unit by unit (`.read`), stopping at the first that does not succeed. */
  async runText(text: string, signal: AbortSignal): Promise<Outcome> {
    return runUnits(text, (unit) => this.run(unit, signal));
  }

  /**
   * Prints what a command shows (a list of sources, a description) on stdout, never in the
   * output file; in a script, separated from other results by a blank line.
   */
  async show(lines: readonly string[]): Promise<void> {
    if (this.io.screen === null) await this.separate('stdout', this.io.stdout);
    await this.io.stdout.writeLines(lines);
  }

  private async separate(target: 'stdout' | 'file', out: Output): Promise<void> {
    if (this.written[target]++ > 0) await out.write('\n');
  }

  /** Prints a line for people (acknowledgement, notice). */
  async say(text: string): Promise<void> {
    await this.io.messages.writeLines([text]);
  }

  /** Sends results to a file (created or truncated), or back to the terminal with null. */
  async setOutput(path: string | null): Promise<void> {
    const previous = this.file;
    if (path !== null) {
      const fd = openSync(path, 'w');
      const stream = createWriteStream('', { fd });
      this.file = { path, output: new Output(stream), end: () => new Promise((resolve) => stream.end(resolve)) };
      this.written.file = 0;
    } else {
      this.file = null;
    }
    if (previous) {
      await previous.output.flush();
      await previous.end();
    }
  }

  async close(): Promise<void> {
    await this.setOutput(null);
  }

  private async runSql(text: string, signal: AbortSignal): Promise<Outcome> {
    const sink = this.resultSink(signal);
    const statements = this.session.executeEach(text, executeOptionsFor(this.mode, signal))[Symbol.asyncIterator]();
    try {
      for (;;) {
        const started = performance.now();
        const next = await statements.next();
        if (next.done === true) break;
        await sink.print(next.value, next.value.kind === 'subscription' ? this.latestQueryId() : null);
        if (this.timer) await this.say(this.io.theme.dim(`Run Time: ${duration(performance.now() - started)}`));
        if (signal.aborted) return 'interrupted';
      }
    } finally {
      await statements.return?.(undefined);
      await this.file?.output.flush();
    }
    return signal.aborted ? 'interrupted' : 'ok';
  }

  /**
   * The id of the query a subscription just returned belongs to: the session's newest
   * 'select' query (Subscription does not carry its query's id).
   */
  private latestQueryId(): string | null {
    return this.session.queries().filter((q) => q.kind === 'select').at(-1)?.id ?? null;
  }

  private resultSink(signal: AbortSignal): ResultSink {
    const separator = (target: 'stdout' | 'file', out: Output) => () => this.separate(target, out);
    if (this.file !== null) return plainResults(this.mode, this.file.output, this.io.messages, signal, separator('file', this.file.output));
    if (this.io.screen === null) return plainResults(this.mode, this.io.stdout, this.io.messages, signal, separator('stdout', this.io.stdout));
    return terminalResults(this.mode, this.io.screen, this.io.theme, this.io.stdout, signal);
  }

  private async fail(e: unknown, signal: AbortSignal): Promise<Outcome> {
    // A query cancelled because the user stopped it is the stop, not an error.
    if (signal.aborted && isLaminarError(e) && e.code === 'QUERY_CANCELLED') {
      if (this.io.screen !== null) await this.say(this.io.theme.dim('stopped'));
      return 'interrupted';
    }
    await this.io.messages.writeLines([errorText(e, this.io.theme)]);
    return isUserError(e) ? 'user-error' : 'internal-error';
  }
}
