import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../engine/session/durable/columnar.js';

describe('columnar packing of snapshots', () => {
  it('round-trips long arrays of numbers and of equal-length rows exactly, through V8 serialization', () => {
    const n = 1000;
    const snapshot = {
      version: 1,
      keys: Array.from({ length: n }, (_, i) => [i, `k${i % 7}`, i % 3 === 0 ? null : true]),
      counts: Array.from({ length: n }, (_, i) => (i === 5 ? -0 : i === 6 ? Infinity : i === 7 ? NaN : i * 0.1)),
      sums: Array.from({ length: n }, (_, i) => [i * 1.5, 1e-17, i]),
      ragged: Array.from({ length: n }, (_, i) => Array.from({ length: i % 3 }, () => i)),
      short: [[1, 2]],
      sparse: [...Array.from({ length: 70 }, () => 1), , 2],
      nested: new Map([['0/1', [{ version: 1, rows: Array.from({ length: 100 }, (_, i) => [BigInt(i), i]) }]]]),
      typed: new Float64Array([1, 2]),
    };
    const back = unpack(deserialize(serialize(pack(snapshot))));
    expect(back).toStrictEqual(snapshot);
    expect(Object.is((back as typeof snapshot).counts[5], -0)).toBe(true);
  });

  it('stores long Float64Arrays narrower only when every value survives exactly', () => {
    const n = 100;
    const columns = {
      zeros: new Float64Array(n),
      ints: Float64Array.from({ length: n }, (_, i) => (i % 2 ? -(2 ** 31) : 2 ** 31 - 1) + (i % 2 ? i : -i)),
      negativeZero: Float64Array.from({ length: n }, (_, i) => (i === 50 ? -0 : i)),
      nan: Float64Array.from({ length: n }, (_, i) => (i === 3 ? Number.NaN : i)),
      tooBig: Float64Array.from({ length: n }, (_, i) => (i === 9 ? 2 ** 31 : i)),
      fraction: Float64Array.from({ length: n }, (_, i) => i / 2),
      short: new Float64Array([0, 1, -0]),
    };
    const packed = serialize(pack(columns));
    expect(packed.length).toBeLessThan(5 * n * 8 + 4 * n + 1000);
    const back = unpack(deserialize(packed)) as typeof columns;
    for (const [name, column] of Object.entries(columns)) {
      const got = back[name as keyof typeof columns];
      expect(got, name).toBeInstanceOf(Float64Array);
      expect(Array.from(got).map((v) => (Object.is(v, -0) ? '-0' : String(v))), name).toEqual(Array.from(column).map((v) => (Object.is(v, -0) ? '-0' : String(v))));
    }
  });
});
