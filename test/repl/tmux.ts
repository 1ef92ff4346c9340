import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { assertBuilt as assertCliBuilt, MAIN_JS } from '../cli/cli-process.js';

const run = promisify(execFile);

const ROOT = resolve(import.meta.dirname, '../..');

/** Fails with a clear message when dist/ is older than the CLI, display or REPL sources. */
export function assertBuilt(): void {
  assertCliBuilt();
  for (const file of readdirSync(join(ROOT, 'repl'))) {
    const compiled = join(ROOT, 'dist/repl', file.replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(join(ROOT, 'repl', file)).mtimeMs) {
      throw new Error(`dist/ is older than repl/${file}: run 'npm run build' first`);
    }
  }
}

/** Quotes a word for the shell tmux runs the command with. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ScreenOptions {
  readonly escapes?: boolean;
  readonly scrollback?: boolean;
}

export interface ShellOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  readonly width?: number;
  readonly height?: number;
  /** Run this command instead of the built `laminar` (for an attached shell, a kernel…). */
  readonly command?: readonly string[];
}

/**
 * The real `laminar` shell in a pseudo-terminal: a tmux server of its own (a private socket,
 * so tests never touch the user's tmux or each other), one window running the command. The
 * pane stays after the command exits, to read the last screen and the exit status.
 */
export class TmuxShell {
  private constructor(private readonly socket: string) {}

  static async start(options: ShellOptions): Promise<TmuxShell> {
    const socket = `laminar-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    const command = options.command ?? [process.execPath, MAIN_JS, ...(options.args ?? [])];
    // A clean environment: no colour settings of the caller's, a known terminal.
    const env = { TERM: 'xterm-256color', LANG: 'C.UTF-8', HOME: options.cwd, ...options.env };
    const line = ['env', '-i', `PATH=${process.env['PATH'] ?? '/usr/bin:/bin'}`, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...command].map(shellQuote).join(' ');
    const shell = new TmuxShell(socket);
    await shell.tmux('-f', '/dev/null', 'start-server', ';', 'set-option', '-g', 'history-limit', '100000', ';', 'new-session', '-d', '-s', 'main', '-x', String(options.width ?? 100), '-y', String(options.height ?? 30), '-c', options.cwd, line, ';', 'set-option', '-t', 'main', 'remain-on-exit', 'on');
    return shell;
  }

  private async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, ...args]);
    return stdout;
  }

  /** Types text as it is (a final ';' is escaped: tmux would read it as its own separator). */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 'main', '-l', text.endsWith(';') ? text.slice(0, -1) + '\\;' : text);
  }

  /** Presses keys by tmux's names: Enter, Tab, Up, C-c, C-d. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.tmux('send-keys', '-t', 'main', key);
  }

  /** Types a line and presses Enter. */
  async enter(text: string): Promise<void> {
    await this.type(text);
    await this.press('Enter');
  }

  /** The visible screen as text, or with colour escapes (`-e`), or with all lines scrolled off too. */
  async screen(options: ScreenOptions = {}): Promise<string> {
    const out = await this.tmux('capture-pane', '-p', '-t', 'main', ...(options.escapes === true ? ['-e'] : []), ...(options.scrollback === true ? ['-S', '-'] : []));
    return out.replace(/\s+$/, '');
  }

  /** Polls the screen until `test` accepts it; fails with the last screen after `timeoutMs`. */
  async waitFor(test: RegExp | ((screen: string) => boolean), what: string, timeoutMs = 45_000, options: ScreenOptions = {}): Promise<string> {
    const accept = typeof test === 'function' ? test : (s: string) => test.test(s);
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.screen(options);
      if (accept(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * The exit status once the command has ended (polled), or a timeout error. tmux reports it
   * when it has reaped the process; it sometimes leaves an exited process a zombie for long,
   * so a zombie's status is read from /proc too (its `exit_code` field, as waitpid gives it).
   */
  async exitStatus(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const pid = (await this.tmux('display-message', '-p', '-t', 'main', '#{pane_pid}')).trim();
    for (;;) {
      const [dead, status, signal] = (await this.tmux('display-message', '-p', '-t', 'main', '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}')).trim().split(':');
      if (dead === '1' && status !== '') return Number(status);
      if (dead === '1' && signal !== '') throw new Error(`the shell ended by signal ${signal}; the screen was:\n${await this.screen()}`);
      const zombie = zombieStatus(pid);
      if (zombie !== null) {
        if (zombie.signal !== 0) throw new Error(`the shell ended by signal ${zombie.signal}; the screen was:\n${await this.screen()}`);
        return zombie.status;
      }
      if (Date.now() > deadline) throw new Error(`the shell did not exit; the screen was:\n${await this.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Ends the tmux server and whatever still runs in it. */
  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

/** The exit status or signal of a process that has exited and not been reaped yet. */
function zombieStatus(pid: string): { status: number; signal: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which is in parentheses and may hold spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] !== 'Z') return null;
  const code = Number(fields[49]);
  return { status: (code >> 8) & 0xff, signal: code & 0x7f };
}

/** The last line of the screen that is not empty. */
export function lastLine(screen: string): string {
  return screen.split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
}
