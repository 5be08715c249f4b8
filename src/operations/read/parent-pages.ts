import { T, byIds, type GraphTraversal } from '../../gremlin/source';
import { cutPage, type PageNode } from '../page';
import type { PageInfoRecord } from '../records';

/**
 * The shape every "field of many parents" operation shares: one traversal over the parent ids, projecting each
 * parent to its id, its window of items (ordered and ranged inside `by()`, so per parent) and, when asked, the
 * count of all its items.
 */
export function parentKeyedTraversal(parentIds: readonly string[], items: GraphTraversal, count?: GraphTraversal): GraphTraversal {
  const t = byIds('vertex', parentIds)
    .project(...(count ? ['parent', 'items', 'total'] : ['parent', 'items']))
    .by(T.id)
    .by(items.fold());
  return count ? t.by(count) : t;
}

export interface ParentPage {
  readonly items: unknown[];
  readonly cursors: string[];
  readonly pageInfo: PageInfoRecord;
  readonly totalCount?: number;
}

/** The rows of `parentKeyedTraversal`, cut into pages by parent id. */
export function pagesByParent(results: unknown[], page: PageNode, counted: boolean): Map<string, ParentPage> {
  const byParent = new Map<string, ParentPage>();
  for (const row of results as Map<string, unknown>[]) {
    const { items, cursors, pageInfo } = cutPage(row.get('items') as unknown[], page);
    byParent.set(String(row.get('parent')), { items, cursors, pageInfo, totalCount: counted ? Number(row.get('total')) : undefined });
  }
  return byParent;
}
