import type { SqlType } from '../../types/sql-type.js';
import { parseValue } from '../../types/parse-value.js';
import type { Scalar } from '../../exec/batch/column.js';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SourceChunk } from '../source.js';
import type { CsvConfig } from './config.js';
import { createCsvCore, type CsvCore, type CsvError } from './csv-parse-api.js';
import { LinePrefix } from './line-prefix.js';
import type { FileReadContext } from './read-context.js';
import { RowAssembler, StopParsing } from './row-assembler.js';
import { openForReading, readTextFile, type TextParser } from './text-file.js';

/**
 * Reads one CSV file with csv-parse, streaming. Byte-level work before csv-parse sees the
 * bytes (BOM, skip_rows) is ours, so that positions are absolute byte offsets in the file
 * and resuming can start csv-parse in the middle of the file.
 */
export async function* readCsvFile(ctx: FileReadContext, cfg: CsvConfig): AsyncGenerator<SourceChunk> {
  // Resuming in the middle of a file: the header is not in the bytes read, so read it first.
  const header = cfg.header && ctx.start.offset > 0 ? await readCsvHeader(ctx, cfg) : null;
  yield* readTextFile(ctx, (assembler) => new CsvParser(ctx, cfg, assembler, header));
}

class CsvParser implements TextParser {
  private readonly core: CsvCore;
  private readonly prefix: LinePrefix | null;
  /** Absolute offset of the first byte given to csv-parse; its line numbers start after lineBase. */
  private feedBase: number;
  private lineBase: number;
  /** Index in the record of each requested column; set by the header when there is one. */
  private sourceIndex: Int32Array | null = null;
  private expectedFields: number;
  private readonly types: SqlType[];
  private readonly names: string[];
  private readonly nullable: boolean[];
  // Line bookkeeping: a record starts on the line after the previous one ended, plus the
  // empty lines csv-parse skipped in between (see start()).
  private prevEnd = 0;
  private prevEmpty = 0;
  private afterSkip = false;
  /** Lines csv-parse counted twice so far (see onRecord). */
  private skew = 0;

  constructor(
    private readonly ctx: FileReadContext,
    private readonly cfg: CsvConfig,
    private readonly assembler: RowAssembler,
    header: string[] | null,
  ) {
    const fresh = ctx.start.offset === 0;
    this.prefix = fresh ? new LinePrefix(cfg.skipRows) : null;
    this.feedBase = ctx.start.offset;
    this.lineBase = ctx.start.line;
    this.types = assembler.fields.map((f) => f.type);
    this.names = assembler.fields.map((f) => f.name);
    this.nullable = assembler.fields.map((f) => f.nullable);
    this.expectedFields = ctx.schema.length;
    if (!cfg.header) this.sourceIndex = Int32Array.from(ctx.columns);
    else if (header !== null) this.useHeader(header, 0);
    this.core = createCsvCore(
      csvParseOptions(cfg, ctx.bad.keepsRows, (err, raw) => this.onSyntaxError(err, raw)),
    );
  }

  get consumed(): { offset: number; line: number } {
    return { offset: this.feedBase + this.core.info.bytes, line: this.lineBase + this.prevEnd };
  }

  feed(bytes: Buffer): void {
    let rest: Buffer | null = bytes;
    if (this.prefix !== null && !this.prefix.done) {
      rest = this.prefix.take(bytes);
      this.feedBase = this.prefix.bytes;
      this.lineBase = this.prefix.lines;
      if (rest === null) return;
    }
    this.check(this.core.parse(rest, false, this.onRecord, noop));
  }

  end(): void {
    this.check(this.core.parse(undefined, true, this.onRecord, noop));
  }

  private check(error: Error | undefined): void {
    if (error === undefined) return;
    if (error instanceof StopParsing) throw error;
    if (error instanceof LaminarError) throw error;
    throw new LaminarError('INTERNAL', `csv-parse failed: ${error.message}`, { cause: error });
  }

