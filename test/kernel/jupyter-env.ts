import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway Jupyter installation for tests: the built kernel installed with
 * `laminar kernel install --prefix TMP`, and JUPYTER_PATH, JUPYTER_DATA_DIR,
 * JUPYTER_RUNTIME_DIR and JUPYTER_CONFIG_DIR all inside TMP, so tests neither read nor
 * write the user's Jupyter folders. Python is Debian's (/usr/bin/python3), where the
 * python3-jupyter-* packages are installed (test/setup/requirements/jupyter.mjs).
 */
export const ROOT = resolve(import.meta.dirname, '../..');
export const MAIN_JS = join(ROOT, 'dist/cli/main.js');
export const PYTHON = '/usr/bin/python3';
export const PY_DIR = join(import.meta.dirname, 'py');

const run = promisify(execFile);

export interface JupyterEnv {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Kernel processes started from this environment that are still alive. */
  strayKernels(): number[];
  cleanup(): void;
}

export async function jupyterEnv(): Promise<JupyterEnv> {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run 'npm run build' first`);
  const dir = mkdtempSync(join(tmpdir(), 'laminar-jupyter-'));
  await run(process.execPath, [MAIN_JS, 'kernel', 'install', '--prefix', join(dir, 'prefix')]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: join(dir, 'prefix', 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(dir, 'data'),
    JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
    JUPYTER_CONFIG_DIR: join(dir, 'config'),
    JUPYTER_PLATFORM_DIRS: '1',
    IPYTHONDIR: join(dir, 'ipython'),
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    // Inherited by every kernel started from here: how strayKernels finds them.
    LAMINAR_TEST_RUN: dir,
  };
  return {
    dir,
    env,
    strayKernels: () => processesWithEnv(`LAMINAR_TEST_RUN=${dir}`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Ids of live processes (not zombies) with this NAME=value in their environment (Linux /proc). */
export function processesWithEnv(variable: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const state = /^State:\s+(\w)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (environ.includes(variable) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

export interface PythonResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs Debian's Python on a script of test/kernel/py (or `-m module`), in the test environment. */
export function python(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<PythonResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PYTHON, args, { cwd: PY_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** The JSON a check script prints as its last line. */
export function lastJson<T>(result: PythonResult): T {
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`no JSON result (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
