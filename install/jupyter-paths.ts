import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where a kernelspec goes, as `jupyter kernelspec install` names the places. */
export type InstallPlace = { readonly kind: 'user' } | { readonly kind: 'sys-prefix'; readonly python?: string } | { readonly kind: 'prefix'; readonly dir: string };

/**
 * The Jupyter data directory of a place: --user is JUPYTER_DATA_DIR or the platform's user
 * data dir (as jupyter_core computes it); --sys-prefix is `sys.prefix/share/jupyter` of the
 * Python that runs Jupyter; --prefix DIR is `DIR/share/jupyter`.
 */
export function dataDir(place: InstallPlace, env: NodeJS.ProcessEnv = process.env): string {
  switch (place.kind) {
    case 'user':
      return userDataDir(env);
    case 'prefix':
      return join(place.dir, 'share', 'jupyter');
    case 'sys-prefix':
      return join(pythonPrefix(place.python ?? jupyterPython(env)), 'share', 'jupyter');
  }
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = env.HOME ?? homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Jupyter');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'jupyter');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'jupyter');
  }
}

/** The Python interpreter of the `jupyter` command on PATH (its #! line), else python3. */
export function jupyterPython(env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'jupyter');
    if (!dir || !existsSync(candidate)) continue;
    try {
      const first = readFileSync(candidate, 'utf8').split('\n', 1)[0] ?? '';
      const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
      if (m) return m[1]!.endsWith('/env') && m[2] ? m[2] : m[1]!;
    } catch {
      // Not readable: try the next one.
    }
  }
  return 'python3';
}

function pythonPrefix(python: string): string {
  try {
    return execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
  } catch (e) {
    throw new Error(`--sys-prefix needs Python to tell its prefix, but '${python}' could not be run: ${(e as Error).message}`);
  }
}
