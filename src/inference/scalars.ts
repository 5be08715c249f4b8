/**
 * The GraphQL scalar a property's values call for. The driver hands numbers over as plain JS numbers whatever
 * their Java type (bigint only beyond 2^53), so the type is read off the values, the way the embedded server
 * types numbers on the wire:
 *
 * - integers within 32 bits → `Int`;
 * - integers beyond 32 bits (Java longs, such as epoch milliseconds) → `Float`: GraphQL's `Int` is 32-bit and
 *   the typed layer has no long scalar; a Float carries every integer up to 2^53 exactly, and the driver hands
 *   a long over as a JS number anyway (beyond 2^53 it has already rounded);
 * - any other number → `Float` (a Java double whose sampled values are all whole, like `1.0`, reads as `Int`);
 * - Date → `DateTime`; boolean → `Boolean`; string → `String`;
 * - `Int` with `Float` → `Float`;
 * - any other mixture, or a value no scalar fits (a map, a list) → `String`, which every scalar value can be
 *   printed as.
 */
export type ScalarType = 'Boolean' | 'String' | 'Int' | 'Float' | 'DateTime';

type ValueKind = ScalarType | 'Other';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function kindOf(value: unknown): ValueKind {
  switch (typeof value) {
    case 'boolean':
      return 'Boolean';
    case 'string':
      return 'String';
    case 'bigint':
      return 'Float';
    case 'number':
      return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? 'Int' : 'Float';
    default:
      return value instanceof Date ? 'DateTime' : 'Other';
  }
}

/** The one scalar for a set of value kinds (not empty). */
export function scalarFor(kinds: ReadonlySet<ValueKind>): ScalarType {
  if (kinds.has('Other')) return 'String';
  const all = [...kinds] as ScalarType[];
  if (all.length === 1) return all[0];
  if (all.every((kind) => kind === 'Int' || kind === 'Float')) return 'Float';
  return 'String';
}

/** What was seen of one property key over the sampled elements of a label. */
export class PropertyStats {
  /** Elements holding at least one value. */
  present = 0;
  /** Some element holds several values (set or list cardinality). */
  multiple = false;
  readonly kinds = new Set<ValueKind>();

  add(values: readonly unknown[]): void {
    if (values.length === 0) return;
    this.present++;
    if (values.length > 1) this.multiple = true;
    for (const value of values) this.kinds.add(kindOf(value));
  }
}
