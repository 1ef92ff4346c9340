import { readFile } from 'node:fs/promises';
import { formatTable, formatTextTable } from '../display/index.js';
import type { QueryInfo } from '../engine/index.js';
import { CommandError } from './errors.js';
import { highlightSql } from './highlight.js';
import { count, eventTimeMetrics, metricsParts, rate, watermarkText } from './metrics-text.js';
import { isMode, MODES } from './modes.js';
import type { Outcome, Shell } from './shell.js';
import { styleTable } from './styled-table.js';

export interface CommandSpec {
  readonly name: string;
  readonly args: string;
  readonly help: string;
  run(shell: Shell, arg: string, signal: AbortSignal): Promise<Outcome>;
}

const show = (what: string): CommandSpec['run'] => async (shell, arg) => {
  noArgument(arg);
  const [result] = await shell.session.execute(`SHOW ${what}`);
  if (result?.kind === 'table') await print(shell, styleTable(formatTable(result.table), shell.io.theme));
  return 'ok';
};

/** The dot commands, in the order `.help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', args: '', help: 'show this help', run: async (shell) => (await print(shell, helpText()), 'ok') },
  { name: 'sources', args: '', help: 'list sources (SHOW SOURCES)', run: show('SOURCES') },
  { name: 'streams', args: '', help: 'list streams (SHOW STREAMS)', run: show('STREAMS') },
  { name: 'views', args: '', help: 'list materialized views (SHOW MATERIALIZED VIEWS)', run: show('MATERIALIZED VIEWS') },
  { name: 'sinks', args: '', help: 'list sinks (SHOW SINKS)', run: show('SINKS') },
  { name: 'tables', args: '', help: 'list tables (SHOW TABLES)', run: show('TABLES') },
  { name: 'describe', args: 'NAME', help: 'columns, definition and state of a source, table, stream, view or sink', run: describe },
  { name: 'queries', args: '', help: 'running queries with their metrics', run: queries },
  { name: 'stop', args: 'ID|NAME', help: 'stop a running query (by id, see .queries), view or sink', run: stop },
  { name: 'checkpoint', args: '', help: 'write a checkpoint of a durable session (laminar repl --session DIR)', run: checkpoint },
  { name: 'timer', args: 'on|off', help: 'show how long each statement takes', run: timer },
  { name: 'mode', args: MODES.join('|'), help: 'how results are shown (no argument: the current mode)', run: mode },
  { name: 'read', args: 'FILE.sql', help: 'run the statements and commands of a file', run: read },
  { name: 'output', args: '[FILE]', help: 'send results to FILE, or back to the terminal', run: output },
  { name: 'exit', args: '', help: 'leave the shell (also Ctrl-D)', run: () => Promise.resolve('exit') },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs `.name arg`; an unknown name is a user error. */
export async function runCommand(shell: Shell, name: string, arg: string, signal: AbortSignal): Promise<Outcome> {
  const command = findCommand(name);
  if (!command) throw new CommandError(`unknown command .${name} (.help lists the commands)`);
  return command.run(shell, arg, signal);
}

export function helpText(): string[] {
  const usage = COMMANDS.map((c) => `.${c.name}${c.args ? ' ' + c.args : ''}`);
  const width = Math.max(...usage.map((u) => u.length));
  return [
    'Type SQL statements ending with ";" (a statement may span lines). Tab completes names,',
    'Up and Down recall history. Ctrl-C stops a running query; Ctrl-D leaves.',
    '',
    ...COMMANDS.map((c, i) => `${usage[i]!.padEnd(width)}  ${c.help}`),
  ];
}

function print(shell: Shell, lines: readonly string[]): Promise<void> {
  return shell.show(lines);
}

function noArgument(arg: string): void {
  if (arg !== '') throw new CommandError(`this command takes no argument (got '${arg}')`);
}

function oneArgument(arg: string, what: string): string {
  if (arg === '') throw new CommandError(`which ${what}?`);
  return arg.replace(/;$/, '').trim();
}

