/**
 * The syntax tree of LaminarDB SQL. Every node has a `kind` (for exhaustive switches) and a
 * `span` of offsets into the source text, so later stages can point at the exact text of an
 * error. Names are kept as written; `Ident.name` is the name used for lookup (lower-cased
 * unless quoted).
 */
import type { SqlType } from '../types/sql-type.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Ident {
  /** Lower-cased unless quoted: the name used for lookups. */
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

// ───────────────────────────── statements ─────────────────────────────

export type Statement =
  | CreateSource
  | CreateTable
  | CreateStream
  | CreateMaterializedView
  | CreateSink
  | Insert
  | Drop
  | Show
  | Describe
  | Explain
  | Checkpoint
  | QueryStatement;

export type StatementKind = Statement['kind'];

export interface ColumnDef {
  readonly name: Ident;
  readonly type: TypeName;
  readonly notNull: boolean;
  readonly span: Span;
}

export interface TypeName {
  readonly type: SqlType;
  readonly span: Span;
}

export interface OptionAssign {
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

export interface ConnectorClause {
  readonly connector: 'GENERATOR' | 'FILE';
  readonly options: readonly OptionAssign[];
  readonly span: Span;
}

export interface WatermarkDef {
  readonly column: Ident;
  /** The watermark expression, e.g. `ts - INTERVAL '5' SECOND`. */
  readonly expr: Expr;
  readonly span: Span;
}

export interface CreateSource {
  /** CREATE OR REPLACE: drop an existing object of that name first. */
  readonly orReplace: boolean;
  readonly kind: 'create_source';
  readonly name: Ident;
  readonly ifNotExists: boolean;
  /** Null when no column list is written (the connector supplies the schema). */
  readonly columns: readonly ColumnDef[] | null;
  readonly watermark: WatermarkDef | null;
  /** Null for a source fed by INSERT and the push API. */
  readonly connector: ConnectorClause | null;
  /** `WITH (k = v, …)`: source settings independent of the connector. */
  readonly settings: readonly OptionAssign[];
  readonly span: Span;
}

export interface CreateTable {
  /** CREATE OR REPLACE: drop an existing object of that name first. */
  readonly orReplace: boolean;
  readonly kind: 'create_table';
  readonly name: Ident;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly Ident[] | null;
  /** A versioned table's event time (FOR SYSTEM_TIME AS OF joins read its versions by it). */
  readonly watermark: WatermarkDef | null;
  readonly span: Span;
}

export interface CreateStream {
  /** CREATE OR REPLACE: drop an existing object of that name first. */
  readonly orReplace: boolean;
  readonly kind: 'create_stream';
  readonly name: Ident;
  readonly ifNotExists: boolean;
  readonly query: Query;
  readonly span: Span;
}

export interface CreateMaterializedView {
  /** CREATE OR REPLACE: drop an existing object of that name first. */
  readonly orReplace: boolean;
  readonly kind: 'create_materialized_view';
  readonly name: Ident;
  readonly ifNotExists: boolean;
  readonly query: Query;
  readonly span: Span;
}

export interface CreateSink {
  /** CREATE OR REPLACE: drop an existing object of that name first. */
  readonly orReplace: boolean;
  readonly kind: 'create_sink';
  readonly name: Ident;
  readonly ifNotExists: boolean;
  readonly target: ConnectorClause;
  readonly query: Query;
  readonly span: Span;
}

export interface Insert {
  readonly kind: 'insert';
  readonly target: Ident;
  readonly columns: readonly Ident[] | null;
  readonly source: { readonly kind: 'values'; readonly rows: readonly (readonly Expr[])[]; readonly span: Span } | Query;
  readonly span: Span;
}

export type ObjectKind = 'SOURCE' | 'TABLE' | 'STREAM' | 'MATERIALIZED VIEW' | 'SINK';

export interface Drop {
  readonly kind: 'drop';
  readonly objectKind: ObjectKind;
  readonly name: Ident;
  readonly ifExists: boolean;
  readonly cascade: boolean;
  readonly span: Span;
}

export type ShowWhat = 'SOURCES' | 'TABLES' | 'STREAMS' | 'MATERIALIZED VIEWS' | 'SINKS' | 'QUERIES' | 'WATERMARKS';

export interface Show {
  readonly kind: 'show';
  readonly what: ShowWhat;
  readonly span: Span;
}

/** CHECKPOINT: a durable session writes a checkpoint now. */
export interface Checkpoint {
  readonly kind: 'checkpoint';
  readonly span: Span;
}

export interface Describe {
  readonly kind: 'describe';
  readonly name: Ident;
  readonly span: Span;
}

export interface Explain {
  readonly kind: 'explain';
  /** A query, or a CREATE STREAM / MATERIALIZED VIEW / SINK whose query is explained. */
  readonly target: QueryStatement | CreateStream | CreateMaterializedView | CreateSink | Insert;
  readonly span: Span;
}

export interface QueryStatement {
  readonly kind: 'query';
  readonly query: Query;
  readonly span: Span;
}

// ─────────────────────────────── queries ───────────────────────────────

export interface Query {
  readonly kind: 'query_expr';
  readonly with: readonly Cte[];
  readonly body: SetExpr;
  readonly orderBy: readonly OrderItem[];
  readonly limit: Expr | null;
  readonly offset: Expr | null;
  readonly span: Span;
}

export interface Cte {
  readonly name: Ident;
  readonly columns: readonly Ident[] | null;
  readonly query: Query;
  readonly span: Span;
}

export type SetExpr = Select | SetOperation | NestedQuery;

export interface SetOperation {
  readonly kind: 'set_operation';
  readonly op: 'UNION';
  readonly all: boolean;
  readonly left: SetExpr;
  readonly right: SetExpr;
  readonly span: Span;
}

/** A parenthesized query used as an operand of a set operation. */
export interface NestedQuery {
  readonly kind: 'nested_query';
  readonly query: Query;
  readonly span: Span;
}

export interface Select {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromItem | null;
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  readonly having: Expr | null;
  /** EMIT …: when a (windowed) aggregate emits. */
  readonly emit: EmitClause | null;
  /** ALLOW LATENESS INTERVAL …: how long after their end windows accept rows. */
  readonly lateness: Expr | null;
  /** LATE DATA TO name: where rows too late for their windows go. */
  readonly lateDataTo: Ident | null;
  readonly span: Span;
}

export type EmitClause =
  | { readonly kind: 'changes' | 'close' | 'final'; readonly span: Span }
  | { readonly kind: 'every'; readonly interval: Expr; readonly span: Span };

export type SelectItem =
  | { readonly kind: 'wildcard'; readonly qualifier: Ident | null; readonly span: Span }
  | { readonly kind: 'select_expr'; readonly expr: Expr; readonly alias: Ident | null; readonly span: Span };

export type FromItem = TableRef | SubqueryRef | JoinRef;

export interface TableRef {
  readonly kind: 'table_ref';
  readonly name: Ident;
  readonly alias: Ident | null;
  /** FOR SYSTEM_TIME AS OF expr: a temporal (event time) or lookup (PROCTIME()) join's right side. */
  readonly asOf: Expr | null;
  readonly span: Span;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

/**
 * left [INNER | LEFT | RIGHT | FULL | CROSS] JOIN right ON … | USING (…), and
 * left [LEFT] ASOF JOIN right MATCH_CONDITION (…) [TOLERANCE interval] ON …. A comma in FROM
 * is a cross join.
 */
export interface JoinRef {
  readonly kind: 'join';
  readonly type: JoinType;
  readonly asof: boolean;
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on: Expr | null;
  readonly using: readonly Ident[] | null;
  readonly matchCondition: Expr | null;
  readonly tolerance: Expr | null;
  /** The JOIN keywords, for messages about the join. */
  readonly keywordSpan: Span;
  readonly span: Span;
}

export interface SubqueryRef {
  readonly kind: 'subquery_ref';
  readonly query: Query;
  readonly alias: Ident | null;
  readonly span: Span;
}

export interface OrderItem {
  readonly expr: Expr;
  readonly descending: boolean;
  /** Null when not written: NULLS LAST in both directions, as in DuckDB. */
  readonly nullsFirst: boolean | null;
  readonly span: Span;
}

// ───────────────────────────── expressions ─────────────────────────────

export type Expr =
  | Literal
  | ColumnRef
  | Unary
  | Binary
  | IsNull
  | IsDistinct
  | Between
  | InList
  | Like
  | Case
  | Cast
  | Call
  | WindowFunction
  | Extract;

export type ExprKind = Expr['kind'];

export type LiteralValue =
  | { readonly type: 'number'; readonly text: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'timestamp'; readonly text: string }
  | { readonly type: 'interval'; readonly text: string; readonly unit: string | null };

export interface Literal {
  readonly kind: 'literal';
  readonly value: LiteralValue;
  readonly span: Span;
}

export interface ColumnRef {
  readonly kind: 'column';
  readonly table: Ident | null;
  readonly name: Ident;
  readonly span: Span;
}

export interface Unary {
  readonly kind: 'unary';
  readonly op: '-' | '+' | 'NOT';
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '//' | '%' | '||'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | 'AND' | 'OR';

export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** Where the operator itself is written, for errors about it. */
  readonly opSpan: Span;
  readonly span: Span;
}

export interface IsNull {
  readonly kind: 'is_null';
  readonly operand: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

export interface IsDistinct {
  readonly kind: 'is_distinct';
  readonly left: Expr;
  readonly right: Expr;
  /** IS NOT DISTINCT FROM */
  readonly negated: boolean;
  readonly span: Span;
}

export interface Between {
  readonly kind: 'between';
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

export interface InList {
  readonly kind: 'in_list';
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly span: Span;
}

export interface Like {
  readonly kind: 'like';
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape: Expr | null;
  readonly negated: boolean;
  readonly caseInsensitive: boolean;
  readonly span: Span;
}

export interface Case {
  readonly kind: 'case';
  /** CASE x WHEN …: the operand compared with each WHEN; null for searched CASE. */
  readonly operand: Expr | null;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else: Expr | null;
  readonly span: Span;
}

export interface Cast {
  readonly kind: 'cast';
  readonly operand: Expr;
  readonly type: TypeName;
  /** TRY_CAST: NULL instead of an error when the value does not convert. */
  readonly try: boolean;
  readonly span: Span;
}

/** Function and aggregate calls; SUBSTRING(… FROM … FOR …) and TRIM(… FROM …) arrive as calls. */
export interface Call {
  readonly kind: 'call';
  readonly name: Ident;
  readonly args: readonly Expr[];
  /** COUNT(*) */
  readonly star: boolean;
  readonly distinct: boolean;
  /** Aggregate FILTER (WHERE …). */
  readonly filter: Expr | null;
  readonly span: Span;
}

/** ROW_NUMBER() OVER (PARTITION BY … ORDER BY …). */
export interface WindowFunction {
  readonly kind: 'window_function';
  readonly name: Ident;
  readonly args: readonly Expr[];
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly span: Span;
}

export interface Extract {
  readonly kind: 'extract';
  /** Upper-cased field name: YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, EPOCH, DOW, … */
  readonly field: string;
  readonly fieldSpan: Span;
  readonly operand: Expr;
  readonly span: Span;
}
