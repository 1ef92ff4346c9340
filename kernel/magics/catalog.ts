import { CHART_USAGE } from './chart-args.js';

/** Every magic with its usage and help: the one place their texts live (%help, %lsmagic, inspect). */
export interface MagicHelp {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly details: string;
}

export const MAGICS: readonly MagicHelp[] = [
  {
    name: 'help',
    usage: '%help [%MAGIC]',
    summary: 'how to use this kernel, or one magic',
    details: 'Without an argument: statements, live results, charts and magics. `%help %chart` shows one magic. `NAME?` (or `?NAME`) shows what a source, table, stream, view or magic is.',
  },
  {
    name: 'lsmagic',
    usage: '%lsmagic',
    summary: 'list the magics',
    details: 'Lists every magic with a one-line summary.',
  },
  {
    name: 'queries',
    usage: '%queries',
    summary: 'running queries with their metrics',
    details: 'A table of the running queries (live displays, materialized views, sinks): id, kind, what it is, the live display showing it, rows in and out, events per second, state keys, watermark and late rows.',
  },
  {
    name: 'stop',
    usage: '%stop ID|NAME|all',
    summary: 'stop a live display, a view or a sink',
    details: 'Stops the live query with that id (the `q3` in a display\'s status line), or the query of a materialized view or sink by name (the object stays defined). `%stop all` stops every live display. Interrupting the kernel also stops every live display.',
  },
  {
    name: 'session',
    usage: '%session [DIR | --temp | --reopen]',
    summary: 'show the session, or make it durable',
    details:
      "Without an argument: whether the kernel's session is durable, and what it resumed from. `%session DIR` replaces it with the durable session in DIR: new, or resumed from DIR's last checkpoint and log (views, sinks, pushed rows; see %checkpoint). `%session --temp` opens a new durable session in a temporary directory, removed when the session is replaced or the kernel shuts down. `%session --reopen` closes the durable session (with a checkpoint) and opens its directory again, as a kernel restart would. The session replaced is closed and its live displays stopped; CREATE … IF NOT EXISTS lets cells run again on a resumed session.",
  },
  {
    name: 'checkpoint',
    usage: '%checkpoint',
    summary: 'write a checkpoint of a durable session',
    details: 'Writes a checkpoint now, as the `CHECKPOINT` statement does: views, sinks and their sources are captured, and sinks\' files get their output up to it. The kernel\'s session is durable after `%session DIR`, or when the kernel is started with `LAMINAR_SESSION=DIR` in its environment (in the kernelspec\'s `env`, or the shell that starts Jupyter); restarting the kernel then resumes it from DIR. Without a directory: `NOT_DURABLE`.',
  },
  {
    name: 'chart',
    usage: CHART_USAGE,
    summary: 'draw the next query of the cell as a chart',
    details:
      'Put it on the line before a query: the query\'s result is drawn as a Vega-Lite chart (with an SVG copy for frontends without Vega-Lite), and a live query\'s chart updates as the result changes. x and y name columns; color splits into series, facet into small multiples. A column may end in :Q, :O, :N or :T to choose quantitative, ordinal, nominal or temporal.',
  },
  {
    name: 'config',
    usage: '%config [NAME=VALUE …]',
    summary: 'show or change settings',
    details: 'Without arguments, shows the settings. `update_rate` (updates per second of each live display, default 10), `max_rows` (rows shown in a table, default 20), `chart_rows` (rows a live chart keeps, default 1000), `arrow_rows` (rows of a result sent as Arrow data for programs, default 10000), `workers` (threads running keyed operators, default the number of cores; changes only while no query runs). Changes apply at once, also to running displays.',
  },
  {
    name: 'print',
    usage: '%print [--stderr] TEXT',
    summary: 'write a line of text to the output',
    details: 'Writes TEXT and a line break to standard output, or to standard error with --stderr: notes in notebooks that run as tests.',
  },
  {
    name: 'clear',
    usage: '%clear',
    summary: 'clear the output of this cell so far',
    details: 'Clears what the cell has shown before this line.',
  },
];

export function magicHelp(name: string): MagicHelp | undefined {
  const bare = name.replace(/^%/, '').toLowerCase();
  return MAGICS.find((m) => m.name === bare);
}

export function lsmagicText(): string {
  const width = Math.max(...MAGICS.map((m) => m.name.length)) + 1;
  return MAGICS.map((m) => `%${m.name.padEnd(width)}  ${m.summary}`).join('\n') + '\n';
}

/** `%help`: how to use the kernel, in Markdown (and the same text for plain frontends). */
export function helpMarkdown(): string {
  return [
    '## LaminarDB kernel',
    '',
    'Cells hold streaming SQL: one or more statements, each ended by `;`. A query over finite inputs shows its complete result. A query over an unbounded source becomes a **live display**: the cell finishes at once and the table (or chart) keeps updating, with a status line (rows, events/s, watermark, late rows). It stops on `%stop ID`, on interrupt, when its input is dropped, or when its inputs end (then it shows the final result).',
    '',
    '```sql',
    "CREATE SOURCE trades FROM GENERATOR (kind = 'trades', rate = 1000);",
    'SELECT symbol, count(*) AS n, avg(price) AS avg_price FROM trades GROUP BY symbol;',
    '```',
    '',
    'Charts: put `%chart` on the line before a query.',
    '',
    '```',
    '%chart line x=ts y=price color=symbol',
    'SELECT ts, symbol, price FROM trades;',
    '```',
    '',
    'Help on an object or magic: `trades?` or `?%chart`. Tab completes keywords, functions, objects, and columns after `name.`.',
    '',
    '### Magics',
    '',
    '| magic | |',
    '|---|---|',
    ...MAGICS.map((m) => `| \`${m.usage.replace(/\|/g, '\\|')}\` | ${m.details.replace(/\|/g, '\\|')} |`),
  ].join('\n');
}

export function helpText(): string {
  return [
    'LaminarDB kernel',
    '',
    'Cells hold streaming SQL: one or more statements, each ended by ;. A query over finite',
    'inputs shows its complete result. A query over an unbounded source becomes a live display',
    'that keeps updating, with a status line; it stops on %stop ID, on interrupt, when its',
    'input is dropped, or when its inputs end.',
    '',
    'Charts: %chart line x=ts y=price color=symbol on the line before a query.',
    'Help on an object or magic: trades? or ?%chart.',
    '',
    'Magics:',
    ...MAGICS.map((m) => `  ${m.usage}\n      ${m.summary}`),
  ].join('\n');
}
