import { resolve } from 'node:path';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import type { ConnectorOptions } from '../options.js';

export type FileFormat = 'csv' | 'jsonl' | 'arrow';
export type OnError = 'fail' | 'skip' | 'dead_letter';

export interface CsvConfig {
  readonly header: boolean;
  readonly delimiter: string;
  /** null: no quoting at all. */
  readonly quote: string | null;
  /** The character that escapes a quote inside quotes (the quote itself by default); null: none. */
  readonly escape: string | null;
  /** A field equal to this text is NULL (besides empty fields of non-VARCHAR columns). */
  readonly nullString: string;
  /** Physical lines skipped at the start of each file, before the header. */
  readonly skipRows: number;
  /** Removes whitespace around every field value, quoted or not. */
  readonly trim: boolean;
}

export interface FileSourceConfig {
  /** The pattern as written, for messages. */
  readonly pattern: string;
  /** The pattern made absolute against process.cwd() when the source was created. */
  readonly absolutePattern: string;
  /** The directory relative paths were resolved against. */
  readonly baseDir: string;
  readonly format: FileFormat;
  readonly csv: CsvConfig | null;
  readonly onError: OnError;
  /** Absolute; set exactly when onError is 'dead_letter'. */
  readonly deadLetterPath: string | null;
}

/** The options a file source accepts, in the order the README lists them. */
export const FILE_SOURCE_OPTIONS = [
  'path',
  'format',
  'header',
  'delimiter',
  'quote',
  'escape',
  'null_string',
  'skip_rows',
  'trim',
  'on_error',
  'dead_letter_path',
] as const;

const CSV_ONLY = ['header', 'delimiter', 'quote', 'escape', 'null_string', 'skip_rows', 'trim'] as const;

const EXTENSIONS: Readonly<Record<string, FileFormat | 'tsv'>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.ipc': 'arrow',
  '.feather': 'arrow',
};

/**
 * Reads and validates the options of CREATE SOURCE … FROM FILE (…). Relative paths (the
 * pattern and dead_letter_path) resolve against process.cwd() now, at CREATE time, so a later
 * change of directory does not change what the source reads.
 */
export function readFileSourceConfig(options: ConnectorOptions, location?: SqlLocation): FileSourceConfig {
  const pattern = options.string('path');
  if (pattern.trim() === '') throw invalid("option 'path' cannot be empty", location);
  const baseDir = process.cwd();
  const absolutePattern = resolve(baseDir, pattern);
  const extension = extensionOf(pattern);
  const fromExtension = EXTENSIONS[extension];
  const given = options.has('format')
    ? options.oneOf('format', ['csv', 'tsv', 'jsonl', 'arrow'] as const)
    : undefined;
  const kind = given ?? fromExtension;
  if (kind === undefined) {
    throw invalid(
      `cannot tell the format of '${pattern}' from its extension`,
      location,
      "add format = 'csv', 'jsonl' or 'arrow'",
    );
  }
  const format: FileFormat = kind === 'tsv' ? 'csv' : kind;
  let csv: CsvConfig | null = null;
  if (format === 'csv') {
    const tab = kind === 'tsv' || (given === undefined && extension === '.tsv');
    const quote = character(options, 'quote', '"', location, true);
    csv = {
      header: options.boolean('header', true),
      delimiter: character(options, 'delimiter', tab ? '\t' : ',', location, false)!,
      quote,
      // Without the option, a quote inside quotes is written twice (""), as RFC 4180 says.
      escape: options.has('escape') ? character(options, 'escape', '"', location, true) : quote,
      nullString: options.string('null_string', ''),
      skipRows: options.number('skip_rows', { fallback: 0, integer: true, min: 0 }),
      trim: options.boolean('trim', false),
    };
    if (csv.quote !== null && csv.quote === csv.delimiter)
      throw invalid('the quote and the delimiter must differ', location);
  } else {
    for (const name of CSV_ONLY) {
      if (options.has(name))
        throw invalid(`option '${name}' applies to CSV files only, not to format '${format}'`, location);
    }
  }
  const onError = options.oneOf('on_error', ['fail', 'skip', 'dead_letter'] as const, 'fail');
  const deadLetter = options.optionalString('dead_letter_path');
  if (onError === 'dead_letter' && (deadLetter === undefined || deadLetter.trim() === '')) {
    throw invalid(
      "on_error = 'dead_letter' needs option 'dead_letter_path', the file that receives bad rows",
      location,
    );
  }
  if (onError !== 'dead_letter' && deadLetter !== undefined) {
    throw invalid(
      `option 'dead_letter_path' needs on_error = 'dead_letter' (on_error is '${onError}')`,
      location,
    );
  }
  options.done();
  return {
    pattern,
    absolutePattern,
    baseDir,
    format,
    csv,
    onError,
    deadLetterPath: deadLetter === undefined ? null : resolve(baseDir, deadLetter),
  };
}

function extensionOf(pattern: string): string {
  const name = pattern.slice(pattern.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/**
 * A one-character option. 'tab' and the two characters \t mean a tab, since SQL strings have
 * no escapes. With `allowEmpty`, '' turns the feature off (null).
 */
function character(
  options: ConnectorOptions,
  name: string,
  fallback: string,
  location: SqlLocation | undefined,
  allowEmpty: boolean,
): string | null {
  const raw = options.string(name, fallback);
  const value = raw === '\\t' || raw.toLowerCase() === 'tab' ? '\t' : raw;
  if (value === '' && allowEmpty) return null;
  if ([...value].length !== 1 || value === '\n' || value === '\r') {
    throw invalid(
      `option '${name}' must be one character${allowEmpty ? " (or '' for none)" : ''}, not '${raw}'`,
      location,
    );
  }
  return value;
}

function invalid(message: string, location: SqlLocation | undefined, hint?: string): LaminarError {
  return new LaminarError('INVALID_OPTION', message, {
    ...(location ? { location } : {}),
    ...(hint ? { hint } : {}),
  });
}
