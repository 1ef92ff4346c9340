import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LaminarError } from '../errors/laminar-error.js';

/**
 * A thread's entry point, compiled: `path` is relative to engine/ ('runtime/workers/worker-main.js').
 * Threads run JavaScript from dist/ (a thread cannot load TypeScript sources), so code running
 * from sources (tests) uses the build next to them.
 */
export function compiledEntry(path: string): URL {
  const here = new URL(`../${path}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(`../../dist/engine/${path}`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new LaminarError('INTERNAL', 'worker threads need the compiled engine: run npm run build');
}
