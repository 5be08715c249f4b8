import {
  Kind,
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Finds the graph in a GraphQL result: every Vertex, typed vertex, Edge and Path, read by walking the result
 * beside the query and the schema (so aliases, fragments and typed schemas need no guessing from shapes).
 *
 * A vertex needs its `id` (and its `label`, for the colour) to be drawn, so `withElementKeys` adds them to every
 * vertex and edge selection that lacks them before the query is sent: both are read with the element, at no
 * extra Gremlin request, and `readResult` removes them again from the result shown, so the JSON pane shows
 * exactly what was asked. Edge end points are not added (`outV`/`inV` cost a lookup each): an edge is drawn
 * when its ends are known, from its own `outV`/`inV` or from the vertex it was reached from.
 */

export interface GraphVertex {
  id: string;
  label: string;
  /** Scalar fields and `properties` values, by response key, merged over every place the vertex appears. */
  properties: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  label: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
  /** Drawn from the query's shape (`out`, a path's order), not an Edge element of the result. */
  implied: boolean;
}

export interface GraphPath {
  vertices: string[];
  edges: string[];
}

export interface ResultGraph {
  vertices: Map<string, GraphVertex>;
  edges: Map<string, GraphEdge>;
  paths: GraphPath[];
  /** Edges of the result whose end points are unknown (neither selected nor implied by where they were found). */
  edgesWithoutEnds: number;
}

export interface ReadResult {
  graph: ResultGraph;
  /** The result as the user's own query would have returned it. */
  shown: unknown;
}

const ELEMENT_KEYS = ['id', 'label'] as const;
/** Fields of a vertex leading to its edges, whose vertices are joined by those edges rather than implied ones. */
const EDGE_FIELDS = new Set(['outE', 'inE', 'bothE']);

type ElementKind = 'vertex' | 'edge' | 'path' | 'other';

function kindOf(type: GraphQLCompositeType): ElementKind {
  if (type.name === 'Vertex' || type.name === 'TypedVertex') return 'vertex';
  if (isObjectType(type) && type.getInterfaces().some((i) => i.name === 'TypedVertex')) return 'vertex';
  if (type.name === 'Edge') return 'edge';
  if (type.name === 'Path') return 'path';
  return 'other';
}

interface Prepared {
  document: DocumentNode;
  /** The fields `withElementKeys` added, to be left out of the result shown. */
  added: WeakSet<FieldNode>;
}

/** Adds `id` and `label` to each vertex and edge selection lacking them (see the module comment). */
export function withElementKeys(query: string, schema: GraphQLSchema): Prepared {
  const document = parse(query);
  const added = new WeakSet<FieldNode>();
  const fragments = fragmentsOf(document);
  // Keys go into the selection set of the field itself; a fragment inside it shares them (but a union's members
  // have no fields in common, so each of its inline fragments gets its own).
  const visit = (set: SelectionSetNode, type: GraphQLCompositeType, addKeys: boolean): SelectionSetNode => {
    const selections = set.selections.map((s) => {
      if (s.kind === Kind.FIELD) {
        const def = fieldOf(type, s.name.value);
        return s.selectionSet && def ? { ...s, selectionSet: visit(s.selectionSet, getNamedType(def.type) as GraphQLCompositeType, true) } : s;
      }
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const condition = s.typeCondition ? (schema.getType(s.typeCondition.name.value) as GraphQLCompositeType | undefined) : type;
        return { ...s, selectionSet: visit(s.selectionSet, condition ?? type, isUnionType(type)) };
      }
      return s;
    });
    const kind = kindOf(type);
    if (!addKeys || (kind !== 'vertex' && kind !== 'edge')) return { ...set, selections };
    const present = responseKeys(set, fragments);
    const extra: FieldNode[] = [];
    for (const key of ELEMENT_KEYS) {
      if (present.has(key) || !fieldOf(type, key)) continue;
      const field: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: key } };
      added.add(field);
      extra.push(field);
    }
    return { ...set, selections: [...selections, ...extra] };
  };
  const definitions = document.definitions.map((d) => {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      const root = schema.getRootType(d.operation);
      return root ? { ...d, selectionSet: visit(d.selectionSet, root, false) } : d;
    }
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const type = schema.getType(d.typeCondition.name.value) as GraphQLCompositeType | undefined;
      return type ? { ...d, selectionSet: visit(d.selectionSet, type, false) } : d;
    }
    return d;
  });
  return { document: { ...document, definitions }, added };
}

