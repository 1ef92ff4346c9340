import { LaminarError } from '../../errors/laminar-error.js';
import { KIND_NAMES, type EntryKind } from '../../plan/catalog.js';
import { physicalChildren, type PhysicalPlan } from '../../plan/physical.js';
import type { Drop, Ident } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';
import type { StatementResult } from '../statement-result.js';

const KIND_OF: Readonly<Record<Drop['objectKind'], EntryKind>> = {
  SOURCE: 'source',
  TABLE: 'table',
  STREAM: 'stream',
  'MATERIALIZED VIEW': 'materialized_view',
  SINK: 'sink',
};

export async function drop(stmt: Drop, ctx: ExecContext): Promise<StatementResult> {
  const entry = ctx.state.catalog.get(stmt.name.name);
  if (!entry) {
    if (stmt.ifExists) return { kind: 'ok', statement: 'drop', message: `${stmt.objectKind.toLowerCase()} ${stmt.name.name} does not exist` };
    throw new LaminarError('UNKNOWN_OBJECT', `no ${stmt.objectKind.toLowerCase()} named '${stmt.name.name}'`, { location: locOf(ctx, stmt.name.span) });
  }
  await dropObject(ctx, stmt.name, KIND_OF[stmt.objectKind], stmt.cascade);
  return { kind: 'ok', statement: 'drop', message: `DROP ${stmt.objectKind} ${stmt.name.name}` };
}

/**
 * Drops an object: stops the queries reading it (live displays end), stops its own query (a
 * view's, a sink's), frees its data. Objects defined on it block the drop unless CASCADE.
 */
export async function dropObject(ctx: ExecContext, name: Ident, kind: EntryKind | null, cascade: boolean): Promise<void> {
  const { catalog } = ctx.state;
  const entry = catalog.get(name.name)!;
  if (kind !== null && entry.kind !== kind) {
    throw new LaminarError('WRONG_OBJECT_KIND', `'${entry.name}' is a ${KIND_NAMES[entry.kind]}, not a ${KIND_NAMES[kind]}`, {
      location: locOf(ctx, name.span),
      hint: `use DROP ${KIND_NAMES[entry.kind].toUpperCase()} ${entry.name}`,
    });
  }
  const dependents = catalog.dependents(entry.name);
  if (dependents.length > 0 && !cascade) {
    throw new LaminarError('OBJECT_IN_USE', `cannot drop ${KIND_NAMES[entry.kind]} '${entry.name}': ${dependents.map((d) => `${KIND_NAMES[d.kind]} '${d.name}'`).join(', ')} ${dependents.length === 1 ? 'reads' : 'read'} it`, {
      location: locOf(ctx, name.span),
      hint: 'drop those first, or add CASCADE to drop them too',
    });
  }
  for (const d of dependents) await dropObject(ctx, { ...name, name: d.name }, null, true);

  const state = ctx.state;
  for (const q of state.runningQueries()) if (readsObject(q.plan, entry.name)) q.cancel();
  const view = state.views.get(entry.name);
  if (view) {
    view.query.cancel();
    await view.query.done;
    state.views.delete(entry.name);
  }
  const sink = state.sinks.get(entry.name);
  if (sink) {
    sink.query.cancel();
    await sink.query.done;
    state.sinks.delete(entry.name);
  }
  state.pushLogs.get(entry.name)?.end();
  state.pushLogs.delete(entry.name);
  state.tables.delete(entry.name);
  state.forgetMetrics(entry.name);
  catalog.remove(entry.name);
}

function readsObject(p: PhysicalPlan, name: string): boolean {
  switch (p.op) {
    case 'source_scan':
      return p.source.name === name;
    case 'table_scan':
      return p.table.name === name;
    case 'view_scan':
      return p.view.name === name;
    default:
      return physicalChildren(p).some((c) => readsObject(c, name));
  }
}
