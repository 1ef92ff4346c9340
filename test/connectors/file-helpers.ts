/** Shared helpers of the file connector tests: temp dirs, sources from options, reading all. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createFileSource } from '../../engine/connectors/file/index.js';
import { ConnectorOptions, type OptionValue } from '../../engine/connectors/options.js';
import {
  SourceMetrics,
  type SourceChunk,
  type SourceConnector,
  type SourcePosition,
} from '../../engine/connectors/source.js';
import { batchRows, type Field, type Schema } from '../../engine/exec/batch/batch.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import type { SqlType } from '../../engine/types/sql-type.js';

const dirs: string[] = [];

/** A fresh temp directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'laminar-file-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

export function field(name: string, type: SqlType, nullable = true): Field {
  return { name, type, nullable };
}

export function options(values: Record<string, string | number | boolean>): ConnectorOptions {
  const list: OptionValue[] = Object.entries(values).map(([name, value]) => ({
    name,
    kind: typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean',
    value,
  }));
  return new ConnectorOptions(list, 'file source');
}

export function fileSource(
  columns: Schema | null,
  values: Record<string, string | number | boolean>,
): SourceConnector {
  return createFileSource({ name: 'src', columns, options: options(values) });
}

export interface ReadResult {
  readonly chunks: SourceChunk[];
  readonly rows: Scalar[][];
  readonly metrics: SourceMetrics;
}

export interface ReadRequest {
  columns?: readonly number[];
  batchSize?: number;
  resumeFrom?: SourcePosition;
  metrics?: SourceMetrics;
  signal?: AbortSignal;
  /** Stop after this many chunks (to take a position mid-way). */
  maxChunks?: number;
}

/** Reads a source to its end (or maxChunks), collecting chunks and rows. */
export async function readAll(source: SourceConnector, request: ReadRequest = {}): Promise<ReadResult> {
  const metrics = request.metrics ?? new SourceMetrics();
  const chunks: SourceChunk[] = [];
  const reader = source.open({
    columns: request.columns ?? source.schema.map((_, i) => i),
    signal: request.signal ?? new AbortController().signal,
    metrics,
    batchSize: request.batchSize ?? 1024,
    ...(request.resumeFrom ? { resumeFrom: request.resumeFrom } : {}),
  });
  for await (const chunk of reader) {
    chunks.push(chunk);
    if (request.maxChunks !== undefined && chunks.length >= request.maxChunks) break;
  }
  return { chunks, rows: chunks.flatMap((c) => batchRows(c.batch)), metrics };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

/** Micros of a UTC timestamp text, for expected values. */
export function ts(text: string): number {
  return Date.parse(text.replace(' ', 'T') + 'Z') * 1000;
}
