import { readFile } from 'node:fs/promises';

/** Why a script could not be read: printed as a user error (exit status 1). */
export class ScriptReadError extends Error {
  override readonly name = 'ScriptReadError';
}

/** The text of the script: a file, or standard input when `file` is '-'. */
export async function readScript(file: string, stdin: () => NodeJS.ReadableStream): Promise<string> {
  const text = file === '-' ? await readAll(stdin()) : await readFileText(file);
  // An editor's byte order mark is not SQL.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

async function readFileText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ScriptReadError(`cannot read '${file}': ${why}`);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
