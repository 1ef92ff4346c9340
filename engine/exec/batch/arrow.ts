/**
 * Conversion between LaminarDB batches and Apache Arrow record batches.
 *
 * Our columns use Arrow's physical layouts (types/sql-type.ts), so the conversion wraps the
 * same buffers whenever the layouts agree: INT ↔ Int32, DOUBLE ↔ Float64, BIGINT ↔ Int64,
 * TIMESTAMP ↔ Timestamp(µs), INTERVAL ↔ Duration(µs), BOOLEAN ↔ Bool, VARCHAR codes ↔ the
 * indices of Dictionary<Int32, Utf8>, validity bitmaps as they are. Only the string
 * dictionaries are encoded or decoded. Other Arrow types are converted with a copy, and
 * values that cannot be represented (an Int64 beyond ±2^53, a NULL in a NOT NULL column) are
 * reported row by row instead of being rounded or dropped.
 */
import {
  Bool,
  Data,
  DataType,
  DateUnit,
  Dictionary,
  DurationMicrosecond,
  Field as ArrowField,
  Float64,
  type Int,
  Int32,
  Int64,
  Int8,
  IntervalUnit,
  makeData,
  RecordBatch,
  RecordBatchReader,
  RecordBatchFileWriter,
  RecordBatchStreamWriter,
  Schema as ArrowSchema,
  Struct,
  type Table,
  TimestampMicrosecond,
  TimeUnit,
  Type,
  Utf8,
  Vector,
} from 'apache-arrow';
import { LaminarError } from '../../errors/laminar-error.js';
import { isInt64Layout, type SqlType } from '../../types/sql-type.js';
import { parseValue } from '../../types/parse-value.js';
import { MICROS_PER_DAY } from '../../types/time.js';
import type { Batch, Field, Schema } from './batch.js';
import { gatherBatch, ROW_KIND_LABELS } from './batch.js';
import { newBitmap } from './bitmap.js';
import { makeColumn } from './builder.js';
import type { Column, Scalar } from './column.js';
import { TWO_32 } from './int64.js';

// ─────────────────────────────────────────────────────────────────────────────────────────────
// LaminarDB → Arrow
// ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ToArrowOptions {
  /**
   * Adds each row's kind as a first column of this name, holding '+I', '-U', '+U' or '-D'
   * (Dictionary<Int8, Utf8>; the indices are the batch's `kinds` bytes, not copied).
   */
  readonly opColumn?: string;
  /**
   * How VARCHAR columns are written. 'dictionary' (default) shares our codes with Arrow.
   * 'utf8' writes plain strings: the Arrow IPC *file* format does not allow a dictionary to
   * change between record batches, and every batch of ours has its own dictionary.
   */
  readonly strings?: 'dictionary' | 'utf8';
}

/** The Arrow schema batchToRecordBatch produces for `schema`. Dictionary ids are positions. */
export function toArrowSchema(schema: Schema, options: ToArrowOptions = {}): ArrowSchema {
  const fields: ArrowField[] = [];
  if (options.opColumn !== undefined) {
    checkOpColumnName(schema, options.opColumn);
    fields.push(new ArrowField(options.opColumn, new Dictionary(new Utf8(), new Int8(), 0), false));
  }
  for (const f of schema)
    fields.push(new ArrowField(f.name, arrowTypeOf(f.type, fields.length, options), f.nullable));
  return new ArrowSchema(fields);
}

/**
 * The batch as an Arrow record batch, sharing its buffers (see the file comment). Row kinds
 * are left out unless `options.opColumn` names a column for them.
 */
export function batchToRecordBatch(schema: Schema, batch: Batch, options: ToArrowOptions = {}): RecordBatch {
  if (schema.length !== batch.columns.length) {
    throw new LaminarError(
      'INTERNAL',
      `batch has ${batch.columns.length} columns but its schema has ${schema.length}`,
    );
  }
  const arrowSchema = toArrowSchema(schema, options);
  const children: Data[] = [];
  if (options.opColumn !== undefined)
    children.push(opColumnData(arrowSchema.fields[0]!.type as Dictionary, batch));
  for (let c = 0; c < schema.length; c++) {
    const field = arrowSchema.fields[children.length]!;
    children.push(columnToData(batch.columns[c]!, field.type as DataType, batch.length));
  }
  const struct = makeData({
    type: new Struct(arrowSchema.fields),
    length: batch.length,
    nullCount: 0,
    children,
  });
  return new RecordBatch(arrowSchema, struct);
}

function checkOpColumnName(schema: Schema, name: string): void {
  if (schema.some((f) => f.name.toLowerCase() === name.toLowerCase())) {
    throw new LaminarError(
      'DUPLICATE_COLUMN',
      `cannot add the row kind column '${name}': the result already has a column of that name`,
      {
        hint: 'choose another name for the row kind column',
      },
    );
  }
}