  /** The start line (relative to lineBase) of the record that just ended on `end`. */
  private start(end: number, fields: readonly string[]): number {
    const info = this.core.info;
    let start: number;
    if (this.afterSkip) {
      // The skipped record's end is unknown; count the line breaks inside this record instead.
      start = end - lineBreaks(fields);
      this.afterSkip = false;
    } else {
      start = this.prevEnd + 1 + (info.empty_lines - this.prevEmpty);
    }
    this.prevEnd = end;
    this.prevEmpty = info.empty_lines;
    return start;
  }

  private readonly onRecord = (record: unknown): void => {
    // With the raw option (dead letters need the text), records come as { record, raw }.
    const withRaw = Array.isArray(record) ? null : (record as { record: string[]; raw: string });
    const fields = withRaw === null ? (record as string[]) : withRaw.record;
    const info = this.core.info;
    // csv-parse counts a \r\n inside a quoted field as two lines; we count one, as editors do.
    this.skew += crlfPairs(fields);
    const end = info.lines - this.skew;
    const line = this.lineBase + this.start(end, fields);
    const offset = this.feedBase + info.bytes;
    if (this.sourceIndex === null) {
      this.useHeader(fields, line);
      this.assembler.advance(offset, this.lineBase + end);
      return;
    }
    const bad = this.convert(fields);
    if (bad === null) {
      this.assembler.accept(offset, this.lineBase + end);
      return;
    }
    const raw = withRaw === null ? null : stripNewline(withRaw.raw);
    this.assembler.reject(
      { file: this.ctx.file.display, line, reason: bad, row: raw },
      offset,
      this.lineBase + end,
    );
  };

  /** Converts the requested fields into the assembler's values; returns why the row is bad, or null. */
  private convert(fields: readonly string[]): string | null {
    if (fields.length !== this.expectedFields) {
      return `expected ${this.expectedFields} fields but found ${fields.length}`;
    }
    const src = this.sourceIndex!;
    const values = this.assembler.values;
    const nullString = this.cfg.nullString;
    for (let k = 0; k < src.length; k++) {
      const field = fields[src[k]!]!;
      const text = this.cfg.trim ? field.trim() : field;
      const type = this.types[k]!;
      let v: Scalar;
      // An empty field can only mean NULL for a non-VARCHAR column, whatever null_string is.
      if (text === nullString || (text === '' && type !== 'VARCHAR')) {
        v = null;
      } else {
        const parsed = parseValue(text, type);
        if (!parsed.ok) return `column '${this.names[k]}': ${parsed.reason}`;
        v = parsed.value;
      }
      if (v === null && !this.nullable[k])
        return `column '${this.names[k]}' is NOT NULL but the field is empty (NULL)`;
      values[k] = v;
    }
    return null;
  }

  private useHeader(header: readonly string[], line: number): void {
    const lower = header.map((h) => h.trim().toLowerCase());
    const index = this.ctx.schema.map((f) => {
      const name = f.name.toLowerCase();
      const hits = lower.flatMap((h, i) => (h === name ? [i] : []));
      // Several names equal but for case: only a unique exact match decides.
      const exact = hits.filter((i) => header[i]!.trim() === f.name);
      if (hits.length === 1) return hits[0]!;
      if (exact.length === 1) return exact[0]!;
      if (hits.length === 0) throw this.headerError(`the header has no column '${f.name}'`, line, header);
      throw this.headerError(`the header has column '${f.name}' more than once`, line, header);
    });
    this.expectedFields = header.length;
    this.sourceIndex = Int32Array.from(this.ctx.columns.map((c) => index[c]!));
  }

  private headerError(message: string, line: number, header: readonly string[] | null): LaminarError {
    // A header that does not match the declared columns is not one bad row: every row would
    // be, so this fails whatever on_error says.
    return new LaminarError('BAD_INPUT_ROW', message, {
      location: { kind: 'file', path: this.ctx.file.display, line: Math.max(line, 1) },
      hint:
        header === null
          ? 'the first line after skip_rows must be the header; set header = false if the file has none'
          : `the header is: ${header.join(', ')}; set header = false to match columns by position`,
    });
  }

