import { createTwoFilesPatch } from 'diff';
import type { CellVerdict } from './replay.js';

/** What one notebook's replay came to. */
export interface NotebookReport {
  readonly path: string;
  readonly verdicts: readonly CellVerdict[];
  /** The notebook could not be read or replayed at all. */
  readonly failure: string | null;
  /** --update rewrote its outputs. */
  readonly updated: boolean;
}

/** The lines printed for one notebook: one line when it passed, else each failing cell with its diff. */
export function notebookLines(r: NotebookReport, update: boolean): string[] {
  if (r.failure !== null) return [`FAIL ${r.path}: ${r.failure}`];
  const failed = r.verdicts.filter((v) => v.status === 'failed');
  const counts = `${r.verdicts.filter((v) => v.status === 'passed').length} passed, ${failed.length} failed, ${r.verdicts.filter((v) => v.status === 'skipped').length} skipped`;
  const lines = [`${failed.length > 0 ? 'FAIL' : r.updated ? 'UPDATED' : 'PASS'} ${r.path} (${counts})`];
  for (const v of r.verdicts) {
    if (v.status === 'failed' || (update && v.mismatch !== null)) lines.push(...cellLines(r.path, v, update));
  }
  return lines;
}

function cellLines(path: string, v: CellVerdict, update: boolean): string[] {
  // With --update, a cell whose outputs changed is rewritten; git shows how.
  if (update && v.status !== 'failed') return [`  cell ${v.number} updated: ${v.firstLine}`];
  const lines = [``, `${path} cell ${v.number} failed: ${v.firstLine}`];
  for (const p of v.problems) lines.push(`  the cell ${p}`);
  if (v.mismatch !== null) lines.push(...unifiedDiff(v.mismatch.expected, v.mismatch.actual));
  return lines;
}

/** A unified diff of the compared forms, saved (expected) against this run (actual). */
export function unifiedDiff(expected: readonly string[], actual: readonly string[]): string[] {
  const patch = createTwoFilesPatch('expected (saved output)', 'actual (this run)', expected.join('\n') + '\n', actual.join('\n') + '\n', undefined, undefined, { context: 3 });
  return patch
    .split('\n')
    .filter((l) => !/^={10,}$/.test(l) && l !== '\\ No newline at end of file')
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .map((l) => `  ${l}`);
}

/** `notebooks: 6 passed, 1 failed · cells: 40 passed, 1 failed, 2 skipped` (and updated ones). */
export function summaryLine(reports: readonly NotebookReport[]): string {
  const nbFailed = reports.filter((r) => r.failure !== null || r.verdicts.some((v) => v.status === 'failed')).length;
  const all = reports.flatMap((r) => r.verdicts);
  const count = (s: CellVerdict['status']): number => all.filter((v) => v.status === s).length;
  const updated = reports.filter((r) => r.updated).length;
  return `notebooks: ${reports.length - nbFailed} passed, ${nbFailed} failed${updated > 0 ? `, ${updated} updated` : ''} · cells: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`;
}