function arrowTypeOf(type: SqlType, position: number, options: ToArrowOptions): DataType {
  switch (type) {
    case 'BOOLEAN':
      return new Bool();
    case 'INT':
      return new Int32();
    case 'BIGINT':
      return new Int64();
    case 'DOUBLE':
      return new Float64();
    case 'TIMESTAMP':
      return new TimestampMicrosecond();
    case 'INTERVAL':
      return new DurationMicrosecond();
    case 'VARCHAR':
      return options.strings === 'utf8' ? new Utf8() : new Dictionary(new Utf8(), new Int32(), position);
  }
}

function columnToData(col: Column, type: DataType, length: number): Data {
  const nullBitmap = col.validity ?? undefined;
  switch (col.type) {
    case 'BOOLEAN':
      return makeData({ type: type as Bool, length, nullBitmap, data: col.data });
    case 'INT':
      return makeData({ type: type as Int32, length, nullBitmap, data: col.data });
    case 'DOUBLE':
      return makeData({ type: type as Float64, length, nullBitmap, data: col.data });
    case 'BIGINT':
      return makeData({ type: type as Int64, length, nullBitmap, data: asBigInt64(col.data, length) });
    case 'TIMESTAMP':
      return makeData({
        type: type as TimestampMicrosecond,
        length,
        nullBitmap,
        data: asBigInt64(col.data, length),
      });
    case 'INTERVAL':
      return makeData({
        type: type as DurationMicrosecond,
        length,
        nullBitmap,
        data: asBigInt64(col.data, length),
      });
    case 'VARCHAR': {
      if (DataType.isUtf8(type)) return utf8Data(col.dict, col.data, col.validity, length);
      const dictionary = new Vector([utf8Data(col.dict, null, null, col.dict.length)]);
      return makeData({
        type: type as Dictionary<Utf8, Int32>,
        length,
        nullBitmap,
        data: col.data,
        dictionary,
      });
    }
  }
}

/** The same bytes seen as Int64 values; copied only if the view is not 8-byte aligned. */
function asBigInt64(words: Int32Array, length: number): BigInt64Array {
  if (words.byteOffset % 8 === 0) return new BigInt64Array(words.buffer, words.byteOffset, length);
  return new BigInt64Array(words.slice(0, 2 * length).buffer, 0, length);
}

/**
 * Utf8 data of `strings`, or with `codes`, of strings[codes[i]] per row (nulls are empty).
 * Encodes into one buffer with Buffer.write: no per-string allocation.
 */
function utf8Data(
  strings: readonly string[],
  codes: Int32Array | null,
  validity: Uint8Array | null,
  length: number,
): Data<Utf8> {
  const at = (i: number): string => {
    if (codes === null) return strings[i]!;
    if (validity !== null && !((validity[i >> 3]! >> (i & 7)) & 1)) return '';
    return strings[codes[i]!]!;
  };
  let bytes = 0;
  for (let i = 0; i < length; i++) bytes += Buffer.byteLength(at(i), 'utf8');
  const valueOffsets = new Int32Array(length + 1);
  const data = Buffer.allocUnsafe(bytes);
  let pos = 0;
  for (let i = 0; i < length; i++) {
    pos += data.write(at(i), pos, 'utf8');
    valueOffsets[i + 1] = pos;
  }
  const values = new Uint8Array(data.buffer, data.byteOffset, bytes);
  return makeData({
    type: new Utf8(),
    length,
    valueOffsets,
    data: values,
    nullBitmap: validity ?? undefined,
  });
}

