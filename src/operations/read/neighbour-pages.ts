import { anonymous, type GraphTraversal } from '../../gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../filter';
import { applyHop, printHop, type HopNode } from '../hop';
import type { Operation } from '../operation';
import { applyOrder, printOrder, type OrderNode } from '../order';
import { applyPage, printPage, type PageNode } from '../page';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { ConnectionRecord, EdgeRecord, VertexRecord } from '../records';
import { pagesByParent, parentKeyedTraversal } from './parent-pages';

/** A relationship field (`out`, `inE`, ...) with its arguments, to be answered for many parents at once. */
export interface NeighbourQueryNode {
  readonly hop: HopNode;
  readonly filter?: FilterNode;
  readonly order: OrderNode;
  readonly page: PageNode;
  readonly projection: ProjectionNode;
  readonly count: boolean;
}

/**
 * The same relationship field for many parent vertices in one traversal, keyed by parent id. Ordering and
 * windowing run inside `by()`, so each parent gets its own first-N. A vertex reached along several edges
 * appears once in a vertex connection; an edge connection lists every edge once.
 */
export class NeighbourPages<T extends VertexRecord | EdgeRecord> implements Operation<Map<string, ConnectionRecord<T>>> {
  readonly mode = 'read';

  constructor(
    readonly parentIds: readonly string[],
    readonly query: NeighbourQueryNode,
  ) {}

  print(): string {
    const q = this.query;
    const parts = [
      `parents=${this.parentIds.length}`,
      printHop(q.hop),
      q.filter ? `where=${printFilter(q.filter)}` : undefined,
      `order=${printOrder(q.order)}`,
      `page=${printPage(q.page)}`,
      printProjection(q.projection),
      q.count ? 'count' : undefined,
    ];
    return `NeighbourPages(${parts.filter(Boolean).join(', ')})`;
  }

  traversal(): GraphTraversal {
    const q = this.query;
    const items = applyProjection(applyPage(applyOrder(this.match(), q.order), q.page), q.projection);
    return parentKeyedTraversal(this.parentIds, items, q.count ? this.match().count() : undefined);
  }

  decode(results: unknown[]): Map<string, ConnectionRecord<T>> {
    const q = this.query;
    const decode = q.projection.element === 'vertex' ? decodeVertex : decodeEdge;
    const pages = new Map<string, ConnectionRecord<T>>();
    for (const [parent, { items, ...rest }] of pagesByParent(results, q.page, q.count)) {
      pages.set(parent, { ...rest, nodes: items.map((r) => decode(r, q.projection) as T) });
    }
    return pages;
  }

  private match(): GraphTraversal {
    let t = applyHop(anonymous(), this.query.hop);
    if (this.query.filter) t = applyFilter(t, this.query.filter);
    // bothE() meets an edge from a vertex to itself at both of its ends: it is still one edge.
    const { target, direction } = this.query.hop;
    return target === 'vertex' || direction === 'BOTH' ? t.dedup() : t;
  }
}
