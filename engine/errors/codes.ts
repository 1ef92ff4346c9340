/**
 * Stable error codes. A code names a class of user error and never changes meaning: notebooks
 * assert on them (`raises-exception` cells), the kernel reports them as `ename`, and the README
 * documents them. Add codes at the end of a group; never reuse one.
 */
export const ERROR_CODES = {
  // SQL text
  SYNTAX_ERROR: 'The statement is not valid LaminarDB SQL.',
  UNTERMINATED_LITERAL: 'A string, quoted identifier or comment is not closed.',
  INVALID_LITERAL: 'A number, timestamp or interval literal cannot be read.',
  // names
  UNKNOWN_OBJECT: 'No source, table, stream or view has that name.',
  UNKNOWN_COLUMN: 'No column of the inputs in scope has that name.',
  AMBIGUOUS_COLUMN: 'More than one input in scope has a column of that name.',
  UNKNOWN_FUNCTION: 'No function or aggregate has that name.',
  DUPLICATE_OBJECT: 'An object with that name already exists.',
  DUPLICATE_COLUMN: 'A column name is given twice.',
  WRONG_OBJECT_KIND: 'The object exists but is of another kind than the statement needs.',
  OBJECT_IN_USE: 'Other objects depend on this one.',
  // types
  TYPE_MISMATCH: 'An operand or argument has a type the operation does not accept.',
  UNSUPPORTED_TYPE: 'The type is not supported.',
  WRONG_ARGUMENT_COUNT: 'A function is called with the wrong number of arguments.',
  INVALID_GROUPING: 'A column is used outside an aggregate without being grouped.',
  NESTED_AGGREGATE: 'An aggregate is used where aggregates are not allowed.',
  // evaluation
  NUMERIC_OVERFLOW: 'An integer result is outside the range of its type.',
  INVALID_CAST: 'A value cannot be converted to the requested type.',
  INVALID_ARGUMENT: 'A function argument is outside the function\'s domain.',
  // queries and sessions
  UNBOUNDED_INPUT: 'The operation needs a complete input, but the query reads an unbounded source.',
  NOT_APPEND_ONLY: 'The target accepts only inserts, but the query can update or delete rows.',
  NO_WATERMARK: 'The query needs event-time progress (a WATERMARK on its time column) that its input does not have.',
  INVALID_OPTION: 'A connector or statement option is unknown, missing or has a bad value.',
  UNSUPPORTED: 'The statement uses a feature LaminarDB does not support.',
  QUERY_CANCELLED: 'The query was stopped before it finished.',
  QUERY_FAILED: 'A running query failed.',
  SUBSCRIPTION_OVERFLOW: "A reader of a query's changes fell further behind than its buffer allows (overflow 'error').",
  SESSION_CLOSED: 'The session is closed.',
  // data
  BAD_INPUT_ROW: 'A row of a source cannot be read or does not match the source schema.',
  IO_ERROR: 'A file cannot be read or written.',
  CONSTRAINT_VIOLATION: 'A row breaks a NOT NULL or PRIMARY KEY constraint.',
  // durable sessions
  CHECKPOINT_CORRUPT: 'No checkpoint of the session directory passes its checksums.',
  CHECKPOINT_VERSION: 'The session directory was written by an incompatible version of LaminarDB.',
  NOT_DURABLE: 'The statement needs a session opened on a directory.',
  SESSION_IN_USE: 'The session directory is open in another process.',
  // bugs
  INTERNAL: 'A bug in LaminarDB. Please report it with the statement that caused it.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
