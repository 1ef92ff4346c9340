import { readInt64 } from '../exec/batch/int64.js';
import type { Column, Scalar } from '../exec/batch/column.js';
import type { SqlType } from '../types/sql-type.js';
import { firstIds, gather } from './gather.js';
import type { SnapshotBuffers } from './snapshot-buffers.js';

const EMPTY = 0;
const TOMBSTONE = -1;

/**
 * Maps group keys to dense group ids, for GROUP BY. Every key column is normalized to a
 * number per row (strings through an intern table, looked up once per dictionary entry per
 * batch; booleans 0/1) plus a NULL flag, then hashed into an open-addressing table of ids.
 * Removed groups leave tombstones and their ids are reused.
 */
export class GroupTable {
  private readonly width: number;
  private capacity = 0;
  /** Key values per column, by group id. */
  private keyValues: Float64Array[];
  private keyNulls: Uint8Array[];
  private live: Uint8Array;
  private count = 0;
  private nextId = 0;
  private readonly freeIds: number[] = [];
  /** Hash slots holding group id + 1, EMPTY or TOMBSTONE. */
  private slots = new Int32Array(16);
  private used = 0;
  /** Interned strings, per VARCHAR key column. */
  private readonly interned: (Map<string, number> | null)[];
  private readonly strings: (string[] | null)[];
  /** 0, 1, 2, … (see liveIdArray); never written once made. */
  private identity: Int32Array = new Int32Array(0);
  private readonly scratch = new Float64Array(1);
  private readonly scratchWords = new Int32Array(this.scratch.buffer);

  constructor(readonly keyTypes: readonly SqlType[]) {
    this.width = keyTypes.length;
    this.keyValues = keyTypes.map(() => new Float64Array(0));
    this.keyNulls = keyTypes.map(() => new Uint8Array(0));
    this.live = new Uint8Array(0);
    this.interned = keyTypes.map((t) => (t === 'VARCHAR' ? new Map() : null));
    this.strings = keyTypes.map((t) => (t === 'VARCHAR' ? [] : null));
    this.grow(64);
  }

  get size(): number {
    return this.count;
  }

  /** One past the largest id ever handed out: accumulator arrays must cover this. */
  get idLimit(): number {
    return this.nextId;
  }

  isLive(id: number): boolean {
    return this.live[id] === 1;
  }

