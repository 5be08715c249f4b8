import { Order, __, anonymous, type GraphTraversal } from '../../gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../filter';
import { applyHop, printHop, type HopNode } from '../hop';
import type { Operation } from '../operation';
import { applyOrder, printOrder, type OrderNode } from '../order';
import { applyPage, printPage, type PageNode } from '../page';
import { applyProjection, decodeEdge, decodeVertex, printProjection, projectionTraversal, type ProjectionNode } from '../projection';
import type { ConnectionRecord, EdgeRecord, VertexRecord } from '../records';
import { pagesByParent, parentKeyedTraversal } from './parent-pages';

/**
 * A typed relationship field (`follows`, `followsConnection`) for many parents. Unlike the generic `out`, it
 * yields one item per relationship — a neighbour reached along two edges appears twice, as in the Neo4j
 * GraphQL Library — so that the list form, the connection form and the edge properties all count and page
 * alike. `hop` carries the target type's label.
 */
export interface RelationshipQueryNode {
  readonly hop: HopNode;
  /** On the neighbour vertices. */
  readonly filter?: FilterNode;
  /** On the edges walked. */
  readonly edgeFilter?: FilterNode;
  readonly order: OrderNode;
  readonly page: PageNode;
  readonly projection: ProjectionNode;
  /** Present when the selection reads the edges themselves; then the edges are walked and projected too. */
  readonly edgeProjection?: ProjectionNode;
  readonly count: boolean;
}

export interface RelationshipConnectionRecord extends ConnectionRecord<VertexRecord> {
  /** Aligned with `nodes`, when the query had an edge projection. */
  readonly edges?: readonly EdgeRecord[];
}

const EDGE = 'e';

/**
 * One traversal keyed by parent id, per-parent order and window inside `by()`. When edges are needed the walk
 * is `outE(L).as('e').inV()`, so filters and orderings still apply to the vertex and the edge is picked back
 * with `select('e')`; ties on the same vertex then break on the edge id.
 */
export class RelationshipPages implements Operation<Map<string, RelationshipConnectionRecord>> {
  readonly mode = 'read';

  constructor(
    readonly parentIds: readonly string[],
    readonly query: RelationshipQueryNode,
  ) {}

  print(): string {
    const q = this.query;
    const parts = [
      `parents=${this.parentIds.length}`,
      printHop(q.hop),
      q.edgeFilter ? `edgeWhere=${printFilter(q.edgeFilter)}` : undefined,
      q.filter ? `where=${printFilter(q.filter)}` : undefined,
      `order=${printOrder(q.order)}`,
      `page=${printPage(q.page)}`,
      printProjection(q.projection),
      q.edgeProjection ? printProjection(q.edgeProjection) : undefined,
      q.count ? 'count' : undefined,
    ];
    return `RelationshipPages(${parts.filter(Boolean).join(', ')})`;
  }

  traversal(): GraphTraversal {
    return parentKeyedTraversal(this.parentIds, this.items(), this.query.count ? this.match().count() : undefined);
  }

  decode(results: unknown[]): Map<string, RelationshipConnectionRecord> {
    const q = this.query;
    const edgeProjection = q.edgeProjection;
    const vertexOf = (item: unknown) => (edgeProjection ? (item as Map<string, unknown>).get('node') : item);
    const pages = new Map<string, RelationshipConnectionRecord>();
    for (const [parent, { items, ...rest }] of pagesByParent(results, q.page, q.count)) {
      pages.set(parent, {
        ...rest,
        nodes: items.map((item) => decodeVertex(vertexOf(item), q.projection)),
        edges: edgeProjection ? items.map((item) => decodeEdge((item as Map<string, unknown>).get('edge'), edgeProjection)) : undefined,
      });
    }
    return pages;
  }

  private walksEdges(): boolean {
    return this.query.edgeProjection !== undefined || this.query.edgeFilter !== undefined;
  }

  /** The neighbour vertices, one per relationship, filtered; the edge labelled `e` when walking edges. */
  private match(): GraphTraversal {
    const q = this.query;
    let t: GraphTraversal;
    if (this.walksEdges()) {
      t = applyHop(anonymous(), { ...q.hop, target: 'edge', vertexLabels: undefined });
      if (q.edgeFilter) t = applyFilter(t, q.edgeFilter);
      t = t.as(EDGE);
      t = q.hop.direction === 'OUT' ? t.inV() : q.hop.direction === 'IN' ? t.outV() : t.otherV();
      if (q.hop.vertexLabels && q.hop.vertexLabels.length > 0) t = t.hasLabel(...q.hop.vertexLabels);
    } else {
      t = applyHop(anonymous(), q.hop);
    }
    return q.filter ? applyFilter(t, q.filter) : t;
  }

  private items(): GraphTraversal {
    const q = this.query;
    let ordered = applyOrder(this.match(), q.order);
    if (this.walksEdges()) ordered = ordered.by(__.select(EDGE).id(), Order.asc);
    const windowed = applyPage(ordered, q.page);
    if (!q.edgeProjection) return applyProjection(windowed, q.projection);
    return windowed
      .project('edge', 'node')
      .by(applyProjection(__.select(EDGE), q.edgeProjection))
      .by(projectionTraversal(q.projection));
  }
}
