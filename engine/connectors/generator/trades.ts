import { makeColumn } from '../../exec/batch/builder.js';
import type { Column } from '../../exec/batch/column.js';
import type { ConnectorOptions } from '../options.js';
import type { CommonOptions } from './common-options.js';
import { BatchDictionary, dictColumn, int64Column } from './columns.js';
import { FIELD } from './fields.js';
import { PriceWalks } from './price-walk.js';
import { belowOf, fieldKey, hashAt } from './random.js';
import { notNull } from './schema.js';
import { MAX_SYMBOLS, symbolTable } from './symbols.js';
import type { BatchWriter, GeneratorTable } from './table.js';

/**
 * kind = 'trades': one trade per event.
 *
 *   symbol VARCHAR    uniform over `symbols` tickers (see symbols.ts)
 *   price  DOUBLE     the symbol's price path at this event (price-walk.ts), rounded to cents
 *   volume INT        3 in 4 trades are round lots (100 … 1000 shares), the rest 1 … 99 shares
 *   ts     TIMESTAMP  the event time (clock.ts), minus the out_of_order amount
 */
export const TRADES_SCHEMA = [
  notNull('symbol', 'VARCHAR'),
  notNull('price', 'DOUBLE'),
  notNull('volume', 'INT'),
  notNull('ts', 'TIMESTAMP'),
];

export const DEFAULT_SYMBOLS = 10;

export interface TradesOptions {
  readonly symbols: number;
}

export function readTradesOptions(options: ConnectorOptions): TradesOptions {
  return { symbols: options.number('symbols', { fallback: DEFAULT_SYMBOLS, integer: true, min: 1, max: MAX_SYMBOLS }) };
}

export function tradesTable(common: CommonOptions, opts: TradesOptions): GeneratorTable {
  const symbols = opts.symbols;
  const { names, basePrices } = symbolTable(symbols);
  const symbolKey = fieldKey(common.seed, FIELD.tradeSymbol);
  const volumeKey = fieldKey(common.seed, FIELD.tradeVolume);
  const walks = new PriceWalks(common.seed, FIELD.tradePrice, basePrices);
  const { clock, disorder } = common;
  const nameOf = (s: number): string => names[s]!;

  const newWriter = (): BatchWriter => {
    const prices = walks.cursor();
    // Large symbol sets get a per-batch dictionary; small ones share the whole list.
    const dictionary = symbols > 1024 ? new BatchDictionary(symbols) : null;
    return (i0, n, columns) => {
      let symbolOf: Int32Array | null = null;
      if (columns.includes(0) || columns.includes(1)) {
        symbolOf = new Int32Array(n);
        for (let j = 0; j < n; j++) symbolOf[j] = belowOf(hashAt(symbolKey, i0 + j), symbols);
      }
      return columns.map((c): Column => {
        switch (c) {
          case 0: {
            // symbolOf is this batch's own array and only read after this: the column can take it.
            if (dictionary === null) return dictColumn(symbolOf!, names);
            const codes = new Int32Array(n);
            for (let j = 0; j < n; j++) codes[j] = dictionary.code(symbolOf![j]!);
            return dictColumn(codes, dictionary.finish().map(nameOf));
          }
          case 1: {
            const data = new Float64Array(n);
            for (let j = 0; j < n; j++) {
              const s = symbolOf![j]!;
              data[j] = Math.round(prices.priceAt(s, i0 + j) * 100) / 100;
            }
            return makeColumn('DOUBLE', n, data, null);
          }
          case 2: {
            const data = new Int32Array(n);
            for (let j = 0; j < n; j++) {
              const h = hashAt(volumeKey, i0 + j);
              const rest = h >>> 2;
              data[j] = (h & 3) !== 0 ? 100 * (1 + (rest % 10)) : 1 + (rest % 99);
            }
            return makeColumn('INT', n, data, null);
          }
          default: {
            const words = new Int32Array(2 * n);
            clock.fill(words, i0, n, disorder);
            return int64Column('TIMESTAMP', n, words);
          }
        }
      });
    };
  };

  return {
    schema: TRADES_SCHEMA,
    rowsBefore: (event) => event,
    eventOf: (k) => k,
    newWriter,
  };
}

export function describeTrades(opts: TradesOptions): string {
  return `${opts.symbols} ${opts.symbols === 1 ? 'symbol' : 'symbols'}`;
}
