import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { glob, globSync, isDynamicPattern } from 'tinyglobby';
import { LaminarError } from '../../errors/laminar-error.js';

export interface SourceFile {
  /** Absolute path, for reading. */
  readonly path: string;
  /** The path as people see it in messages and dead letters: relative to the base directory when inside it. */
  readonly display: string;
}

const GLOB_OPTIONS = { absolute: true, onlyFiles: true, expandDirectories: false } as const;

/**
 * The files a pattern names, sorted by path (plain code-unit order, independent of locale and
 * file system) so that every reader sees them, and numbers them as partitions, in one order.
 * A pattern without glob characters names one file, which must exist.
 */
export async function resolveFiles(
  absolutePattern: string,
  pattern: string,
  baseDir: string,
): Promise<SourceFile[]> {
  if (!isDynamicPattern(absolutePattern)) {
    const info = await stat(absolutePattern).catch((e: unknown) => {
      throw noFile(pattern, baseDir, e);
    });
    if (!info.isFile()) throw new LaminarError('IO_ERROR', `'${pattern}' is not a file`);
    return [toSourceFile(absolutePattern, baseDir)];
  }
  return finish(await glob(absolutePattern, GLOB_OPTIONS), pattern, baseDir);
}

/** resolveFiles without waiting, for the schema of an Arrow source at CREATE time. */
export function resolveFilesSync(absolutePattern: string, pattern: string, baseDir: string): SourceFile[] {
  if (!isDynamicPattern(absolutePattern)) {
    let isFile: boolean;
    try {
      isFile = statSync(absolutePattern).isFile();
    } catch (e) {
      throw noFile(pattern, baseDir, e);
    }
    if (!isFile) throw new LaminarError('IO_ERROR', `'${pattern}' is not a file`);
    return [toSourceFile(absolutePattern, baseDir)];
  }
  return finish(globSync(absolutePattern, GLOB_OPTIONS), pattern, baseDir);
}

function finish(paths: string[], pattern: string, baseDir: string): SourceFile[] {
  if (paths.length === 0) {
    throw new LaminarError('IO_ERROR', `no file matches '${pattern}'`, {
      hint: `relative paths are resolved against ${baseDir}`,
    });
  }
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((p) => toSourceFile(p, baseDir));
}

function toSourceFile(path: string, baseDir: string): SourceFile {
  const rel = relative(baseDir, path);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  return { path, display: inside ? rel : path };
}

function noFile(pattern: string, baseDir: string, cause: unknown): LaminarError {
  const code = (cause as { code?: string }).code;
  const why =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES'
        ? 'cannot be read (permission denied)'
        : 'cannot be read';
  return new LaminarError('IO_ERROR', `file '${pattern}' ${why}`, {
    hint: `relative paths are resolved against ${baseDir}`,
    cause,
  });
}
