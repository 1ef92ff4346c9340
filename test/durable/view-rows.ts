import type { Session } from '../../engine/index.js';

/** A view's current rows once its query is idle, sorted by the first column. */
export async function viewRows(s: Session, name: string): Promise<unknown[][]> {
  const sub = await s.subscribe(name);
  await s.waitIdle(s.queries().filter((q) => q.kind === 'view').map((q) => q.id));
  const r = sub.snapshot().rows();
  sub.cancel();
  return r.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}
