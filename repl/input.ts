import { completeness } from '../engine/index.js';

/** One thing to run: SQL (one or more statements) or a dot command such as `.mode csv`. */
export type Unit =
  | { readonly kind: 'sql'; readonly text: string }
  | { readonly kind: 'command'; readonly name: string; readonly arg: string };

/** A dot command: `.name rest` on a line of its own (not `.5`, a number). */
export function parseCommand(line: string): { name: string; arg: string } | null {
  const m = /^\s*\.([A-Za-z][\w-]*)(?:\s+(.*?))?\s*$/.exec(line);
  return m === null ? null : { name: m[1]!.toLowerCase(), arg: m[2] ?? '' };
}

/**
 * Whether SQL typed so far can run: 'complete' when every statement ends with ';' (and
 * nothing is left open), 'more' while a statement goes on, 'run-now' when no added text can
 * make it valid (a stray ')'): it runs at once, so that its error is shown.
 */
export function sqlReadiness(text: string): 'complete' | 'more' | 'run-now' {
  if (text.trim() === '') return 'more';
  const c = completeness(text);
  return c.status === 'complete' ? 'complete' : c.status === 'invalid' ? 'run-now' : 'more';
}

/** The indentation the engine suggests for the next line of an unfinished statement. */
export function nextIndent(text: string): string {
  const c = completeness(text);
  return c.status === 'incomplete' ? c.indent : '';
}

/**
 * Splits a script read line by line into units, as the interactive shell would have run
 * them: a dot command on a line of its own between statements, SQL up to the line where it
 * is complete.
 */
export class InputAssembler {
  private lines: string[] = [];

  /** Takes a line; gives the unit it completes, if any. */
  push(line: string): Unit | null {
    if (this.lines.length === 0) {
      if (line.trim() === '') return null;
      const command = parseCommand(line);
      if (command !== null) return { kind: 'command', ...command };
    }
    this.lines.push(line);
    const text = this.lines.join('\n');
    if (sqlReadiness(text) === 'more') return null;
    this.lines = [];
    return { kind: 'sql', text };
  }

  /** At the end of the input: what is left (a last statement without ';'), if anything. */
  finish(): Unit | null {
    const text = this.lines.join('\n');
    this.lines = [];
    return text.trim() === '' ? null : { kind: 'sql', text };
  }
}

/**
 * Runs a script's text unit by unit, as if typed, until a unit's outcome is not 'ok' (which
 * is returned). A leading byte-order mark is skipped.
 */
export async function runUnits<O extends string>(text: string, run: (unit: Unit) => Promise<O | 'ok'>): Promise<O | 'ok'> {
  const input = new InputAssembler();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const unit = input.push(line);
    if (unit === null) continue;
    const outcome = await run(unit);
    if (outcome !== 'ok') return outcome;
  }
  const last = input.finish();
  return last === null ? 'ok' : run(last);
}
