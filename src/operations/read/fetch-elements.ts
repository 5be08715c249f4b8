import { byIds, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { NestedNode } from '../nested';
import type { EdgeRecord, VertexRecord } from '../records';

/** Looks up many vertices or edges (as `projection.element` says) by id in one traversal; missing ids are absent. */
export class FetchElements<T extends VertexRecord | EdgeRecord> implements Operation<Map<string, T>> {
  readonly mode = 'read';

  constructor(
    readonly ids: readonly string[],
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `Fetch${this.projection.element === 'vertex' ? 'Vertices' : 'Edges'}(ids=${this.ids.length}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(byIds(this.projection.element, this.ids), this.projection);
  }

  decode(results: unknown[]): Map<string, T> {
    const decode = this.projection.element === 'vertex' ? decodeVertex : decodeEdge;
    const records = results.map((r) => decode(r, this.projection) as T);
    return new Map(records.map((r) => [r.id, r]));
  }
}

/** Name of the one nested field a FetchNested projects. */
const FIELD = 'field';

/**
 * One nested field (see ../nested.ts) for many parent vertices at once, keyed by parent id: the fallback for
 * a field that was not nested in its parents' own traversal.
 */
export class FetchNested<R> implements Operation<Map<string, R>> {
  readonly mode = 'read';
  private readonly fetch: FetchElements<VertexRecord>;

  constructor(ids: readonly string[], node: NestedNode) {
    this.fetch = new FetchElements(ids, { element: 'vertex', keys: [], nested: [{ name: FIELD, node }] });
  }

  print(): string {
    return this.fetch.print();
  }

  traversal(): GraphTraversal {
    return this.fetch.traversal();
  }

  decode(results: unknown[]): Map<string, R> {
    return new Map([...this.fetch.decode(results)].map(([id, record]) => [id, record.nested?.get(FIELD) as R]));
  }
}
