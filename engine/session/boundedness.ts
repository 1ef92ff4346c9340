import type { MaterializedViewEntry, SourceEntry, TableEntry } from '../plan/catalog.js';
import { physicalChildren, type LoweringContext, type PhysicalPlan } from '../plan/physical.js';
import type { SessionState } from './session-state.js';

/**
 * Whether a query's inputs end. A query runs in one of two modes:
 * - snapshot: every input is finite right now — bounded sources, tables (their current rows)
 *   and views over such inputs (their contents once caught up). It runs to a complete result.
 * - continuous: some input is unbounded. Tables and views are then followed: their current
 *   rows, then every change.
 */
export type QueryMode = 'snapshot' | 'continuous';

export function loweringContext(state: SessionState, mode: QueryMode): LoweringContext {
  return {
    isBounded: (entry) => isBounded(state, entry, mode),
    viewAppendOnly: (view) => state.views.get(view.name)?.plan.appendOnly ?? false,
    viewEventTime: (view) => state.views.get(view.name)?.plan.eventTime ?? null,
  };
}

function isBounded(state: SessionState, entry: SourceEntry | TableEntry | MaterializedViewEntry, mode: QueryMode): boolean {
  switch (entry.kind) {
    case 'source':
      return sourceEnds(state, entry);
    case 'table':
      return mode === 'snapshot';
    case 'materialized_view': {
      const view = state.views.get(entry.name);
      if (!view) return false;
      if (view.query.status !== 'running') return true;
      return leavesAll(view.plan, (leaf) => {
        if (leaf.op === 'source_scan') return sourceEnds(state, leaf.source);
        if (leaf.op === 'table_scan') return mode === 'snapshot';
        if (leaf.op === 'view_scan') return isBounded(state, leaf.view, mode);
        return true;
      });
    }
  }
}

function sourceEnds(state: SessionState, source: SourceEntry): boolean {
  return source.connector ? source.connector.bounded : state.pushLogs.get(source.name)?.ended ?? false;
}

function leavesAll(p: PhysicalPlan, test: (leaf: PhysicalPlan) => boolean): boolean {
  const kids = physicalChildren(p);
  return kids.length === 0 ? test(p) : kids.every((k) => leavesAll(k, test));
}
