/** The LaminarDB side of the oracle: a session, and complete results of bounded queries. */
import type { ResultTable, Scalar, Session, SqlType } from '../../engine/index.js';
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

/** A changelog read from a subscription, consolidated, with what was wrong with it. */
export interface ConsolidatedChangelog {
  readonly result: ResultSet;
  /** Violations: negative weights, ops other than +I where only inserts are allowed, late rows, missed changes. */
  readonly problems: string[];
  /** Changes read, by op. */
  readonly ops: Readonly<Record<string, number>>;
  /** Every change read, in order, as text: `+U [1704067200000000,"AAPL",3]`. */
  readonly changes: readonly string[];
}

const SHOWN = 5;

function rowKey(row: readonly Scalar[]): string {
  // String() keeps NaN and ±Infinity apart (JSON would write null); JSON quotes keep 1 and '1' apart.
  return `[${row.map((v) => (typeof v === 'number' ? String(v) : JSON.stringify(v))).join(',')}]`;
}

/**
 * Runs `sql` as a subscription with `changes: 'row'` (every change of every input row), reads
 * every ChangeBatch until the query ends, and consolidates: the weight of each distinct row is
 * the sum of +1 for +I / +U and -1 for -U / -D, in order. The result is the rows with positive
 * weight (repeated by weight: a result may hold equal rows). Problems: a retraction of a row
 * not there (a weight going negative), any op but +I when `appendOnly`, late rows counted by
 * the query, and changes the iterator did not see.
 *
 * The iterator is the subscription's first, so it sees every change from the start, also
 * those the query made before `executeEach` yielded (over inputs that are all there at once,
 * the query may have ended by then).
 */
export async function runLaminarChangelog(
  session: Session,
  sql: string,
  options: {
    readonly appendOnly?: boolean;
    /** Feeds the query's push sources once the iterator is taken (and ends them). */
    readonly feed?: () => Promise<void>;
  } = {},
): Promise<ConsolidatedChangelog> {
  const statements = session.executeEach(sql, { subscribe: true, changes: 'row' });
  const first = await statements.next();
  if (first.done === true || first.value.kind !== 'subscription') {
    await statements.return(undefined);
    throw new Error(
      `expected a subscription from LaminarDB, got ${first.done === true ? 'nothing' : first.value.kind}`,
    );
  }
  const subscription = first.value.subscription;
  const changes = subscription[Symbol.asyncIterator]();
  const problems: string[] = [];
  const weights = new Map<string, { row: readonly Scalar[]; weight: number }>();
  const ops: Record<string, number> = {};
  const log: string[] = [];
  let seen = 0;
  const read = async (): Promise<void> => {
    for (;;) {
      const next = await changes.next();
      if (next.done === true) break;
      const batch = next.value;
      const kinds = batch.ops();
      const rows = batch.scalars();
      seen += rows.length;
      rows.forEach((row, i) => {
        const op = kinds[i]!;
        ops[op] = (ops[op] ?? 0) + 1;
        log.push(`${op} ${rowKey(row)}`);
        if (options.appendOnly && op !== '+I' && (ops[op] ?? 0) <= SHOWN)
          problems.push(`an append-only changelog has ${op} ${JSON.stringify(row)}`);
        const key = rowKey(row);
        const entry = weights.get(key) ?? { row, weight: 0 };
        entry.weight += op === '+I' || op === '+U' ? 1 : -1;
        weights.set(key, entry);
        if (entry.weight < 0 && problems.length < 3 * SHOWN)
          problems.push(
            `${op} retracts a row that is not there (weight ${entry.weight}): ${JSON.stringify(row)}`,
          );
      });
    }
  };
  // Read while feeding: a reader that falls behind holds the query up (backpressure).
  const reading = read();
  try {
    await options.feed?.();
  } catch (e) {
    // The query would wait for the rest of its input forever.
    subscription.cancel();
    await reading.catch(() => undefined);
    throw e;
  } finally {
    await statements.return(undefined);
  }
  await reading;
  const metrics = subscription.metrics();
  if (subscription.status !== 'finished') problems.push(`the query ended ${subscription.status}`);
  if (metrics === null) problems.push('the subscription has no metrics');
  else {
    if (metrics.lateRows !== 0) problems.push(`${metrics.lateRows} late rows (the inputs have none)`);
    if (metrics.rowsOut !== seen)
      problems.push(`the iterator saw ${seen} changes, the query produced ${metrics.rowsOut}`);
  }
  const rows: (readonly Scalar[])[] = [];
  for (const { row, weight } of weights.values()) for (let k = 0; k < weight; k++) rows.push(row);
  const schema = subscription.schema;
  return {
    result: { columns: schema.map((f) => f.name), kinds: schema.map((f) => KINDS[f.type]), rows },
    problems,
    ops,
    changes: log,
  };
}
