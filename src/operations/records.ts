/**
 * What executed operations hand to resolvers. Records carry only what was fetched: `fetchedKeys` says which
 * property keys are present (`'all'` when every key was), so a resolver can tell a missing property from one
 * that was never asked for and load the rest through the batched loaders.
 */

/** Values per key, as Gremlin's valueMap returns them: a list even under single cardinality. */
export type PropertyBag = Readonly<Record<string, readonly unknown[]>>;

export type FetchedKeys = 'all' | ReadonlySet<string>;

export interface VertexRecord {
  readonly id: string;
  readonly label: string;
  readonly properties: PropertyBag;
  readonly fetchedKeys: FetchedKeys;
  /** The values of the fields planned inside this element's projection, by name (see src/operations/nested.ts). */
  readonly nested?: ReadonlyMap<string, unknown>;
}

export interface EdgeRecord {
  readonly id: string;
  readonly label: string;
  readonly outV: string;
  readonly inV: string;
  readonly properties: PropertyBag;
  readonly fetchedKeys: FetchedKeys;
  /** The values of the fields planned inside this element's projection, by name (see src/operations/nested.ts). */
  readonly nested?: ReadonlyMap<string, unknown>;
}

export interface PathRecord {
  readonly vertices: readonly VertexRecord[];
  readonly edges: readonly EdgeRecord[];
}

export interface PageInfoRecord {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface ConnectionRecord<T> {
  readonly nodes: readonly T[];
  readonly cursors: readonly string[];
  readonly pageInfo: PageInfoRecord;
  /** Counted in the same request, and only when the selection asks for it. */
  readonly totalCount?: number;
}

/** A connection with nothing in it; `totalCount` is 0 when the selection counts. */
export function emptyConnection<T>(count: boolean): ConnectionRecord<T> {
  return {
    nodes: [],
    cursors: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: count ? 0 : undefined,
  };
}

export type VertexConnectionRecord = ConnectionRecord<VertexRecord>;
export type EdgeConnectionRecord = ConnectionRecord<EdgeRecord>;

export interface TraversalRecord {
  readonly vertices: readonly VertexRecord[];
  readonly edges: readonly EdgeRecord[];
  readonly paths: readonly PathRecord[];
}

export interface RankedVertexRecord {
  readonly vertex: VertexRecord;
  readonly rank: number;
}

export function hasAllKeys(fetched: FetchedKeys, keys: readonly string[] | undefined): boolean {
  if (fetched === 'all') return true;
  if (keys === undefined) return false;
  return keys.every((k) => fetched.has(k));
}