  /** csv-parse found a record it cannot parse (quotes); it skips the rest of that record. */
  private onSyntaxError(err: CsvError | undefined, raw: string | undefined): undefined {
    if (this.sourceIndex === null) {
      throw this.headerError(`the header line is not valid CSV: ${csvReason(err)}`, this.lineBase + 1, null);
    }
    const info = this.core.info;
    const start = this.afterSkip
      ? ((err as { lines?: number } | undefined)?.lines ?? info.lines) - this.skew
      : this.prevEnd + 1 + (info.empty_lines - this.prevEmpty);
    const last = info.lines - this.skew;
    this.afterSkip = true;
    this.prevEmpty = info.empty_lines;
    const reason =
      err?.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted field is not closed before the end of the file, so lines ${this.lineBase + start} to ${this.lineBase + last} cannot be read`
        : `the line is not valid CSV: ${csvReason(err)}`;
    // The record's end is not known yet: its position advances with the next row.
    this.assembler.reject(
      {
        file: this.ctx.file.display,
        line: this.lineBase + start,
        reason,
        row: raw === undefined ? null : stripNewline(raw),
      },
      null,
      null,
    );
    return undefined;
  }
}

function csvParseOptions(
  cfg: CsvConfig,
  raw: boolean,
  onSkip: (err: CsvError | undefined, raw: string | undefined) => undefined,
) {
  return {
    delimiter: cfg.delimiter,
    quote: cfg.quote ?? false,
    escape: cfg.escape ?? false,
    // A stray quote (a"b, "a"b) is read as a character, as Python's csv module and Excel do.
    // Strict mode would be worse: after such an error csv-parse stays inside the quotes and
    // swallows the rest of the file. Trimming is ours too (see convert): csv-parse's trim
    // stops parsing the chunk on a character after a closing quote.
    relax_quotes: true,
    bom: false,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: onSkip,
    // The text of each record costs a copy: only kept when dead letters need it.
    raw,
  } as const;
}

function noop(): void {}

function lineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') < 0 && f.indexOf('\r') < 0) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 10 || (c === 13 && f.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

function crlfPairs(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    let at = f.indexOf('\r\n');
    while (at >= 0) {
      n++;
      at = f.indexOf('\r\n', at + 2);
    }
  }
  return n;
}

function stripNewline(raw: string): string {
  return raw.replace(/\r?\n$|\r$/, '');
}

function csvReason(err: CsvError | undefined): string {
  return err === undefined ? 'unknown error' : err.message;
}

/** The header of a CSV file (after the BOM and skip_rows), for a reader resuming mid-file. */
async function readCsvHeader(ctx: FileReadContext, cfg: CsvConfig): Promise<string[]> {
  const handle = await openForReading(ctx.file.path, ctx.file.display);
  const prefix = new LinePrefix(cfg.skipRows);
  const core = createCsvCore(
    csvParseOptions(cfg, false, (err) => {
      throw new LaminarError('BAD_INPUT_ROW', `the header line is not valid CSV: ${csvReason(err)}`, {
        location: { kind: 'file', path: ctx.file.display, line: cfg.skipRows + 1 },
      });
    }),
  );
  let header: string[] | null = null;
  const push = (record: unknown) => {
    header ??= record as string[];
    throw new StopParsing();
  };
  try {
    for await (const bytes of handle.createReadStream({
      highWaterMark: 64 * 1024,
      autoClose: false,
    }) as AsyncIterable<Buffer>) {
      const rest = prefix.done ? bytes : prefix.take(bytes);
      if (rest === null) continue;
      let error: Error | undefined;
      try {
        error = core.parse(rest, false, push, noop);
      } catch (e) {
        if (!(e instanceof StopParsing)) throw e;
      }
      if (error instanceof LaminarError) throw error;
      if (header !== null) return header;
    }
    try {
      core.parse(undefined, true, push, noop);
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
    }
    if (header !== null) return header;
    throw new LaminarError('BAD_INPUT_ROW', 'the file has no header line', {
      location: { kind: 'file', path: ctx.file.display, line: 1 },
    });
  } finally {
    await handle.close();
  }
}
