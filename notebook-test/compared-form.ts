import { tableFromIPC } from 'apache-arrow';
import { sanitize, type Sanitizer } from './cell-options.js';
import { isMap, type Json, type Output } from './notebook.js';

const ARROW = 'application/vnd.apache.arrow.stream';
const VEGA_LITE = /^application\/vnd\.vegalite\.v\d+\+json$/;

/**
 * The form in which outputs are compared, as lines of text: equal forms are equal outputs,
 * and a unified diff of two forms is what a mismatch shows. Each output is a header line
 * (`[1] display_data`) and one section per MIME type:
 *
 * - text/plain and stream text exactly;
 * - text/html with runs of whitespace collapsed (and none between tags), one tag per line;
 * - Arrow IPC by value: the schema, then each row as JSON;
 * - Vega-Lite by what it draws: the mark, the encoding and each data value as JSON (not the
 *   title, where a live chart's status line goes, nor sizes);
 * - errors by their code (ename) alone;
 * - consecutive stream outputs of one name as one;
 * - other MIME types (the SVG drawn from the Vega-Lite spec) by their presence only.
 *
 * Sanitizers then apply to every line.
 */
export function comparedForm(outputs: readonly Output[], sanitizers: readonly Sanitizer[]): string[] {
  const lines: string[] = [];
  coalesceStreams(outputs).forEach((out, i) => {
    const head = `[${i + 1}] ${out.output_type}`;
    switch (out.output_type) {
      case 'stream':
        lines.push(`${head} ${out.name}`, ...textLines(out.text).map(indent));
        break;
      case 'error':
        lines.push(`${head} ${out.ename}`);
        break;
      case 'display_data':
      case 'execute_result':
        lines.push(head);
        for (const mime of Object.keys(out.data).sort()) lines.push(...mimeSection(mime, out.data[mime]!));
    }
  });
  if (lines.length === 0) lines.push('(no outputs)');
  return lines.map((l) => sanitize(l, sanitizers));
}

/** Consecutive stream outputs of one name as one (nbclient keeps them apart; JupyterLab and nbconvert merge them). */
function coalesceStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const out of outputs) {
    const last = merged.at(-1);
    if (out.output_type === 'stream' && last?.output_type === 'stream' && last.name === out.name) merged[merged.length - 1] = { ...last, text: last.text + out.text };
    else merged.push(out);
  }
  return merged;
}

function mimeSection(mime: string, value: Json): string[] {
  if (mime === 'text/plain') return [`${mime}:`, ...textLines(text(value)).map(indent)];
  if (mime === 'text/html') return [`${mime} (whitespace normalized):`, ...normalizeHtml(text(value)).map(indent)];
  if (mime === ARROW) return [`${mime} (by value):`, ...arrowLines(text(value)).map(indent)];
  if (VEGA_LITE.test(mime) && isMap(value)) return [`${mime} (mark, encoding, data):`, ...vegaLiteLines(value).map(indent)];
  return [`${mime}: (not compared)`];
}

function text(v: Json): string {
  if (Array.isArray(v)) return v.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function textLines(t: string): string[] {
  const lines = t.split('\n');
  // A final newline is kept visible: "a\n" and "a" differ.
  if (lines.at(-1) === '') lines[lines.length - 1] = '⏎';
  return lines;
}

const indent = (l: string): string => `  ${l}`;

export function normalizeHtml(html: string): string[] {
  const flat = html.replace(/\s+/g, ' ').replace(/>\s+</g, '><').trim();
  return flat === '' ? [] : flat.replace(/></g, '>\n<').split('\n');
}

function arrowLines(base64: string): string[] {
  try {
    const table = tableFromIPC(Buffer.from(base64, 'base64'));
    const lines = [`schema: ${table.schema.fields.map((f) => `${f.name} ${String(f.type)}${f.nullable ? '' : ' NOT NULL'}`).join(', ')}`];
    for (let i = 0; i < table.numRows; i++) {
      const row = Object.fromEntries(table.schema.fields.map((f, c) => [f.name, table.getChildAt(c)?.get(i) as unknown]));
      lines.push(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    }
    return lines;
  } catch (e) {
    return [`(not Arrow IPC: ${(e as Error).message})`];
  }
}

function vegaLiteLines(spec: { [k: string]: Json }): string[] {
  const inner = isMap(spec.spec) ? spec.spec : spec;
  const data = isMap(spec.data) && Array.isArray(spec.data.values) ? spec.data.values : [];
  const lines = [`mark: ${stable(inner.mark ?? null)}`, `encoding: ${stable(inner.encoding ?? null)}`];
  if (spec.facet !== undefined) lines.push(`facet: ${stable(spec.facet)}`);
  lines.push(`data: ${data.length} value${data.length === 1 ? '' : 's'}`, ...data.map((v) => stable(v)));
  return lines;
}

/** JSON with keys sorted, so key order does not count. */
function stable(v: Json): string {
  return JSON.stringify(v, (_k, value: unknown) => (isMap(value) ? Object.fromEntries(Object.entries(value as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value));
}
