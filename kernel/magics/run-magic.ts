import { LaminarError, type Field, type Session } from '../../engine/index.js';
import { formatTimestamp } from '../../engine/index.js';
import type { CellContext } from '../handler/context.js';
import { MIME } from '../protocol/mime.js';
import { rowsOf, type KernelCell } from '../render/rows-of.js';
import { tableBundle } from '../render/table-bundle.js';
import { changeSetting, SETTINGS, type KernelSettings } from '../settings.js';
import { helpMarkdown, helpText, lsmagicText, magicHelp } from './catalog.js';
import { splitWords } from './chart-args.js';
import { sessionMagic } from './session-magic.js';

/** Runs a line magic (all but %chart, which the cell runner applies to the next query). */
export async function runMagic(name: string, args: string, cell: CellContext): Promise<void> {
  switch (name) {
    case 'help':
      return help(args, cell);
    case 'lsmagic':
      return cell.output.stream('stdout', lsmagicText());
    case 'queries':
      return queries(cell);
    case 'stop':
      return stop(args, cell);
    case 'config':
      return await config(args, cell);
    case 'print':
      return print(args, cell);
    case 'clear':
      return cell.output.clear(false);
    case 'session':
      return await sessionMagic(args, cell);
    case 'checkpoint': {
      if (args.trim() !== '') throw new LaminarError('INVALID_OPTION', '%checkpoint takes no arguments');
      const c = await cell.kernel.session.checkpoint();
      return cell.output.stream('stdout', `checkpoint ${c.id}: ${c.bytes} bytes, queries held ${c.pauseMs.toFixed(1)} ms\n`);
    }
    default:
      throw new LaminarError('UNSUPPORTED', `unknown magic %${name}`, { hint: '%lsmagic lists the magics' });
  }
}

function help(args: string, cell: CellContext): void {
  const topic = args.trim();
  if (topic === '') {
    cell.output.display({ [MIME.markdown]: helpMarkdown(), [MIME.text]: helpText() });
    return;
  }
  const m = magicHelp(topic);
  if (!m) throw new LaminarError('UNSUPPORTED', `no magic named ${topic}`, { hint: '%lsmagic lists the magics' });
  cell.output.stream('stdout', `${m.usage}\n\n${m.details}\n`);
}

async function stop(args: string, cell: CellContext): Promise<void> {
  const [target, ...extra] = splitWords(args);
  if (target === undefined || extra.length > 0) throw new LaminarError('INVALID_OPTION', '%stop takes one query id, view or sink name, or all', { hint: 'usage: %stop ID|NAME|all (%queries lists them)' });
  const { displays, session } = cell.kernel;
  if (target.toLowerCase() === 'all') {
    const n = displays.list().length;
    await caughtUp(session, displays.list().map((d) => d.id));
    await displays.stopAll();
    cell.output.stream('stdout', `stopped ${n} live display${n === 1 ? '' : 's'}\n`);
    return;
  }
  const display = displays.get(target);
  if (display) {
    await caughtUp(session, [display.id]);
    display.stop();
    await display.finished;
    cell.output.stream('stdout', `stopped ${display.id}\n`);
    return;
  }
  if (session.stop(target)) {
    cell.output.stream('stdout', `stopped ${target}\n`);
    return;
  }
  throw new LaminarError('UNKNOWN_OBJECT', `no running query, view or sink named '${target}'`, { hint: '%queries lists the running queries' });
}

/** How long %stop waits for queries to catch up with their inputs. */
const CATCH_UP_MS = 500;

/**
 * Lets live queries process what their inputs already hold (rows that earlier cells
 * INSERTed, which keyed operators handle on worker threads) before %stop stops them, so the
 * final frame does not depend on timing: a notebook replayed as a test ends the same way
 * each time. A query over an endless generator never catches up; it stops after a short wait.
 */
async function caughtUp(session: Session, ids: readonly string[]): Promise<void> {
  await Promise.race([session.waitIdle(ids), new Promise((resolve) => setTimeout(resolve, CATCH_UP_MS).unref())]);
}

