import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs the built `laminar` command as users do: `node dist/cli/main.js …` in a child process.
 * `npm test` builds first; run `npm run build` before running these tests alone.
 */
const ROOT = resolve(import.meta.dirname, '../..');
export const MAIN_JS = join(ROOT, 'dist/cli/main.js');

/** Fails with a clear message when dist/ is missing or older than the CLI and display sources. */
export function assertBuilt(): void {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run 'npm run build' first`);
  const built = statSync(MAIN_JS).mtimeMs;
  for (const dir of ['cli', 'display']) {
    for (const file of readdirSync(join(ROOT, dir))) {
      const source = join(ROOT, dir, file);
      const compiled = join(ROOT, 'dist', dir, file.replace(/\.ts$/, '.js'));
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) {
        throw new Error(`dist/ is older than ${dir}/${file}: run 'npm run build' first (built ${new Date(built).toISOString()})`);
      }
    }
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary folder with the given files; removed by the returned cleanup. */
export function tempDir(files: Readonly<Record<string, string>> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'laminar-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startCli(args: readonly string[], cwd: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [MAIN_JS, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> & { readonly output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output.stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output.stderr += d));
  const promise = new Promise<CliResult>((resolveResult, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveResult({ code, signal, ...output }));
  });
  return Object.assign(promise, { output });
}

/** Runs `laminar ARGS` to the end, with `stdin` as its standard input. */
export async function runCli(args: readonly string[], options: { cwd: string; stdin?: string }): Promise<CliResult> {
  const child = startCli(args, options.cwd);
  const result = finished(child);
  child.stdin.end(options.stdin ?? '');
  return result;
}

/** Resolves once `test` holds for the output collected so far (polled every 10 ms). */
export async function until(test: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
