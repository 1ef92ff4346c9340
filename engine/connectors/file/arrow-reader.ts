import type { FileHandle } from 'node:fs/promises';
import {
  RecordBatchReader,
  util,
  type AsyncRecordBatchFileReader,
  type AsyncRecordBatchStreamReader,
  type RecordBatch,
} from 'apache-arrow';
import { sliceBatch } from '../../exec/batch/batch.js';
import { ArrowImport } from '../../exec/batch/arrow.js';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SourceChunk } from '../source.js';
import type { FileReadContext } from './read-context.js';
import { emitChunks, openForReading } from './text-file.js';

/**
 * Reads one Arrow IPC file (file or stream format) batch by batch through a file handle, so
 * only one record batch is in memory at a time. Record batches are cut into slices of at most
 * `batchSize` rows (zero-copy Arrow slices) and converted with the declared schema as target.
 * Positions count rows: { file, path, row } resumes after `row` rows of the file.
 */
export async function* readArrowFile(ctx: FileReadContext): AsyncGenerator<SourceChunk> {
  const handle = await openForReading(ctx.file.path, ctx.file.display);
  const where = (row: number) => ({ kind: 'file' as const, path: ctx.file.display, line: row });
  try {
    const size = (await handle.stat()).size;
    const reader = await openReader(handle, ctx.file.display);
    const bad: [number, string][] = [];
    let imp: ArrowImport;
    try {
      imp = new ArrowImport(reader.schema, ctx.schema, {
        columns: ctx.columns,
        onBadRow: (row, reason) => bad.push([row, reason]),
      });
    } catch (e) {
      throw e instanceof LaminarError ? e.at(where(1)) : e;
    }
    let rowBase = 0;
    let counted = 0;
    for await (const rb of batchesOf(reader, ctx.file.display)) {
      if (ctx.signal.aborted) return;
      const n = rb.numRows;
      counted += rb.data.byteLength;
      ctx.metrics.bytesRead += rb.data.byteLength;
      for (let begin = Math.max(0, ctx.start.row - rowBase); begin < n;) {
        const end = Math.min(n, begin + ctx.batchSize);
        const slice = begin === 0 && end === n ? rb : rb.slice(begin, end);
        bad.length = 0;
        const { batch } = imp.convert(slice);
        let fatal: LaminarError | null = null;
        let kept = batch.length;
        for (let b = 0; b < bad.length && fatal === null; b++) {
          const [row, reason] = bad[b]!;
          const line = rowBase + begin + row + 1;
          fatal = ctx.bad.report({ file: ctx.file.display, line, reason, row: rowValues(slice, row) });
          // Under 'fail', emit the rows before the bad one: rows before it that were kept.
          if (fatal !== null) kept = row - b;
        }
        const consumed = fatal === null ? end : begin + kept;
        const chunk: SourceChunk = {
          batch: kept === batch.length ? batch : sliceBatch(batch, 0, kept),
          partition: ctx.index,
          position: { file: ctx.index, path: ctx.file.display, row: rowBase + consumed },
        };
        if (chunk.batch.length > 0 || bad.length > 0) {
          if (!(yield* emitChunks(ctx, [chunk]))) return;
        }
        if (fatal !== null) throw fatal;
        begin = end;
      }
      rowBase += n;
    }
    // Metadata, dictionaries and the footer are not in the record batches: count them at the end.
    ctx.metrics.bytesRead += Math.max(0, size - counted);
    ctx.metrics.filesRead++;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function openReader(
  handle: FileHandle,
  display: string,
): Promise<AsyncRecordBatchFileReader | AsyncRecordBatchStreamReader> {
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    return reader;
  } catch (e) {
    throw notArrow(display, e);
  }
}

async function* batchesOf(reader: AsyncIterable<RecordBatch>, display: string): AsyncGenerator<RecordBatch> {
  const it = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<RecordBatch>;
    try {
      next = await it.next();
    } catch (e) {
      throw notArrow(display, e);
    }
    if (next.done === true) return;
    yield next.value;
  }
}

function notArrow(display: string, cause: unknown): LaminarError {
  return new LaminarError('IO_ERROR', `cannot read '${display}' as Arrow IPC: ${(cause as Error).message}`, {
    cause,
  });
}

/** A bad row's values for the dead-letter file, as JSON-safe values. */
function rowValues(rb: RecordBatch, row: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  rb.schema.fields.forEach((f, c) => {
    const v: unknown = rb.getChildAt(c)?.get(row);
    if (typeof v === 'bigint') out[f.name] = Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    else out[f.name] = v === null || typeof v !== 'object' ? v : util.valueToString(v);
  });
  return out;
}