async function describe(shell: Shell, arg: string): Promise<Outcome> {
  const name = unquote(oneArgument(arg, 'object (.describe NAME)'));
  const info = shell.session.inspect(name);
  if (info === null) throw new CommandError(`no source, table, stream, view or sink named '${name}'`);
  const theme = shell.io.theme;
  const facts = [info.kindName];
  if (info.connector !== null) facts.push(info.connector);
  if (info.rows !== null) facts.push(`${count(info.rows)} ${info.kind === 'source' ? 'rows read' : info.kind === 'sink' ? 'rows written' : 'rows'}`);
  const lines = [theme.header(info.name) + ' ' + theme.dim(facts.join(' · '))];
  const [columns] = await shell.session.execute(`DESCRIBE "${info.name.replace(/"/g, '""')}"`);
  if (columns?.kind === 'table') lines.push(...styleTable(formatTable(columns.table), theme));
  if (info.watermark !== null) lines.push(`watermark: ${info.watermark}`);
  if (info.query !== null) lines.push(`query ${info.query.id}: ${info.query.status} · ${metricsParts(info.query.metrics).join(' · ')}`);
  lines.push(...highlightSql(info.definition, theme).split('\n'));
  await print(shell, lines);
  return 'ok';
}

async function queries(shell: Shell, arg: string): Promise<Outcome> {
  noArgument(arg);
  const running = shell.session.queries().filter((q) => q.status === 'running');
  if (running.length === 0) {
    await print(shell, ['no running queries']);
    return 'ok';
  }
  await print(shell, styleTable([...queryTable(running), `(${running.length} running)`], shell.io.theme));
  return 'ok';
}

function queryTable(running: readonly QueryInfo[]): string[] {
  const time = running.map((q) => eventTimeMetrics(q.metrics));
  const withWatermark = time.some((t) => t.watermark !== undefined);
  const withLate = time.some((t) => t.lateRows !== undefined);
  const header = ['id', 'kind', 'label', 'rows in', 'rows out', 'events/s', 'state keys'];
  const right = [false, false, false, true, true, true, true];
  if (withWatermark) {
    header.push('watermark');
    right.push(false);
  }
  if (withLate) {
    header.push('late rows');
    right.push(true);
  }
  const rows = running.map((q, i) => {
    const m = q.metrics;
    const row = [q.id, q.kind, q.label, count(m.rowsIn), count(m.rowsOut), rate(m.eventsPerSecond), count(m.stateKeys)];
    const t = time[i]!;
    if (withWatermark) row.push(t.watermark === undefined ? '' : watermarkText(t.watermark));
    if (withLate) row.push(t.lateRows === undefined ? '' : count(t.lateRows));
    return row;
  });
  return formatTextTable(header, rows, right);
}

async function stop(shell: Shell, arg: string): Promise<Outcome> {
  const name = unquote(oneArgument(arg, 'query (.stop ID or NAME; .queries lists them)'));
  if (!shell.session.stop(name)) throw new CommandError(`no running query, view or sink '${name}' (.queries lists the running queries)`);
  await shell.say(`stopped ${name}`);
  return 'ok';
}

/** `.checkpoint`: the CHECKPOINT statement; a session without a directory says NOT_DURABLE. */
async function checkpoint(shell: Shell, arg: string): Promise<Outcome> {
  noArgument(arg);
  const c = await shell.session.checkpoint();
  await shell.say(`checkpoint ${c.id}: ${count(c.bytes)} bytes, queries held ${c.pauseMs.toFixed(1)} ms`);
  return 'ok';
}

function timer(shell: Shell, arg: string): Promise<Outcome> {
  const value = arg.toLowerCase();
  if (value !== 'on' && value !== 'off') throw new CommandError(`.timer takes on or off${arg ? ` (not '${arg}')` : ''}`);
  shell.timer = value === 'on';
  return Promise.resolve('ok');
}

async function mode(shell: Shell, arg: string): Promise<Outcome> {
  if (arg === '') {
    await print(shell, [`mode: ${shell.mode} (choose with .mode ${MODES.join('|')})`]);
    return 'ok';
  }
  const name = arg.toLowerCase();
  if (!isMode(name)) throw new CommandError(`unknown mode '${arg}' (choose one of ${MODES.join(', ')})`);
  shell.mode = name;
  return 'ok';
}

async function read(shell: Shell, arg: string, signal: AbortSignal): Promise<Outcome> {
  const path = unquote(oneArgument(arg, 'file (.read FILE.sql)'));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CommandError(`cannot read '${path}': ${fileProblem(e)}`);
  }
  return shell.runText(text, signal);
}

async function output(shell: Shell, arg: string): Promise<Outcome> {
  const path = arg === '' ? null : unquote(arg);
  try {
    await shell.setOutput(path);
  } catch (e) {
    throw new CommandError(`cannot write '${path}': ${fileProblem(e)}`);
  }
  await shell.say(path === null ? 'results go to the terminal' : `results go to ${path}`);
  return 'ok';
}

function fileProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/** 'a file.sql' or "Name" as written, without its quotes. */
function unquote(text: string): string {
  const m = /^(['"])(.*)\1$/.exec(text);
  return m ? m[2]! : text;
}
