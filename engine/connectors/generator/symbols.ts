import { fmix32, TWO_32 } from './random.js';

/**
 * Ticker symbols of the trades generator. The first ones are real US tickers with prices near
 * their early-2024 levels, so small demos look familiar; past them come made-up four-letter
 * tickers. Names and base prices depend only on the symbol's index, not on the seed: symbol 0
 * is always AAPL at about 190, whatever the seed.
 */
const REAL: ReadonlyArray<readonly [string, number]> = [
  ['AAPL', 190], ['MSFT', 375], ['GOOG', 140], ['AMZN', 150], ['NVDA', 495], ['META', 350],
  ['TSLA', 250], ['JPM', 170], ['V', 260], ['JNJ', 157], ['WMT', 158], ['XOM', 100],
  ['UNH', 525], ['MA', 425], ['PG', 147], ['HD', 346], ['CVX', 149], ['KO', 59],
  ['PEP', 170], ['ABBV', 155], ['AVGO', 1115], ['COST', 660], ['ORCL', 105], ['ADBE', 597],
  ['CRM', 263], ['NFLX', 487], ['AMD', 147], ['INTC', 50], ['CSCO', 50], ['DIS', 90],
  ['BAC', 34], ['PFE', 29], ['T', 17], ['VZ', 38], ['NKE', 108], ['MCD', 296],
  ['IBM', 164], ['QCOM', 145], ['TXN', 170], ['SBUX', 96], ['BA', 260], ['GE', 127],
  ['CAT', 296], ['GS', 386], ['MS', 93], ['UBER', 62], ['PYPL', 61], ['SHOP', 78],
];

export const MAX_SYMBOLS = 100_000;

/** 26^4 four-letter names, visited in a scrambled but fixed order (7919 is coprime to 26^4). */
const NAME_SPACE = 26 ** 4;

export interface SymbolTable {
  readonly names: readonly string[];
  /** Base price of each symbol, in dollars (cents precision). */
  readonly basePrices: Float64Array;
}

export function symbolTable(count: number): SymbolTable {
  const names: string[] = [];
  const basePrices = new Float64Array(count);
  const taken = new Set(REAL.map(([n]) => n));
  for (let i = 0; i < count && i < REAL.length; i++) {
    names.push(REAL[i]![0]);
    basePrices[i] = REAL[i]![1];
  }
  for (let m = 0; names.length < count; m++) {
    const name = fourLetters((m * 7919 + 104729) % NAME_SPACE);
    if (taken.has(name)) continue;
    taken.add(name);
    // Log-uniform in [10, 1000) dollars.
    basePrices[names.length] = Math.round(10 ** (1 + (2 * fmix32(names.length ^ 0x7f4a7c15)) / TWO_32) * 100) / 100;
    names.push(name);
  }
  return { names, basePrices };
}

function fourLetters(x: number): string {
  let s = '';
  for (let d = 0; d < 4; d++) {
    s = String.fromCharCode(65 + (x % 26)) + s;
    x = Math.floor(x / 26);
  }
  return s;
}
