import type { GraphTraversal } from '../../gremlin/source';
import { applyHop, printHop, type DirectionName } from '../hop';
import { decodeEdge, decodeVertex, printProjection, projectionTraversal, type ProjectionNode } from '../projection';
import type { EdgeRecord, PathRecord, VertexRecord } from '../records';

/**
 * Walking from vertex to vertex, shared by the path-finding operations. A walk whose edges are wanted goes
 * through them (`bothE().otherV()`), so that `path()` records each edge between its two vertices; otherwise
 * a plain `both()` keeps paths and work smaller.
 */
export interface PathShape {
  readonly vertex: ProjectionNode;
  /** Present when the selection reads edges: the walk then passes through them and paths alternate. */
  readonly edge?: ProjectionNode;
}

/** The step from an edge to the vertex at its far end, for each direction of travel. */
const FAR_END = { OUT: 'inV', IN: 'outV', BOTH: 'otherV' } as const;

export function applyWalk(t: GraphTraversal, direction: DirectionName, edgeLabels: readonly string[], shape: PathShape): GraphTraversal {
  if (!shape.edge) return applyHop(t, { direction, edgeLabels, target: 'vertex' });
  return applyHop(t, { direction, edgeLabels, target: 'edge' })[FAR_END[direction]]();
}

export function printWalk(direction: DirectionName, edgeLabels: readonly string[], shape: PathShape): string {
  const hop = printHop({ direction, edgeLabels, target: shape.edge ? 'edge' : 'vertex' });
  return shape.edge ? `${hop}.${FAR_END[direction]}` : hop;
}

/** `path()` with one `by()` per kind of element: Gremlin applies `by()`s round-robin, matching the alternation. */
export function applyPath(t: GraphTraversal, shape: PathShape): GraphTraversal {
  const path = t.path().by(projectionTraversal(shape.vertex));
  return shape.edge ? path.by(projectionTraversal(shape.edge)) : path;
}

export function printShape(shape: PathShape): string {
  return shape.edge ? `${printProjection(shape.vertex)} ${printProjection(shape.edge)}` : printProjection(shape.vertex);
}

/** A Gremlin Path as the driver hands it over (`objects` in walk order), back into records. */
export function decodePath(value: unknown, shape: PathShape): PathRecord {
  const objects = (value as { objects: unknown[] }).objects;
  const vertices: VertexRecord[] = [];
  const edges: EdgeRecord[] = [];
  objects.forEach((object, i) => {
    if (shape.edge && i % 2 === 1) edges.push(decodeEdge(object, shape.edge));
    else vertices.push(decodeVertex(object, shape.vertex));
  });
  return { vertices, edges };
}
