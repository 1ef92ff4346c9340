/** Words completion offers, upper-case: statement starters, clause words, types, literals. */
export const KEYWORDS: readonly string[] = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'DISTINCT', 'AS', 'WITH',
  'UNION', 'ALL', 'AND', 'OR', 'NOT', 'NULL', 'TRUE', 'FALSE', 'IS', 'IN', 'BETWEEN', 'LIKE', 'ILIKE', 'ESCAPE',
  'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'TRY_CAST', 'EXTRACT', 'FILTER', 'ASC', 'DESC', 'NULLS', 'FIRST',
  'LAST', 'CREATE', 'OR', 'REPLACE', 'IF', 'EXISTS', 'SOURCE', 'TABLE', 'STREAM', 'MATERIALIZED', 'VIEW', 'SINK',
  'INTO', 'FILE', 'GENERATOR', 'WATERMARK', 'FOR', 'PRIMARY', 'KEY', 'INSERT', 'VALUES', 'DROP', 'CASCADE',
  'RESTRICT', 'SHOW', 'SOURCES', 'TABLES', 'STREAMS', 'VIEWS', 'SINKS', 'QUERIES', 'DESCRIBE', 'EXPLAIN', 'CHECKPOINT',
  'INTERVAL', 'TIMESTAMP', 'BOOLEAN', 'INT', 'INTEGER', 'BIGINT', 'DOUBLE', 'VARCHAR', 'TEXT',
  'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MILLISECOND', 'MICROSECOND', 'DISTINCT',
];
