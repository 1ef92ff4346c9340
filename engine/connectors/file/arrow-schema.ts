import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { RecordBatchReader, type Schema as ArrowSchema } from 'apache-arrow';
// Not in apache-arrow's main entry point: the footer decoder, to read a file's schema without
// reading the file. Arrow's own file writer puts the schema only in the footer.
import { Footer } from 'apache-arrow/ipc/metadata/file';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SourceFile } from './files.js';

const MAGIC = 'ARROW1';

/**
 * The Arrow schema of a file, read synchronously (CREATE SOURCE is synchronous) from a few
 * bytes: the footer of the IPC file format, or the first message of the stream format.
 */
export function peekArrowSchema(file: SourceFile): ArrowSchema {
  let fd: number;
  try {
    fd = openSync(file.path, 'r');
  } catch (e) {
    throw new LaminarError('IO_ERROR', `cannot read '${file.display}': ${(e as Error).message}`, {
      cause: e,
    });
  }
  try {
    const size = fstatSync(fd).size;
    const read = (position: number, length: number): Buffer => {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, position);
      if (n !== length) throw new Error(`the file ends after ${position + n} bytes`);
      return buf;
    };
    if (size >= 6 && read(0, 6).toString('latin1') === MAGIC) {
      if (size < 20) throw new Error('the file is too short for the Arrow file format');
      const tail = read(size - 10, 10);
      if (tail.toString('latin1', 4) !== MAGIC)
        throw new Error('the file does not end with the Arrow footer');
      const footerLength = tail.readInt32LE(0);
      if (footerLength <= 0 || footerLength > size - 18)
        throw new Error('the Arrow footer length is invalid');
      return Footer.decode(new Uint8Array(read(size - 10 - footerLength, footerLength))).schema;
    }
    // Stream format: [0xFFFFFFFF] <int32 metadata length> <Schema message>.
    const head = read(0, 8);
    let length = head.readInt32LE(0);
    let prefix = 4;
    if (length === -1) {
      length = head.readInt32LE(4);
      prefix = 8;
    }
    if (length <= 0 || length > size) throw new Error('it does not start with an Arrow schema message');
    const reader = RecordBatchReader.from(new Uint8Array(read(0, prefix + length)));
    reader.open();
    return reader.schema;
  } catch (e) {
    if (e instanceof LaminarError) throw e;
    throw new LaminarError(
      'IO_ERROR',
      `cannot read the Arrow schema of '${file.display}': ${(e as Error).message}`,
      { cause: e },
    );
  } finally {
    closeSync(fd);
  }
}
