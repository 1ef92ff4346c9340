import { open, type FileHandle } from 'node:fs/promises';
import type { Batch, Schema } from '../../exec/batch/batch.js';
import { DELETE, INSERT, ROW_KIND_LABELS, UPDATE_AFTER, UPDATE_BEFORE } from '../../exec/batch/batch.js';
import type { Column } from '../../exec/batch/column.js';
import { readInt64 } from '../../exec/batch/int64.js';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlType } from '../../types/sql-type.js';
import { jsonText, quoteCsv, scalarText } from './format-value.js';

/**
 * 'debezium' writes JSON lines in the Debezium change-event envelope: {"before", "after", "op"}
 * with op 'c' (insert), 'u' (a retraction followed by its replacement) or 'd' (delete).
 */
export type SinkFormat = 'csv' | 'jsonl' | 'debezium';

export interface FileSinkOptions {
  readonly format: SinkFormat;
  /**
   * true: every row gets an `op` column first ('+I', '-U', '+U', '-D'). false: never; a row
   * that is not an insert is then an error (NOT_APPEND_ONLY), since writing it as a plain row
   * would turn a retraction into an insertion. Unset: decided by the first batch written (an
   * op column when it has row kinds). Ignored by 'debezium', whose envelope always says.
   */
  readonly changelog?: boolean;
  /** Name of the row kind column; 'op' by default. */
  readonly opColumn?: string;
  /** CSV: write a header line with the column names (default true). */
  readonly header?: boolean;
  /** CSV: the field delimiter (default ','). */
  readonly delimiter?: string;
  /** CSV: the text of NULL (default '', an empty field). */
  readonly nullString?: string;
}

/** What a writer carries from one batch to the next. */
export interface SinkWriterState {
  readonly started: boolean;
  readonly withOp: boolean | null;
  readonly rows: number;
  readonly pendingBefore: string | null;
}

/** Text is written to the file in pieces of about this size. */
const FLUSH_BYTES = 1 << 20;

/**
 * Writes batches to a CSV or JSON lines file (created, or truncated if it exists). Values are
 * formatted as format-value.ts says; CSV follows RFC 4180 with '\n' line ends. The text is
 * buffered: `flush()` hands it to the operating system, `sync()` also makes it durable,
 * `close()` flushes and closes. Calls must not overlap (await each one).
 */
export class FileSinkWriter {
  private parts: string[] = [];
  private bytes = 0;
  private started = false;
  private withOp: boolean | null;
  private rows = 0;
  private readonly delimiter: string;
  private readonly nullString: string;
  private readonly opName: string;
  /** debezium: the row image of a -U waiting for its +U (they become one 'u' event). */
  private pendingBefore: string | null = null;

