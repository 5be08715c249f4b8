import { __, type GraphTraversal } from '../../gremlin/source';
import { cutPage, type PageNode } from '../page';
import type { PageInfoRecord } from '../records';

/**
 * The value a paged field nested under an element yields: its window of items (ordered and ranged inside the
 * parent's `by()`, so per parent) and, when asked, the count of all its items. Always exactly one value, even
 * for no items, so the parent's `project()` never drops the parent.
 */
export function pageBranch(items: GraphTraversal, count?: GraphTraversal): GraphTraversal {
  return count ? __.project('items', 'total').by(items.fold()).by(count) : items.fold();
}

export interface BranchPage {
  readonly items: unknown[];
  readonly cursors: string[];
  readonly pageInfo: PageInfoRecord;
  readonly totalCount?: number;
}

/** What `pageBranch` yielded, cut into the page's items, cursors and page info. */
export function decodePageBranch(value: unknown, page: PageNode, counted: boolean): BranchPage {
  const row = counted ? (value as Map<string, unknown>) : undefined;
  const fetched = (row ? row.get('items') : value) as unknown[];
  const totalCount = row ? Number(row.get('total')) : undefined;
  return { ...cutPage(fetched, page, totalCount), totalCount };
}
