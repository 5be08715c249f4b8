/**
 * A copy of `list` with `remove` items at `at` replaced by `insert`, allocated at its exact length: an array
 * grown by spreading or pushing keeps spare slots, which across a graph's vertices adds up.
 */
export function spliced(list: readonly unknown[], at: number, remove: number, insert: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(list.length - remove + insert.length);
  let n = 0;
  for (let i = 0; i < at; i++) out[n++] = list[i];
  for (const x of insert) out[n++] = x;
  for (let i = at + remove; i < list.length; i++) out[n++] = list[i];
  return out;
}
