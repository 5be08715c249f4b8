import DataLoader from 'dataloader';
import type { HopNode } from '../operations/hop';
import type { Operation } from '../operations/operation';
import { unionKeys, type KeySelection } from '../operations/projection';
import { Degrees } from '../operations/read/degrees';
import { FetchElements } from '../operations/read/fetch-elements';
import { NeighbourPages, type NeighbourQueryNode } from '../operations/read/neighbour-pages';
import { emptyConnection, type ConnectionRecord, type EdgeRecord, type VertexRecord } from '../operations/records';

/** Sends an operation as one Gremlin request and decodes its results. */
export type Run = <T>(operation: Operation<T>) => Promise<T>;

interface ElementKey {
  readonly id: string;
  readonly keys: KeySelection;
}

/**
 * Per-request batching: everything asked for in one tick of the event loop goes out together. Element
 * lookups merge their property keys into one `V(ids...)`; a relationship field goes out once per distinct
 * set of arguments, for all of its parents. Loaders live for one GraphQL request, so nothing is cached across
 * users; within a request `forget` drops what they hold once a write went out (mutations run one after another).
 */
export class Loaders {
  private readonly vertices: DataLoader<ElementKey, VertexRecord | null, string>;
  private readonly edges: DataLoader<ElementKey, EdgeRecord | null, string>;
  private readonly perParentLoaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly run: Run) {
    this.vertices = elementLoader(run, (ids, keys) => new FetchElements<VertexRecord>(ids, { element: 'vertex', keys }));
    this.edges = elementLoader(run, (ids, keys) => new FetchElements<EdgeRecord>(ids, { element: 'edge', keys }));
  }

  /** Drops every cached answer: a write may have changed any of them. */
  forget(): void {
    this.vertices.clearAll();
    this.edges.clearAll();
    this.perParentLoaders.clear();
  }

  vertex(id: string, keys: KeySelection): Promise<VertexRecord | null> {
    return this.vertices.load({ id, keys });
  }

  edge(id: string, keys: KeySelection): Promise<EdgeRecord | null> {
    return this.edges.load({ id, keys });
  }

  /** A generic relationship field (`out`, `inE`, ...) of one parent; a parent that no longer exists has none. */
  neighbours<T extends VertexRecord | EdgeRecord>(parentId: string, query: NeighbourQueryNode): Promise<ConnectionRecord<T>> {
    const operation = (parentIds: readonly string[]) => new NeighbourPages<T>(parentIds, query);
    return this.perParent(`neighbours:${JSON.stringify(query)}`, parentId, operation, emptyConnection<T>(query.count));
  }

  degree(id: string, hop: HopNode): Promise<number> {
    return this.perParent(`degree:${JSON.stringify(hop)}`, id, (ids) => new Degrees(ids, hop), 0);
  }

  /**
   * Any per-parent operation: calls with the same `signature` (the operation's kind and arguments) in one tick
   * become one `operation(parentIds)`; a parent missing from its result gets `missing`. Every field answered for
   * many parents batches through this: neighbours, degrees, typed relationships and `@gremlin` fields.
   */
  perParent<R>(signature: string, parentId: string, operation: (parentIds: readonly string[]) => Operation<Map<string, R>>, missing: R): Promise<R> {
    let loader = this.perParentLoaders.get(signature);
    if (!loader) {
      loader = new DataLoader(async (parentIds: readonly string[]) => {
        const results = await this.run(operation(parentIds));
        return parentIds.map((id) => (results.has(id) ? results.get(id) : missing));
      });
      this.perParentLoaders.set(signature, loader);
    }
    return loader.load(parentId) as Promise<R>;
  }
}

function elementLoader<R extends { id: string }>(
  run: Run,
  operation: (ids: string[], keys: KeySelection) => Operation<Map<string, R>>,
): DataLoader<ElementKey, R | null, string> {
  return new DataLoader(
    async (requests: readonly ElementKey[]) => {
      const keys = requests.reduce<KeySelection>((acc, r) => unionKeys(acc, r.keys), []);
      const ids = [...new Set(requests.map((r) => r.id))];
      const found = await run(operation(ids, keys));
      return requests.map((r) => found.get(r.id) ?? null);
    },
    // JSON keeps 'all' apart from a key named "*", and ["a", "b"] apart from a key holding a separator.
    { cacheKeyFn: (k) => JSON.stringify([k.id, k.keys]) },
  );
}
