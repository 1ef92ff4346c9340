import { cellOptions } from './cell-options.js';
import { comparedForm } from './compared-form.js';
import type { Notebook, Output } from './notebook.js';
import type { CellRunner } from './runners/cell-runner.js';

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
 * saved outputs. With `update`, the new outputs and execution counts are written into `nb`
 * (the caller saves it); a cell whose only fault was its outputs then passes.
 */
export async function replayNotebook(nb: Notebook, runner: CellRunner, options: { timeoutMs: number; update: boolean }): Promise<{ verdicts: CellVerdict[]; changed: boolean }> {
  const verdicts: CellVerdict[] = [];
  let changed = false;
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const number = i + 1;
    const firstLine = cell.source.split('\n').find((l) => l.trim() !== '') ?? '';
    const opts = cellOptions(nb, cell, `cell ${number}`);
    // nbclient does not run a cell that is only whitespace.
    if (opts.skip || cell.source.trim() === '') {
      verdicts.push({ number, firstLine, status: 'skipped', problems: [], mismatch: null });
      continue;
    }
    const run = await runner.execute(cell.source, options.timeoutMs);
    const problems: string[] = [];
    if (run.timedOut) problems.push(`did not finish within ${options.timeoutMs / 1000} s (interrupted)`);
    if (opts.raises) {
      if (run.error === null) problems.push(`is tagged raises-exception${opts.raises.code ? ` (${opts.raises.code})` : ''} but ran without an error`);
      else if (opts.raises.code !== null && run.error !== opts.raises.code) problems.push(`should fail with ${opts.raises.code} but failed with ${errorText(run.outputs, run.error)}`);
    } else if (run.error !== null && !run.timedOut) {
      problems.push(`failed with ${errorText(run.outputs, run.error)} (tag it raises-exception if it should)`);
    }
    let mismatch: CellVerdict['mismatch'] = null;
    if (!opts.ignoreOutput) {
      const expected = comparedForm(cell.outputs ?? [], opts.sanitizers);
      const actual = comparedForm(run.outputs, opts.sanitizers);
      if (expected.join('\n') !== actual.join('\n')) mismatch = { expected, actual };
    }
    if (options.update) {
      const before = JSON.stringify([cell.outputs ?? [], cell.execution_count ?? null]);
      cell.outputs = run.outputs;
      cell.execution_count = run.executionCount;
      if (JSON.stringify([cell.outputs, cell.execution_count]) !== before) changed = true;
    }
    const failed = problems.length > 0 || (mismatch !== null && !options.update);
    verdicts.push({ number, firstLine, status: failed ? 'failed' : 'passed', problems, mismatch });
  }
  return { verdicts, changed };
}

function errorText(outputs: readonly Output[], code: string): string {
  const error = outputs.find((o) => o.output_type === 'error' && o.ename === code);
  return error?.output_type === 'error' ? `${code}: ${error.evalue}` : code;
}
