/**
 * LaminarDB: an embedded streaming SQL engine.
 *
 * A statement travels through the engine in this order:
 *
 *   SQL text ─► sql/        lexer, recursive-descent parser → typed AST with source spans
 *            ─► plan/       binder (names, types, casts) → logical plan → optimizer
 *                           (predicate and projection pushdown) → physical operator graph
 *            ─► runtime/    a running query: inputs polled round-robin, batches pushed
 *                           through the operators, results to a consumer
 *            ─► exec/       columnar batches in Arrow layout; expressions compiled to fused
 *                           loops; calc, hash aggregate, union, sort, limit operators;
 *                           results are changelogs (+I, -U, +U, -D)
 *
 * beside them: connectors/ (generators, files), state/ (keyed state with snapshot and
 * restore), types/ (SQL types, casts, time), errors/ (coded errors with carets).
 *
 * Front ends (the Jupyter kernel, the REPL, `laminar run`) use only what this file exports.
 */
export { open, Session, type SessionOptions, type SessionMetrics, type SourceInfo, type QueryInfo } from './session/session.js';
export type { CheckpointInfo, RecoveryInfo } from './session/durable/durability.js';
export type { ExecuteOptions, StatementResult } from './session/statement-result.js';
export { ResultTable, ChangeBatch } from './session/result-table.js';
export { OVERFLOW_POLICIES, Subscription, type OverflowPolicy, type SubscriptionOptions } from './session/subscription.js';
export type { JsValue } from './session/js-values.js';
export type { QueryKind, QueryMetrics, QueryStatus } from './runtime/running-query.js';
export type { WorkerMetrics } from './runtime/workers/worker-metrics.js';
export { LaminarError, isLaminarError, ERROR_CODES, type ErrorCode, lineAndColumn } from './errors/index.js';
export type { Batch, Field, Schema, RowKind } from './exec/batch/batch.js';
export { ROW_KIND_LABELS, batchRows } from './exec/batch/batch.js';
export type { Scalar } from './exec/batch/column.js';
export { valueAt } from './exec/batch/column.js';
export { batchToRecordBatch, recordBatchToBatch, recordBatchesToIpc } from './exec/batch/arrow.js';
export type { SqlType } from './types/sql-type.js';
export { formatTimestamp, formatInterval } from './types/time.js';
export { scalarText, formatScalarForCsv, scalarToJson } from './connectors/file/format-value.js';
export { parseScript } from './sql/parser/parse-script.js';
export { completeness, type Completeness } from './sql/completeness.js';
export { KEYWORDS } from './sql/keywords.js';
export type { Completions } from './session/completion.js';
export type { ObjectInfo } from './session/inspect.js';
