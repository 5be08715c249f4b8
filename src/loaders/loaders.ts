import DataLoader from 'dataloader';
import type { HopNode } from '../operations/hop';
import type { Operation } from '../operations/operation';
import { unionKeys, type KeySelection } from '../operations/projection';
import { Degrees } from '../operations/read/degrees';
import { FetchEdges, FetchVertices } from '../operations/read/fetch-elements';
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
 * users or across writes.
 */
export class Loaders {
  private readonly vertices: DataLoader<ElementKey, VertexRecord | null, string>;
  private readonly edges: DataLoader<ElementKey, EdgeRecord | null, string>;
  private readonly neighbourLoaders = new Map<string, DataLoader<string, ConnectionRecord<VertexRecord | EdgeRecord>>>();
  private readonly degreeLoaders = new Map<string, DataLoader<string, number>>();
  private readonly perParentLoaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly run: Run) {
    this.vertices = elementLoader(run, (ids, keys) => new FetchVertices(ids, { element: 'vertex', keys }));
    this.edges = elementLoader(run, (ids, keys) => new FetchEdges(ids, { element: 'edge', keys }));
  }

  vertex(id: string, keys: KeySelection): Promise<VertexRecord | null> {
    return this.vertices.load({ id, keys });
  }

  edge(id: string, keys: KeySelection): Promise<EdgeRecord | null> {
    return this.edges.load({ id, keys });
  }

  neighbours<T extends VertexRecord | EdgeRecord>(parentId: string, query: NeighbourQueryNode): Promise<ConnectionRecord<T>> {
    const signature = JSON.stringify(query);
    let loader = this.neighbourLoaders.get(signature);
    if (!loader) {
      loader = new DataLoader(async (parentIds: readonly string[]) => {
        const pages = await this.run(new NeighbourPages(parentIds, query));
        return parentIds.map((id) => pages.get(id) ?? emptyConnection(query.count));
      });
      this.neighbourLoaders.set(signature, loader);
    }
    return loader.load(parentId) as Promise<ConnectionRecord<T>>;
  }

  /**
   * Any per-parent operation: calls with the same `signature` (the operation's arguments) in one tick become
   * one `operation(parentIds)`; a parent missing from its result gets `missing`. Typed relationship and
   * `@gremlin` fields batch through this.
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

  degree(id: string, hop: HopNode): Promise<number> {
    const signature = JSON.stringify(hop);
    let loader = this.degreeLoaders.get(signature);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const degrees = await this.run(new Degrees(ids, hop));
        return ids.map((v) => degrees.get(v) ?? 0);
      });
      this.degreeLoaders.set(signature, loader);
    }
    return loader.load(id);
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
    { cacheKeyFn: (k) => `${k.id}\u0000${k.keys === 'all' ? '*' : k.keys.join('\u0000')}` },
  );
}
