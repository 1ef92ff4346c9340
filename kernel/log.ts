/**
 * The kernel's log, on stderr (Jupyter shows a kernel's stderr in the server's log). Level
 * from LAMINAR_KERNEL_LOG: 'debug', 'info' (default), 'warn' or 'error'.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

export function stderrLogger(level: string | undefined = process.env.LAMINAR_KERNEL_LOG): Logger {
  const min = Math.max(0, LEVELS.indexOf((level ?? 'info') as Level));
  const at = (l: Level) => (message: string): void => {
    if (LEVELS.indexOf(l) >= min) process.stderr.write(`[laminar kernel] ${l}: ${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that keeps lines in memory (tests). */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const at = (l: Level) => (message: string): void => void lines.push(`${l}: ${message}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
