/** The DuckDB side of the oracle: an in-memory database, queries, and loading rows into it. */
import {
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBIntervalValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Schema, SqlType } from '../../engine/index.js';
import { exactNumber, MICROS_PER_DAY, type Cell, type Kind, type ResultSet } from './values.js';

export interface Duck {
  readonly connection: DuckDBConnection;
  close(): void;
}

export async function openDuck(): Promise<Duck> {
  // One thread: the suite runs test files in parallel on small machines.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  // LaminarDB follows DuckDB's non-IEEE arithmetic: x / 0 and x % 0 are NULL (not ±Infinity
  // or NaN), and sqrt / ln outside their domain are errors. DuckDB ≥ 1.1 defaults to IEEE 754.
  await connection.run('SET ieee_floating_point_ops = false');
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function kindOf(type: DuckDBType): Kind {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return 'int';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'float';
    case DuckDBTypeId.VARCHAR:
      return 'string';
    case DuckDBTypeId.BOOLEAN:
      return 'bool';
    case DuckDBTypeId.TIMESTAMP:
      return 'timestamp';
    case DuckDBTypeId.INTERVAL:
      return 'interval';
    case DuckDBTypeId.SQLNULL:
      return 'null';
    default:
      throw new Error(`DuckDB result type ${type.toString()} has no LaminarDB counterpart`);
  }
}

function cellOf(v: DuckDBValue, column: string): Cell {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return exactNumber(v, `column ${column}:`);
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (v instanceof DuckDBTimestampValue) return exactNumber(v.micros, `column ${column}: timestamp`);
  if (v instanceof DuckDBIntervalValue) {
    // LaminarDB intervals are exact durations; a DuckDB interval with months has no equivalent.
    if (v.months !== 0)
      throw new Error(
        `column ${column}: interval ${v.toString()} has months, which LaminarDB intervals do not`,
      );
    return v.days * MICROS_PER_DAY + exactNumber(v.micros, `column ${column}: interval`);
  }
  throw new Error(`column ${column}: unexpected DuckDB value ${String(v)}`);
}

export async function runDuck(duck: Duck, sql: string): Promise<ResultSet> {
  const reader = await duck.connection.runAndReadAll(sql);
  const columns = reader.columnNames();
  const kinds = reader.columnTypes().map(kindOf);
  const rows = reader.getRows().map((r) => r.map((v, c) => cellOf(v, columns[c]!)));
  return { columns, kinds, rows };
}

const DUCK_TYPES: Readonly<Record<SqlType, string>> = {
  BOOLEAN: 'BOOLEAN',
  INT: 'INTEGER',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  VARCHAR: 'VARCHAR',
  TIMESTAMP: 'TIMESTAMP',
  INTERVAL: 'INTERVAL',
};

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The DuckDB column list `(a INTEGER, b VARCHAR, …)` of a LaminarDB schema. */
export function duckColumns(schema: Schema): string {
  return schema.map((f) => `${quoteIdent(f.name)} ${DUCK_TYPES[f.type]}`).join(', ');
}

/** Creates table `name` in DuckDB and appends `rows` (LaminarDB scalars) to it. */
export async function loadTable(
  duck: Duck,
  name: string,
  schema: Schema,
  rows: readonly (readonly Cell[])[],
): Promise<void> {
  await duck.connection.run(`CREATE TABLE ${quoteIdent(name)} (${duckColumns(schema)})`);
  const appender = await duck.connection.createAppender(name);
  for (const row of rows) {
    schema.forEach((f, c) => {
      const v = row[c];
      if (v === null || v === undefined) appender.appendNull();
      else appendValue(appender, f.type, v);
    });
    appender.endRow();
  }
  appender.closeSync();
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendValue(appender: Appender, type: SqlType, v: number | string | boolean): void {
  const n = v as number;
  switch (type) {
    case 'BOOLEAN':
      return appender.appendBoolean(v as boolean);
    case 'INT':
      return appender.appendInteger(n);
    case 'BIGINT':
      return appender.appendBigInt(BigInt(n));
    case 'DOUBLE':
      return appender.appendDouble(n);
    case 'VARCHAR':
      return appender.appendVarchar(v as string);
    case 'TIMESTAMP':
      return appender.appendTimestamp(new DuckDBTimestampValue(BigInt(n)));
    case 'INTERVAL':
      return appender.appendInterval(new DuckDBIntervalValue(0, 0, BigInt(n)));
  }
}