  /** Group ids of the rows of `keys` (columns of one batch), creating missing groups. */
  assign(keys: readonly Column[], n: number, out: Int32Array): void {
    const norm = keys.map((c, k) => this.normalize(c, k, n));
    if (this.width === 1 && norm[0]!.nulls === null) {
      const values = norm[0]!.values;
      for (let i = 0; i < n; i++) out[i] = this.findOrAdd1(values[i]!);
      return;
    }
    if (this.width === 2 && norm[0]!.nulls === null && norm[1]!.nulls === null) {
      const a = norm[0]!.values;
      const b = norm[1]!.values;
      for (let i = 0; i < n; i++) out[i] = this.findOrAdd2(a[i]!, b[i]!);
      return;
    }
    const rowValues = new Float64Array(this.width);
    const rowNulls = new Uint8Array(this.width);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < this.width; k++) {
        const nk = norm[k]!;
        const isNull = nk.nulls !== null && nk.nulls[i] === 1;
        rowNulls[k] = isNull ? 1 : 0;
        rowValues[k] = isNull ? 0 : nk.values[i]!;
      }
      out[i] = this.findOrAdd(rowValues, rowNulls);
    }
  }

  /** The id of the group with these key values (scalars of the key types), creating it. */
  add(key: readonly Scalar[]): number {
    const values = new Float64Array(this.width);
    const nulls = new Uint8Array(this.width);
    key.forEach((v, k) => {
      if (v === null) nulls[k] = 1;
      else if (typeof v === 'string') values[k] = this.intern(k, v);
      else values[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    return this.findOrAdd(values, nulls);
  }

  private intern(k: number, s: string): number {
    const map = this.interned[k]!;
    let id = map.get(s);
    if (id === undefined) {
      id = this.strings[k]!.push(s) - 1;
      map.set(s, id);
    }
    return id;
  }

  /** The id of the group with no key (a global aggregate), creating it. */
  globalGroup(): number {
    return this.findOrAdd(new Float64Array(0), new Uint8Array(0));
  }

  /** Removes a group (its id may be handed out again); removing a removed id does nothing. */
  remove(id: number): void {
    if (this.live[id] !== 1) return;
    const slot = this.findSlotOf(id);
    if (slot >= 0) this.slots[slot] = TOMBSTONE;
    this.live[id] = 0;
    this.count--;
    this.freeIds.push(id);
  }

  /** The key value of column k for a group, as a scalar of the key's type. */
  keyValue(id: number, k: number): Scalar {
    if (this.keyNulls[k]![id] === 1) return null;
    const v = this.keyValues[k]![id]!;
    switch (this.keyTypes[k]) {
      case 'VARCHAR':
        return this.strings[k]![v]!;
      case 'BOOLEAN':
        return v === 1;
      default:
        return v;
    }
  }

  /** Live group ids, in creation order of their current ids. */
  liveIds(): number[] {
    const ids: number[] = [];
    for (let id = 0; id < this.nextId; id++) if (this.live[id] === 1) ids.push(id);
    return ids;
  }

  /** Live group ids, ascending, as one array (a checkpoint's list of groups). */
  liveIdArray(): Int32Array {
    // No group ever removed: ids 0 … n-1, from an array kept for that (checkpoints allocate enough).
    if (this.count === this.nextId) {
      if (this.identity.length < this.count) this.identity = firstIds(Math.max(this.count, this.identity.length * 2));
      return this.identity.subarray(0, this.count);
    }
    const ids = new Int32Array(this.count);
    let n = 0;
    for (let id = 0; id < this.nextId; id++) if (this.live[id] === 1) ids[n++] = id;
    return ids;
  }

  /**
   * The keys of the groups `ids` (ascending), copied as columns. Strings are renumbered to the
   * ones those groups use, so a snapshot carries no strings of groups long gone.
   */
  captureKeys(ids: Int32Array, buffers?: SnapshotBuffers): GroupKeys {
    const values: Float64Array[] = [];
    const nulls: (Uint8Array | null)[] = [];
    const strings: (string[] | null)[] = [];
    for (let k = 0; k < this.width; k++) {
      const v = gather(this.keyValues[k]!, ids, buffers);
      const isNull = this.keyNulls[k]!.subarray(0, this.nextId).includes(1) ? gather(this.keyNulls[k]!, ids, buffers) : null;
      nulls.push(isNull);
      const all = this.strings[k]!;
      if (all === null) strings.push(null);
      else {
        const used: string[] = [];
        const renumber = new Int32Array(all.length).fill(-1);
        for (let i = 0; i < v.length; i++) {
          if (isNull !== null && isNull[i] === 1) continue;
          const old = v[i]!;
          if (renumber[old]! < 0) renumber[old] = used.push(all[old]!) - 1;
          v[i] = renumber[old]!;
        }
        strings.push(used);
      }
      values.push(v);
    }
    return { count: ids.length, values, nulls, strings };
  }

  /** A table of exactly the groups in `keys`, with ids 0 … count-1 in their order (a restore). */
  static load(keyTypes: readonly SqlType[], keys: GroupKeys): GroupTable {
    const t = new GroupTable(keyTypes);
    const n = keys.count;
    if (keys.values.length !== t.width) throw new Error(`a snapshot of ${keys.values.length} key columns for a table of ${t.width}`);
    t.grow(Math.max(64, n));
    for (let k = 0; k < t.width; k++) {
      t.keyValues[k]!.set(keys.values[k]!);
      const nulls = keys.nulls[k];
      if (nulls) t.keyNulls[k]!.set(nulls);
      const strings = keys.strings[k];
      if (strings) {
        t.strings[k] = strings.slice();
        const map = t.interned[k]!;
        for (let i = 0; i < strings.length; i++) map.set(strings[i]!, i);
      }
    }
    t.live.fill(1, 0, n);
    t.nextId = n;
    t.count = n;
    t.rehash();
    return t;
  }

  // ── internals ──

  /** Key column values as numbers (+ null flags), per row of the batch. */
  private normalize(col: Column, k: number, n: number): { values: ArrayLike<number>; nulls: Uint8Array | null } {
    let nulls: Uint8Array | null = null;
    if (col.validity !== null) {
      nulls = new Uint8Array(n);
      const v = col.validity;
      for (let i = 0; i < n; i++) nulls[i] = (v[i >> 3]! >> (i & 7)) & 1 ? 0 : 1;
    }
    switch (col.type) {
      case 'INT':
      case 'DOUBLE':
        return { values: col.data, nulls };
      case 'BIGINT':
      case 'TIMESTAMP':
      case 'INTERVAL': {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = readInt64(col.data, i);
        return { values, nulls };
      }
      case 'BOOLEAN': {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = (col.data[i >> 3]! >> (i & 7)) & 1;
        return { values, nulls };
      }
      case 'VARCHAR': {
        // Intern each dictionary entry the batch uses, once.
        const remap = new Int32Array(col.dict.length).fill(-1);
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          if (nulls !== null && nulls[i] === 1) continue;
          const code = col.data[i]!;
          let id = remap[code]!;
          if (id < 0) {
            id = this.intern(k, col.dict[code]!);
            remap[code] = id;
          }
          values[i] = id;
        }
        return { values, nulls };
      }
    }
  }

  private hash1(v: number): number {
    let h: number;
    if ((v | 0) === v) {
      h = Math.imul(v, 0x9e3779b1);
    } else {
      this.scratch[0] = v;
      h = Math.imul(this.scratchWords[0]! ^ Math.imul(this.scratchWords[1]!, 0x85ebca6b), 0x9e3779b1);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    return h;
  }

  /** Fast path: one key column, no NULLs. */
  private findOrAdd1(v: number): number {
    const mask = this.slots.length - 1;
    let s = this.hash1(v) & mask;
    let tomb = -1;
    const keys = this.keyValues[0]!;
    for (;;) {
      const e = this.slots[s]!;
      if (e === EMPTY) break;
      if (e === TOMBSTONE) {
        if (tomb < 0) tomb = s;
      } else if ((keys[e - 1] === v || (v !== v && keys[e - 1] !== keys[e - 1])) && this.keyNulls[0]![e - 1] === 0) {
        return e - 1;
      }
      s = (s + 1) & mask;
    }
    // newId() may grow (reallocate) the key arrays: write through the fields, not `keys`.
    const id = this.newId();
    this.keyValues[0]![id] = v;
    this.keyNulls[0]![id] = 0;
    this.place(tomb >= 0 ? tomb : s, id, tomb >= 0);
    return id;
  }

  /**
   * Fast path: two key columns, no NULLs (a window and one key, or two keys). Must agree with
   * hashRow, which rehash and remove use.
   */
  private findOrAdd2(a: number, b: number): number {
    const mask = this.slots.length - 1;
    let h = Math.imul(0x12345 ^ this.hash1(a), 0x01000193);
    h = Math.imul(h ^ this.hash1(b), 0x01000193);
    h ^= h >>> 16;
    let s = h & mask;
    let tomb = -1;
    const ka = this.keyValues[0]!;
    const kb = this.keyValues[1]!;
    const na = this.keyNulls[0]!;
    const nb = this.keyNulls[1]!;
    for (;;) {
      const e = this.slots[s]!;
      if (e === EMPTY) break;
      if (e === TOMBSTONE) {
        if (tomb < 0) tomb = s;
      } else {
        const id = e - 1;
        if (
          (ka[id] === a || (a !== a && ka[id] !== ka[id])) &&
          (kb[id] === b || (b !== b && kb[id] !== kb[id])) &&
          na[id] === 0 &&
          nb[id] === 0
        )
          return id;
      }
      s = (s + 1) & mask;
    }
    const id = this.newId();
    this.keyValues[0]![id] = a;
    this.keyValues[1]![id] = b;
    this.keyNulls[0]![id] = 0;
    this.keyNulls[1]![id] = 0;
    this.place(tomb >= 0 ? tomb : s, id, tomb >= 0);
    return id;
  }

  private hashRow(values: Float64Array, nulls: Uint8Array): number {
    let h = 0x12345;
    for (let k = 0; k < this.width; k++) {
      h = Math.imul(h ^ (nulls[k] === 1 ? 0x5bd1e995 : this.hash1(values[k]!)), 0x01000193);
    }
    h ^= h >>> 16;
    return h;
  }

  /** The hash of a key; must agree with findOrAdd1 for a single non-null key. */
  private hashOf(values: Float64Array, nulls: Uint8Array): number {
    return this.width === 1 && nulls[0] === 0 ? this.hash1(values[0]!) : this.hashRow(values, nulls);
  }

  private findOrAdd(values: Float64Array, nulls: Uint8Array): number {
    const mask = this.slots.length - 1;
    let s = this.hashOf(values, nulls) & mask;
    let tomb = -1;
    for (;;) {
      const e = this.slots[s]!;
      if (e === EMPTY) break;
      if (e === TOMBSTONE) {
        if (tomb < 0) tomb = s;
      } else if (this.rowEquals(e - 1, values, nulls)) {
        return e - 1;
      }
      s = (s + 1) & mask;
    }
    const id = this.newId();
    for (let k = 0; k < this.width; k++) {
      this.keyValues[k]![id] = values[k]!;
      this.keyNulls[k]![id] = nulls[k]!;
    }
    this.place(tomb >= 0 ? tomb : s, id, tomb >= 0);
    return id;
  }

  private rowEquals(id: number, values: Float64Array, nulls: Uint8Array): boolean {
    for (let k = 0; k < this.width; k++) {
      const n = this.keyNulls[k]![id]!;
      if (n !== nulls[k]) return false;
      if (n === 0 && this.keyValues[k]![id] !== values[k] && !(Number.isNaN(values[k]) && Number.isNaN(this.keyValues[k]![id]))) return false;
    }
    return true;
  }

  private newId(): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.nextId++;
    if (id >= this.capacity) this.grow(this.capacity * 2);
    this.live[id] = 1;
    this.count++;
    return id;
  }

  private place(slot: number, id: number, reusedTombstone: boolean): void {
    this.slots[slot] = id + 1;
    if (!reusedTombstone) this.used++;
    if (this.used * 2 > this.slots.length) this.rehash();
  }

  private findSlotOf(id: number): number {
    const mask = this.slots.length - 1;
    const values = new Float64Array(this.width);
    const nulls = new Uint8Array(this.width);
    for (let k = 0; k < this.width; k++) {
      values[k] = this.keyValues[k]![id]!;
      nulls[k] = this.keyNulls[k]![id]!;
    }
    let s = this.hashOf(values, nulls) & mask;
    for (;;) {
      const e = this.slots[s]!;
      if (e === EMPTY) return -1;
      if (e === id + 1) return s;
      s = (s + 1) & mask;
    }
  }

  private rehash(): void {
    const size = Math.max(16, nextPow2(this.count * 4));
    this.slots = new Int32Array(size);
    this.used = 0;
    const mask = size - 1;
    const values = new Float64Array(this.width);
    const nulls = new Uint8Array(this.width);
    for (let id = 0; id < this.nextId; id++) {
      if (this.live[id] !== 1) continue;
      for (let k = 0; k < this.width; k++) {
        values[k] = this.keyValues[k]![id]!;
        nulls[k] = this.keyNulls[k]![id]!;
      }
      let s = this.hashOf(values, nulls) & mask;
      while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
      this.slots[s] = id + 1;
      this.used++;
    }
  }

  private grow(capacity: number): void {
    this.keyValues = this.keyValues.map((a) => copyInto(new Float64Array(capacity), a));
    this.keyNulls = this.keyNulls.map((a) => copyInto(new Uint8Array(capacity), a));
    this.live = copyInto(new Uint8Array(capacity), this.live);
    this.capacity = capacity;
  }
}

/** Key columns of some groups, in a snapshot: see GroupTable.captureKeys. */
export interface GroupKeys {
  readonly count: number;
  readonly values: readonly Float64Array[];
  /** Per key column, 1 where the key is NULL; null when none is. */
  readonly nulls: readonly (Uint8Array | null)[];
  /** Per VARCHAR key column, the strings its values number; null for other types. */
  readonly strings: readonly (string[] | null)[];
}

function copyInto<T extends Float64Array | Uint8Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

function nextPow2(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}
