/**
 * Neptune reports a vertex with several labels as one string, the labels joined with `::` (`label()` on a
 * vertex created with `addV('a::b')` or loaded with `a;b`), while `hasLabel('a')` matches it. Inference follows
 * `hasLabel`: such a vertex is an instance of each of its labels, never of a combined type.
 */
export const LABEL_SEPARATOR = '::';

export function splitLabel(label: string): string[] {
  return label.split(LABEL_SEPARATOR).filter((part) => part !== '');
}
