import type { OverflowPolicy } from './subscription.js';
import type { StatementKind } from '../sql/ast.js';
import type { ResultTable } from './result-table.js';
import type { Subscription } from './subscription.js';

/**
 * What executing one statement gives: an acknowledgement (DDL, INSERT), a complete result
 * table (a query over finite inputs, SHOW, DESCRIBE, EXPLAIN), or a live subscription (a
 * query that keeps running). `warnings` tell about a query that runs but may disappoint (a
 * join whose state grows without bound); front ends show them once.
 */
export type StatementResult =
  | { readonly kind: 'ok'; readonly statement: StatementKind; readonly message: string; readonly warnings?: readonly string[] }
  | { readonly kind: 'table'; readonly statement: StatementKind; readonly table: ResultTable }
  | { readonly kind: 'subscription'; readonly statement: StatementKind; readonly subscription: Subscription; readonly warnings?: readonly string[] };

export interface ExecuteOptions {
  /**
   * How a continuous query reports changes: 'batch' coalesces the changes of each input batch
   * (the default; right for live tables), 'row' reports every change of every input row (an
   * exact changelog whatever the batch sizes).
   */
  readonly changes?: 'batch' | 'row';
  /** Return a subscription for every query, also one over finite inputs (to watch its changes). */
  readonly subscribe?: boolean;
  /** Stops waiting for a query's complete result (the query is cancelled). */
  readonly signal?: AbortSignal;
  /**
   * CREATE statements for objects that already exist are skipped, as with IF NOT EXISTS (and
   * OR REPLACE does not replace): running a script again on a resumed durable session.
   */
  readonly skipExisting?: boolean;
  /** Buffering of the subscriptions of continuous queries (see SubscriptionOptions). */
  readonly keepRows?: number;
  readonly bufferBatches?: number;
  readonly overflow?: OverflowPolicy;
}
