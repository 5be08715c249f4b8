import { Order, T, __, anonymous, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';

/**
 * The part of the graph a whole-graph algorithm (PageRank) runs on, fetched into the gateway because the
 * database has no step for it: the vertices with `label` (every vertex when absent) and the edges with
 * `edgeLabels` (every edge when empty) whose two ends are both among those vertices.
 */
export interface SubgraphNode {
  readonly label?: string;
  readonly edgeLabels: readonly string[];
}

/** Documented in the schema: the gateway holds at most this much of the graph for one request. */
export const MAX_SUBGRAPH_VERTICES = 50_000;
export const MAX_SUBGRAPH_EDGES = 100_000;
/** Vertices per adjacency page: keeps any one response (and the database's sort window) moderate. */
export const ADJACENCY_PAGE_SIZE = 10_000;

/** Each vertex with the ids of the subgraph vertices its subgraph edges point to, one entry per edge. */
export type Adjacency = ReadonlyMap<string, readonly string[]>;

function vertices(source: { V(...ids: unknown[]): GraphTraversal }, node: SubgraphNode): GraphTraversal {
  const t = source.V();
  return node.label === undefined ? t : t.hasLabel(node.label);
}

/** From a subgraph vertex to the subgraph edges leaving it. */
function outEdges(t: GraphTraversal, node: SubgraphNode): GraphTraversal {
  const edges = t.outE(...node.edgeLabels);
  return node.label === undefined ? edges : edges.where(__.inV().hasLabel(node.label));
}

function describe(node: SubgraphNode): string {
  return `label=${node.label ?? '*'}, edges=[${node.edgeLabels.join(', ')}]`;
}

/**
 * Counts vertices and edges, each stopping one past its cap: enough to refuse an oversized subgraph before
 * fetching any of it, without counting the whole of a large graph.
 */
export class SubgraphSize implements Operation<{ vertices: number; edges: number }> {
  readonly mode = 'read';

  constructor(readonly subgraph: SubgraphNode) {}

  print(): string {
    return `SubgraphSize(${describe(this.subgraph)}, caps=${MAX_SUBGRAPH_VERTICES}/${MAX_SUBGRAPH_EDGES})`;
  }

  traversal(): GraphTraversal {
    return g
      .inject(0)
      .project('vertices', 'edges')
      .by(vertices(__, this.subgraph).limit(MAX_SUBGRAPH_VERTICES + 1).count())
      .by(outEdges(vertices(__, this.subgraph), this.subgraph).limit(MAX_SUBGRAPH_EDGES + 1).count());
  }

  decode(results: unknown[]): { vertices: number; edges: number } {
    const row = results[0] as Map<string, unknown>;
    return { vertices: Number(row.get('vertices')), edges: Number(row.get('edges')) };
  }
}

/** One window of subgraph vertices in id order, each with its out-neighbours inside the subgraph. */
export class AdjacencyPage implements Operation<Adjacency> {
  readonly mode = 'read';

  constructor(
    readonly subgraph: SubgraphNode,
    readonly offset: number,
  ) {}

  print(): string {
    return `AdjacencyPage(${describe(this.subgraph)}, [${this.offset}, ${this.offset + ADJACENCY_PAGE_SIZE}))`;
  }

  traversal(): GraphTraversal {
    return vertices(g, this.subgraph)
      .order()
      .by(T.id, Order.asc)
      .range(this.offset, this.offset + ADJACENCY_PAGE_SIZE)
      .project('id', 'out')
      .by(T.id)
      .by(outEdges(anonymous(), this.subgraph).inV().id().fold());
  }

  decode(results: unknown[]): Adjacency {
    return new Map(
      (results as Map<string, unknown>[]).map((row) => [String(row.get('id')), (row.get('out') as unknown[]).map(String)]),
    );
  }
}
