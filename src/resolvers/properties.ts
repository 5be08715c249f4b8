import { notFound } from '../errors';
import type { RequestContext } from '../request/context';
import { hasAllKeys, type EdgeRecord, type VertexRecord } from '../operations/records';

/**
 * `properties` and `property` on vertices and edges. Records usually arrive with the keys the selection needs
 * (the planner looked ahead); when one didn't — a vertex reached through a path, say — the missing keys are
 * fetched through the batched loaders rather than one request per element.
 */
export async function propertiesOf(
  record: VertexRecord | EdgeRecord,
  element: 'vertex' | 'edge',
  keys: readonly string[] | undefined,
  context: RequestContext,
): Promise<Record<string, unknown>> {
  const bag = (await withKeys(record, element, keys, context)).properties;
  const result: Record<string, unknown> = {};
  for (const key of keys ?? Object.keys(bag).sort()) {
    const values = bag[key];
    if (values && values.length > 0) result[key] = jsonValue(values);
  }
  return result;
}

/**
 * Synchronous when the record holds the key (the planned case): graphql-js completes an object whose fields
 * all return values without a promise per field.
 */
export function propertyOf(record: VertexRecord | EdgeRecord, element: 'vertex' | 'edge', key: string, context: RequestContext): unknown {
  if (record.fetchedKeys === 'all' || record.fetchedKeys.has(key)) return valueOf(record, key);
  return withKeys(record, element, [key], context).then((fresh) => valueOf(fresh, key));
}

function valueOf(record: VertexRecord | EdgeRecord, key: string): unknown {
  const values = record.properties[key];
  return values && values.length > 0 ? jsonValue(values) : null;
}

/**
 * The record if it holds `keys` (every key when undefined), else the same element read again through the
 * batched loaders with them: records only carry what the planner looked ahead for.
 */
export async function withKeys<R extends VertexRecord | EdgeRecord>(
  record: R,
  element: 'vertex' | 'edge',
  keys: readonly string[] | undefined,
  context: RequestContext,
): Promise<R> {
  if (hasAllKeys(record.fetchedKeys, keys)) return record;
  const wanted = keys ? [...keys] : 'all';
  const fresh = element === 'vertex' ? await context.loaders.vertex(record.id, wanted) : await context.loaders.edge(record.id, wanted);
  if (!fresh) throw notFound(`${element === 'vertex' ? 'Vertex' : 'Edge'} ${record.id} no longer exists`);
  return fresh as R;
}

/** One value stays a value; several (set cardinality) become a list. */
function jsonValue(values: readonly unknown[]): unknown {
  return values.length === 1 ? jsonFromGraph(values[0]) : values.map(jsonFromGraph);
}

/** A Gremlin value as the JSON scalar serializes it: longs as numbers, dates as ISO strings, maps as objects. */
export function jsonFromGraph(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonFromGraph);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonFromGraph(v)]));
  return value;
}
