import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SourceChunk } from '../source.js';
import type { FileReadContext } from './read-context.js';
import { RowAssembler, StopParsing } from './row-assembler.js';

/** Bytes read from disk at a time: memory stays bounded whatever the file size. */
export const READ_CHUNK_BYTES = 1 << 20;

/** A format's parser for text files: turns bytes into rows of the assembler. */
export interface TextParser {
  /** Parses more bytes of the file, calling the assembler row by row. */
  feed(bytes: Buffer): void;
  /** The file ended: parses what is left (a last line without a newline). */
  end(): void;
  /** Absolute byte offset and line number of everything parsed so far. */
  readonly consumed: { offset: number; line: number };
}

/**
 * Reads one text file from `ctx.start.offset` in bounded chunks and yields the batches its
 * parser produces. On a fatal bad row, yields the rows before it and then throws.
 */
export async function* readTextFile(
  ctx: FileReadContext,
  makeParser: (assembler: RowAssembler) => TextParser,
): AsyncGenerator<SourceChunk> {
  const assembler = new RowAssembler(ctx);
  const parser = makeParser(assembler);
  const handle = await openForReading(ctx.file.path, ctx.file.display);
  try {
    const stream = handle.createReadStream({
      start: ctx.start.offset,
      highWaterMark: READ_CHUNK_BYTES,
      autoClose: false,
    });
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      if (ctx.signal.aborted) return;
      ctx.metrics.bytesRead += bytes.length;
      parseSafely(() => parser.feed(bytes));
      if (!(yield* emitChunks(ctx, assembler.drain()))) return;
      if (assembler.fatal !== null) throw assembler.fatal;
    }
    parseSafely(() => parser.end());
    if (assembler.fatal === null) assembler.finish(parser.consumed.offset, parser.consumed.line);
    if (!(yield* emitChunks(ctx, assembler.drain()))) return;
    if (assembler.fatal !== null) throw assembler.fatal;
    ctx.metrics.filesRead++;
  } finally {
    await handle.close();
  }
}

function parseSafely(step: () => void): void {
  try {
    step();
  } catch (e) {
    if (!(e instanceof StopParsing)) throw e;
  }
}

export async function openForReading(path: string, display: string) {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw new LaminarError('IO_ERROR', `cannot read '${display}': ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Yields chunks one by one: dead letters are written first, the event loop gets a turn after
 * each (a big file does not starve timers and I/O), and an abort stops at once.
 * Returns false when the reader was aborted.
 */
export async function* emitChunks(
  ctx: FileReadContext,
  chunks: readonly SourceChunk[],
): AsyncGenerator<SourceChunk, boolean> {
  for (const chunk of chunks) {
    await ctx.bad.flush();
    if (ctx.signal.aborted) return false;
    ctx.metrics.rowsRead += chunk.batch.length;
    yield chunk;
    await nextTurn();
  }
  await ctx.bad.flush();
  return !ctx.signal.aborted;
}
