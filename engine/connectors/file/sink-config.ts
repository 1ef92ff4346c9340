import { resolve } from 'node:path';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import type { ConnectorOptions } from '../options.js';
import type { FileSinkOptions, SinkFormat } from './sink-writer.js';

export interface FileSinkConfig extends FileSinkOptions {
  /** Absolute: relative paths resolve against process.cwd() when the sink is created. */
  readonly path: string;
}

/** The options a file sink accepts. */
export const FILE_SINK_OPTIONS = [
  'path',
  'format',
  'changelog',
  'header',
  'delimiter',
  'null_string',
] as const;

/**
 * Reads CREATE SINK name INTO FILE (path = 'out.csv', format = 'csv' | 'jsonl' | 'debezium', changelog,
 * header, delimiter, null_string). The format defaults from the extension (.csv, .tsv with a
 * tab delimiter, .jsonl, .ndjson, .json); `changelog` is left unset unless given, so the
 * writer decides from the first batch (see FileSinkOptions).
 */
export function readFileSinkConfig(options: ConnectorOptions, location?: SqlLocation): FileSinkConfig {
  const path = options.string('path');
  if (path.trim() === '') throw invalid("option 'path' cannot be empty", location);
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const fromExt =
    ext === '.csv' || ext === '.tsv'
      ? 'csv'
      : ext === '.jsonl' || ext === '.ndjson' || ext === '.json'
        ? 'jsonl'
        : undefined;
  const format: SinkFormat | undefined = options.has('format')
    ? options.oneOf('format', ['csv', 'jsonl', 'debezium'] as const)
    : fromExt;
  if (format === undefined)
    throw invalid(
      `cannot tell the format of '${path}' from its extension`,
      location,
      "add format = 'csv', 'jsonl' or 'debezium'",
    );
  if (format === 'debezium' && options.has('changelog'))
    throw invalid("option 'changelog' does not apply to format 'debezium'", location, 'its envelope always carries the change');
  const changelog = options.has('changelog') ? options.boolean('changelog') : undefined;
  let csv: Pick<FileSinkOptions, 'header' | 'delimiter' | 'nullString'> = {};
  if (format === 'csv') {
    const raw = options.string('delimiter', ext === '.tsv' ? '\t' : ',');
    const delimiter = raw === '\\t' || raw.toLowerCase() === 'tab' ? '\t' : raw;
    if ([...delimiter].length !== 1 || /["\r\n]/.test(delimiter))
      throw invalid(`option 'delimiter' must be one character, not '${raw}'`, location);
    csv = {
      header: options.boolean('header', true),
      delimiter,
      nullString: options.string('null_string', ''),
    };
  } else {
    for (const name of ['header', 'delimiter', 'null_string']) {
      if (options.has(name)) throw invalid(`option '${name}' applies to CSV files only`, location);
    }
  }
  options.done();
  return {
    path: resolve(process.cwd(), path),
    format,
    ...(changelog === undefined ? {} : { changelog }),
    ...csv,
  };
}

function invalid(message: string, location: SqlLocation | undefined, hint?: string): LaminarError {
  return new LaminarError('INVALID_OPTION', message, {
    ...(location ? { location } : {}),
    ...(hint ? { hint } : {}),
  });
}
