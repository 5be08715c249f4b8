import { badInput } from '../errors';
import { MAX_BATCH } from '../operations/write/batch-create';
import type { PropertyWritesNode } from '../operations/write/property-writes';
import type { NewEdgesNode, RelationshipEdgesNode, RelationshipWriteNode } from '../operations/write/relationship-writes';
import { labelsOf, type PropertyField, type RelationshipField, type TargetType, type TypedModel, type VertexType } from '../typed/model';
import { toGraph } from '../typed/values';
import { checkId } from './arguments';
import type { WriteEnd } from './mutations';

/** Typed mutation arguments checked and turned into write nodes; every mistake is BAD_USER_INPUT naming its argument. */

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
 * Property fields of a create or update input as writes. A list replaces all values of its key (an empty one
 * removes it); in an update, null removes the property, which a non-null field does not allow.
 */
export function propertyWrites(type: VertexType, input: Input, argument: string, fresh: boolean): PropertyWritesNode {
  const set = new Map<string, PropertyWritesNode['set'] extends ReadonlyMap<string, infer V> ? V : never>();
  const remove: string[] = [];
  for (const field of type.fields) {
    if (field.kind !== 'property' || !(field.name in input)) continue;
    const value = input[field.name];
    const empty = value === null || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (fresh) continue;
      if (field.nonNull) throw badInput(`${type.name}.${field.name} is never null, so it can't be removed`, `${argument}.${field.name}`);
      remove.push(field.key);
      continue;
    }
    set.set(field.key, stored(field, value) as never);
  }
  return { set, remove };
}

function stored(field: PropertyField, value: unknown): unknown {
  return Array.isArray(value) ? value.map((v) => toGraph(field, v)) : toGraph(field, value);
}

export function relationshipNode(
  type: VertexType,
  field: RelationshipField,
  target: TargetType,
  id: string,
  targets: readonly string[],
  argument: string,
): RelationshipWriteNode {
  if (targets.length === 0) throw badInput('Give at least one id', argument);
  if (targets.length > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} ids at once`, argument);
  targets.forEach((t, i) => checkId(t, `${argument}[${i}]`));
  return {
    id: checkId(id, 'id'),
    label: type.label,
    edgeLabel: field.edgeLabel,
    direction: field.direction,
    targetLabels: labelsOf(target),
    targets: [...new Set(targets)],
  };
}
