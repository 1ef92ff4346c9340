import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { findNotebooks } from '../notebook-test/find-notebooks.js';
import { formatNotebook } from '../notebook-test/nbformat-json.js';
import { NotebookError, readNotebook } from '../notebook-test/notebook.js';
import { replayNotebook } from '../notebook-test/replay.js';
import { notebookLines, summaryLine, type NotebookReport } from '../notebook-test/report.js';
import type { CellRunner } from '../notebook-test/runners/cell-runner.js';
import { InProcessRunner } from '../notebook-test/runners/in-process-runner.js';
import { KernelRunner } from '../notebook-test/runners/kernel-runner.js';
import { EXIT_OK, EXIT_USER_ERROR, type ExitCode } from './exit-codes.js';
import { TEST_HELP } from './help.js';
import type { CliIo } from './run.js';
import { parseTestArgs, type Via } from './test-args.js';

/**
 * `laminar test [PATH…] [--update] [--via kernel|in-process] [--timeout S]`: replays each
 * notebook in a fresh session and compares every output with the saved one; prints a diff
 * per failing cell and a summary line. Exit status 1 when anything failed.
 */
export async function testCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseTestArgs(args);
  if (parsed.help) {
    await io.stdout.write(TEST_HELP);
    return EXIT_OK;
  }
  let paths: string[];
  try {
    paths = await findNotebooks(parsed.paths);
  } catch (e) {
    if (!(e instanceof NotebookError)) throw e;
    await io.stderr.writeLines([`laminar: ${e.message}`]);
    return EXIT_USER_ERROR;
  }
  const reports: NotebookReport[] = [];
  for (const path of paths) {
    const report = await testNotebook(path, parsed.via, parsed.timeoutMs, parsed.update);
    reports.push(report);
    await io.stdout.writeLines(notebookLines(report, parsed.update));
  }
  await io.stdout.writeLines(['', summaryLine(reports)]);
  const failed = reports.some((r) => r.failure !== null || r.verdicts.some((v) => v.status === 'failed'));
  return failed ? EXIT_USER_ERROR : EXIT_OK;
}

async function testNotebook(path: string, via: Via, timeoutMs: number, update: boolean): Promise<NotebookReport> {
  const dir = dirname(resolve(path));
  const home = process.cwd();
  let runner: CellRunner | null = null;
  try {
    const nb = await readNotebook(path);
    // In-process, relative paths in the notebook resolve against its folder, as in a kernel
    // that Jupyter starts there.
    if (via === 'in-process') process.chdir(dir);
    runner = via === 'kernel' ? await KernelRunner.start(dir) : await InProcessRunner.start();
    const { verdicts, changed } = await replayNotebook(nb, runner, { timeoutMs, update });
    if (update && changed) await writeFile(resolve(home, path), formatNotebook(nb));
    return { path, verdicts, failure: null, updated: update && changed };
  } catch (e) {
    if (!(e instanceof NotebookError)) throw e;
    return { path, verdicts: [], failure: e.message, updated: false };
  } finally {
    await runner?.close();
    process.chdir(home);
  }
}
