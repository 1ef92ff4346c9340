import { ResultPrinter } from '../cli/print-result.js';
import type { Output } from '../cli/output.js';
import { formatChart, formatTable, type Rows } from '../display/index.js';
import { LaminarError, type StatementResult, type Subscription } from '../engine/index.js';
import type { Theme } from './colour.js';
import { LiveView } from './live-view.js';
import { stopOf, type Mode } from './modes.js';
import type { Screen } from './screen.js';
import { styleTable } from './styled-table.js';

/** Prints the results of one input (its statements' results, in order). */
export interface ResultSink {
  /** `queryId`: the id of a live result's query, when known. */
  print(result: StatementResult, queryId: string | null): Promise<void>;
}

/** Rows of a complete result shown in the terminal before `… N more rows` (as DuckDB's shell). */
export const TERMINAL_MAX_ROWS = 40;
/** Size of a chart written to a file or a pipe. */
const PLAIN_CHART = { width: 80, height: 20 };

/**
 * Results as `laminar run` prints them (its ResultPrinter, so a script piped into the shell
 * prints what `laminar run -` prints): results on `out`, acknowledgements and notices on
 * `messages`. Chart mode, which `laminar run` does not have, prints a chart of the final
 * rows. `separate` writes the blank line between two results (the shell counts results per
 * output across inputs, as `laminar run` does across a script).
 */
export function plainResults(mode: Mode, out: Output, messages: Output, signal: AbortSignal, separate: () => Promise<void>): ResultSink {
  return {
    print: async (result) => {
      if (result.kind === 'ok') return messages.writeLines([result.message]);
      await separate();
      if (mode !== 'chart') return new ResultPrinter(mode, out, messages, stopOf(signal)).print(result);
      if (result.kind === 'table') return out.writeLines(formatChart(result.table, PLAIN_CHART));
      await messages.writeLines(['live query: its chart is printed when it ends, or now if you press Ctrl-C']);
      const rows = await finalRows(result.subscription, signal);
      return out.writeLines(formatChart(rows, PLAIN_CHART));
    },
  };
}

/**
 * Results in the interactive terminal: acknowledgements in colour, complete results as a
 * coloured table (the first TERMINAL_MAX_ROWS rows) or chart, continuous queries as a live
 * view (table and chart modes); csv, json and changelog print as `laminar run` does.
 */
export function terminalResults(mode: Mode, screen: Screen, theme: Theme, out: Output, signal: AbortSignal): ResultSink {
  const plain = new ResultPrinter(mode === 'chart' ? 'table' : mode, out, out, stopOf(signal));
  let results = 0;
  const separate = (): void => {
    if (results++ > 0) screen.write('\n');
  };
  return {
    print: async (result, queryId) => {
      if (result.kind === 'ok') return screen.write(theme.ok(result.message) + '\n');
      if (mode !== 'table' && mode !== 'chart') return plain.print(result);
      separate();
      if (result.kind === 'subscription') return new LiveView(result.subscription, queryId, mode, screen, theme).run(signal);
      const lines =
        mode === 'chart'
          ? formatChart(result.table, { width: Math.max(20, screen.columns - 2), height: Math.min(30, Math.max(8, screen.rows - 4)), paint: theme.series })
          : styleTable(formatTable(result.table, { maxRows: TERMINAL_MAX_ROWS }), theme);
      screen.write(lines.join('\n') + '\n');
    },
  };
}

/** The rows of a live query when it ends by itself or is stopped. */
async function finalRows(sub: Subscription, signal: AbortSignal): Promise<Rows> {
  const stopped = new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  await Promise.race([sub.done, stopped]);
  sub.cancel();
  await sub.done;
  if (sub.status === 'failed') throw sub.error ?? new LaminarError('QUERY_FAILED', 'the query failed');
  return sub.snapshot();
}
