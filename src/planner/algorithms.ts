import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { badInput } from '../errors';
import { checkId, checkIds, checkLabels, filterFromInput, optionalLabel, type PropertyFilterInput } from './arguments';
import type { DirectionName } from '../operations/hop';
import type { ProjectionNode } from '../operations/projection';
import type { PageRankParams } from '../operations/read/page-rank';
import type { ShortestPathNode } from '../operations/read/shortest-path';
import type { SubgraphNode } from '../operations/read/subgraph';
import type { TraverseNode } from '../operations/read/traverse';
import type { PathShape } from '../operations/read/walk';
import { mergeProjections } from './elements';
import { planProjection } from './plan';
import { selectedFields } from './selection';

/**
 * Arguments and selections of the graph-algorithm queries (`traverse`, `shortestPath`, `pageRank`) as
 * operation nodes. The limits below are the ones the schema documents.
 */

export const DEFAULT_TRAVERSE_LIMIT = 100;
export const MAX_TRAVERSE_LIMIT = 1000;
/** Without intermediate dedup the walks multiply with every step; a handful of steps is what UIs use. */
export const MAX_TRAVERSE_STEPS = 6;
export const DEFAULT_MAX_HOPS = 6;
export const MAX_HOPS = 10;
export const MAX_PAGE_RANK_ITERATIONS = 100;
export const MAX_PAGE_RANK_LIMIT = 1000;

export interface TraversalStepInput {
  direction: DirectionName;
  edgeLabels?: readonly string[] | null;
  where?: PropertyFilterInput | null;
}

export interface TraverseArgs {
  start: readonly string[];
  steps: readonly TraversalStepInput[];
  dedup?: boolean | null;
  limit?: number | null;
}

export interface ShortestPathArgs {
  from: string;
  to: string;
  direction?: DirectionName | null;
  edgeLabels?: readonly string[] | null;
  maxHops?: number | null;
}

export interface PageRankArgs {
  label?: string | null;
  edgeLabels?: readonly string[] | null;
  iterations?: number | null;
  dampingFactor?: number | null;
  limit?: number | null;
}

export interface PageRankPlan extends PageRankParams {
  readonly subgraph: SubgraphNode;
  readonly limit: number;
  readonly vertex: ProjectionNode;
}

export function planTraverse(args: TraverseArgs, info: GraphQLResolveInfo): TraverseNode {
  if (args.start.length === 0) throw badInput('"start" needs at least one vertex id', 'start');
  if (args.steps.length === 0) throw badInput('"steps" needs at least one step', 'steps');
  if (args.steps.length > MAX_TRAVERSE_STEPS) throw badInput(`At most ${MAX_TRAVERSE_STEPS} steps are allowed`, 'steps');
  const steps = args.steps.map((step, i) => ({
    direction: step.direction,
    edgeLabels: checkLabels(step.edgeLabels, `steps[${i}].edgeLabels`),
    filter: step.where ? filterFromInput(step.where, `steps[${i}].where`) : undefined,
  }));
  const vertex: ProjectionNode[] = [];
  let edge: ProjectionNode[] | undefined;
  let paths = false;
  for (const field of selectedFields(info, info.fieldNodes, 'TraversalResult')) {
    if (field.name === 'vertices') vertex.push(planProjection(info, field.nodes, 'Vertex'));
    if (field.name === 'edges') edge = [...(edge ?? []), planProjection(info, field.nodes, 'Edge')];
    if (field.name === 'paths') {
      const shape = pathShape(info, field.nodes);
      vertex.push(shape.vertex);
      if (shape.edge) edge = [...(edge ?? []), shape.edge];
    }
    if (field.name === 'edges' || field.name === 'paths') paths = true;
  }
  return {
    start: checkIds(args.start, 'start'),
    steps,
    dedup: args.dedup ?? true,
    limit: integerIn(args.limit, DEFAULT_TRAVERSE_LIMIT, 0, MAX_TRAVERSE_LIMIT, 'limit'),
    paths,
    shape: shapeOf(vertex, edge),
  };
}

export function planShortestPath(args: ShortestPathArgs, info: GraphQLResolveInfo): ShortestPathNode {
  return {
    from: checkId(args.from, 'from'),
    to: checkId(args.to, 'to'),
    direction: args.direction ?? 'BOTH',
    edgeLabels: checkLabels(args.edgeLabels, 'edgeLabels'),
    maxHops: integerIn(args.maxHops, DEFAULT_MAX_HOPS, 1, MAX_HOPS, 'maxHops'),
    shape: pathShape(info, info.fieldNodes),
  };
}

export function planPageRank(args: PageRankArgs, info: GraphQLResolveInfo): PageRankPlan {
  const dampingFactor = args.dampingFactor ?? 0.85;
  if (!(dampingFactor > 0 && dampingFactor < 1)) throw badInput('"dampingFactor" must be between 0 and 1 (exclusive)', 'dampingFactor');
  const vertex: ProjectionNode[] = [];
  for (const field of selectedFields(info, info.fieldNodes, 'RankedVertex')) {
    if (field.name === 'vertex') vertex.push(planProjection(info, field.nodes, 'Vertex'));
  }
  return {
    subgraph: { label: optionalLabel(args.label, 'label'), edgeLabels: checkLabels(args.edgeLabels, 'edgeLabels') },
    iterations: integerIn(args.iterations, 20, 1, MAX_PAGE_RANK_ITERATIONS, 'iterations'),
    dampingFactor,
    limit: integerIn(args.limit, 10, 1, MAX_PAGE_RANK_LIMIT, 'limit'),
    vertex: mergeProjections('vertex', vertex),
  };
}

/** What a `Path` selection reads: vertex keys always, edges (and their keys) only when selected. */
function pathShape(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): PathShape {
  const vertex: ProjectionNode[] = [];
  let edge: ProjectionNode[] | undefined;
  for (const field of selectedFields(info, nodes, 'Path')) {
    if (field.name === 'vertices') vertex.push(planProjection(info, field.nodes, 'Vertex'));
    if (field.name === 'edges') edge = [...(edge ?? []), planProjection(info, field.nodes, 'Edge')];
  }
  return shapeOf(vertex, edge);
}

/** Vertices (and edges) selected in several places (`vertices`, `paths.vertices`) are fetched once, for all of them. */
function shapeOf(vertex: readonly ProjectionNode[], edge: readonly ProjectionNode[] | undefined): PathShape {
  const shape: PathShape = { vertex: mergeProjections('vertex', vertex) };
  return edge === undefined ? shape : { ...shape, edge: mergeProjections('edge', edge) };
}

function integerIn(value: number | null | undefined, fallback: number, min: number, max: number, argument: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(`"${argument}" must be an integer from ${min} to ${max}`, argument);
  return n;
}
