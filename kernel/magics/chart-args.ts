import { CHART_MARKS, type ChartMark, type ChartRequest } from '../../display/index.js';
import { LaminarError } from '../../engine/index.js';

export const CHART_USAGE = '%chart line|bar|area|point x=COLUMN y=COLUMN [color=COLUMN] [facet=COLUMN] [title="TEXT"]';

const KEYS = new Set(['x', 'y', 'color', 'facet', 'title']);

/**
 * Reads `%chart line x=ts y=price color=symbol facet=venue title="Prices"`. A value may be
 * quoted ('…' or "…") to hold spaces; a column may end in :Q, :O, :N or :T (Vega-Lite's
 * measurement types).
 */
export function parseChartArgs(args: string): ChartRequest {
  const words = splitWords(args);
  const [markWord, ...rest] = words;
  const usage = (message: string): LaminarError => new LaminarError('INVALID_OPTION', `%chart: ${message}`, { hint: `usage: ${CHART_USAGE}` });
  const mark = markWord?.toLowerCase();
  if (mark === undefined || !(CHART_MARKS as readonly string[]).includes(mark)) {
    throw usage(markWord === undefined ? 'which chart? line, bar, area or point' : `unknown chart type '${markWord}': line, bar, area or point`);
  }
  const fields: Record<string, string> = {};
  for (const w of rest) {
    const eq = w.indexOf('=');
    const key = eq < 0 ? '' : w.slice(0, eq).toLowerCase();
    if (!KEYS.has(key)) throw usage(`'${w}' is not one of x=, y=, color=, facet=, title=`);
    if (key in fields) throw usage(`${key}= is given twice`);
    const value = w.slice(eq + 1);
    if (value === '') throw usage(`${key}= needs a value`);
    fields[key] = value;
  }
  if (fields.x === undefined || fields.y === undefined) throw usage('x= and y= are required');
  return {
    mark: mark as ChartMark,
    x: fields.x,
    y: fields.y,
    ...(fields.color !== undefined ? { color: fields.color } : {}),
    ...(fields.facet !== undefined ? { facet: fields.facet } : {}),
    ...(fields.title !== undefined ? { title: fields.title } : {}),
  };
}

/** Splits on spaces, keeping quoted runs ('…' or "…", quotes removed) inside one word. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== null) throw new LaminarError('INVALID_OPTION', `unclosed ${quote} in '${text}'`);
  if (inWord) words.push(word);
  return words;
}
