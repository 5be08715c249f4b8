import { edgePropertiesTypeKeys, propertyFieldKeys, relationshipFieldKeys, vertexTypeKeys } from './claims';
import { NameRegistry, camelCase, fieldNameFor, pascalCase, typeNameFor, validName } from './names';
import type { SampledVertex } from './operations/vertex-sample';
import type { GraphSample, LabelSample } from './sampler';
import { PropertyStats, scalarFor, type ScalarType } from './scalars';

export interface PropertyField {
  readonly name: string;
  readonly key: string;
  readonly type: ScalarType;
  /** Some sampled element holds several values for the key. */
  readonly list: boolean;
  /** Every sampled element holds a value. */
  readonly nonNull: boolean;
}

export interface RelationshipField {
  readonly name: string;
  readonly edgeLabel: string;
  readonly direction: 'OUT' | 'IN';
  /** The type name of the vertices at the other end. */
  readonly target: string;
  /** The EdgePropertiesType of the edge label, when its sampled edges have properties. */
  readonly properties?: string;
}

export interface VertexType {
  readonly name: string;
  readonly label: string;
  readonly sampled: number;
  /** Sorted by name. */
  readonly properties: readonly PropertyField[];
  /** Sorted by name. */
  readonly outgoing: readonly RelationshipField[];
  readonly incoming: readonly RelationshipField[];
}

/** The properties of the edges with one label, as an object type that relationship fields name. */
export interface EdgePropertiesType {
  readonly name: string;
  readonly label: string;
  readonly sampled: number;
  readonly properties: readonly PropertyField[];
}

export interface InferredSchema {
  /** Sorted by name. */
  readonly vertexTypes: readonly VertexType[];
  /** Sorted by name; only edge labels whose sampled edges have properties. */
  readonly edgeTypes: readonly EdgePropertiesType[];
}

/** The field every vertex type has for the vertex id. */
export const ID_FIELD = 'id';

/**
 * The schema a sample calls for (see names.ts for naming, scalars.ts for scalar types, claims.ts for the names
 * left free for the typed layer):
 *
 * - One type per vertex label. A vertex with several labels (`a::b`) is an instance of each, as `hasLabel`
 *   sees it, and its properties and edges count for each.
 * - Properties: one field per key seen on the label's sampled vertices, a list when some vertex holds several
 *   values, non-null when every sampled vertex holds one.
 * - Relationships: one field per (label, edge label, other label) seen, in both directions, from the edges at
 *   sampled vertices and from the sampled edges. Outgoing: the edge label in camelCase (`knows`), with the target
 *   type appended when the edge label leads to several (`likesPost`, `likesComment`). Incoming: the source type
 *   in camelCase followed by the edge label in PascalCase (`personKnows`: the persons who know this one;
 *   `countryContains`). One field per end-point type rather than a union, so every field has an object type
 *   whose own fields can be selected without fragments.
 * - Edge properties: an edge label whose sampled edges have properties gets an object type named after it
 *   (`route` → `RouteProperties`), named by all its relationship fields, with the same nullability rule (and
 *   none when no relationship field would name it: the typed layer refuses an object type nothing uses).
 * - Names are claimed in a fixed order, later ones numbered on collision: vertex types by label, edge property
 *   types by label; within a type, properties by key, outgoing by (edge label, target type), incoming by
 *   (edge label, source type).
 */
