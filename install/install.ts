import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir, type InstallPlace } from './jupyter-paths.js';
import { checkKernelName, DISPLAY_NAME, kernelSpec } from './kernelspec.js';
import { logoPng, logoSvg } from './logo.js';

export interface InstallOptions {
  readonly place: InstallPlace;
  readonly name: string;
  /** The Node executable and the compiled CLI that kernel.json runs. */
  readonly nodePath: string;
  readonly mainJs: string;
}

/** Writes the kernelspec folder (kernel.json and logos); returns its path. Replaces an older one. */
export async function installKernelSpec(options: InstallOptions): Promise<string> {
  const dir = join(dataDir(options.place), 'kernels', checkKernelName(options.name));
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(join(dir, 'kernel.json'), JSON.stringify(kernelSpec(options.nodePath, options.mainJs), null, 2) + '\n'),
    writeFile(join(dir, 'logo-32x32.png'), logoPng(32)),
    writeFile(join(dir, 'logo-64x64.png'), logoPng(64)),
    writeFile(join(dir, 'logo-svg.svg'), logoSvg()),
  ]);
  return dir;
}

/**
 * Removes the kernelspec folder; returns its path, or null when there was none. Refuses a
 * folder whose kernel.json is not a LaminarDB kernel's.
 */
export async function uninstallKernelSpec(place: InstallPlace, name: string): Promise<string | null> {
  const dir = join(dataDir(place), 'kernels', checkKernelName(name));
  let spec: unknown;
  try {
    spec = JSON.parse(await readFile(join(dir, 'kernel.json'), 'utf8'));
  } catch {
    return null;
  }
  if (typeof spec !== 'object' || spec === null || (spec as { display_name?: unknown }).display_name !== DISPLAY_NAME) {
    throw new Error(`${dir} is not a LaminarDB kernelspec; not removing it`);
  }
  await rm(dir, { recursive: true, force: true });
  return dir;
}
