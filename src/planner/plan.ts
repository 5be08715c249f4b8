import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { badInput } from '../errors';
import { filterFromInput, type PropertyFilterInput } from '../operations/filter';
import type { DirectionName, HopNode } from '../operations/hop';
import { orderFromInput, type PropertyOrderInput } from '../operations/order';
import { fingerprintOf, pageFromInput } from '../operations/page';
import { unionKeys, type KeySelection, type ProjectionNode } from '../operations/projection';
import { checkText } from '../operations/values';
import type { ElementQueryNode } from '../operations/read/element-page';
import type { NeighbourQueryNode } from '../operations/read/neighbour-pages';
import { selectedFields, type SelectedField } from './selection';
import { typedVertexKeys } from './typed-keys';

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

/** Which property keys the selection under `fieldNodes` reads from elements of `type`. */
export function selectedKeys(info: GraphQLResolveInfo, fieldNodes: readonly FieldNode[], type: ElementType): KeySelection {
  let keys: KeySelection = [];
  for (const field of selectedFields(info, fieldNodes, type)) {
    if (field.name === 'properties') {
      const wanted = field.args.keys as string[] | undefined;
      keys = unionKeys(keys, wanted ?? 'all');
    } else if (field.name === 'property') {
      keys = unionKeys(keys, [field.args.key as string]);
    } else if (field.name === 'typed') {
      keys = unionKeys(keys, typedVertexKeys(info, field.nodes));
    }
  }
  return keys;
}

/** What a connection's selection reads (see `connectionSelection`). */
export interface ConnectionSelection {
  /** The node keys under `nodes` and `edges.node`. */
  readonly keys: KeySelection;
  /** Whether `totalCount` is selected. */
  readonly count: boolean;
  /** Every field selected on the connection's edge type, for edge types with more than `cursor` and `node`. */
  readonly edgeFields: readonly SelectedField[];
}

/**
 * The look-ahead every connection field shares, generic or typed: `nodeKeys` says which keys a selection of
 * the node type reads.
 */
export function connectionSelection(
  info: GraphQLResolveInfo,
  fieldNodes: readonly FieldNode[],
  types: { readonly connection: string; readonly edge: string },
  nodeKeys: (nodes: readonly FieldNode[]) => KeySelection,
): ConnectionSelection {
  let keys: KeySelection = [];
  let count = false;
  const edgeFields: SelectedField[] = [];
  for (const field of selectedFields(info, fieldNodes, types.connection)) {
    if (field.name === 'nodes') keys = unionKeys(keys, nodeKeys(field.nodes));
    if (field.name === 'totalCount') count = true;
    if (field.name !== 'edges') continue;
    for (const edgeField of selectedFields(info, field.nodes, types.edge)) {
      if (edgeField.name === 'node') keys = unionKeys(keys, nodeKeys(edgeField.nodes));
      edgeFields.push(edgeField);
    }
  }
  return { keys, count, edgeFields };
}

/** What a generic connection's selection needs: the element keys under `nodes` and `edges.node`, and totalCount. */
function connectionNeeds(info: GraphQLResolveInfo, type: ElementType): { projection: ProjectionNode; count: boolean } {
  const types = { connection: `${type}Connection`, edge: `${type}Edge` };
  const { keys, count } = connectionSelection(info, info.fieldNodes, types, (nodes) => selectedKeys(info, nodes, type));
  return { projection: { element: type === 'Vertex' ? 'vertex' : 'edge', keys }, count };
}

export function planRootConnection(type: ElementType, args: RootConnectionArgs, info: GraphQLResolveInfo): ElementQueryNode {
  const ids = args.ids ? checkIds(args.ids, 'ids') : undefined;
  const label = optionalLabel(args.label, 'label');
  const fingerprint = fingerprintOf([info.fieldName, ids, label, args.where, args.orderBy]);
  const { projection, count } = connectionNeeds(info, type);
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

/** A relationship field of Vertex (`out`, `inE`, ...) as a node answerable for many parents at once. */
export function planNeighbours(args: NeighbourArgs, info: GraphQLResolveInfo): NeighbourQueryNode {
  const { direction, target } = HOPS[info.fieldName];
  const hop: HopNode = { direction, target, edgeLabels: checkLabels(args.labels, 'labels') };
  const fingerprint = fingerprintOf([info.fieldName, hop.edgeLabels, args.where, args.orderBy]);
  const { projection, count } = connectionNeeds(info, target === 'vertex' ? 'Vertex' : 'Edge');
  return {
    hop,
    filter: args.where ? filterFromInput(args.where) : undefined,
    order: orderFromInput(args.orderBy),
    page: pageFromInput(args.first, args.after, fingerprint),
    projection,
    count,
  };
}

export function degreeHop(direction: DirectionName | null | undefined, labels: readonly string[] | null | undefined): HopNode {
  return { direction: direction ?? 'BOTH', target: 'edge', edgeLabels: checkLabels(labels, 'labels') };
}

/** An upper bound on ids per argument keeps one request from becoming an unbounded `V(...)`. */
export const MAX_IDS = 1000;

/** Deduplicated: whether `V(a, a)` yields `a` once or twice depends on the backend. */
export function checkIds(ids: readonly string[], argument: string): string[] {
  if (ids.length > MAX_IDS) throw badInput(`At most ${MAX_IDS} ids are allowed`, argument);
  ids.forEach((id, i) => checkId(id, `${argument}[${i}]`));
  return [...new Set(ids)];
}

export function checkId(id: string, argument: string): string {
  if (id === '') throw badInput('Ids must not be empty', argument);
  return checkText(id, argument);
}

/** No element can be given an empty or blank label, so one in an argument is a mistake. */
export function checkLabel(label: string, argument: string): string {
  if (label.trim() === '') throw badInput('Labels must not be empty', argument);
  return checkText(label, argument);
}

export function optionalLabel(label: string | null | undefined, argument: string): string | undefined {
  return label === null || label === undefined ? undefined : checkLabel(label, argument);
}

/** Deduplicated and sorted, so that equal sets of labels plan (and batch) alike. */
export function checkLabels(labels: readonly string[] | null | undefined, argument: string): string[] {
  const list = labels ?? [];
  list.forEach((label, i) => checkLabel(label, `${argument}[${i}]`));
  return [...new Set(list)].sort();
}