export function inferSchema(sample: GraphSample, reservedKeys: Iterable<string> = []): InferredSchema {
  const registry = new NameRegistry(reservedKeys);
  const nameOfLabel = new Map(sample.vertices.map((s) => [s.label, registry.claim(typeNameFor(s.label), vertexTypeKeys)]));

  const triples = relationships(sample, nameOfLabel);
  const related = new Set([...triples.values()].flatMap((n) => [...n.out.keys()]));
  const edgeTypes = sample.edges.flatMap((labelSample): EdgePropertiesType[] => {
    if (!related.has(labelSample.label)) return [];
    const stats = new Map<string, PropertyStats>();
    for (const edge of labelSample.elements) {
      for (const [key, value] of edge.properties) statsOf(stats, key).add([value]);
    }
    if (stats.size === 0) return [];
    const name = registry.claim(`${pascalCase(labelSample.label) || 'Edge'}Properties`, edgePropertiesTypeKeys);
    const properties = propertyFields(stats, labelSample.elements.length, registry, name);
    return [{ name, label: labelSample.label, sampled: labelSample.elements.length, properties }];
  });
  const propertiesOf = new Map(edgeTypes.map((t) => [t.label, t.name]));

  const vertexTypes = sample.vertices.map((labelSample): VertexType => {
    const name = nameOfLabel.get(labelSample.label)!;
    const properties = propertyFields(vertexPropertyStats(labelSample), labelSample.elements.length, registry, name);
    // camelCase of a type name such as `_1Post` starts with a digit again, which validName protects anew.
    const relationship = (base: string, edgeLabel: string, direction: 'OUT' | 'IN', target: string): RelationshipField => ({
      name: registry.claim(validName(base, 'edge'), (field) => relationshipFieldKeys(name, field)),
      edgeLabel,
      direction,
      target,
      ...(propertiesOf.has(edgeLabel) ? { properties: propertiesOf.get(edgeLabel) } : {}),
    });
    const outgoing: RelationshipField[] = [];
    for (const [edgeLabel, targets] of sortedEntries(triples.get(name)?.out)) {
      const several = targets.size > 1;
      for (const target of [...targets].sort()) {
        outgoing.push(relationship((camelCase(edgeLabel) || 'edge') + (several ? target : ''), edgeLabel, 'OUT', target));
      }
    }
    const incoming: RelationshipField[] = [];
    for (const [edgeLabel, sources] of sortedEntries(triples.get(name)?.in)) {
      for (const source of [...sources].sort()) {
        incoming.push(relationship(camelCase(source) + (pascalCase(edgeLabel) || 'Edge'), edgeLabel, 'IN', source));
      }
    }
    return { name, label: labelSample.label, sampled: labelSample.elements.length, properties, outgoing: byName(outgoing), incoming: byName(incoming) };
  });

  return { vertexTypes: byName(vertexTypes), edgeTypes: byName(edgeTypes) };
}

interface Neighbours {
  /** Edge label → type names at the other end. */
  readonly out: Map<string, Set<string>>;
  readonly in: Map<string, Set<string>>;
}

/** Type name → its relationships, from every place a sample shows an edge; labels with no type are ignored. */
function relationships(sample: GraphSample, nameOfLabel: ReadonlyMap<string, string>): Map<string, Neighbours> {
  const byType = new Map<string, Neighbours>();
  const add = (fromLabel: string, edgeLabel: string, toLabel: string) => {
    const from = nameOfLabel.get(fromLabel);
    const to = nameOfLabel.get(toLabel);
    if (from === undefined || to === undefined) return;
    setOf(neighboursOf(byType, from).out, edgeLabel).add(to);
    setOf(neighboursOf(byType, to).in, edgeLabel).add(from);
  };
  for (const { label, elements } of sample.vertices) {
    for (const vertex of elements) {
      for (const { edgeLabel, otherLabels } of vertex.out) for (const other of otherLabels) add(label, edgeLabel, other);
      for (const { edgeLabel, otherLabels } of vertex.in) for (const other of otherLabels) add(other, edgeLabel, label);
    }
  }
  for (const { label, elements } of sample.edges) {
    for (const edge of elements) {
      for (const from of edge.outLabels) for (const to of edge.inLabels) add(from, label, to);
    }
  }
  return byType;
}

function vertexPropertyStats(labelSample: LabelSample<SampledVertex>): Map<string, PropertyStats> {
  const stats = new Map<string, PropertyStats>();
  for (const vertex of labelSample.elements) {
    for (const [key, values] of vertex.properties) statsOf(stats, key).add(values);
  }
  return stats;
}

function propertyFields(stats: ReadonlyMap<string, PropertyStats>, sampled: number, registry: NameRegistry, typeName: string): PropertyField[] {
  const result = [...stats.keys()]
    .sort()
    .filter((key) => stats.get(key)!.present > 0)
    .map((key): PropertyField => {
      const s = stats.get(key)!;
      const name = registry.claim(fieldNameFor(key), (field) => propertyFieldKeys(typeName, field));
      return { name, key, type: scalarFor(s.kinds), list: s.multiple, nonNull: s.present === sampled };
    });
  return byName(result);
}

function statsOf(stats: Map<string, PropertyStats>, key: string): PropertyStats {
  let s = stats.get(key);
  if (!s) stats.set(key, (s = new PropertyStats()));
  return s;
}

function neighboursOf(byType: Map<string, Neighbours>, name: string): Neighbours {
  let n = byType.get(name);
  if (!n) byType.set(name, (n = { out: new Map(), in: new Map() }));
  return n;
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function sortedEntries<V>(map: ReadonlyMap<string, V> | undefined): [string, V][] {
  return map ? [...map.entries()].sort(([a], [b]) => compare(a, b)) : [];
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => compare(a.name, b.name));
}

/** Code-unit order, independent of the locale the tool runs in. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
