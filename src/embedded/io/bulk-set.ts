/**
 * A BulkSet in a request (GraphSON g:BulkSet, GraphBinary 0x2a) is values with counts; it becomes a list with
 * each value repeated. The counts are the client's, so the list is capped: a few bytes asking for 2^32 copies
 * would otherwise abort the whole process when V8 cannot grow the array.
 */
export const MAX_BULK_SET_ITEMS = 1_000_000;

export function expandBulkSet(entries: Iterable<readonly [unknown, unknown]>): unknown[] {
  const items: unknown[] = [];
  for (const [value, count] of entries) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 0) throw new Error(`a BulkSet count must be a non-negative integer, not ${String(count)}`);
    if (items.length + n > MAX_BULK_SET_ITEMS) throw new Error(`a BulkSet may hold at most ${MAX_BULK_SET_ITEMS} items`);
    for (let i = 0; i < n; i++) items.push(value);
  }
  return items;
}
