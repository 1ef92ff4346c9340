import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli, type CliResult } from '../cli/cli-process.js';

/** Runs the built `laminar test ARGS` in `cwd`. */
export function laminarTest(args: readonly string[], cwd: string): Promise<CliResult> {
  return runCli(['test', ...args], { cwd });
}

export const ROOT = resolve(import.meta.dirname, '../..');
export const NOTEBOOKS = join(ROOT, 'notebooks');
export const FIXTURE = join(import.meta.dirname, 'fixtures/proof.ipynb');

/** A temporary copy of a file or folder; removed by cleanup. */
export function copyTo(source: string, name: string): { dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'laminar-nbtest-'));
  const path = join(dir, name);
  cpSync(source, path, { recursive: true });
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

type Json = { [key: string]: unknown };

/** Reads a notebook, lets `change` edit its JSON, writes it back (the layout then differs; that is fine here). */
export function editNotebook(path: string, change: (cells: Json[]) => void): void {
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: Json[] };
  change(nb.cells);
  writeFileSync(path, JSON.stringify(nb, null, 1) + '\n');
}
