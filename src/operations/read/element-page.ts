import { __, g, type GraphTraversal } from '../../gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../filter';
import type { Operation } from '../operation';
import { applyOrder, printOrder, type OrderNode } from '../order';
import { applyPage, cutPage, printPage, type PageNode } from '../page';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { ConnectionRecord, EdgeRecord, VertexRecord } from '../records';

/** The selection of a root connection: which elements, in which order, which window, what to bring back. */
export interface ElementQueryNode {
  readonly ids?: readonly string[];
  readonly label?: string;
  readonly filter?: FilterNode;
  readonly order: OrderNode;
  readonly page: PageNode;
  readonly projection: ProjectionNode;
  /** Whether the selection asks for totalCount. */
  readonly count: boolean;
}

/**
 * One page of vertices or edges matching a root query (`vertices(...)`, `edges(...)`). With a count, the match
 * runs twice inside one traversal — once counted, once ordered and windowed — rather than folding every match
 * into memory to count it.
 */
export class ElementPage<T extends VertexRecord | EdgeRecord> implements Operation<ConnectionRecord<T>> {
  readonly mode = 'read';

  constructor(readonly query: ElementQueryNode) {}

  print(): string {
    const q = this.query;
    const parts = [
      q.ids ? `ids=${q.ids.length}` : undefined,
      q.label !== undefined ? `label=${q.label}` : undefined,
      q.filter ? `where=${printFilter(q.filter)}` : undefined,
      `order=${printOrder(q.order)}`,
      `page=${printPage(q.page)}`,
      printProjection(q.projection),
      q.count ? 'count' : undefined,
    ];
    return `${this.query.projection.element === 'vertex' ? 'VertexPage' : 'EdgePage'}(${parts.filter(Boolean).join(', ')})`;
  }

  traversal(): GraphTraversal {
    if (!this.query.count) return this.window(this.match(g));
    return g
      .inject(0)
      .project('total', 'items')
      .by(this.match(__).count())
      .by(this.window(this.match(__)).fold());
  }

  decode(results: unknown[]): ConnectionRecord<T> {
    let fetched = results;
    let totalCount: number | undefined;
    if (this.query.count) {
      const row = results[0] as Map<string, unknown>;
      totalCount = Number(row.get('total'));
      fetched = row.get('items') as unknown[];
    }
    const decode = this.query.projection.element === 'vertex' ? decodeVertex : decodeEdge;
    const { items, cursors, pageInfo } = cutPage(fetched, this.query.page, totalCount);
    return { nodes: items.map((r) => decode(r, this.query.projection) as T), cursors, pageInfo, totalCount };
  }

  private match(source: { V(...ids: unknown[]): GraphTraversal; E(...ids: unknown[]): GraphTraversal }): GraphTraversal {
    const q = this.query;
    const ids = q.ids ?? [];
    let t = q.projection.element === 'vertex' ? source.V(...ids) : source.E(...ids);
    if (q.label !== undefined) t = t.hasLabel(q.label);
    return q.filter ? applyFilter(t, q.filter) : t;
  }

  private window(t: GraphTraversal): GraphTraversal {
    return applyProjection(applyPage(applyOrder(t, this.query.order), this.query.page, this.query.count), this.query.projection);
  }
}
