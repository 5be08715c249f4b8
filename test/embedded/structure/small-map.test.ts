import { SmallMap } from '../../../src/embedded/structure/small-map';

describe('SmallMap', () => {
  it('behaves as a Map: insertion order, replacement in place, deletion, copies', () => {
    const m = new SmallMap<string, number>();
    const map = new Map<string, number>();
    const ops: Array<[string, string, number?]> = [['set', 'a', 1], ['set', 'b', 2], ['set', 'a', 3], ['delete', 'a'], ['set', 'c', 4], ['set', 'a', 5], ['delete', 'x'], ['delete', 'b'], ['set', 'd', 6], ['delete', 'a'], ['delete', 'c'], ['delete', 'd'], ['set', 'e', 7]];
    for (const [op, k, v] of ops) {
      if (op === 'set') {
        m.set(k, v!);
        map.set(k, v!);
      } else expect(m.delete(k)).toBe(map.delete(k));
      expect([...m]).toEqual([...map]);
      expect(m.size).toBe(map.size);
    }
    expect(m.get('e')).toBe(7);
    expect(m.get('c')).toBeUndefined();
    expect(m.has('b')).toBe(false);
    expect([...new SmallMap(m).entries()]).toEqual([...map.entries()]);
    for (const k of m.keys()) m.delete(k); // deleting while iterating visits every key once
    expect(m.size).toBe(0);
    expect([...m.values()]).toEqual([]);
  });
});
