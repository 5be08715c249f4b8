import type { GraphQLResolveInfo } from 'graphql';

/**
 * The value the planner fetched for this field inside its parent's traversal (src/planner/elements.ts names
 * it by response key, qualified by the parent type where an interface or union position planned it apart),
 * or `NOT_NESTED` when it did not: then the resolver loads it through the per-request loaders.
 */
export const NOT_NESTED = Symbol('not nested');

export function nestedValue(record: { readonly nested?: ReadonlyMap<string, unknown> }, info: GraphQLResolveInfo): unknown {
  const nested = record.nested;
  if (!nested) return NOT_NESTED;
  const key = info.fieldNodes[0].alias?.value ?? info.fieldName;
  const qualified = `${info.parentType.name}.${key}`;
  if (nested.has(qualified)) return nested.get(qualified);
  return nested.has(key) ? nested.get(key) : NOT_NESTED;
}

/** The nested value if there is one, else `load()`. */
export function nestedOr<T>(record: { readonly nested?: ReadonlyMap<string, unknown> }, info: GraphQLResolveInfo, load: () => T | Promise<T>): T | Promise<T> {
  const value = nestedValue(record, info);
  return value === NOT_NESTED ? load() : (value as T);
}