  private constructor(
    /** Null for a staged writer: its text is taken with take() (checkpoint commits, see durable-sink.ts). */
    private readonly handle: FileHandle | null,
    private readonly path: string,
    private readonly schema: Schema,
    private readonly options: FileSinkOptions,
  ) {
    this.withOp = options.changelog ?? null;
    this.delimiter = options.delimiter ?? ',';
    this.nullString = options.nullString ?? '';
    this.opName = options.opColumn ?? 'op';
    if (options.format === 'csv' && (this.delimiter.length === 0 || /["\r\n]/.test(this.delimiter))) {
      throw new LaminarError('INVALID_OPTION', `a CSV delimiter cannot be '${this.delimiter}'`);
    }
  }

  /** Opens (creates or truncates) the file. */
  static async open(path: string, schema: Schema, options: FileSinkOptions): Promise<FileSinkWriter> {
    const opName = options.opColumn ?? 'op';
    if (options.changelog === true && schema.some((f) => f.name.toLowerCase() === opName.toLowerCase())) {
      throw opConflict(opName);
    }
    let handle: FileHandle;
    try {
      handle = await open(path, 'w');
    } catch (e) {
      throw new LaminarError('IO_ERROR', `cannot write '${path}': ${(e as Error).message}`, { cause: e });
    }
    return new FileSinkWriter(handle, path, schema, options);
  }

  /**
   * A writer that keeps its text until take() (no file is opened): a durable session's sink
   * writes it to the file when a checkpoint commits.
   */
  static staged(path: string, schema: Schema, options: FileSinkOptions): FileSinkWriter {
    const opName = options.opColumn ?? 'op';
    if (options.changelog === true && schema.some((f) => f.name.toLowerCase() === opName.toLowerCase())) throw opConflict(opName);
    return new FileSinkWriter(null, path, schema, options);
  }

  /** A staged writer's text so far, handed over (and forgotten). */
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.bytes = 0;
    return text;
  }

  /** Formats a batch into the buffer (no I/O). */
  append(batch: Batch): void {
    this.start(batch);
    if (this.options.format === 'debezium') this.writeDebezium(batch);
    else this.writeRows(batch);
    this.rows += batch.length;
  }

  /** The text a finished output ends with (a CSV header if nothing was written, a pending debezium delete). */
  finish(): void {
    this.start(null);
    const last: string[] = [];
    this.closePendingBefore(last);
    if (last.length > 0) this.push(last[0]! + '\n');
  }

  /** What the writer remembers between batches, for checkpoints. */
  saveState(): SinkWriterState {
    return { started: this.started, withOp: this.withOp, rows: this.rows, pendingBefore: this.pendingBefore };
  }

  restoreState(s: SinkWriterState): void {
    this.started = s.started;
    this.withOp = s.withOp;
    this.rows = s.rows;
    this.pendingBefore = s.pendingBefore;
  }

  /** Rows written so far (buffered or not). */
  get rowsWritten(): number {
    return this.rows;
  }

  async write(batch: Batch): Promise<void> {
    this.append(batch);
    if (this.bytes >= FLUSH_BYTES) await this.flush();
  }

  private writeRows(batch: Batch): void {
    if (!this.withOp && batch.kinds !== null) {
      for (let i = 0; i < batch.length; i++) {
        if (batch.kinds[i] !== INSERT) {
          throw new LaminarError(
            'NOT_APPEND_ONLY',
            `the sink writes '${this.path}' without row kinds, but the query produced a ${ROW_KIND_LABELS[batch.kinds[i]!]} row`,
            {
              hint: 'write the changelog (an op column), or make the query append-only',
            },
          );
        }
      }
    }
    const format = this.options.format === 'csv' ? this.csvFormatters(batch) : this.jsonFormatters(batch);
    const kinds = batch.kinds;
    const ops =
      this.options.format === 'csv' ? ROW_KIND_LABELS : ROW_KIND_LABELS.map((l) => JSON.stringify(l));
    const sep = this.options.format === 'csv' ? this.delimiter : ',';
    const opPrefix = this.options.format === 'csv' ? '' : `${JSON.stringify(this.opName)}:`;
    const lines: string[] = new Array<string>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      let line = this.withOp ? opPrefix + ops[kinds === null ? INSERT : kinds[i]!]! : '';
      for (let c = 0; c < format.length; c++) {
        const text = format[c]!(i);
        line = c === 0 && !this.withOp ? text : line + sep + text;
      }
      lines[i] = this.options.format === 'csv' ? line : '{' + line + '}';
    }
    if (batch.length > 0) this.push(lines.join('\n') + '\n');
  }

  /**
   * A -U followed by a +U is one update event. A -U whose +U never comes is a delete; a +U
   * without a -U before it is a create (what a consumer must do with either is the same).
   */
  private writeDebezium(batch: Batch): void {
    const format = this.jsonFormatters(batch);
    const lines: string[] = [];
    for (let i = 0; i < batch.length; i++) {
      let image = '{';
      for (let c = 0; c < format.length; c++) image += (c === 0 ? '' : ',') + format[c]!(i);
      image += '}';
      const kind = batch.kinds === null ? INSERT : batch.kinds[i]!;
      if (kind === UPDATE_AFTER && this.pendingBefore !== null) {
        lines.push(envelope(this.pendingBefore, image, 'u'));
        this.pendingBefore = null;
        continue;
      }
      this.closePendingBefore(lines);
      if (kind === UPDATE_BEFORE) this.pendingBefore = image;
      else if (kind === DELETE) lines.push(envelope(image, 'null', 'd'));
      else lines.push(envelope('null', image, 'c'));
    }
    if (lines.length > 0) this.push(lines.join('\n') + '\n');
  }

