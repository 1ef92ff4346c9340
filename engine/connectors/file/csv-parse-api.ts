import { Parser, type CsvError, type Info, type Options } from 'csv-parse';
import { LaminarError } from '../../errors/laminar-error.js';

/**
 * csv-parse's synchronous core. Its public interface is a Node Transform stream, whose
 * records arrive after the parser has moved on, so per-record positions would need the
 * `info` option, which copies the whole info object for every record (twice as slow in our
 * measurements). The Parser keeps its core in the `api` property: `parse(bytes, end, push,
 * close)` calls `push` synchronously for each record, while `parser.info` is live, so the
 * byte offset and line of each record can be read for free. This is not in csv-parse's type
 * declarations; tests cover it and `createCsvCore` fails loudly if a release changes it.
 */
export interface CsvCore {
  /** Parses bytes (or the end, with undefined and end = true); returns an error or undefined. */
  parse(
    bytes: Buffer | undefined,
    end: boolean,
    push: (record: unknown) => void,
    close: () => void,
  ): Error | undefined;
  /** Live counters: `bytes` after the last record's delimiter, `lines`, `empty_lines`… */
  readonly info: Info;
}

interface ParserInternals {
  readonly api?: { parse?: unknown };
}

export function createCsvCore(options: Options): CsvCore {
  const parser = new Parser(options);
  const api = (parser as unknown as ParserInternals).api;
  if (api === undefined || typeof api.parse !== 'function') {
    throw new LaminarError(
      'INTERNAL',
      'this version of csv-parse has no synchronous core (Parser.api.parse); LaminarDB needs csv-parse 6.x',
    );
  }
  const core = api as { parse: CsvCore['parse'] };
  return {
    parse: (bytes, end, push, close) => core.parse(bytes, end, push, close),
    info: parser.info,
  };
}

export type { CsvError };
