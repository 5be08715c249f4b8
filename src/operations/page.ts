import { createHash } from 'node:crypto';
import type { GraphTraversal } from '../gremlin/source';
import type { PageInfoRecord } from './records';

/** Documented in the schema: a connection returns 20 items unless asked, and never more than 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * A window over an ordered result. Cursors are offsets into the ordering, sealed with a fingerprint of the
 * query they came from: a cursor replayed against different arguments is refused instead of silently
 * returning the wrong window. Offsets (rather than keyset cursors) keep every backend query a plain
 * `range()`; with the id tie-break in every ordering, pages of an unchanged graph never overlap or skip.
 */
export interface PageNode {
  readonly offset: number;
  readonly limit: number;
  readonly fingerprint: string;
}

/**
 * Fetches one item past the page so hasNextPage needs no second query; when the query also counts its matches,
 * the count tells whether more follow, and the extra item (with everything nested under it) is not fetched.
 */
export function applyPage(t: GraphTraversal, page: PageNode, counted: boolean): GraphTraversal {
  return t.range(page.offset, page.offset + page.limit + (counted ? 0 : 1));
}

/** Splits what `applyPage` fetched into the page's items, cursors and page info; `totalCount` when counted. */
export function cutPage<T>(fetched: readonly T[], page: PageNode, totalCount?: number): { items: T[]; cursors: string[]; pageInfo: PageInfoRecord } {
  const items = fetched.slice(0, page.limit);
  const cursors = items.map((_, i) => encodeCursor(page.offset + i, page.fingerprint));
  return {
    items,
    cursors,
    pageInfo: {
      hasNextPage: totalCount === undefined ? fetched.length > page.limit : page.offset + items.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: cursors[0] ?? null,
      endCursor: cursors[cursors.length - 1] ?? null,
    },
  };
}

/** A short stable digest of whatever identifies a query (field, arguments other than first/after). */
export function fingerprintOf(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 10);
}

export function printPage(page: PageNode): string {
  return `[${page.offset}, ${page.offset + page.limit})`;
}

function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(`${fingerprint}:${offset}`).toString('base64url');
}

/** The offset and fingerprint a cursor of `encodeCursor` holds, or undefined for anything else. */
export function readCursor(cursor: string): { readonly fingerprint: string; readonly offset: number } | undefined {
  const match = /^([A-Za-z0-9_-]+):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { fingerprint: match[1], offset: Number(match[2]) } : undefined;
}
