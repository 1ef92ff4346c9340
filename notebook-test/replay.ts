import { cellOptions, type CellOptions } from './cell-options.js';
import { comparedForm } from './compared-form.js';
import type { Cell, Notebook, Output } from './notebook.js';
import type { CellRunner, Executed } from './runners/cell-runner.js';

export interface CellVerdict {
  /** 1-based position among all the notebook's cells. */
  readonly number: number;
  readonly firstLine: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why it failed, other than its outputs (an error, a timeout). */
  readonly problems: readonly string[];
  /** Expected and actual compared forms when the outputs differ; else null. */
  readonly mismatch: { readonly expected: string[]; readonly actual: string[] } | null;
}

/**
 * Runs the notebook's code cells in order on a fresh runner and judges each against its
 * saved outputs. With `update`, the new outputs and execution counts of cells whose outputs
 * differ are written into `nb` (the caller saves it); a cell whose only fault was its
 * outputs then passes.
 */
export async function replayNotebook(nb: Notebook, runner: CellRunner, options: { timeoutMs: number; update: boolean }): Promise<{ verdicts: CellVerdict[]; changed: boolean }> {
  // Every cell runs before any is judged: a live display's final frame comes while a later
  // cell runs (`%stop`), as nbclient records it.
  const runs: { cell: Cell; number: number; firstLine: string; opts: CellOptions; run: Executed | null }[] = [];
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const opts = cellOptions(nb, cell, `cell ${i + 1}`);
    const firstLine = cell.source.split('\n').find((l) => l.trim() !== '') ?? '';
    // nbclient does not run a cell that is only whitespace.
    const skip = opts.skip || cell.source.trim() === '';
    runs.push({ cell, number: i + 1, firstLine, opts, run: skip ? null : await runner.execute(cell.source, options.timeoutMs) });
  }
  let changed = false;
  const verdicts = runs.map(({ cell, number, firstLine, opts, run }): CellVerdict => {
    if (run === null) return { number, firstLine, status: 'skipped', problems: [], mismatch: null };
    const problems = problemsOf(run, opts, options.timeoutMs);
    let mismatch: CellVerdict['mismatch'] = null;
    if (!opts.ignoreOutput) {
      const expected = comparedForm(cell.outputs ?? [], opts.sanitizers);
      const actual = comparedForm(run.outputs, opts.sanitizers);
      if (expected.join('\n') !== actual.join('\n')) mismatch = { expected, actual };
    }
    // Only outputs that differ are rewritten: a cell that matches (after its sanitizers)
    // keeps its saved outputs, so re-recording leaves volatile values and git diffs alone. An
    // ignore-output cell is recorded once, when it has no outputs yet.
    const record = mismatch !== null || (opts.ignoreOutput && (cell.outputs ?? []).length === 0);
    if (options.update && record) {
      const before = JSON.stringify([cell.outputs ?? [], cell.execution_count ?? null]);
      cell.outputs = run.outputs;
      cell.execution_count = run.executionCount;
      if (JSON.stringify([cell.outputs, cell.execution_count]) !== before) changed = true;
    }
    const failed = problems.length > 0 || (mismatch !== null && !options.update);
    return { number, firstLine, status: failed ? 'failed' : 'passed', problems, mismatch };
  });
  return { verdicts, changed };
}

/** What is wrong with how the cell ran, outputs aside. */
function problemsOf(run: Executed, opts: CellOptions, timeoutMs: number): string[] {
  const problems: string[] = [];
  if (run.timedOut) problems.push(`did not finish within ${timeoutMs / 1000} s (interrupted)`);
  if (opts.raises) {
    if (run.error === null) problems.push(`is tagged raises-exception${opts.raises.code ? ` (${opts.raises.code})` : ''} but ran without an error`);
    else if (opts.raises.code !== null && run.error !== opts.raises.code) problems.push(`should fail with ${opts.raises.code} but failed with ${errorText(run.outputs, run.error)}`);
  } else if (run.error !== null && !run.timedOut) {
    problems.push(`failed with ${errorText(run.outputs, run.error)} (tag it raises-exception if it should)`);
  }
  return problems;
}

function errorText(outputs: readonly Output[], code: string): string {
  const error = outputs.find((o) => o.output_type === 'error' && o.ename === code);
  return error?.output_type === 'error' ? `${code}: ${error.evalue}` : code;
}
