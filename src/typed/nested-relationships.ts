import { badInput } from '../errors';
import type { RequestContext } from '../gateway/context';
import { MAX_BATCH } from '../operations/write/batch-create';
import type { NewEdgesNode, RelationshipEdgesNode } from '../operations/write/relationship-writes';
import { checkId } from '../planner/arguments';
import { explainMissingEnds, type WriteEnd } from '../resolvers/write-errors';
import { labelsOf, type RelationshipField, type TypedModel, type VertexType } from './model';
import { toGraph } from './values';

type Input = Readonly<Record<string, unknown>>;

/** The targets one relationship of an input connects, and where each id came from. */
export interface NestedConnect {
  readonly edges: NewEdgesNode;
  readonly ends: readonly WriteEnd[];
  readonly noun: string;
}

/** What the relationship fields of a create or update input (`follows: { connect, disconnect, properties }`) ask. */
export interface NestedRelationships {
  readonly connect: readonly NestedConnect[];
  readonly disconnect: readonly RelationshipEdgesNode[];
}

type RelationshipInput = { connect?: string | string[] | null; disconnect?: string | string[] | null; properties?: Input | null };

/**
 * The relationship fields of a create or update input, checked as connectX checks its `to` (at least one id,
 * at most MAX_BATCH, a repeated id connected once) and disconnectX its `from`; an id in both of one
 * relationship's lists is refused, since either order would surprise someone. At most MAX_BATCH ids in all, so
 * one mutation stays one bounded traversal.
 */
export function nestedRelationships(model: TypedModel, type: VertexType, input: Input, argument: string): NestedRelationships {
  const connect: NestedConnect[] = [];
  const disconnect: RelationshipEdgesNode[] = [];
  let total = 0;
  for (const field of type.fields) {
    if (field.kind !== 'relationship') continue;
    const given = input[field.name] as RelationshipInput | null | undefined;
    if (given === null || given === undefined) continue;
    const path = `${argument}.${field.name}`;
    const target = model.target(field.target)!;
    const edges = { edgeLabel: field.edgeLabel, direction: field.direction, targetLabels: labelsOf(target) };
    const connected = idsOf(given.connect, `${path}.connect`);
    const disconnected = idsOf(given.disconnect, `${path}.disconnect`);
    const both = disconnected.find((end) => connected.some((c) => c.id === end.id));
    if (both) throw badInput(`"${both.id}" is both connected and disconnected`, both.argument);
    if (connected.length === 0 && given.properties) throw badInput('Edge properties are set on the edges `connect` makes; give `connect` too', `${path}.properties`);
    if (connected.length > 0) {
      const properties = edgeProperties(model, field, given.properties, `${path}.properties`);
      connect.push({ edges: { ...edges, targets: [...new Set(connected.map((e) => e.id))], properties }, ends: connected, noun: target.name });
    }
    if (disconnected.length > 0) disconnect.push({ ...edges, targets: [...new Set(disconnected.map((e) => e.id))] });
    total += connected.length + disconnected.length;
  }
  if (total > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} ids of relationships in one mutation`, argument);
  return { connect, disconnect };
}

/** A list of ids, or the one id of a to-one relationship. */
function idsOf(ids: string | readonly string[] | null | undefined, argument: string): WriteEnd[] {
  if (ids === null || ids === undefined) return [];
  if (typeof ids === 'string') return [{ id: checkId(ids, argument), argument }];
  if (ids.length === 0) throw badInput('Give at least one id', argument);
  if (ids.length > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} ids at once`, argument);
  return ids.map((id, i) => ({ id: checkId(id, `${argument}[${i}]`), argument: `${argument}[${i}]` }));
}

/** An edge-properties input (`FollowInput`) as the keys and values to set on each edge. */
export function edgeProperties(model: TypedModel, field: RelationshipField, input: Input | null | undefined, argument: string): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  const edgeType = field.properties ? model.edgeType(field.properties) : undefined;
  if (!edgeType || !input) return properties;
  for (const f of edgeType.fields) {
    const value = input[f.name];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) throw badInput('Edge properties hold a single value, not a list', `${argument}.${f.name}`);
    properties.set(f.key, toGraph(f, value));
  }
  return properties;
}

/**
 * NOT_FOUND naming the first connected id, in the order of the type's fields, that does not exist or has a
 * label its relationship does not accept; one lookup, however many relationships the mutation connects.
 */
export function explainNestedConnects(err: unknown, context: RequestContext, connects: readonly NestedConnect[], outcome: string): Promise<unknown> {
  const ends = connects.flatMap((c) => c.ends.map((end) => ({ ...end, noun: c.noun, labels: c.edges.targetLabels })));
  return explainMissingEnds(err, context, ends, { noun: 'Vertex', outcome });
}