  private closePendingBefore(lines: string[]): void {
    if (this.pendingBefore === null) return;
    lines.push(envelope(this.pendingBefore, 'null', 'd'));
    this.pendingBefore = null;
  }

  /** Hands the buffered text to the operating system. */
  async flush(): Promise<void> {
    if (this.parts.length === 0 || this.handle === null) return;
    const text = this.parts.join('');
    this.parts = [];
    this.bytes = 0;
    try {
      await this.handle.write(text);
    } catch (e) {
      throw new LaminarError('IO_ERROR', `cannot write '${this.path}': ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  /** flush(), then waits until the data is on disk (for checkpoint commits). */
  async sync(): Promise<void> {
    await this.flush();
    await this.handle?.datasync();
  }

  /** Writes the header if nothing was written (an empty result still has its columns), flushes, closes. */
  async close(): Promise<void> {
    try {
      this.finish();
      await this.flush();
    } finally {
      await this.handle?.close();
    }
  }

  /** Decides the op column and writes the CSV header, once. */
  private start(first: Batch | null): void {
    if (this.started) return;
    this.started = true;
    this.withOp ??= first !== null && first.kinds !== null;
    if (this.options.format === 'debezium') this.withOp = false;
    if (this.withOp && this.schema.some((f) => f.name.toLowerCase() === this.opName.toLowerCase()))
      throw opConflict(this.opName);
    if (this.options.format === 'csv' && this.options.header !== false) {
      const names = this.schema.map((f) => f.name);
      if (this.withOp) names.unshift(this.opName);
      this.push(names.map((n) => quoteCsv(n, this.delimiter, '')).join(this.delimiter) + '\n');
    }
  }

  private push(text: string): void {
    this.parts.push(text);
    this.bytes += text.length;
  }

  private csvFormatters(batch: Batch): ((i: number) => string)[] {
    return batch.columns.map((col, c) => {
      const type = this.schema[c]!.type;
      return formatter(col, type, (v) => quoteCsv(v, this.delimiter, this.nullString), this.nullString);
    });
  }

  private jsonFormatters(batch: Batch): ((i: number) => string)[] {
    return batch.columns.map((col, c) => {
      const field = this.schema[c]!;
      const key = JSON.stringify(field.name) + ':';
      const f = formatter(col, field.type, null, 'null');
      return (i: number) => key + f(i);
    });
  }
}

function envelope(before: string, after: string, op: 'c' | 'u' | 'd'): string {
  return `{"before":${before},"after":${after},"op":"${op}"}`;
}

function opConflict(name: string): LaminarError {
  return new LaminarError(
    'DUPLICATE_COLUMN',
    `the result has a column named '${name}', which the sink needs for row kinds`,
    {
      hint: 'rename that column in the query',
    },
  );
}

/**
 * A function from row index to the field text of one column. `quote` wraps CSV text (null:
 * JSON). VARCHAR entries are formatted once per dictionary entry, not once per row.
 */
function formatter(
  col: Column,
  type: SqlType,
  quote: ((text: string) => string) | null,
  nullText: string,
): (i: number) => string {
  const validity = col.validity;
  const isNull = (i: number) => validity !== null && !((validity[i >> 3]! >> (i & 7)) & 1);
  if (col.type === 'VARCHAR') {
    const cache = new Array<string | undefined>(col.dict.length);
    const dict = col.dict;
    const codes = col.data;
    return (i) => {
      if (isNull(i)) return nullText;
      const code = codes[i]!;
      let text = cache[code];
      if (text === undefined) {
        text = quote === null ? JSON.stringify(dict[code]!) : quote(dict[code]!);
        cache[code] = text;
      }
      return text;
    };
  }
  const read = (i: number): number | boolean => {
    switch (col.type) {
      case 'BOOLEAN':
        return ((col.data[i >> 3]! >> (i & 7)) & 1) === 1;
      case 'INT':
      case 'DOUBLE':
        return col.data[i]!;
      default:
        return readInt64(col.data, i);
    }
  };
  if (quote === null) return (i) => (isNull(i) ? nullText : jsonText(read(i), type));
  // Only DOUBLE, TIMESTAMP and INTERVAL texts could need quotes (e.g. a ' ' delimiter).
  return (i) => (isNull(i) ? nullText : quote(scalarText(read(i), type)));
}
