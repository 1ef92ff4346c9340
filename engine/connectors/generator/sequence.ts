import { makeColumn } from '../../exec/batch/builder.js';
import type { Column } from '../../exec/batch/column.js';
import type { ConnectorOptions } from '../options.js';
import type { CommonOptions } from './common-options.js';
import { int64Column, writeWords } from './columns.js';
import { FIELD } from './fields.js';
import { fieldKey, hashAt, TWO_32 } from './random.js';
import { notNull } from './schema.js';
import type { BatchWriter, GeneratorTable } from './table.js';

/**
 * kind = 'sequence': one row per event, for tests and benchmarks that need predictable data.
 *
 *   id    BIGINT     the event index: 0, 1, 2, …
 *   ts    TIMESTAMP  the event time (see clock.ts), minus the out_of_order amount
 *   key   INT        id % keys: exact group sizes for GROUP BY tests and benchmarks
 *   value DOUBLE     uniform pseudo-random in [0, 1), in steps of 2^-32
 */
export const SEQUENCE_SCHEMA = [
  notNull('id', 'BIGINT'),
  notNull('ts', 'TIMESTAMP'),
  notNull('key', 'INT'),
  notNull('value', 'DOUBLE'),
];

export const DEFAULT_KEYS = 10;

export interface SequenceOptions {
  readonly keys: number;
}

export function readSequenceOptions(options: ConnectorOptions): SequenceOptions {
  return { keys: options.number('keys', { fallback: DEFAULT_KEYS, integer: true, min: 1, max: 2147483647 }) };
}

export function sequenceTable(common: CommonOptions, opts: SequenceOptions): GeneratorTable {
  const valueKey = fieldKey(common.seed, FIELD.sequenceValue);
  const { clock, disorder } = common;
  const keys = opts.keys;

  const column = (c: number, i0: number, n: number): Column => {
    switch (c) {
      case 0: {
        const words = new Int32Array(2 * n);
        for (let j = 0; j < n; j++) writeWords(words, j, i0 + j);
        return int64Column('BIGINT', n, words);
      }
      case 1: {
        const words = new Int32Array(2 * n);
        clock.fill(words, i0, n, disorder);
        return int64Column('TIMESTAMP', n, words);
      }
      case 2: {
        const data = new Int32Array(n);
        let key = i0 % keys;
        for (let j = 0; j < n; j++) {
          data[j] = key;
          if (++key === keys) key = 0;
        }
        return makeColumn('INT', n, data, null);
      }
      default: {
        const data = new Float64Array(n);
        for (let j = 0; j < n; j++) data[j] = hashAt(valueKey, i0 + j) / TWO_32;
        return makeColumn('DOUBLE', n, data, null);
      }
    }
  };

  const writer: BatchWriter = (k, n, columns) => columns.map((c) => column(c, k, n));
  return {
    schema: SEQUENCE_SCHEMA,
    rowsBefore: (event) => event,
    eventOf: (k) => k,
    newWriter: () => writer,
  };
}
