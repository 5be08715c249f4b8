/**
 * Random draws for coin(), sample() and order().by(shuffle). Under SeedStrategy each step gets its own
 * generator seeded alike, drawing exactly what java.util.Random draws (48-bit LCG, nextDouble, nextInt), so
 * seeded traversals pick what TinkerGraph picks; otherwise Math.random.
 */
export interface Random {
  nextDouble(): number;
  /** A uniform integer in [0, bound). */
  nextInt(bound: number): number;
}

export const unseeded: Random = {
  nextDouble: () => Math.random(),
  nextInt: (bound) => Math.floor(Math.random() * bound),
};

const MASK = (BigInt(1) << BigInt(48)) - BigInt(1);
const MULTIPLIER = BigInt(0x5deece66d);
const INCREMENT = BigInt(0xb);
const INT_MAX = 2 ** 31 - 1;

export class JavaRandom implements Random {
  private state: bigint;

  constructor(seed: number) {
    this.state = (BigInt(seed) ^ MULTIPLIER) & MASK;
  }

  private next(bits: number): number {
    this.state = (this.state * MULTIPLIER + INCREMENT) & MASK;
    return Number(this.state >> BigInt(48 - bits));
  }

  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }

  nextInt(bound: number): number {
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> BigInt(31));
    for (;;) {
      const bits = this.next(31);
      const value = bits % bound;
      // Java rejects the draws whose int arithmetic overflows here, to keep the result uniform.
      if (bits - value + (bound - 1) <= INT_MAX) return value;
    }
  }
}
