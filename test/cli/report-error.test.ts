import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../cli/output.js';
import { ScriptReadError } from '../../cli/read-script.js';
import { reportError } from '../../cli/report-error.js';
import { UsageError } from '../../cli/usage-error.js';
import { LaminarError } from '../../engine/index.js';

async function report(e: unknown): Promise<{ code: number; text: string }> {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (d: string) => (text += d));
  const code = await reportError(e, new Output(stream));
  await new Promise((r) => setImmediate(r));
  return { code, text };
}

describe('reportError', () => {
  it('prints a LaminarError as format() gives it, status 1', async () => {
    const e = new LaminarError('UNKNOWN_OBJECT', "no object named 'x'", { hint: 'SHOW SOURCES lists them' });
    expect(await report(e)).toEqual({ code: 1, text: "UNKNOWN_OBJECT: no object named 'x'\n  hint: SHOW SOURCES lists them\n" });
  });

  it('prints usage and unreadable-script errors without a stack, status 1', async () => {
    expect(await report(new UsageError('bad', 'laminar run --help'))).toEqual({ code: 1, text: "laminar: bad\nRun 'laminar run --help' for usage.\n" });
    expect(await report(new ScriptReadError("cannot read 'x.sql': no such file"))).toEqual({ code: 1, text: "laminar: cannot read 'x.sql': no such file\n" });
  });

  it('prints any other error as an internal error with its stack, status 2', async () => {
    const e = new TypeError('boom');
    const { code, text } = await report(e);
    expect(code).toBe(2);
    expect(text).toBe(`internal error: this is a bug in LaminarDB; please report it with the script that caused it\n${e.stack}\n`);
    expect(text).toMatch(/TypeError: boom\n\s+at /);
    expect(await report('not an Error')).toEqual({ code: 2, text: 'internal error: this is a bug in LaminarDB; please report it with the script that caused it\nnot an Error\n' });
  });
});
