import { LaminarError } from '../errors/laminar-error.js';
import { KIND_NAMES } from '../plan/catalog.js';
import { physicalChildren, type PhysicalPlan } from '../plan/physical.js';
import { PushLog } from '../runtime/stores.js';
import type { SessionState } from './session-state.js';

/**
 * LATE DATA TO name: late rows go to a source without a connector, created on first use with
 * the columns of the windowed query's input, or an existing one with the same columns. Other
 * queries can read it like any push source.
 */
export function ensureLateTargets(state: SessionState, plan: PhysicalPlan): string[] {
  const targets: string[] = [];
  const visit = (p: PhysicalPlan) => {
    if (p.op === 'window_aggregate' && p.late) {
      const { target, schema } = p.late;
      targets.push(target);
      const entry = state.catalog.get(target);
      if (!entry) {
        const columns = schema.map((f) => `${f.name} ${f.type}`).join(', ');
        state.catalog.add({ kind: 'source', name: target, schema, connector: null, watermark: null, definition: `CREATE SOURCE ${target} (${columns}) -- late rows` });
        state.pushLogs.set(target, new PushLog(target, schema));
      } else if (entry.kind !== 'source' || entry.connector !== null) {
        throw new LaminarError('WRONG_OBJECT_KIND', `LATE DATA TO needs a source without FROM, but '${target}' is a ${entry.kind === 'source' ? 'source with a connector' : KIND_NAMES[entry.kind]}`);
      } else if (entry.schema.length !== schema.length || entry.schema.some((f, i) => f.name.toLowerCase() !== schema[i]!.name.toLowerCase() || f.type !== schema[i]!.type)) {
        throw new LaminarError('TYPE_MISMATCH', `late rows have columns (${schema.map((f) => `${f.name} ${f.type}`).join(', ')}), but source '${target}' has (${entry.schema.map((f) => `${f.name} ${f.type}`).join(', ')})`);
      }
    }
    physicalChildren(p).forEach(visit);
  };
  visit(plan);
  return targets;
}
