import type { Batch, Field } from '../../exec/batch/batch.js';
import { ColumnBuilder } from '../../exec/batch/builder.js';
import type { Scalar } from '../../exec/batch/column.js';
import type { LaminarError } from '../../errors/laminar-error.js';
import type { SourceChunk } from '../source.js';
import type { BadRow } from './bad-rows.js';
import type { FileReadContext } from './read-context.js';

/**
 * Thrown inside a parser's callback to stop it after a fatal bad row (on_error = 'fail');
 * the reader then emits what came before and throws `RowAssembler.fatal`.
 */
export class StopParsing extends Error {
  constructor() {
    super('parsing stopped after a fatal bad row');
  }
}

/**
 * Collects the rows of one text file (CSV, JSON lines) into batches of the requested columns
 * and cuts them into chunks with exact positions. Parsers call it synchronously, row by row:
 * they fill `values` and call `accept`, or call `reject` for a bad row.
 */
export class RowAssembler {
  /** The requested columns, in output order. */
  readonly fields: readonly Field[];
  /** The row being converted: one value per requested column. */
  readonly values: Scalar[];
  /** Set when a bad row must fail the read (after the chunks before it are emitted). */
  fatal: LaminarError | null = null;

  private readonly builders: ColumnBuilder[];
  private readonly pending: SourceChunk[] = [];
  /** Rows in the batch being built. */
  private rows = 0;
  /** Bad rows consumed since the last chunk: their position must advance too. */
  private badSinceChunk = 0;
  private lastOffset: number;
  private lastLine: number;

  constructor(private readonly ctx: FileReadContext) {
    this.fields = ctx.columns.map((c) => ctx.schema[c]!);
    this.values = new Array<Scalar>(this.fields.length).fill(null);
    this.builders = this.fields.map((f) => new ColumnBuilder(f.type, Math.min(ctx.batchSize, 1 << 16)));
    this.lastOffset = ctx.start.offset;
    this.lastLine = ctx.start.line;
  }

  /** Appends `values` as a row that ends at byte `offset`, on line `line`. */
  accept(offset: number, line: number): void {
    const b = this.builders;
    const v = this.values;
    for (let k = 0; k < b.length; k++) b[k]!.append(v[k]!);
    this.lastOffset = offset;
    this.lastLine = line;
    if (++this.rows >= this.ctx.batchSize) this.cut();
  }

  /**
   * A bad row ending at byte `offset` (or at an unknown place, when the parser cannot tell
   * yet: pass null). Under 'fail', remembers the error and stops the parser.
   */
  reject(bad: BadRow, offset: number | null, line: number | null): void {
    const error = this.ctx.bad.report(bad);
    if (error !== null) {
      this.fatal = error;
      this.cut();
      throw new StopParsing();
    }
    this.badSinceChunk++;
    if (offset !== null) this.lastOffset = offset;
    if (line !== null) this.lastLine = line;
  }

  /** Consumed bytes that are not a row (a header): later chunks start after them. */
  advance(offset: number, line: number): void {
    this.lastOffset = offset;
    this.lastLine = line;
  }

  /** Emits the rows so far as a chunk ending at the given place (end of file). */
  finish(offset: number, line: number): void {
    this.lastOffset = Math.max(this.lastOffset, offset);
    this.lastLine = Math.max(this.lastLine, line);
    this.cut();
  }

  /** The chunks completed so far. */
  drain(): SourceChunk[] {
    return this.pending.splice(0, this.pending.length);
  }

  private cut(): void {
    // Counted apart from the builders: with no column requested (COUNT(*)) there are none.
    const length = this.rows;
    if (length === 0 && this.badSinceChunk === 0) return;
    const batch: Batch = { length, columns: this.builders.map((b) => b.finish()), kinds: null };
    this.rows = 0;
    this.badSinceChunk = 0;
    this.pending.push({
      batch,
      partition: this.ctx.index,
      position: {
        file: this.ctx.index,
        path: this.ctx.file.display,
        offset: this.lastOffset,
        line: this.lastLine,
      },
    });
  }
}
