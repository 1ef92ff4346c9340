import { isLaminarError } from '../engine/index.js';
import { openSession } from './open-session.js';
import type { ExecuteOptions, Session } from '../engine/index.js';
import { EXIT_INTERRUPTED, EXIT_OK, type ExitCode } from './exit-codes.js';
import { RUN_HELP } from './help.js';
import type { Output } from './output.js';
import { ResultPrinter } from './print-result.js';
import { readScript } from './read-script.js';
import { parseRunArgs, type Format } from './run-args.js';
import type { Stop } from './stop.js';
import { waitForSinks } from './wait-for-sinks.js';

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Standard input, opened on first use. */
  readonly stdin: () => NodeJS.ReadableStream;
  readonly stop: Stop;
}

/**
 * `laminar run FILE.sql [--format …]`: runs the script statement by statement and prints
 * each result as it comes. Errors propagate to main.ts, which prints them; the session is
 * closed whatever happens, so no query keeps the process alive.
 */
export async function runCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseRunArgs(args);
  if (parsed.help) {
    await io.stdout.write(RUN_HELP);
    return EXIT_OK;
  }
  const sql = await readScript(parsed.file, io.stdin);
  const session = await openSession(parsed, io);
  // A resumed session already has the script's objects: CREATE statements for them are skipped.
  const resumed = (session.recovery?.records ?? 0) > 0;
  io.stop.install(io.stdout);
  try {
    await runScript(session, sql, parsed.format, io, resumed);
    await waitForSinks(session, io.stop, io.stderr);
  } catch (e) {
    // A query cancelled because the run was stopped is the stop, not an error.
    if (!(io.stop.signal.aborted && isLaminarError(e) && e.code === 'QUERY_CANCELLED')) throw e;
  } finally {
    await session.close();
    io.stop.uninstall();
  }
  return io.stop.reason === 'interrupt' ? EXIT_INTERRUPTED : EXIT_OK;
}

async function runScript(session: Session, sql: string, format: Format, io: CliIo, resumed: boolean): Promise<void> {
  const printer = new ResultPrinter(format, io.stdout, io.stderr, io.stop);
  for await (const result of session.executeEach(sql, { ...executeOptions(format, io.stop.signal), ...(resumed ? { skipExisting: true } : {}) })) {
    await printer.print(result);
    if (io.stop.signal.aborted) return;
  }
}

/**
 * changelog: every query as a subscription, so that even a query over finite inputs shows
 * its changes. json: live queries report every change exactly ('row'), so the output does not
 * depend on batch sizes. table and csv print only rows, so the cheaper default suits them.
 */
export function executeOptions(format: Format, signal: AbortSignal): ExecuteOptions {
  switch (format) {
    case 'changelog':
      return { subscribe: true, changes: 'row', signal };
    case 'json':
      return { changes: 'row', signal };
    case 'table':
    case 'csv':
      return { signal };
  }
}