function opColumnData(type: Dictionary, batch: Batch): Data {
  const indices =
    batch.kinds === null
      ? new Int8Array(batch.length)
      : new Int8Array(batch.kinds.buffer, batch.kinds.byteOffset, batch.length);
  const dictionary = new Vector([utf8Data(ROW_KIND_LABELS, null, null, ROW_KIND_LABELS.length)]);
  return makeData({ type: type as Dictionary<Utf8, Int8>, length: batch.length, data: indices, dictionary });
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Arrow → LaminarDB
// ─────────────────────────────────────────────────────────────────────────────────────────────

export interface FromArrowOptions {
  /**
   * Indices into the target schema (or the natural schema without target) of the columns to
   * convert, in this order. Other columns are neither converted nor checked.
   */
  readonly columns?: readonly number[];
  /**
   * Receives each row that cannot be converted (0-based row of the record batch, reason);
   * the row is left out of the result. Without it, the first bad row throws BAD_INPUT_ROW.
   */
  readonly onBadRow?: (row: number, reason: string) => void;
  /** Reads row kinds ('+I', '-U', '+U', '-D') from this Arrow column into `batch.kinds`. */
  readonly opColumn?: string;
}

export interface ConvertedBatch {
  readonly schema: Schema;
  readonly batch: Batch;
}

/**
 * The LaminarDB schema an Arrow schema maps to without a declared target: Int8/16/32 and
 * UInt8/16 → INT, Int64 and UInt32/64 → BIGINT, floats and decimals → DOUBLE, strings →
 * VARCHAR, Bool → BOOLEAN, Timestamp and Date → TIMESTAMP, Duration and Interval → INTERVAL.
 * Other types (lists, structs, binary…) raise UNSUPPORTED_TYPE naming the column.
 */
export function arrowSchemaToSchema(schema: ArrowSchema, opColumn?: string): Schema {
  const out: Field[] = [];
  for (const f of schema.fields) {
    if (opColumn !== undefined && f.name.toLowerCase() === opColumn.toLowerCase()) continue;
    const type = naturalType(f.type as DataType);
    if (type === null) {
      throw new LaminarError(
        'UNSUPPORTED_TYPE',
        `column '${f.name}' has Arrow type ${typeName(f.type as DataType)}, which LaminarDB cannot read`,
        {
          hint: 'declare the columns you need in CREATE SOURCE; undeclared columns are ignored',
        },
      );
    }
    out.push({ name: f.name, type, nullable: f.nullable });
  }
  return out;
}

/** The SqlType an Arrow type reads as by default, or null when it has none. */
export function naturalType(type: DataType): SqlType | null {
  if (DataType.isNull(type)) return 'VARCHAR';
  if (DataType.isInt(type)) {
    if (type.bitWidth === 64 || (type.bitWidth === 32 && !type.isSigned)) return 'BIGINT';
    return 'INT';
  }
  if (DataType.isFloat(type) || DataType.isDecimal(type)) return 'DOUBLE';
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (isStringType(type)) return 'VARCHAR';
  if (DataType.isDictionary(type)) return isStringType(type.dictionary as DataType) ? 'VARCHAR' : null;
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return 'TIMESTAMP';
  if (DataType.isDuration(type)) return 'INTERVAL';
  if (DataType.isInterval(type)) return type.unit === IntervalUnit.YEAR_MONTH ? null : 'INTERVAL';
  return null;
}

/** 'Int64', 'Uint32', 'Timestamp<MILLISECOND>', 'List'… for messages. */
export function typeName(type: DataType): string {
  if (DataType.isInt(type)) return `${type.isSigned ? 'Int' : 'Uint'}${type.bitWidth}`;
  if (DataType.isTimestamp(type) || DataType.isDuration(type))
    return `${Type[type.typeId]}<${TimeUnit[type.unit]}>`;
  if (DataType.isDictionary(type))
    return `Dictionary<${typeName(type.indices)}, ${typeName(type.dictionary as DataType)}>`;
  return Type[type.typeId];
}

function isStringType(type: DataType): boolean {
  return DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isUtf8View(type);
}

/**
 * Converts one record batch. Without `target`, columns get their natural types (see
 * arrowSchemaToSchema). With `target`, each target column takes the Arrow column of the same
 * name (case-insensitive; other Arrow columns are ignored) and converts it to the target type
 * when that is lossless or sensible (wider integers, integers to DOUBLE, any timestamp or date
 * unit to TIMESTAMP, strings parsed like CAST); otherwise TYPE_MISMATCH names the column.
 */
export function recordBatchToBatch(
  rb: RecordBatch,
  target?: Schema,
  options: FromArrowOptions = {},
): ConvertedBatch {
  return new ArrowImport(rb.schema, target, options).convert(rb);
}

/** All record batches of a table, converted (see recordBatchToBatch). */
export function tableToBatches(
  table: Table,
  target?: Schema,
  options: FromArrowOptions = {},
): { schema: Schema; batches: Batch[] } {
  const imp = new ArrowImport(table.schema, target, options);
  return { schema: imp.schema, batches: table.batches.map((rb) => imp.convert(rb).batch) };
}

interface ColumnPlan {
  readonly field: Field;
  /** Index of the Arrow column, or -1 for the Null type fallback. */
  readonly source: number;
}

/**
 * A conversion planned once per Arrow schema (one file, one stream) and applied to each of its
 * record batches. Planning finds columns and checks types, so a file whose column cannot be
 * converted fails before reading any data; caches decoded dictionaries across batches.
 */
export class ArrowImport {
  /** The schema of the converted batches (the requested columns only). */
  readonly schema: Schema;
  private readonly plans: ColumnPlan[];
  private readonly opSource: number;
  private readonly dictionaries = new WeakMap<Data, DecodedDictionary>();

  constructor(
    arrowSchema: ArrowSchema,
    target: Schema | undefined,
    private readonly options: FromArrowOptions = {},
  ) {
    const fields = arrowSchema.fields;
    const full = target ?? arrowSchemaToSchema(arrowSchema, options.opColumn);
    const selected = options.columns ?? full.map((_, i) => i);
    this.plans = selected.map((index) => {
      const field = full[index];
      if (field === undefined) throw new LaminarError('INTERNAL', `column index ${index} is out of range`);
      const source = findField(fields, field.name);
      if (source < 0) {
        throw new LaminarError('BAD_INPUT_ROW', `the Arrow data has no column '${field.name}'`, {
          hint: `its columns are: ${fields.map((f) => f.name).join(', ')}`,
        });
      }
      checkConvertible(fields[source]!.type as DataType, field);
      return { field, source };
    });
    this.schema = this.plans.map((p) => p.field);
    this.opSource = -1;
    if (options.opColumn !== undefined) {
      this.opSource = findField(fields, options.opColumn);
      if (this.opSource < 0)
        throw new LaminarError(
          'BAD_INPUT_ROW',
          `the Arrow data has no row kind column '${options.opColumn}'`,
        );
    }
  }

  convert(rb: RecordBatch): ConvertedBatch {
    const length = rb.numRows;
    const bad = new BadRows();
    const columns = this.plans.map((p) => {
      const data = rb.data.children[p.source]!;
      const col = this.convertColumn(data, p.field, bad);
      if (!p.field.nullable && col.validity !== null) {
        for (let i = 0; i < length; i++) {
          if (!((col.validity[i >> 3]! >> (i & 7)) & 1))
            bad.mark(i, `column '${p.field.name}' is NOT NULL but the value is NULL`);
        }
      }
      return col;
    });
    const kinds =
      this.opSource < 0
        ? null
        : readKinds(rb.data.children[this.opSource]!, bad, (d) => this.decodedDictionary(d));
    let batch: Batch = { length, columns, kinds };
    if (bad.count > 0) {
      const rows = bad.sorted();
      if (this.options.onBadRow === undefined) {
        const [row, reason] = rows[0]!;
        throw new LaminarError('BAD_INPUT_ROW', `row ${row + 1} of the Arrow batch: ${reason}`);
      }
      for (const [row, reason] of rows) this.options.onBadRow(row, reason);
      const keep = new Int32Array(length - rows.length);
      let n = 0;
      for (let i = 0; i < length; i++) if (!bad.has(i)) keep[n++] = i;
      batch = gatherBatch(batch, keep, n);
    }
    return { schema: this.schema, batch };
  }

  private convertColumn(data: Data, field: Field, bad: BadRows): Column {
    const type = data.type;
    const length = data.length;
    if (DataType.isNull(type))
      return makeColumn(field.type, length, allocate(field.type, length), newBitmap(length, false), []);
    const validity = validityOf(data);
    if (isStringType(type) || (DataType.isDictionary(type) && isStringType(type.dictionary as DataType))) {
      if (field.type === 'VARCHAR') return this.stringColumn(data, validity);
      return parseStrings(this.stringsOf(data), validity, field, bad, length);
    }
    switch (field.type) {
      case 'BOOLEAN':
        return makeColumn(
          'BOOLEAN',
          length,
          bitsOf(data.values as Uint8Array, data.offset, length),
          validity,
        );
      case 'INT':
        return makeColumn('INT', length, toInt32(data, validity, field, bad), validity);
      case 'DOUBLE':
        return makeColumn('DOUBLE', length, toFloat64(data), validity);
      case 'BIGINT':
      case 'TIMESTAMP':
      case 'INTERVAL':
        return makeColumn(field.type, length, toInt64Words(data, validity, field, bad), validity);
      case 'VARCHAR':
        throw new LaminarError('INTERNAL', `unplanned conversion of ${typeName(type)} to VARCHAR`);
    }
  }

  private stringColumn(data: Data, validity: Uint8Array | null): Column {
    const length = data.length;
    if (DataType.isDictionary(data.type) && data.dictionary !== undefined) {
      const decoded = this.decodedDictionary(data);
      const indices = data.values as
        Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;
      const src = indices.subarray(0, length);
      checkIndices(src, validity, decoded.strings.length, length);
      if (decoded.remap === null && src instanceof Int32Array) {
        return makeColumn('VARCHAR', length, src, validity, decoded.strings);
      }
      // Duplicate or null dictionary entries, or narrower indices: map codes with a copy.
      const codes = new Int32Array(length);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < length; i++) {
        if (validity !== null && !((validity[i >> 3]! >> (i & 7)) & 1)) continue;
        const code = decoded.remap === null ? src[i]! : decoded.remap[src[i]!]!;
        if (code < 0) {
          nulls ??= validity === null ? newBitmap(length, true) : validity.slice();
          nulls[i >> 3]! &= ~(1 << (i & 7));
        } else codes[i] = code;
      }
      return makeColumn('VARCHAR', length, codes, nulls ?? validity, decoded.unique);
    }
    const strings = this.stringsOf(data);
    const codes = new Int32Array(length);
    const dict: string[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < length; i++) {
      if (validity !== null && !((validity[i >> 3]! >> (i & 7)) & 1)) continue;
      const s = strings(i);
      let code = seen.get(s);
      if (code === undefined) {
        code = dict.length;
        dict.push(s);
        seen.set(s, code);
      }
      codes[i] = code;
    }
    return makeColumn('VARCHAR', length, codes, validity, dict);
  }

  /** A reader of row i's string (only called for valid rows). */
  private stringsOf(data: Data): (i: number) => string {
    if (DataType.isDictionary(data.type) && data.dictionary !== undefined) {
      const decoded = this.decodedDictionary(data);
      const indices = data.values as Int32Array;
      return (i) => decoded.strings[indices[i]!] ?? '';
    }
    return stringReader(data);
  }

  private decodedDictionary(data: Data): DecodedDictionary {
    const chunks = data.dictionary!.data as readonly Data[];
    const key = chunks[0]!;
    let decoded = this.dictionaries.get(key);
    if (decoded === undefined || decoded.chunks !== chunks.length) {
      decoded = decodeDictionary(chunks);
      this.dictionaries.set(key, decoded);
    }
    return decoded;
  }
}

