import { anonymous, type GraphTraversal } from '../../gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../filter';
import { applyHop, printHop, type HopNode } from '../hop';
import { applyOrder, printOrder, type OrderNode } from '../order';
import { applyPage, printPage, type PageNode } from '../page';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { ConnectionRecord, EdgeRecord, VertexRecord } from '../records';
import { decodePageBranch, pageBranch } from './parent-pages';

/** A relationship field (`out`, `inE`, ...) with its arguments: one page of neighbours (or edges) of a vertex. */
export interface NeighbourQueryNode {
  readonly hop: HopNode;
  readonly filter?: FilterNode;
  readonly order: OrderNode;
  readonly page: PageNode;
  readonly projection: ProjectionNode;
  readonly count: boolean;
}

export function printNeighbours(q: NeighbourQueryNode): string {
  const parts = [
    printHop(q.hop),
    q.filter ? `where=${printFilter(q.filter)}` : undefined,
    `order=${printOrder(q.order)}`,
    `page=${printPage(q.page)}`,
    printProjection(q.projection),
    q.count ? 'count' : undefined,
  ];
  return `Neighbours(${parts.filter(Boolean).join(', ')})`;
}

/**
 * From a vertex, its page: ordering and windowing run inside the parent's `by()`, so each parent gets its own
 * first-N. A vertex reached along several edges appears once in a vertex connection; an edge connection lists
 * every edge once.
 */
export function neighbourBranch(q: NeighbourQueryNode): GraphTraversal {
  const items = applyProjection(applyPage(applyOrder(match(q), q.order), q.page, q.count), q.projection);
  return pageBranch(items, q.count ? match(q).count() : undefined);
}

export function decodeNeighbours<T extends VertexRecord | EdgeRecord>(value: unknown, q: NeighbourQueryNode): ConnectionRecord<T> {
  const decode = q.projection.element === 'vertex' ? decodeVertex : decodeEdge;
  const { items, ...rest } = decodePageBranch(value, q.page, q.count);
  return { ...rest, nodes: items.map((r) => decode(r, q.projection) as T) };
}

function match(q: NeighbourQueryNode): GraphTraversal {
  let t = applyHop(anonymous(), q.hop);
  if (q.filter) t = applyFilter(t, q.filter);
  // bothE() meets an edge from a vertex to itself at both of its ends: it is still one edge.
  return q.hop.target === 'vertex' || q.hop.direction === 'BOTH' ? t.dedup() : t;
}
