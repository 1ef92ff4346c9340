/** The LaminarDB side of the oracle: a session, and complete results of bounded queries. */
import type { ResultTable, Session, SqlType } from '../../engine/index.js';
import type { Kind, ResultSet } from './values.js';

const KINDS: Readonly<Record<SqlType, Kind>> = {
  BOOLEAN: 'bool',
  INT: 'int',
  BIGINT: 'int',
  DOUBLE: 'float',
  VARCHAR: 'string',
  TIMESTAMP: 'timestamp',
  INTERVAL: 'interval',
};

/** Runs one query over bounded inputs and returns its complete result table. */
export async function laminarTable(session: Session, sql: string): Promise<ResultTable> {
  const results = await session.execute(sql);
  const last = results[results.length - 1];
  if (results.length !== 1 || last === undefined || last.kind !== 'table') {
    throw new Error(
      `expected one complete result table from LaminarDB, got ${results.map((r) => r.kind).join(', ')}`,
    );
  }
  return last.table;
}

export async function runLaminar(session: Session, sql: string): Promise<ResultSet> {
  const table = await laminarTable(session, sql);
  return { columns: table.columnNames, kinds: table.schema.map((f) => KINDS[f.type]), rows: table.scalars() };
}
