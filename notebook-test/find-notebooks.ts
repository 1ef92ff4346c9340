import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { NotebookError } from './notebook.js';

/**
 * The notebooks the paths name: a .ipynb file as given, or every .ipynb under a folder
 * (sorted; checkpoints and node_modules left out). A path that does not exist is an error.
 */
export async function findNotebooks(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      throw new NotebookError(`no such file or folder: ${path}`);
    }
    if (!isDir) {
      found.push(path);
      continue;
    }
    const files = await glob('**/*.ipynb', { cwd: path, ignore: ['**/.ipynb_checkpoints/**', '**/node_modules/**'] });
    found.push(...files.sort().map((f) => join(path, f)));
  }
  if (found.length === 0) throw new NotebookError(`no notebooks in ${paths.join(', ')}`);
  return found;
}
