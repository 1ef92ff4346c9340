import { jsToScalar, describeJs, KeyMatcher } from '../../exec/batch/from-js.js';
import type { SqlType } from '../../types/sql-type.js';
import type { SourceChunk } from '../source.js';
import { LinePrefix } from './line-prefix.js';
import type { FileReadContext } from './read-context.js';
import type { RowAssembler } from './row-assembler.js';
import { readTextFile, type TextParser } from './text-file.js';

/**
 * Reads one JSON lines file: one JSON object per line, keys matched to the declared columns
 * by name ignoring case (other keys are ignored, a missing key is NULL), values converted with
 * jsToScalar, the rule of the push API. Blank lines are skipped; a line that is not valid JSON
 * or not an object is a bad row.
 */
export async function* readJsonlFile(ctx: FileReadContext): AsyncGenerator<SourceChunk> {
  yield* readTextFile(ctx, (assembler) => new JsonlParser(ctx, assembler));
}

class JsonlParser implements TextParser {
  private readonly prefix: LinePrefix | null;
  /** Absolute offset just after the last line handled (where `carry` starts). */
  private offset: number;
  private line: number;
  /** The start of a line whose end is in a later chunk. */
  private carry: Buffer | null = null;
  private readonly keys: KeyMatcher;
  /** Output position of each schema column, or -1 when not requested. */
  private readonly outputOf: Int32Array;
  private readonly types: SqlType[];
  private readonly seen: Int32Array;
  private row = 0;

  constructor(
    private readonly ctx: FileReadContext,
    private readonly assembler: RowAssembler,
  ) {
    this.prefix = ctx.start.offset === 0 ? new LinePrefix(0) : null;
    this.offset = ctx.start.offset;
    this.line = ctx.start.line;
    this.keys = new KeyMatcher(ctx.schema);
    this.outputOf = new Int32Array(ctx.schema.length).fill(-1);
    ctx.columns.forEach((c, k) => (this.outputOf[c] = k));
    this.types = assembler.fields.map((f) => f.type);
    this.seen = new Int32Array(ctx.schema.length).fill(-1);
  }

  get consumed(): { offset: number; line: number } {
    return { offset: this.offset, line: this.line };
  }

  feed(bytes: Buffer): void {
    let chunk = bytes;
    if (this.prefix !== null && !this.prefix.done) {
      const rest = this.prefix.take(bytes);
      this.offset = this.prefix.bytes;
      if (rest === null) return;
      chunk = rest;
    }
    let at = 0;
    let nl = chunk.indexOf(10);
    if (this.carry !== null && nl >= 0) {
      // Only the line that straddles two chunks is copied.
      const whole = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = null;
      this.lineAt(whole, 0, whole.length - 1);
      at = nl + 1;
      nl = chunk.indexOf(10, at);
    }
    if (this.carry !== null) {
      this.carry = Buffer.concat([this.carry, chunk]);
      return;
    }
    while (nl >= 0) {
      this.lineAt(chunk, at, nl);
      at = nl + 1;
      nl = chunk.indexOf(10, at);
    }
    this.carry = at < chunk.length ? Buffer.from(chunk.subarray(at)) : null;
  }

  end(): void {
    if (this.carry !== null && this.carry.length > 0) {
      const last = this.carry;
      this.carry = null;
      this.lineAt(last, 0, last.length);
    }
  }

  /** Handles the line in buf[start, end) (end is the \n or the end of the file). */
  private lineAt(buf: Buffer, start: number, end: number): void {
    const consumed = end - start + (end < buf.length ? 1 : 0);
    this.offset += consumed;
    this.line++;
    let stop = end;
    if (stop > start && buf[stop - 1] === 13) stop--;
    const text = buf.toString('utf8', start, stop);
    if (text.trim() === '') return;
    const reason = this.convert(text);
    if (reason === null) this.assembler.accept(this.offset, this.line);
    else
      this.assembler.reject(
        { file: this.ctx.file.display, line: this.line, reason, row: text },
        this.offset,
        this.line,
      );
  }

  private convert(text: string): string | null {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return `the line is not valid JSON (${(e as Error).message})`;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return `the line is ${describeJs(value)}, not a JSON object`;
    }
    const obj = value as Record<string, unknown>;
    const values = this.assembler.values;
    values.fill(null);
    const row = this.row++;
    for (const key in obj) {
      const c = this.keys.find(key);
      if (c < 0) continue;
      if (this.seen[c] === row)
        return `the object gives column '${this.ctx.schema[c]!.name}' twice (keys differing only in case)`;
      this.seen[c] = row;
      const k = this.outputOf[c]!;
      if (k < 0) continue;
      const parsed = jsToScalar(obj[key], this.types[k]!);
      if (!parsed.ok) return `column '${this.assembler.fields[k]!.name}': ${parsed.reason}`;
      values[k] = parsed.value;
    }
    const fields = this.assembler.fields;
    for (let k = 0; k < fields.length; k++) {
      if (values[k] === null && !fields[k]!.nullable)
        return `column '${fields[k]!.name}' is NOT NULL but the value is missing or null`;
    }
    return null;
  }
}
