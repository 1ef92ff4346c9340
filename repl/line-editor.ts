import { Interface } from 'node:readline';
import type { REPLServer } from 'node:repl';
import type { Theme } from './colour.js';
import { highlightSql } from './highlight.js';

/** The parts of readline's Interface the shell customizes (public, undocumented members). */
interface EditorInternals {
  line: string;
  cursor: number;
  history: string[];
  historyIndex: number;
  _writeToOutput(text: string): void;
  _insertString(text: string): void;
  _refreshLine(): void;
  _addHistory(): string;
}

export interface EditorState {
  /** The lines already entered of a statement still being typed ('' when none). */
  readonly pending: () => string;
  /** True while input runs (nothing of the editor is on the screen then). */
  readonly busy: () => boolean;
}

export function internals(server: REPLServer): EditorInternals {
  return server as unknown as EditorInternals;
}

/**
 * Colours the line being edited as SQL. readline draws a line by writing the prompt and the
 * line in one piece (the cursor is then placed by counting columns, which colour escapes do
 * not take), so that piece is swapped for a coloured one. Typing at the end of the line
 * writes only the new character: the line is redrawn when the character changes the colour
 * of what is already there (a word becoming a keyword, a quote opening a string).
 */
export function colourInput(server: REPLServer, theme: Theme, state: EditorState): void {
  if (theme.level === 0) return;
  const editor = internals(server);
  const write = editor._writeToOutput.bind(server);
  const insert = editor._insertString.bind(server);
  // A line starting with '.' at a fresh prompt is a dot command (or one being typed).
  const isSql = (line: string): boolean => state.pending() !== '' || !/^\s*\./.test(line);
  const coloured = (line: string): string => highlightSql(state.pending() + line, theme, state.pending().length);
  editor._writeToOutput = (text: string): void => {
    const prompt = server.getPrompt();
    if (!state.busy() && text === prompt + editor.line && isSql(editor.line)) text = prompt + coloured(editor.line);
    write(text);
  };
  editor._insertString = (text: string): void => {
    const before = editor.line;
    const atEnd = editor.cursor === before.length;
    insert(text);
    if (atEnd && isSql(editor.line) && coloured(editor.line) !== coloured(before) + text) editor._refreshLine();
  };
}

/**
 * Keeps readline from adding each line to the history as it is entered: the shell adds whole
 * statements instead (see history.ts), once they are complete.
 */
export function statementHistory(server: REPLServer): (entries: readonly string[], size: number) => string[] {
  const editor = internals(server);
  editor._addHistory = function (this: EditorInternals): string {
    this.historyIndex = -1;
    return this.line;
  };
  return (entries, size) => {
    const added: string[] = [];
    for (const entry of entries) {
      if (editor.history[0] === entry) continue;
      editor.history.unshift(entry);
      added.push(entry);
    }
    editor.history.length = Math.min(editor.history.length, size);
    editor.historyIndex = -1;
    return added;
  };
}

/** The prompt, or the continuation prompt while a statement is being typed. */
export function promptSwitch(server: REPLServer, prompts: { main: string; continuation: string }, state: EditorState): void {
  server.displayPrompt = (preserveCursor?: boolean): void => {
    Interface.prototype.setPrompt.call(server, state.pending() === '' ? prompts.main : prompts.continuation);
    server.prompt(preserveCursor);
  };
}
