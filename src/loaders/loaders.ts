import DataLoader from 'dataloader';
import { signature, type NestedField, type NestedNode } from '../operations/nested';
import type { Operation } from '../operations/operation';
import { unionKeys, type KeySelection, type ProjectionNode } from '../operations/projection';
import { FetchElements, FetchNested } from '../operations/read/fetch-elements';
import type { EdgeRecord, VertexRecord } from '../operations/records';

/** Sends an operation as one Gremlin request and decodes its results. */
export type Run = <T>(operation: Operation<T>) => Promise<T>;

interface ElementKey {
  readonly id: string;
  readonly projection: ProjectionNode;
}

/**
 * Per-request batching, for what the planner cannot nest inside one traversal: root lookups by id (several
 * `vertex(id:)` fields, `_entities` representations) merge into one `V(ids...)`; a property missing from a
 * record (a vertex reached through a path) is fetched for all such records at once; and a field whose
 * parents the planner could not reach (a `@gremlin` field using its parent's id mid-traversal, a field whose
 * plan failed) goes out once per distinct set of arguments, for all of its parents. Loaders live for one
 * GraphQL request, so nothing is cached across users; within a request `forget` drops what they hold once a
 * write went out (mutations run one after another).
 */
export class Loaders {
  private readonly vertices: DataLoader<ElementKey, VertexRecord | null, ElementKey>;
  private readonly edges: DataLoader<ElementKey, EdgeRecord | null, ElementKey>;
  private readonly perParentLoaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly run: Run) {
    this.vertices = elementLoader<VertexRecord>(run);
    this.edges = elementLoader<EdgeRecord>(run);
  }

  /** Drops every cached answer: a write may have changed any of them. */
  forget(): void {
    this.vertices.clearAll();
    this.edges.clearAll();
    this.perParentLoaders.clear();
  }

  vertex(id: string, projection: KeySelection | ProjectionNode): Promise<VertexRecord | null> {
    return this.vertices.load({ id, projection: asProjection('vertex', projection) });
  }

  edge(id: string, projection: KeySelection | ProjectionNode): Promise<EdgeRecord | null> {
    return this.edges.load({ id, projection: asProjection('edge', projection) });
  }

  /** A field of one parent vertex that was not nested in the parent's own traversal; a parent gone has `missing`. */
  nested<R>(parentId: string, node: NestedNode, missing: R): Promise<R> {
    return this.perParent(`nested:${signature(node)}`, parentId, (ids) => new FetchNested<R>(ids, node), missing);
  }

  /**
   * Any per-parent operation: calls with the same `signature` (the operation's kind and arguments) in one tick
   * become one `operation(parentIds)`; a parent missing from its result gets `missing`.
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

function asProjection(element: 'vertex' | 'edge', projection: KeySelection | ProjectionNode): ProjectionNode {
  return projection === 'all' || Array.isArray(projection) ? { element, keys: projection as KeySelection } : (projection as ProjectionNode);
}

/**
 * Lookups with the same nested fields share one `V(ids...)` fetching the union of their keys; lookups nesting
 * different fields (two root `vertex` fields selecting different things) go out side by side.
 */
function elementLoader<R extends VertexRecord | EdgeRecord>(run: Run): DataLoader<ElementKey, R | null, ElementKey> {
  return new DataLoader(
    async (requests: readonly ElementKey[]) => {
      const groups = new Map<string, ElementKey[]>();
      for (const r of requests) {
        const key = signature(r.projection.nested ?? NO_NESTED);
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      const found = new Map<ElementKey, R>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const keys = group.reduce<KeySelection>((acc, r) => unionKeys(acc, r.projection.keys), []);
          const ids = [...new Set(group.map((r) => r.id))];
          const records = await run(new FetchElements<R>(ids, { ...group[0].projection, keys }));
          for (const r of group) {
            const record = records.get(r.id);
            if (record) found.set(r, record);
          }
        }),
      );
      return requests.map((r) => found.get(r) ?? null);
    },
    { cacheMap: new ElementCache<Promise<R | null>>() },
  );
}

const NO_NESTED: readonly NestedField[] = [];

/**
 * The loader's cache, by projection and then id. A key joining the two (the projection's signature is the
 * whole plan as text) would be a new long string to hash on every load; the signature itself is one string
 * per plan, kept (see `signature`).
 */
class ElementCache<V> {
  private readonly byProjection = new Map<string, Map<string, V>>();

  get(k: ElementKey): V | undefined {
    return this.byProjection.get(signature(k.projection))?.get(k.id);
  }

  set(k: ElementKey, value: V): void {
    const sig = signature(k.projection);
    let byId = this.byProjection.get(sig);
    if (!byId) this.byProjection.set(sig, (byId = new Map()));
    byId.set(k.id, value);
  }

  delete(k: ElementKey): void {
    this.byProjection.get(signature(k.projection))?.delete(k.id);
  }

  clear(): void {
    this.byProjection.clear();
  }
}
