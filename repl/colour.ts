import { Chalk, type ChalkInstance } from 'chalk';

export type ColourLevel = 0 | 1 | 2 | 3;

/** The parts of a stream that decide whether it gets colour. */
export interface ColourStream {
  readonly isTTY?: boolean;
  getColorDepth?(env?: Record<string, string | undefined>): number;
}

/**
 * How much colour to write to `stream`, by the usual conventions, in this order:
 * `FORCE_COLOR` (0/false: none; 1/true/empty: 16 colours; 2: 256; 3: 16 million) wins over
 * everything, as in Node itself; then `NO_COLOR` (any non-empty value: none, see no-color.org);
 * then no colour when the stream is not a terminal or `TERM=dumb`; else what the terminal
 * says it supports.
 */
export function colourLevel(env: Readonly<Record<string, string | undefined>>, stream: ColourStream): ColourLevel {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    if (value === '0' || value === 'false') return 0;
    if (value === '2') return 2;
    if (value === '3') return 3;
    return 1;
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  if (stream.isTTY !== true || env['TERM'] === 'dumb') return 0;
  const depth = stream.getColorDepth?.(env) ?? 4;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

/** The styles of the shell; every one is the identity at colour level 0. */
export interface Theme {
  readonly level: ColourLevel;
  readonly keyword: (s: string) => string;
  readonly string: (s: string) => string;
  readonly number: (s: string) => string;
  readonly comment: (s: string) => string;
  readonly func: (s: string) => string;
  readonly quotedName: (s: string) => string;
  readonly prompt: (s: string) => string;
  readonly header: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly ok: (s: string) => string;
  readonly errorCode: (s: string) => string;
  readonly caret: (s: string) => string;
  readonly insert: (s: string) => string;
  readonly remove: (s: string) => string;
  readonly update: (s: string) => string;
  readonly live: (s: string) => string;
  /** Colour of chart series i. */
  readonly series: (i: number, s: string) => string;
}

export function makeTheme(level: ColourLevel): Theme {
  const c: ChalkInstance = new Chalk({ level });
  const palette = [c.cyan, c.magenta, c.yellow, c.green, c.blue, c.red];
  return {
    level,
    keyword: c.blue.bold,
    string: c.green,
    number: c.yellow,
    comment: c.gray,
    func: c.cyan,
    quotedName: c.magenta,
    prompt: c.bold.green,
    header: c.bold,
    dim: c.dim,
    ok: c.green,
    errorCode: c.red.bold,
    caret: c.red,
    insert: c.green,
    remove: c.red,
    update: c.yellow,
    live: c.bold.cyan,
    series: (i, s) => palette[i % palette.length]!(s),
  };
}
