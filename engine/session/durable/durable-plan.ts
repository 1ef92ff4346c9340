import { LaminarError } from '../../errors/laminar-error.js';
import { physicalChildren, type PhysicalPlan } from '../../plan/physical.js';

/**
 * Refuses a view or sink whose operators hold state a checkpoint does not capture yet:
 * UNION ALL (its inputs' watermarks), ORDER BY and LIMIT (rows and counts kept for the end).
 */
export function checkDurablePlan(p: PhysicalPlan, name: string): void {
  const what = p.op === 'union' ? 'UNION ALL' : p.op === 'sort' ? 'ORDER BY' : p.op === 'limit' ? 'LIMIT' : null;
  if (what !== null) {
    throw new LaminarError('NOT_DURABLE', `a durable session cannot checkpoint '${name}': its query uses ${what}, whose state checkpoints do not capture yet`, {
      hint: 'run it in a session without a directory, or as a plain SELECT',
    });
  }
  for (const c of physicalChildren(p)) checkDurablePlan(c, name);
}
