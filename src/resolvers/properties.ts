import { notFound } from '../errors';
import type { RequestContext } from '../gateway/context';
import { hasAllKeys, type EdgeRecord, type PropertyBag, type VertexRecord } from '../operations/records';

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
  const bag = await bagWith(record, element, keys, context);
  const result: Record<string, unknown> = {};
  for (const key of keys ?? Object.keys(bag).sort()) {
    const values = bag[key];
    if (values && values.length > 0) result[key] = jsonValue(values);
  }
  return result;
}

export async function propertyOf(
  record: VertexRecord | EdgeRecord,
  element: 'vertex' | 'edge',
  key: string,
  context: RequestContext,
): Promise<unknown> {
  const values = (await bagWith(record, element, [key], context))[key];
  return values && values.length > 0 ? jsonValue(values) : null;
}

async function bagWith(
  record: VertexRecord | EdgeRecord,
  element: 'vertex' | 'edge',
  keys: readonly string[] | undefined,
  context: RequestContext,
): Promise<PropertyBag> {
  if (hasAllKeys(record.fetchedKeys, keys)) return record.properties;
  const wanted = keys ? [...keys] : 'all';
  const fresh = element === 'vertex' ? await context.loaders.vertex(record.id, wanted) : await context.loaders.edge(record.id, wanted);
  if (!fresh) throw notFound(`${element === 'vertex' ? 'Vertex' : 'Edge'} ${record.id} no longer exists`);
  return fresh.properties;
}

/** One value stays a value; several (set cardinality) become a list. Dates travel as ISO strings. */
function jsonValue(values: readonly unknown[]): unknown {
  const plain = values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v));
  return plain.length === 1 ? plain[0] : plain;
}