const QUERY_COLUMNS: Field[] = [
  { name: 'id', type: 'VARCHAR', nullable: false },
  { name: 'kind', type: 'VARCHAR', nullable: false },
  { name: 'label', type: 'VARCHAR', nullable: false },
  { name: 'display', type: 'VARCHAR', nullable: true },
  { name: 'rows_in', type: 'BIGINT', nullable: false },
  { name: 'rows_out', type: 'BIGINT', nullable: false },
  { name: 'events_per_second', type: 'BIGINT', nullable: false },
  { name: 'state_keys', type: 'BIGINT', nullable: false },
  { name: 'watermark', type: 'VARCHAR', nullable: true },
  { name: 'late_rows', type: 'BIGINT', nullable: true },
];

function queries(cell: CellContext): void {
  const { session, displays, settings } = cell.kernel;
  const running = session.queries().filter((q) => q.status === 'running');
  const rows: KernelCell[][] = running.map((q) => {
    const m = q.metrics as typeof q.metrics & { watermark?: unknown; lateRows?: unknown };
    const display = displays.get(q.id);
    const watermark = typeof m.watermark === 'number' && Number.isFinite(m.watermark) ? formatTimestamp(m.watermark) : null;
    return [q.id, q.kind, q.label, display ? `live ${display.view.kind}` : null, m.rowsIn, m.rowsOut, Math.round(m.eventsPerSecond), m.stateKeys, watermark, typeof m.lateRows === 'number' ? m.lateRows : null];
  });
  const table = rowsOf(QUERY_COLUMNS, rows);
  if (table === null) cell.output.stream('stdout', 'no running queries\n');
  else cell.output.display(tableBundle(table, { maxRows: Math.max(settings.maxRows, rows.length) }));
}

const CONFIG_COLUMNS: Field[] = [
  { name: 'setting', type: 'VARCHAR', nullable: false },
  { name: 'value', type: 'VARCHAR', nullable: false },
  { name: 'meaning', type: 'VARCHAR', nullable: false },
];

async function config(args: string, cell: CellContext): Promise<void> {
  const words = splitWords(args);
  if (words.length === 0) {
    const s = cell.kernel.settings;
    const rows = Object.entries(SETTINGS).map(([name, spec]) => [name, String(s[spec.key]), spec.help]);
    rows.push(['workers', String(cell.kernel.session.workers), WORKERS_HELP]);
    cell.output.display(tableBundle(rowsOf(CONFIG_COLUMNS, rows)!, { maxRows: rows.length }));
    return;
  }
  // NAME=VALUE pairs, or NAME VALUE.
  const pairs: [string, string][] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    if (eq > 0) pairs.push([w.slice(0, eq), w.slice(eq + 1)]);
    else if (i + 1 < words.length) pairs.push([w, words[++i]!]);
    else throw new LaminarError('INVALID_OPTION', `%config ${w} needs a value`, { hint: 'usage: %config NAME=VALUE' });
  }
  let next: KernelSettings = cell.kernel.settings;
  let workers: number | null = null;
  for (const [name, value] of pairs) {
    if (name.toLowerCase() === 'workers') workers = workersSetting(value);
    else next = changeSetting(next, name, value);
  }
  // The session's threads change first: if they cannot (queries run), nothing changes.
  if (workers !== null) await cell.kernel.session.setWorkers(workers);
  const rateChanged = next.updateRate !== cell.kernel.settings.updateRate;
  cell.kernel.settings = next;
  if (rateChanged) cell.kernel.displays.retimeAll();
  const shown = (name: string) => (name === 'workers' ? cell.kernel.session.workers : next[SETTINGS[name]!.key]);
  cell.output.stream('stdout', pairs.map(([name]) => `${name.toLowerCase()} = ${shown(name.toLowerCase())}`).join('\n') + '\n');
}

const WORKERS_HELP = 'threads running keyed operators (1 to 256; default: the cores); changes only while no query runs';

function workersSetting(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 256)) throw new LaminarError('INVALID_OPTION', `workers must be a whole number from 1 to 256, not '${text}'`);
  return n;
}

function print(args: string, cell: CellContext): void {
  const m = /^--stderr(?:\s+|$)(.*)$/s.exec(args);
  if (m) cell.output.stream('stderr', m[1]! + '\n');
  else cell.output.stream('stdout', args + '\n');
}
