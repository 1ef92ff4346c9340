import repl, { type REPLServer } from 'node:repl';
import type { Theme } from './colour.js';
import { COMMANDS } from './commands.js';
import { completeInput } from './completer.js';
import type { ShellBackend } from './backend.js';
import { HISTORY_SIZE, historyEntries, type HistoryFile } from './history.js';
import { type Unit, nextIndent, sqlReadiness } from './input.js';
import { KeyCapture } from './key-capture.js';
import { errorText } from './errors.js';
import type { Outcome } from './shell.js';
import { colourInput, internals, promptSwitch, statementHistory, type EditorState } from './line-editor.js';

export interface InteractiveOptions {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
  readonly theme: Theme;
  readonly history: HistoryFile;
  readonly banner: readonly string[];
  readonly backend: ShellBackend;
  /** The prompt's name: 'laminar', or the kernel's for an attached shell. */
  readonly name?: string;
}

/** node's own dot commands that make no sense for SQL (.editor, .load and .save are JavaScript's). */
const NODE_COMMANDS = ['break', 'clear', 'editor', 'load', 'save'];

/**
 * The interactive shell on node:repl: a prompt and a continuation prompt while a statement
 * is unfinished (the engine's `completeness` decides), Tab completion, history of whole
 * statements, SQL colouring, dot commands. While input runs, the keyboard is taken from the
 * line editor: Ctrl-C stops what runs and the shell stays; at the prompt Ctrl-C clears the
 * line, and twice on an empty line (or Ctrl-D) leaves, as in node's REPL.
 *
 * Resolves when the shell is left.
 */
export function runInteractive(options: InteractiveOptions): Promise<void> {
  const { input, output, theme, backend } = options;
  const name = options.name ?? 'laminar';
  let pending = '';
  let running: AbortController | null = null;
  const state: EditorState = { pending: () => pending, busy: () => running !== null };
  const keys = new KeyCapture(input);

  output.write(options.banner.map((l) => l + '\n').join(''));
  const server: REPLServer = repl.start({
    input,
    output,
    terminal: output.isTTY === true,
    prompt: theme.prompt(`${name}> `),
    eval: evaluate,
    completer: (_before: string, callback: (e: Error | null, result?: [string[], string]) => void) => {
      const editor = internals(server);
      const { line, cursor } = editor;
      completeInput(pending, line, cursor, backend.complete).then(
        (c) => {
          const typed = line.slice(c.start, cursor);
          const only = c.matches.length === 1 ? c.matches[0]! : null;
          // readline adds the rest of a match after what was typed; matching ignores case, so
          // 'SYM' becomes 'symbol' (not 'SYMbol'): the typed part takes the match's case first.
          if (only !== null && !only.startsWith(typed) && only.toLowerCase().startsWith(typed.toLowerCase()) && editor.line === line) {
            editor.line = line.slice(0, c.start) + only.slice(0, typed.length) + line.slice(cursor);
            callback(null, [[only], only.slice(0, typed.length)]);
            editor._refreshLine();
            return;
          }
          callback(null, [[...c.matches], typed]);
        },
        () => callback(null, [[], '']),
      );
    },
    ignoreUndefined: true,
    preview: false,
    useColors: false,
    historySize: HISTORY_SIZE,
  } as repl.ReplOptions);
  for (const command of NODE_COMMANDS) delete (server.commands as Record<string, unknown>)[command];

  const addHistory = statementHistory(server);
  const remember = (text: string): void => {
    for (const entry of addHistory(historyEntries(text), HISTORY_SIZE)) options.history.add(entry);
  };
  internals(server).history.push(...options.history.load());
  promptSwitch(server, { main: theme.prompt(`${name}> `), continuation: theme.prompt(' '.repeat(Math.max(0, name.length - 3)) + '...> ') }, state);
  colourInput(server, theme, state);

  /** Runs input with the keyboard taken; the prompt comes back when it is done. */
  const runUnit = (unit: Unit, done: () => void): void => {
    const controller = new AbortController();
    running = controller;
    keys.start(() => controller.abort());
    const ran = backend.run(unit, controller.signal).catch((e: unknown): Outcome => {
      // Backends report their errors themselves; this is a last resort, so that the prompt comes back.
      output.write(errorText(e, theme) + '\n');
      return 'internal-error';
    });
    void ran.then((outcome) => {
      running = null;
      const replay = keys.stop();
      if (outcome === 'exit') {
        server.close();
        return;
      }
      done();
      replay();
    });
  };

  function evaluate(cmd: string, _context: unknown, _file: string, callback: (e: Error | null, result?: unknown) => void): void {
    const text = cmd.replace(/\n$/, '');
    if (text.trim() === '') {
      pending = '';
      return callback(null);
    }
    if (sqlReadiness(text) === 'more') {
      pending = text + '\n';
      callback(new repl.Recoverable(new Error('the statement goes on')));
      const indent = nextIndent(text);
      if (indent !== '') server.write(indent);
      return;
    }
    pending = '';
    remember(text);
    runUnit({ kind: 'sql', text }, () => callback(null));
  }

  for (const command of COMMANDS) {
    server.defineCommand(command.name, {
      help: command.help,
      action(arg: string) {
        remember(`.${command.name}${arg ? ' ' + arg : ''}`);
        runUnit({ kind: 'command', name: command.name, arg: arg.trim() }, () => server.displayPrompt());
      },
    });
  }

  // Ctrl-C at the prompt: node's behaviour (clear the line and the unfinished statement;
  // twice on an empty line leaves), with the unfinished statement forgotten here too.
  const nodeSigint = server.listeners('SIGINT') as (() => void)[];
  server.removeAllListeners('SIGINT');
  server.on('SIGINT', () => {
    pending = '';
    for (const l of nodeSigint) l.call(server);
  });
  // SIGINT sent by another program (kill -INT): stops what runs, else acts as Ctrl-C.
  const onSignal = (): void => {
    if (running !== null) running.abort();
    else server.emit('SIGINT');
  };
  process.on('SIGINT', onSignal);

  return new Promise((resolve) => {
    server.on('exit', () => {
      process.off('SIGINT', onSignal);
      output.write('\n');
      resolve();
    });
  });
}
