import { hashMapOrder, javaHashCode } from '../../../src/embedded/process/hash-order';

describe("java.util.HashMap's iteration order", () => {
  it("computes Java's hash codes", () => {
    expect(javaHashCode('person')).toBe(-991716523);
    expect(javaHashCode('software')).toBe(1319330215);
    expect(javaHashCode(7)).toBe(7);
    expect(javaHashCode(2 ** 32 + 5)).toBe(4); // Long: (int)(v ^ v >>> 32)
    expect(javaHashCode(0.5)).toBe(1071644672); // Double: bits 0x3FE0000000000000
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode(null)).toBe(0);
    expect(javaHashCode(['a', 1])).toBe((31 * (31 + 97) + 1) | 0);
  });

  it('walks buckets in order, each in insertion order, growing past three quarters full', () => {
    expect(hashMapOrder(['person', 'software'])).toEqual(['software', 'person']);
    // 1 and 17 share bucket 1 of 16 and keep their insertion order.
    expect(hashMapOrder([17, 3, 1])).toEqual([17, 1, 3]);
    // 13 keys: 32 buckets, so 17 moves to bucket 17, after 3.
    const keys = [17, 3, 1, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
    expect(hashMapOrder(keys).slice(0, 3)).toEqual([1, 3, 17]);
  });
});
