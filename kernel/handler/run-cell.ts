import { randomUUID } from 'node:crypto';
import { resolveChart, type ChartRequest, type ResolvedChart } from '../../display/index.js';
import { LaminarError, parseScript, type StatementResult, type Subscription } from '../../engine/index.js';
import { LiveDisplay, type LiveView } from '../live/live-display.js';
import { parseChartArgs } from '../magics/chart-args.js';
import { runMagic } from '../magics/run-magic.js';
import { MIME } from '../protocol/mime.js';
import { chartBundle } from '../render/chart-bundle.js';
import { tableOutput } from '../render/table-bundle.js';
import { parseCell, type CellPart } from './cell.js';
import type { CellContext } from './context.js';
import { describeName } from './inspect.js';

/** What a cell produced for its execute_reply and history. */
export interface CellResult {
  /** Pager payloads (`name?`). */
  readonly payload: Record<string, unknown>[];
  /** The text/plain of the execute_result, if any. */
  readonly resultText: string | null;
}

/**
 * Runs a cell: its magics and SQL statements in order. Every statement's SQL is parsed before
 * anything runs, so a syntax error anywhere runs nothing. Results: acknowledgements as
 * stdout text; complete results as tables (the cell's last statement as the execute_result,
 * earlier ones as display_data); continuous queries as live displays that outlive the cell.
 * `%chart` draws the next query as a chart. Throws the first error (the cell stops there).
 */
export async function runCell(code: string, cell: CellContext): Promise<CellResult> {
  const parsed = parseCell(code);
  if (parsed.kind === 'page') {
    const data = describeName(cell.kernel.session, parsed.target, 1);
    if (!data) throw new LaminarError('UNKNOWN_OBJECT', `nothing named '${parsed.target}'`, { hint: 'SHOW SOURCES, %lsmagic and %help list what exists' });
    return { payload: [{ source: 'page', data, start: 0 }], resultText: null };
  }
  const parts = parsed.parts;
  const counts = parts.map((p) => (p.kind === 'sql' ? parseScript(p.text).length : 0));
  const lastPart = parts.length - 1;
  let chart: ChartRequest | null = null;
  let resultText: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.kind === 'magic') {
      if (part.name === 'chart') chart = parseChartArgs(part.args);
      else await runMagic(part.name, part.args, cell);
      continue;
    }
    const text = await runSql(part, cell, {
      chart: () => {
        const c = chart;
        chart = null;
        return c;
      },
      hasChart: () => chart !== null,
      lastIndex: i === lastPart ? counts[i]! - 1 : -1,
    });
    if (text !== null) resultText = text;
  }
  if (chart !== null) throw new LaminarError('INVALID_OPTION', '%chart: no query follows it in the cell', { hint: 'put %chart on the line before a SELECT' });
  return { payload: [], resultText };
}

interface SqlPartOptions {
  /** Takes the pending %chart, if any. */
  readonly chart: () => ChartRequest | null;
  readonly hasChart: () => boolean;
  /** The index of the statement whose complete result is the cell's execute_result; -1 for none. */
  readonly lastIndex: number;
}

async function runSql(part: Extract<CellPart, { kind: 'sql' }>, cell: CellContext, options: SqlPartOptions): Promise<string | null> {
  const { session, settings } = cell.kernel;
  // A live query keeps only the rows its display shows (the latest, for an append-only one).
  const keepRows = options.hasChart() ? Math.max(settings.chartRows, settings.maxRows) : settings.maxRows;
  const results = session.executeEach(part.text, { signal: cell.signal, keepRows })[Symbol.asyncIterator]();
  let resultText: string | null = null;
  try {
    for (let index = 0; ; index++) {
      const before = new Set(session.queries().map((q) => q.id));
      const next = await results.next();
      if (next.done === true) break;
      const text = await show(next.value, cell, options, index === options.lastIndex, before);
      if (text !== null) resultText = text;
      if (cell.signal.aborted) throw new LaminarError('QUERY_CANCELLED', 'interrupted', { hint: 'the rest of the cell did not run' });
    }
  } finally {
    await results.return?.(undefined);
  }
  return resultText;
}

async function show(result: StatementResult, cell: CellContext, options: SqlPartOptions, last: boolean, before: ReadonlySet<string>): Promise<string | null> {
  switch (result.kind) {
    case 'ok':
      cell.output.stream('stdout', result.message + '\n');
      return null;
    case 'table': {
      const chart = options.chart();
      const draw = (spec: Record<string, unknown>): Promise<string> => cell.kernel.svg.render(spec);
      const { settings } = cell.kernel;
      const out = chart
        ? { data: await chartBundle(result.table, resolveChart(result.table.schema, chart), draw), metadata: {} }
        : tableOutput(result.table, { maxRows: settings.maxRows, arrowRows: settings.arrowRows });
      if (last) cell.output.result(out.data, cell.executionCount, out.metadata);
      else cell.output.display(out.data, undefined, out.metadata);
      return last ? (out.data[MIME.text] as string) : null;
    }
    case 'subscription':
      await startLive(result.subscription, cell, options.chart(), before);
      return null;
  }
}

async function startLive(subscription: Subscription, cell: CellContext, chart: ChartRequest | null, before: ReadonlySet<string>): Promise<void> {
  let view: LiveView = { kind: 'table' };
  try {
    if (chart) view = { kind: 'chart', chart: resolveChart(subscription.schema, chart) satisfies ResolvedChart };
  } catch (e) {
    subscription.cancel();
    throw e;
  }
  const { kernel } = cell;
  // The Subscription does not tell its query's id; it is the 'select' query that appeared.
  const id = kernel.session.queries().find((q) => !before.has(q.id) && q.kind === 'select')?.id ?? `live-${randomUUID().slice(0, 8)}`;
  const display = new LiveDisplay({
    id,
    displayId: `laminardb-${id}-${randomUUID()}`,
    subscription,
    view,
    output: cell.output,
    running: () => kernel.running,
    settings: () => kernel.settings,
    drawSvg: (spec) => kernel.svg.render(spec),
    log: kernel.log,
    onEnd: (d) => kernel.displays.remove(d),
  });
  kernel.displays.add(display);
  try {
    await display.start();
  } catch (e) {
    kernel.displays.remove(display);
    subscription.cancel();
    throw e;
  }
}
