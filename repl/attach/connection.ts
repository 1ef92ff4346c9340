import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { userDataDir } from '../../install/jupyter-paths.js';
import { CommandError } from '../errors.js';

/** Jupyter's runtime directory, where running kernels' connection files are (as jupyter_core finds it). */
export function runtimeDir(env: NodeJS.ProcessEnv): string {
  return env['JUPYTER_RUNTIME_DIR'] ?? join(userDataDir(env), 'runtime');
}

/**
 * The connection file to attach to, as `jupyter console --existing` finds it: a path; or a
 * file name or part of one in the runtime directory (`--existing 4f2a` for
 * kernel-4f2a….json); or, with none given, the most recently started kernel.
 */
export function findConnectionFile(given: string | null, env: NodeJS.ProcessEnv): string {
  if (given !== null && existsSync(given)) return given;
  const dir = runtimeDir(env);
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^kernel-.*\.json$/.test(f));
  } catch {
    // No runtime directory: no kernel has run.
  }
  const candidates = given === null ? files : files.filter((f) => f === given || f.includes(given));
  const newest = candidates
    .map((f) => ({ path: join(dir, f), time: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.time - a.time)[0];
  if (newest) return newest.path;
  throw new CommandError(
    given === null
      ? `no running kernel: no connection file in ${dir} (start one from a notebook, or give its connection file)`
      : `no connection file '${given}', nor one matching it in ${dir}`,
  );
}