function findField(fields: readonly ArrowField[], name: string): number {
  const exact = fields.findIndex((f) => f.name === name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  const hits = fields.flatMap((f, i) => (f.name.toLowerCase() === lower ? [i] : []));
  if (hits.length > 1) {
    throw new LaminarError(
      'AMBIGUOUS_COLUMN',
      `the Arrow data has several columns named '${name}' (ignoring case)`,
      {
        hint: 'rename the Arrow columns so that names differ by more than case',
      },
    );
  }
  return hits[0] ?? -1;
}

/** Throws TYPE_MISMATCH when an Arrow column of `type` cannot become `field`. */
function checkConvertible(type: DataType, field: Field): void {
  if (DataType.isNull(type)) return;
  const natural = naturalType(type);
  const ok = (() => {
    if (natural === null) return false;
    if (natural === 'VARCHAR') return true; // strings parse into any type, as CAST does
    switch (field.type) {
      case 'BOOLEAN':
        return natural === 'BOOLEAN';
      case 'INT':
      case 'BIGINT':
        return natural === 'INT' || natural === 'BIGINT';
      case 'DOUBLE':
        return natural === 'INT' || natural === 'BIGINT' || natural === 'DOUBLE';
      case 'TIMESTAMP':
        return natural === 'TIMESTAMP';
      case 'INTERVAL':
        return natural === 'INTERVAL';
      case 'VARCHAR':
        return false;
    }
  })();
  if (!ok) {
    throw new LaminarError(
      'TYPE_MISMATCH',
      `column '${field.name}' is declared ${field.type} but the Arrow data has ${typeName(type)}`,
      {
        hint: natural === null ? 'LaminarDB cannot read this Arrow type' : `declare the column as ${natural}`,
      },
    );
  }
}

/** First reason per bad row. */
class BadRows {
  private readonly reasons = new Map<number, string>();
  get count(): number {
    return this.reasons.size;
  }
  mark(row: number, reason: string): void {
    if (!this.reasons.has(row)) this.reasons.set(row, reason);
  }
  has(row: number): boolean {
    return this.reasons.has(row);
  }
  sorted(): [number, string][] {
    return [...this.reasons].sort((a, b) => a[0] - b[0]);
  }
}

function allocate(type: SqlType, length: number): Uint8Array | Int32Array | Float64Array {
  if (type === 'BOOLEAN') return new Uint8Array((length + 7) >> 3);
  if (type === 'DOUBLE') return new Float64Array(length);
  return new Int32Array(isInt64Layout(type) ? 2 * length : length);
}

// Arrow JS slices value buffers (values, offsets, indices) when it slices Data; `data.offset`
// only positions the bitmaps (validity and Bool values) and is applied to them alone.

/** Our validity bitmap for an Arrow column: null without nulls, else shared when aligned. */
function validityOf(data: Data): Uint8Array | null {
  if (data.nullCount === 0 || data.nullBitmap === undefined || data.nullBitmap.length === 0) return null;
  return bitsOf(data.nullBitmap, data.offset, data.length);
}

/**
 * Bits [offset, offset + length) of an Arrow bitmap as a bitmap starting at bit 0: a view of
 * the same bytes when the offset is byte-aligned, else a copy. Bits past `length` in the last
 * byte may be set (ColumnBuilder leaves them set too); nothing reads them.
 */
function bitsOf(bm: Uint8Array, offset: number, length: number): Uint8Array {
  const bytes = (length + 7) >> 3;
  if ((offset & 7) === 0 && bm.length >= (offset >> 3) + bytes)
    return bm.subarray(offset >> 3, (offset >> 3) + bytes);
  const out = new Uint8Array(bytes);
  for (let i = 0; i < length; i++) {
    const j = offset + i;
    if ((bm[j >> 3]! >> (j & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

function isValidAt(validity: Uint8Array | null, i: number): boolean {
  return validity === null || ((validity[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Int64 values of an Arrow column as (lo, hi) words, sharing the buffer. */
function int64Words(data: Data): Int32Array {
  const values = data.values as BigInt64Array | BigUint64Array;
  return new Int32Array(values.buffer, values.byteOffset, 2 * data.length);
}

function toInt32(data: Data, validity: Uint8Array | null, field: Field, bad: BadRows): Int32Array {
  const type = data.type;
  const length = data.length;
  if (!DataType.isInt(type))
    throw new LaminarError('INTERNAL', `unplanned conversion of ${typeName(type)} to INT`);
  if (type.bitWidth === 32 && type.isSigned) return (data.values as Int32Array).subarray(0, length);
  const out = new Int32Array(length);
  if (type.bitWidth < 32) {
    const src = data.values as Int8Array | Int16Array | Uint8Array | Uint16Array;
    for (let i = 0; i < length; i++) out[i] = src[i]!;
    return out;
  }
  const read = wideIntReader(data);
  for (let i = 0; i < length; i++) {
    if (!isValidAt(validity, i)) continue;
    const v = read(i);
    if (v < -2147483648 || v > 2147483647)
      bad.mark(i, `column '${field.name}': ${formatWide(v)} is out of range for INT`);
    else out[i] = v;
  }
  return out;
}

/** Reads a 32- or 64-bit Arrow integer as a number (exact within ±2^53, rounded beyond). */
function wideIntReader(data: Data): (i: number) => number {
  const type = data.type as Int;
  if (type.bitWidth === 32) {
    const src = data.values as Uint32Array;
    return (i) => src[i]!;
  }
  const words = int64Words(data);
  if (type.isSigned) return (i) => words[2 * i + 1]! * TWO_32 + (words[2 * i]! >>> 0);
  return (i) => (words[2 * i + 1]! >>> 0) * TWO_32 + (words[2 * i]! >>> 0);
}

function formatWide(v: number): string {
  return Number.isSafeInteger(v) ? String(v) : `a value beyond ±2^53 (about ${v.toPrecision(4)})`;
}

function toFloat64(data: Data): Float64Array {
  const type = data.type;
  const length = data.length;
  if (DataType.isFloat(type)) {
    if (data.values instanceof Float64Array) return data.values.subarray(0, length);
    const out = new Float64Array(length);
    if (data.values instanceof Float32Array) {
      const src = data.values;
      for (let i = 0; i < length; i++) out[i] = src[i]!;
    } else {
      const src = data.values as Uint16Array;
      for (let i = 0; i < length; i++) out[i] = halfToDouble(src[i]!);
    }
    return out;
  }
  const out = new Float64Array(length);
  if (DataType.isInt(type)) {
    if (type.bitWidth >= 32) {
      const read = wideIntReader(data);
      for (let i = 0; i < length; i++) out[i] = read(i);
    } else {
      const src = data.values as Int8Array;
      for (let i = 0; i < length; i++) out[i] = src[i]!;
    }
    return out;
  }
  if (DataType.isDecimal(type)) {
    // Two's complement in 32-bit words, least significant first: the top word is signed,
    // the others unsigned, so the value is their weighted sum.
    const words = data.values as Uint32Array;
    const stride = type.bitWidth / 32;
    const scale = 10 ** type.scale;
    for (let i = 0; i < length; i++) {
      const base = i * stride;
      let v = words[base + stride - 1]! | 0;
      for (let w = stride - 2; w >= 0; w--) v = v * TWO_32 + words[base + w]!;
      out[i] = v / scale;
    }
    return out;
  }
  throw new LaminarError('INTERNAL', `unplanned conversion of ${typeName(type)} to DOUBLE`);
}

function halfToDouble(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** BIGINT, TIMESTAMP or INTERVAL words: shared for Int64, Timestamp(µs) and Duration(µs). */
function toInt64Words(data: Data, validity: Uint8Array | null, field: Field, bad: BadRows): Int32Array {
  const type = data.type;
  const length = data.length;
  const outOfRange = (i: number, what: string) =>
    bad.mark(i, `column '${field.name}': ${what} is outside the range LaminarDB represents exactly (±2^53)`);
  const sameLayout =
    (DataType.isInt(type) && type.bitWidth === 64 && type.isSigned && field.type === 'BIGINT') ||
    (DataType.isTimestamp(type) && type.unit === TimeUnit.MICROSECOND) ||
    (DataType.isDuration(type) && type.unit === TimeUnit.MICROSECOND);
  if (sameLayout) {
    const words = int64Words(data);
    if (!quickExact(words, length)) {
      for (let i = 0; i < length; i++) {
        const hi = words[2 * i + 1]!;
        if (isValidAt(validity, i) && !exactWords(hi, words[2 * i]!)) outOfRange(i, 'the value');
      }
    }
    return words;
  }
  const out = new Int32Array(2 * length);
  const put = (i: number, v: number) => {
    if (!Number.isSafeInteger(v)) return outOfRange(i, formatWide(v));
    const hi = Math.floor(v / TWO_32);
    out[2 * i] = (v - hi * TWO_32) | 0;
    out[2 * i + 1] = hi;
  };
  if (DataType.isInt(type)) {
    if (type.bitWidth >= 32) {
      const read = wideIntReader(data);
      for (let i = 0; i < length; i++) if (isValidAt(validity, i)) put(i, read(i));
    } else {
      const src = data.values as Int8Array;
      for (let i = 0; i < length; i++) put(i, src[i]!);
    }
    return out;
  }
  if (DataType.isTimestamp(type) || DataType.isDuration(type)) {
    const words = int64Words(data);
    const unit = type.unit;
    for (let i = 0; i < length; i++) {
      if (!isValidAt(validity, i)) continue;
      const hi = words[2 * i + 1]!;
      const lo = words[2 * i]! >>> 0;
      if (unit === TimeUnit.NANOSECOND) {
        // floor(v / 1000) exactly, with v = hi·2^32 + lo and 2^32 = 4294967·1000 + 296.
        put(i, hi * 4294967 + Math.floor((hi * 296 + lo) / 1000));
      } else {
        put(i, (hi * TWO_32 + lo) * (unit === TimeUnit.SECOND ? 1_000_000 : 1000));
      }
    }
    return out;
  }
  if (DataType.isDate(type)) {
    if (type.unit === DateUnit.DAY) {
      const src = data.values as Int32Array;
      for (let i = 0; i < length; i++) if (isValidAt(validity, i)) put(i, src[i]! * MICROS_PER_DAY);
    } else {
      const words = int64Words(data);
      for (let i = 0; i < length; i++) {
        if (isValidAt(validity, i)) put(i, (words[2 * i + 1]! * TWO_32 + (words[2 * i]! >>> 0)) * 1000);
      }
    }
    return out;
  }
  if (DataType.isInterval(type)) {
    const src = data.values as Int32Array;
    for (let i = 0; i < length; i++) {
      if (!isValidAt(validity, i)) continue;
      if (type.unit === IntervalUnit.DAY_TIME) {
        const base = 2 * i;
        put(i, src[base]! * MICROS_PER_DAY + src[base + 1]! * 1000);
      } else {
        const base = 4 * i;
        if (src[base] !== 0) {
          bad.mark(
            i,
            `column '${field.name}': an interval of months has no fixed length and cannot be read as INTERVAL`,
          );
          continue;
        }
        const hi = src[base + 3]!;
        const lo = src[base + 2]! >>> 0;
        put(i, src[base + 1]! * MICROS_PER_DAY + hi * 4294967 + Math.floor((hi * 296 + lo) / 1000));
      }
    }
    return out;
  }
  throw new LaminarError('INTERNAL', `unplanned conversion of ${typeName(type)} to ${field.type}`);
}

/** Fast path: every high word within (-2^21, 2^21), which implies |v| < 2^53. */
function quickExact(words: Int32Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const hi = words[2 * i + 1]!;
    if (hi >= 0x1fffff || hi < -0x1fffff) return false;
  }
  return true;
}

/** |hi·2^32 + lo| <= 2^53 - 1, checking the low word at the bounds. */
function exactWords(hi: number, lo: number): boolean {
  const v = hi * TWO_32 + (lo >>> 0);
  return v >= -Number.MAX_SAFE_INTEGER && v <= Number.MAX_SAFE_INTEGER;
}

/** Decodes row i of a Utf8, LargeUtf8 or Utf8View column (only called for valid rows). */
function stringReader(data: Data): (i: number) => string {
  const type = data.type;
  if (DataType.isUtf8View(type)) {
    // Views mix inline and referenced strings; Arrow's getter decodes them (rare input).
    const vector = new Vector([data]);
    return (i) => String(vector.get(i));
  }
  const values = data.values as Uint8Array;
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (DataType.isLargeUtf8(type)) {
    const o = data.valueOffsets as unknown as BigInt64Array;
    const words = new Int32Array(o.buffer, o.byteOffset, 2 * o.length);
    const at = (k: number) => words[2 * k + 1]! * TWO_32 + (words[2 * k]! >>> 0);
    return (i) => bytes.toString('utf8', at(i), at(i + 1));
  }
  const o = data.valueOffsets as Int32Array;
  return (i) => bytes.toString('utf8', o[i], o[i + 1]);
}

interface DecodedDictionary {
  readonly chunks: number;
  /** Entry per dictionary index (null entries as ''). */
  readonly strings: string[];
  /** Code per dictionary index when entries repeat or are null (-1 = null), else null. */
  readonly remap: Int32Array | null;
  /** The distinct entries, when remap is used. */
  readonly unique: string[];
}

function decodeDictionary(chunks: readonly Data[]): DecodedDictionary {
  const strings: string[] = [];
  const isNull: boolean[] = [];
  for (const chunk of chunks) {
    const read = stringReader(chunk);
    const validity = validityOf(chunk);
    for (let i = 0; i < chunk.length; i++) {
      const valid = isValidAt(validity, i);
      strings.push(valid ? read(i) : '');
      isNull.push(!valid);
    }
  }
  const seen = new Map<string, number>();
  const unique: string[] = [];
  const remap = new Int32Array(strings.length);
  let needed = false;
  for (let k = 0; k < strings.length; k++) {
    if (isNull[k]) {
      remap[k] = -1;
      needed = true;
      continue;
    }
    const s = strings[k]!;
    const code = seen.get(s);
    if (code === undefined) {
      seen.set(s, unique.length);
      remap[k] = unique.length;
      unique.push(s);
    } else {
      remap[k] = code;
      needed = true;
    }
    if (remap[k] !== k) needed = true;
  }
  return { chunks: chunks.length, strings, remap: needed ? remap : null, unique: needed ? unique : strings };
}

function checkIndices(
  src: ArrayLike<number>,
  validity: Uint8Array | null,
  size: number,
  length: number,
): void {
  for (let i = 0; i < length; i++) {
    const k = src[i]!;
    if ((k < 0 || k >= size) && isValidAt(validity, i)) {
      throw new LaminarError(
        'BAD_INPUT_ROW',
        `row ${i + 1} of the Arrow batch has dictionary index ${k}, but the dictionary has ${size} entries`,
      );
    }
  }
}

/** Strings parsed into a non-VARCHAR type with the CAST rules; unparseable rows are bad. */
function parseStrings(
  read: (i: number) => string,
  validity: Uint8Array | null,
  field: Field,
  bad: BadRows,
  length: number,
): Column {
  const data = allocate(field.type, length);
  for (let i = 0; i < length; i++) {
    if (!isValidAt(validity, i)) continue;
    const parsed = parseValue(read(i), field.type);
    if (parsed.ok) storeScalar(data, field.type, i, parsed.value);
    else bad.mark(i, `column '${field.name}': ${parsed.reason}`);
  }
  return makeColumn(field.type, length, data, validity);
}

function storeScalar(
  data: Uint8Array | Int32Array | Float64Array,
  type: SqlType,
  i: number,
  v: Scalar,
): void {
  if (v === null) return;
  switch (type) {
    case 'BOOLEAN':
      if (v === true) (data as Uint8Array)[i >> 3]! |= 1 << (i & 7);
      return;
    case 'INT':
    case 'DOUBLE':
      data[i] = v as number;
      return;
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL': {
      const n = v as number;
      const hi = Math.floor(n / TWO_32);
      data[2 * i] = (n - hi * TWO_32) | 0;
      data[2 * i + 1] = hi;
      return;
    }
    case 'VARCHAR':
      return;
  }
}

function readKinds(data: Data, bad: BadRows, dictionary: (d: Data) => DecodedDictionary): Uint8Array {
  const length = data.length;
  const kinds = new Uint8Array(length);
  const read = DataType.isDictionary(data.type)
    ? dictionaryStrings(data, dictionary(data))
    : stringReader(data);
  const validity = validityOf(data);
  for (let i = 0; i < length; i++) {
    const label = isValidAt(validity, i) ? read(i) : '';
    const k = (ROW_KIND_LABELS as readonly string[]).indexOf(label);
    if (k < 0) bad.mark(i, `row kind '${label}' is not one of ${ROW_KIND_LABELS.join(', ')}`);
    else kinds[i] = k;
  }
  return kinds;
}

function dictionaryStrings(data: Data, decoded: DecodedDictionary): (i: number) => string {
  const indices = data.values as Int32Array;
  return (i) => decoded.strings[indices[i]!] ?? '';
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// IPC
// ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Record batches as Arrow IPC bytes: 'stream' (application/vnd.apache.arrow.stream, what the
 * Jupyter kernel sends) or 'file'. The file format refuses dictionaries that change between
 * batches: convert with `strings: 'utf8'` to write several batches of ours to a file.
 */
export function recordBatchesToIpc(
  batches: readonly RecordBatch[],
  format: 'stream' | 'file' = 'stream',
  schema?: ArrowSchema,
): Uint8Array {
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  const s = schema ?? batches[0]?.schema;
  if (s === undefined)
    throw new LaminarError('INTERNAL', 'recordBatchesToIpc needs a schema when there are no batches');
  writer.reset(undefined, s);
  for (const rb of batches) writer.write(rb);
  writer.finish();
  return writer.toUint8Array(true);
}

/** The record batches of Arrow IPC bytes, stream or file format. */
export function ipcToRecordBatches(bytes: Uint8Array): RecordBatch[] {
  try {
    return RecordBatchReader.from(bytes).readAll();
  } catch (e) {
    throw new LaminarError('BAD_INPUT_ROW', `the bytes are not Arrow IPC data: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
