/**
 * The FILE source: CREATE SOURCE name (col TYPE [NOT NULL], …) FROM FILE (path = 'data/*.csv', …).
 * Options and their semantics are listed in config.ts and docs/decisions/file-sources.md.
 */
import { arrowSchemaToSchema } from '../../exec/batch/arrow.js';
import type { Schema } from '../../exec/batch/batch.js';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import type {
  ScanRequest,
  SourceChunk,
  SourceConnector,
  SourceDefinition,
  SourceFactory,
  SourcePosition,
  SourceReader,
} from '../source.js';
import { peekArrowSchema } from './arrow-schema.js';
import { readArrowFile } from './arrow-reader.js';
import { BadRowPolicy } from './bad-rows.js';
import { readFileSourceConfig, type FileSourceConfig } from './config.js';
import { readCsvFile } from './csv-reader.js';
import { resolveFiles, resolveFilesSync, type SourceFile } from './files.js';
import { readJsonlFile } from './jsonl-reader.js';
import { FILE_START, type FileReadContext, type FileStart } from './read-context.js';

export { FILE_SOURCE_OPTIONS } from './config.js';

export const createFileSource: SourceFactory = (def) => new FileSource(def);

class FileSource implements SourceConnector {
  readonly schema: Schema;
  readonly bounded = true;
  private readonly config: FileSourceConfig;

  constructor(def: SourceDefinition) {
    this.config = readFileSourceConfig(def.options, def.location);
    this.schema = def.columns ?? schemaFromFiles(this.config, def.location);
  }

  describe(): string {
    const c = this.config;
    let files: string;
    try {
      const n = resolveFilesSync(c.absolutePattern, c.pattern, c.baseDir).length;
      files = `${n} ${n === 1 ? 'file' : 'files'}`;
    } catch {
      files = 'no file yet';
    }
    return `file ${c.pattern} (${c.format}, ${files}, on_error ${c.onError})`;
  }

  open(request: ScanRequest): SourceReader {
    return this.read(request);
  }

  private async *read(request: ScanRequest): AsyncGenerator<SourceChunk> {
    if (request.signal.aborted) return;
    const c = this.config;
    // Files are listed when a reader starts, so a query sees the files present at that time.
    const files = await resolveFiles(c.absolutePattern, c.pattern, c.baseDir);
    const { index: first, start } = startOf(files, request.resumeFrom, c.pattern);
    const bad = await BadRowPolicy.open(c.onError, c.deadLetterPath, request.metrics);
    try {
      for (let index = first; index < files.length; index++) {
        if (request.signal.aborted) return;
        const ctx: FileReadContext = {
          file: files[index]!,
          index,
          schema: this.schema,
          columns: request.columns,
          batchSize: Math.max(1, Math.floor(request.batchSize)),
          signal: request.signal,
          metrics: request.metrics,
          bad,
          start: index === first ? start : FILE_START,
        };
        if (c.format === 'csv') yield* readCsvFile(ctx, c.csv!);
        else if (c.format === 'jsonl') yield* readJsonlFile(ctx);
        else yield* readArrowFile(ctx);
      }
    } finally {
      await bad.close();
    }
  }
}

/** The schema of a source declared without columns: only Arrow files carry one. */
function schemaFromFiles(config: FileSourceConfig, location: SqlLocation | undefined): Schema {
  const at = (e: unknown) => (e instanceof LaminarError && location !== undefined ? e.at(location) : e);
  if (config.format !== 'arrow') {
    const kind = config.format === 'csv' ? 'a CSV' : 'a JSON lines';
    throw new LaminarError('INVALID_OPTION', `${kind} file source needs its columns declared`, {
      ...(location ? { location } : {}),
      hint: "e.g. CREATE SOURCE trades (ts TIMESTAMP, symbol VARCHAR, price DOUBLE) FROM FILE (path = '…'); only Arrow files carry their own schema",
    });
  }
  try {
    const files = resolveFilesSync(config.absolutePattern, config.pattern, config.baseDir);
    return arrowSchemaToSchema(peekArrowSchema(files[0]!));
  } catch (e) {
    throw at(e);
  }
}

/** The file to start with and where in it, from a position of an earlier reader. */
function startOf(
  files: readonly SourceFile[],
  position: SourcePosition | undefined,
  pattern: string,
): { index: number; start: FileStart } {
  if (position === undefined) return { index: 0, start: FILE_START };
  const num = (key: string): number => {
    const v = position[key];
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw badPosition(`'${key}' is ${JSON.stringify(v)}`);
    return v;
  };
  let index = num('file');
  const path = position['path'];
  if (typeof path === 'string' && files[index]?.display !== path) {
    // The glob matches other files now (one was added or removed before it): follow the path.
    index = files.findIndex((f) => f.display === path);
    if (index < 0) {
      throw new LaminarError(
        'IO_ERROR',
        `cannot resume reading '${pattern}': the file '${path}' it was reading is gone`,
      );
    }
  }
  return { index, start: { offset: num('offset'), line: num('line'), row: num('row') } };
}

function badPosition(why: string): LaminarError {
  return new LaminarError('INTERNAL', `invalid file source position: ${why}`);
}