/** Response keys a selection set yields, through its fragments. */
function responseKeys(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  const keys = new Set<string>();
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) keys.add(s.alias?.value ?? s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) responseKeys(s.selectionSet, fragments, seen).forEach((k) => keys.add(k));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      if (fragment) responseKeys(fragment.selectionSet, fragments, seen).forEach((k) => keys.add(k));
    }
  }
  return keys;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** Where an element was reached from: the vertex and the field of it that led here. */
interface Context {
  vertex?: string;
  field?: string;
  labels?: string[];
}

/**
 * Reads the graph out of `data`, the result of `prepared.document` (operation `operationName`, or its only one),
 * and the result without the added keys.
 */
export function readResult(
  data: unknown,
  prepared: Prepared,
  schema: GraphQLSchema,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): ReadResult {
  const graph: ResultGraph = { vertices: new Map(), edges: new Map(), paths: [], edgesWithoutEnds: 0 };
  const fragments = fragmentsOf(prepared.document);
  const operations = prepared.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root || data === null || typeof data !== 'object') return { graph, shown: data };

  /** The fields of a selection set that apply, each with the type declaring it. */
  const fieldsOf = (set: SelectionSetNode, type: GraphQLCompositeType, out: [FieldNode, GraphQLCompositeType][] = []) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push([s, type]);
      else {
        const selectionSet = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet;
        const condition = s.kind === Kind.INLINE_FRAGMENT ? s.typeCondition : fragments.get(s.name.value)?.typeCondition;
        const condType = condition ? (schema.getType(condition.name.value) as GraphQLCompositeType | undefined) : type;
        if (selectionSet && condType) fieldsOf(selectionSet, condType, out);
      }
    }
    return out;
  };

  const addImplied = (source: string, target: string, label: string) => {
    const id = `${source}->${label}->${target}`;
    if (!graph.edges.has(id) && !graph.edges.has(`${target}->${label}->${source}`)) {
      graph.edges.set(id, { id, label, source, target, properties: {}, implied: true });
    }
  };

  /** Walks one value of `type`, recording the elements in it; returns it as shown (without the added keys). */
  const walk = (value: unknown, set: SelectionSetNode | undefined, type: GraphQLCompositeType, context: Context): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, set, type, context));
    if (value === null || typeof value !== 'object' || !set) return value;
    const record = value as Record<string, unknown>;
    const kind = kindOf(type);
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;
    const label = typeof record.label === 'string' ? record.label : type.name === 'Vertex' || type.name === 'TypedVertex' ? '' : type.name;
    const shown: Record<string, unknown> = {};
    const scalars: Record<string, unknown> = {};
    const ends: { outV?: string; inV?: string } = {};
    const pathParts: { vertices: string[]; edges: string[] } = { vertices: [], edges: [] };
    for (const [field, declaring] of fieldsOf(set, type)) {
      const key = field.alias?.value ?? field.name.value;
      if (!(key in record)) continue;
      const def = fieldOf(declaring, field.name.value);
      const child = record[key];
      if (!def || !field.selectionSet) {
        if (!prepared.added.has(field)) shown[key] = child;
        if (field.name.value === 'properties' && child && typeof child === 'object') Object.assign(scalars, child);
        else if (key !== 'id' && key !== 'label' && key !== '__typename') scalars[key] = child;
        continue;
      }
      const childType = getNamedType(def.type) as GraphQLCompositeType;
      let childContext = context;
      if (kind === 'vertex' && id !== undefined) {
        childContext = { vertex: id, field: field.name.value, labels: labelsArgument(def, field, variables) };
      } else if (kind === 'edge' || kind === 'path') {
        childContext = {};
      }
      const walked = walkChild(child, field.selectionSet, childType, childContext);
      shown[key] = walked.shown;
      if (kind === 'edge' && (field.name.value === 'outV' || field.name.value === 'inV') && typeof walked.ids === 'string') {
        ends[field.name.value] = walked.ids;
      }
      if (kind === 'path' && Array.isArray(walked.ids)) {
        const ids = walked.ids.filter((x): x is string => typeof x === 'string');
        if (field.name.value === 'vertices') pathParts.vertices = ids;
        if (field.name.value === 'edges') pathParts.edges = ids;
      }
    }
    let self: string | undefined;
    if (kind === 'vertex' && id !== undefined) {
      const known = graph.vertices.get(id);
      if (known) Object.assign(known.properties, scalars);
      else graph.vertices.set(id, { id, label: label || type.name, properties: scalars });
      // Reached from another vertex (`out`, `both`, a typed relationship such as `follows`): an implied edge named
      // by the single edge label asked for, else by the field. `in` points the way the graph's edges do.
      if (context.vertex !== undefined && context.field && !EDGE_FIELDS.has(context.field) && context.vertex !== id) {
        const edgeLabel = context.labels?.length === 1 ? context.labels[0] : context.field;
        if (context.field === 'in') addImplied(id, context.vertex, edgeLabel);
        else addImplied(context.vertex, id, edgeLabel);
      }
      self = id;
    } else if (kind === 'edge' && id !== undefined) {
      // Reached by a vertex's outE the vertex is the edge's source; by inE its target.
      if (context.vertex !== undefined && context.field === 'outE') ends.outV ??= context.vertex;
      if (context.vertex !== undefined && context.field === 'inE') ends.inV ??= context.vertex;
      const pending = { id, label, source: ends.outV ?? '', target: ends.inV ?? '', properties: scalars, implied: false };
      pendingEdges.push({ edge: pending, bothFrom: context.field === 'bothE' ? context.vertex : undefined });
      self = id;
    } else if (kind === 'path') {
      pendingPaths.push(pathParts);
    }
    selfIds.set(shown, self);
    return shown;
  };
  const selfIds = new WeakMap<object, string | undefined>();
  const walkChild = (value: unknown, set: SelectionSetNode, type: GraphQLCompositeType, context: Context) => {
    const shown = walk(value, set, type, context);
    const idOf = (v: unknown): unknown => (Array.isArray(v) ? v.map(idOf) : v && typeof v === 'object' ? selfIds.get(v) : undefined);
    return { shown, ids: idOf(shown) };
  };
  const pendingEdges: { edge: GraphEdge; bothFrom?: string }[] = [];
  const pendingPaths: GraphPath[] = [];

  const shown = walk(data, operation.selectionSet, root, {});

  for (const path of pendingPaths) {
    // A path's edges join its vertices in order; drawn in the walk's direction when their ends are not selected.
    path.edges.forEach((edgeId, i) => {
      const pending = pendingEdges.find((p) => p.edge.id === edgeId);
      if (pending && (!pending.edge.source || !pending.edge.target) && path.vertices[i + 1] !== undefined) {
        pending.edge.source ||= path.vertices[i];
        pending.edge.target ||= path.vertices[i + 1];
      }
    });
    if (path.edges.length === 0) {
      for (let i = 0; i + 1 < path.vertices.length; i++) addImplied(path.vertices[i], path.vertices[i + 1], 'path');
    }
    graph.paths.push(path);
  }
  for (const { edge, bothFrom } of pendingEdges) {
    if (bothFrom !== undefined && (!edge.source || !edge.target)) {
      // bothE: the vertex is one end; the other is known only if selected.
      if (edge.source && edge.source !== bothFrom) edge.target = bothFrom;
      else if (edge.target && edge.target !== bothFrom) edge.source = bothFrom;
    }
    if (!edge.source || !edge.target) {
      if (!graph.edges.has(edge.id)) graph.edgesWithoutEnds++;
      continue;
    }
    const known = graph.edges.get(edge.id);
    if (known) Object.assign(known.properties, edge.properties);
    else graph.edges.set(edge.id, edge);
  }
  // An edge's ends may be vertices the result holds only as ids (an outV { id } of an edge listed alone).
  for (const edge of graph.edges.values()) {
    for (const end of [edge.source, edge.target]) {
      if (!graph.vertices.has(end)) graph.vertices.set(end, { id: end, label: '', properties: {} });
    }
  }
  return { graph, shown };
}

function labelsArgument(def: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): string[] | undefined {
  try {
    const labels = getArgumentValues(def, node, variables).labels;
    return Array.isArray(labels) ? labels.map(String) : undefined;
  } catch {
    return undefined;
  }
}
