import { ConnectorOptions } from '../../connectors/options.js';
import { FileSinkWriter } from '../../connectors/file/sink-writer.js';
import { readFileSinkConfig } from '../../connectors/file/sink-config.js';
import { FileSinkOutput, plainOutput } from '../../runtime/outputs.js';
import { ViewState } from '../../runtime/stores.js';
import type { CreateMaterializedView, CreateSink, CreateStream } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';
import { planQuery } from '../planning.js';
import { startQuery } from '../start-query.js';
import type { StatementResult } from '../statement-result.js';
import { dropObject } from './drop.js';
import { checkOutputNames, nameIsFree } from './object-names.js';
import { ensureLateTargets } from '../late-targets.js';
import { optionValues } from './option-values.js';
import { committedSize, DurableSink, publish } from '../durable/durable-sink.js';

type QueryObject = CreateStream | CreateMaterializedView | CreateSink;

/**
 * CREATE STREAM (a named query, computed by each reader), CREATE MATERIALIZED VIEW (a query
 * kept running, its result kept current) and CREATE SINK (a query kept running, its changes
 * written to a file).
 */
export async function createQueryObject(stmt: QueryObject, ctx: ExecContext): Promise<StatementResult> {
  const name = stmt.name.name;
  const what = stmt.kind === 'create_stream' ? 'STREAM' : stmt.kind === 'create_sink' ? 'SINK' : 'MATERIALIZED VIEW';
  if (stmt.orReplace && ctx.state.catalog.has(name) && ctx.options.skipExisting !== true) await dropObject(ctx, stmt.name, null, false);
  if (!nameIsFree(ctx, stmt.name, stmt.ifNotExists)) return { kind: 'ok', statement: stmt.kind, message: `${what.toLowerCase()} ${name} already exists` };

  // Views and sinks keep running and follow the tables they read.
  const planned = planQuery(stmt.query, ctx.source, ctx.state, stmt.kind === 'create_stream' ? undefined : 'continuous');
  const schema = planned.physical.schema;
  checkOutputNames(ctx, schema, stmt.name);
  // A view writing late rows to a stream depends on it too: dropping it must stop the view.
  const lateTargets = stmt.kind === 'create_stream' ? [] : ensureLateTargets(ctx.state, planned.physical);
  const definition = ctx.source.slice(stmt.span.start, stmt.span.end);
  const base = { name, schema, query: stmt.query, source: ctx.source, dependsOn: [...planned.reads, ...lateTargets], definition };
  const sql = ctx.source.slice(stmt.query.span.start, stmt.query.span.end);

  // A durable session checkpoints views and sinks, and resumes them from its checkpoint.
  const durable = ctx.state.durable;
  const restored = stmt.kind === 'create_stream' ? null : (durable?.restoreFor(name) ?? null);
  const hooks = durable && stmt.kind !== 'create_stream' ? durable.hooks(restored?.restore ?? null) : undefined;
  const resume = { ...(hooks ? { durable: hooks } : {}), ...(restored?.finished ? { finished: true } : {}) };

  switch (stmt.kind) {
    case 'create_stream':
      ctx.state.catalog.add({ kind: 'stream', ...base });
      break;
    case 'create_materialized_view': {
      const state = new ViewState(name, schema, planned.physical.appendOnly);
      if (restored?.rows) state.rows.apply(restored.rows);
      // Its query had finished: readers of the view (views over it) see it ended.
      if (restored?.finished) state.end();
      const query = startQuery(ctx.state, { kind: 'view', plan: planned.physical, mode: 'continuous', output: plainOutput(state), emit: 'batch', label: name, sql, origin: planned.origin, ...resume });
      ctx.state.views.set(name, { state, query, plan: planned.physical });
      ctx.state.catalog.add({ kind: 'materialized_view', ...base });
      if (durable && hooks) durable.track({ name, kind: 'view', query, hooks, sink: null, view: { rows: state.rows } });
      break;
    }
    case 'create_sink': {
      const options = new ConnectorOptions(optionValues(ctx, stmt.target.options), 'a file sink', locOf(ctx, stmt.target.span));
      const config = readFileSinkConfig(options, locOf(ctx, stmt.target.span));
      const changelog = config.changelog ?? !planned.physical.appendOnly;
      let output: FileSinkOutput | DurableSink;
      if (durable && hooks) {
        // Written in two phases: the file only ever holds committed checkpoints' output.
        if (durable.freshSinkFile()) await publish(config.path, 0, new Uint8Array(0), true);
        const sink = new DurableSink(config.path, FileSinkWriter.staged(config.path, schema, { ...config, changelog }), restored?.sink ? await committedSize(config.path) : 0);
        if (restored?.sink) sink.restoreWriter(restored.sink.writer);
        output = sink;
      } else {
        output = new FileSinkOutput(await FileSinkWriter.open(config.path, schema, { ...config, changelog }));
      }
      const query = startQuery(ctx.state, { kind: 'sink', plan: planned.physical, mode: 'continuous', output, emit: 'batch', label: name, sql, origin: planned.origin, ...resume });
      const written = output;
      ctx.state.sinks.set(name, { query, path: config.path, format: config.format, rowsWritten: () => written.rowsWritten });
      if (durable && hooks) durable.track({ name, kind: 'sink', query, hooks, sink: output as DurableSink, view: null });
      ctx.state.catalog.add({ kind: 'sink', ...base, target: { path: config.path, format: config.format } });
      break;
    }
  }
  const warnings = stmt.kind === 'create_stream' ? [] : planned.warnings;
  return { kind: 'ok', statement: stmt.kind, message: `CREATE ${what} ${name}`, ...(warnings.length > 0 ? { warnings } : {}) };
}
