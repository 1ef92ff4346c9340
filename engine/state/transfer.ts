/**
 * The buffers a snapshot's typed arrays own, for postMessage's transfer list: a worker's
 * share of a checkpoint then moves to the coordinator without being copied again (a snapshot
 * is already a copy, see KeyedState). Views over part of a buffer, or over shared memory, are
 * left to be cloned, except views over resizable buffers: those are SnapshotBuffers' columns,
 * each the only user of its buffer.
 */
export function transferList(snapshot: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  collect(snapshot, out);
  return [...out];
}

function collect(value: unknown, out: Set<ArrayBuffer>): void {
  if (value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    const b = value.buffer;
    if (b instanceof ArrayBuffer && value.byteOffset === 0 && (value.byteLength === b.byteLength || b.resizable)) out.add(b);
    return;
  }
  if (Array.isArray(value)) {
    // Arrays of scalars (a MIN's values) are long: skip them without a call per element.
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') collect(v, out);
    }
    return;
  }
  if (value instanceof Map) {
    for (const v of value.values()) collect(v, out);
    return;
  }
  for (const v of Object.values(value)) collect(v, out);
}
