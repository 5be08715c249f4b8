import type { PathResolvers, QueryResolvers } from '../generated/graphql';
import { pageRank, topRanked } from '../operations/read/page-rank';
import { ShortestPath } from '../operations/read/shortest-path';
import { badInput } from '../errors';
import type { Run } from '../loaders/loaders';
import { ADJACENCY_PAGE_SIZE, AdjacencyPage, MAX_SUBGRAPH_EDGES, MAX_SUBGRAPH_VERTICES, SubgraphSize, type Adjacency, type SubgraphNode } from '../operations/read/subgraph';
import { Traverse } from '../operations/read/traverse';
import type { RankedVertexRecord } from '../operations/records';
import { planPageRank, planShortestPath, planTraverse } from '../planner/algorithms';

export const AlgorithmQueries: Pick<QueryResolvers, 'traverse' | 'shortestPath' | 'pageRank'> = {
  traverse: (_root, args, context, info) => context.run(new Traverse(planTraverse(args, info))),
  shortestPath: (_root, args, context, info) => context.run(new ShortestPath(planShortestPath(args, info))),
  pageRank: async (_root, args, context, info) => {
    const plan = planPageRank(args, info);
    const top = topRanked(pageRank(await fetchSubgraph(context.run, plan.subgraph), plan), plan.limit);
    // One batched lookup for all of them; a vertex deleted since the subgraph was read drops out.
    const vertices = await Promise.all(top.map(({ id }) => context.loaders.vertex(id, plan.vertex)));
    return top.flatMap(({ rank }, i): RankedVertexRecord[] => (vertices[i] ? [{ vertex: vertices[i], rank }] : []));
  },
};

export const Path: PathResolvers = {
  // From the vertices, which every path selection fetches, so it holds when edges were not walked.
  length: (path) => path.vertices.length - 1,
};

/**
 * The whole subgraph: a size check, then adjacency pages until a short one. Requests: 1 + ceil(vertices /
 * ADJACENCY_PAGE_SIZE), so 2 for any subgraph under a page. Refuses with BAD_USER_INPUT above either cap.
 */
async function fetchSubgraph(run: Run, subgraph: SubgraphNode): Promise<Adjacency> {
  const size = await run(new SubgraphSize(subgraph));
  if (size.vertices > MAX_SUBGRAPH_VERTICES) {
    throw badInput(`The subgraph has more than ${MAX_SUBGRAPH_VERTICES} vertices; narrow it with "label"`, 'label');
  }
  if (size.edges > MAX_SUBGRAPH_EDGES) {
    throw badInput(`The subgraph has more than ${MAX_SUBGRAPH_EDGES} edges; narrow it with "label" or "edgeLabels"`, 'edgeLabels');
  }
  const adjacency = new Map<string, readonly string[]>();
  for (let offset = 0; offset < size.vertices; offset += ADJACENCY_PAGE_SIZE) {
    const page = await run(new AdjacencyPage(subgraph, offset));
    for (const [id, out] of page) adjacency.set(id, out);
    if (page.size < ADJACENCY_PAGE_SIZE) break;
  }
  return adjacency;
}
