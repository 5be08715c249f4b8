import { isAbstractType, type FieldNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { DirectionName, HopNode } from '../operations/hop';
import { fingerprintOf } from '../operations/page';
import type { ProjectionNode } from '../operations/projection';
import type { ElementQueryNode } from '../operations/read/element-page';
import type { NeighbourQueryNode } from '../operations/read/neighbour-pages';
import { checkIds, checkLabels, filterFromInput, optionalLabel, orderFromInput, pageFromInput, type PropertyFilterInput, type PropertyOrderInput } from './arguments';
import { cachedPlan } from './cache';
import { mergeProjections, planElement, type FieldPlanner, type PlannerTable } from './elements';
import { selectedFields, type SelectedField } from './selection';

/**
 * Where a field of the generic API, its arguments and its sub-selection become operation nodes, and the
 * look-ahead and argument checks that typed fields (src/planner/typed.ts) plan with too. Resolvers call in here and
 * hand the nodes to loaders; they neither read selections nor build traversals themselves.
 */

export type ElementType = 'Vertex' | 'Edge';

export interface ConnectionArgs {
  where?: PropertyFilterInput | null;
  orderBy?: readonly PropertyOrderInput[] | null;
  first?: number | null;
  after?: string | null;
}

export interface RootConnectionArgs extends ConnectionArgs {
  ids?: readonly string[] | null;
  label?: string | null;
}

export interface NeighbourArgs extends ConnectionArgs {
  labels?: readonly string[] | null;
}

/** The planners of the schemas served without a typed schema; src/planner/typed.ts adds a typed schema's. */
const tables = new WeakMap<GraphQLSchema, PlannerTable>();

export function registerPlanners(schema: GraphQLSchema, extra: PlannerTable): void {
  tables.set(schema, { fields: new Map([...GENERIC_PLANNERS.fields, ...extra.fields]), labels: extra.labels });
}

export function plannersOf(schema: GraphQLSchema): PlannerTable {
  return tables.get(schema) ?? GENERIC_PLANNERS;
}

/** The projection of the vertices (or edges) a selection on `typeName` reads, nested fields included. */
export function planProjection(
  info: GraphQLResolveInfo,
  fieldNodes: readonly FieldNode[],
  typeName: string,
  element: 'vertex' | 'edge' = typeName === 'Edge' ? 'edge' : 'vertex',
): ProjectionNode {
  return planElement(info, fieldNodes, typeName, element, plannersOf(info.schema));
}

/** The field's own selection (`info.fieldNodes`) on the type it returns, as a projection. */
export function planFieldProjection(info: GraphQLResolveInfo, typeName: string): ProjectionNode {
  return cachedPlan(info, `projection:${typeName}`, () => planProjection(info, info.fieldNodes, typeName), { ownArguments: false });
}

/** What a connection's selection reads (see `connectionSelection`). */
export interface ConnectionSelection {
  /** The projection of the nodes under `nodes` and `edges.node`. */
  readonly projection: ProjectionNode;
  /** Whether `totalCount` is selected. */
  readonly count: boolean;
  /** Every field selected on the connection's edge type, for edge types with more than `cursor` and `node`. */
  readonly edgeFields: readonly SelectedField[];
}

/**
 * The look-ahead every connection field shares, generic or typed: `nodeType` is what `nodes` and `edges.node`
 * return.
 */
export function connectionSelection(
  info: GraphQLResolveInfo,
  fieldNodes: readonly FieldNode[],
  types: { readonly connection: string; readonly edge: string; readonly node: string },
  element: 'vertex' | 'edge',
): ConnectionSelection {
  const projections: ProjectionNode[] = [];
  let count = false;
  const edgeFields: SelectedField[] = [];
  for (const field of selectedFields(info, fieldNodes, types.connection)) {
    if (field.name === 'nodes') projections.push(planProjection(info, field.nodes, types.node, element));
    if (field.name === 'totalCount') count = true;
    if (field.name !== 'edges') continue;
    for (const edgeField of selectedFields(info, field.nodes, types.edge)) {
      if (edgeField.name === 'node') projections.push(planProjection(info, edgeField.nodes, types.node, element));
      edgeFields.push(edgeField);
    }
  }
  return { projection: mergeProjections(element, projections), count, edgeFields };
}

function connectionNeeds(info: GraphQLResolveInfo, nodes: readonly FieldNode[], type: ElementType): { projection: ProjectionNode; count: boolean } {
  const types = { connection: `${type}Connection`, edge: `${type}Edge`, node: type };
  return connectionSelection(info, nodes, types, type === 'Vertex' ? 'vertex' : 'edge');
}

export function planRootConnection(type: ElementType, args: RootConnectionArgs, info: GraphQLResolveInfo): ElementQueryNode {
  return cachedPlan(info, `root:${type}`, () => planRootConnectionOnce(type, args, info));
}

function planRootConnectionOnce(type: ElementType, args: RootConnectionArgs, info: GraphQLResolveInfo): ElementQueryNode {
  const ids = args.ids ? checkIds(args.ids, 'ids') : undefined;
  const label = optionalLabel(args.label, 'label');
  const fingerprint = fingerprintOf([info.fieldName, ids, label, args.where, args.orderBy]);
  const { projection, count } = connectionNeeds(info, info.fieldNodes, type);
  return {
    ids,
    label,
    filter: args.where ? filterFromInput(args.where) : undefined,
    order: orderFromInput(args.orderBy),
    page: pageFromInput(args.first, args.after, fingerprint),
    projection,
    count,
  };
}

const HOPS: Record<string, { direction: DirectionName; target: 'vertex' | 'edge' }> = {
  out: { direction: 'OUT', target: 'vertex' },
  in: { direction: 'IN', target: 'vertex' },
  both: { direction: 'BOTH', target: 'vertex' },
  outE: { direction: 'OUT', target: 'edge' },
  inE: { direction: 'IN', target: 'edge' },
  bothE: { direction: 'BOTH', target: 'edge' },
};

/** A relationship field of Vertex (`out`, `inE`, ...): one page of a vertex's neighbours or edges. */
export function planNeighbours(field: SelectedField, info: GraphQLResolveInfo): NeighbourQueryNode {
  const args = field.args as NeighbourArgs;
  const { direction, target } = HOPS[field.name];
  const hop: HopNode = { direction, target, edgeLabels: checkLabels(args.labels, 'labels') };
  const fingerprint = fingerprintOf([field.name, hop.edgeLabels, args.where, args.orderBy]);
  const { projection, count } = connectionNeeds(info, field.nodes, target === 'vertex' ? 'Vertex' : 'Edge');
  return {
    hop,
    filter: args.where ? filterFromInput(args.where) : undefined,
    order: orderFromInput(args.orderBy),
    page: pageFromInput(args.first, args.after, fingerprint),
    projection,
    count,
  };
}

/** The fields of Vertex and Edge that read more than the element's own id and label. */
const vertexPlanner: FieldPlanner = (field, info) => {
  switch (field.name) {
    case 'properties':
      return { keys: (field.args.keys as string[] | undefined) ?? 'all' };
    case 'property':
      return { keys: [field.args.key as string] };
    case 'typed': {
      // Only a typed schema has types to view a vertex as; without one the field is always null.
      const typed = info.schema.getType('TypedVertex');
      if (!isAbstractType(typed) || info.schema.getPossibleTypes(typed).length === 0) return undefined;
      return { nested: { kind: 'view', projection: planProjection(info, field.nodes, 'TypedVertex') } };
    }
    case 'degree':
      return { nested: { kind: 'degree', hop: degreeHop(field.args.direction as DirectionName | undefined, field.args.labels as string[] | undefined) } };
    default:
      return field.name in HOPS ? { nested: { kind: 'neighbours', query: planNeighbours(field, info) } } : undefined;
  }
};

const edgePlanner: FieldPlanner = (field, info) => {
  switch (field.name) {
    case 'properties':
      return { keys: (field.args.keys as string[] | undefined) ?? 'all' };
    case 'property':
      return { keys: [field.args.key as string] };
    case 'outV':
    case 'inV':
      return { nested: { kind: 'endpoint', end: field.name, projection: planProjection(info, field.nodes, 'Vertex') } };
    default:
      return undefined;
  }
};

const GENERIC_PLANNERS: PlannerTable = {
  fields: new Map([
    ['Vertex', vertexPlanner],
    ['Edge', edgePlanner],
  ]),
  labels: new Map(),
};

export function degreeHop(direction: DirectionName | null | undefined, labels: readonly string[] | null | undefined): HopNode {
  return { direction: direction ?? 'BOTH', target: 'edge', edgeLabels: checkLabels(labels, 'labels') };
}
