import { badInput } from '../errors';
import { COMPARISONS, type Comparison, type FilterNode } from '../operations/filter';
import type { OrderNode } from '../operations/order';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, readCursor, type PageNode } from '../operations/page';
import { checkKey, checkScalar, checkText } from './values';

/**
 * Arguments as GraphQL hands them over, checked and turned into operation nodes: every mistake is a
 * BAD_USER_INPUT naming the offending argument (`where.or[1].gt`), found before anything is sent.
 */

/** The `PropertyFilter` input as GraphQL hands it to us. */
export interface PropertyFilterInput {
  key?: string | null;
  eq?: unknown;
  neq?: unknown;
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  in?: readonly unknown[] | null;
  notIn?: readonly unknown[] | null;
  contains?: string | null;
  startsWith?: string | null;
  endsWith?: string | null;
  exists?: boolean | null;
  and?: readonly PropertyFilterInput[] | null;
  or?: readonly PropertyFilterInput[] | null;
  not?: PropertyFilterInput | null;
}

/** Keeps one request's traversal (and the work of compiling it) bounded, typed filters included. */
const MAX_DEPTH = 16;

export function checkFilterDepth(depth: number, argument: string): void {
  if (depth > MAX_DEPTH) throw badInput(`Filter is nested more than ${MAX_DEPTH} levels deep`, argument);
}

/**
 * Validates a PropertyFilter and turns it into a FilterNode; `argument` names where it came from so an error
 * can point at the exact offending field (`where.or[1].gt`).
 */
export function filterFromInput(input: PropertyFilterInput, argument = 'where', depth = 0): FilterNode {
  checkFilterDepth(depth, argument);
  const parts: FilterNode[] = [];
  const key = input.key ?? undefined;
  const needKey = (field: string) => {
    if (key === undefined || key === '') throw badInput(`"${field}" needs a "key" to compare`, `${argument}.${field}`);
    return checkKey(key, `${argument}.key`);
  };
  for (const op of Object.keys(COMPARISONS) as Comparison[]) {
    const value = input[op];
    if (value === undefined || value === null) continue;
    const at = `${argument}.${op}`;
    if (op === 'in' || op === 'notIn') {
      (value as unknown[]).forEach((item, i) => checkScalar(item, `${at}[${i}]`));
    } else {
      checkScalar(value, at);
    }
    parts.push({ kind: 'compare', key: needKey(op), op, value });
  }
  if (input.exists !== undefined && input.exists !== null) {
    parts.push({ kind: 'exists', key: needKey('exists'), exists: input.exists });
  }
  for (const kind of ['and', 'or'] as const) {
    const list = input[kind];
    if (!list) continue;
    if (list.length === 0) throw badInput(`"${kind}" needs at least one filter`, `${argument}.${kind}`);
    parts.push({ kind, children: list.map((f, i) => filterFromInput(f, `${argument}.${kind}[${i}]`, depth + 1)) });
  }
  if (input.not) parts.push({ kind: 'not', child: filterFromInput(input.not, `${argument}.not`, depth + 1) });
  if (parts.length === 0) {
    throw badInput(key ? `Filter on "${key}" has no comparison` : 'Filter is empty', argument);
  }
  return parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
}

export interface PropertyOrderInput {
  key: string;
  direction?: 'ASC' | 'DESC' | null;
}

export const MAX_ORDER_KEYS = 5;

export function orderFromInput(input: readonly PropertyOrderInput[] | null | undefined, argument = 'orderBy'): OrderNode {
  const list = input ?? [];
  if (list.length > MAX_ORDER_KEYS) throw badInput(`At most ${MAX_ORDER_KEYS} sort keys are allowed`, argument);
  return {
    keys: list.map((o, i) => ({ key: checkKey(o.key, `${argument}[${i}].key`), descending: o.direction === 'DESC' })),
  };
}

export function pageFromInput(first: number | null | undefined, after: string | null | undefined, fingerprint: string): PageNode {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0) throw badInput('"first" must be zero or more', 'first');
  if (limit > MAX_PAGE_SIZE) throw badInput(`"first" may be at most ${MAX_PAGE_SIZE}`, 'first');
  const offset = after === null || after === undefined ? 0 : decodeCursor(after, fingerprint) + 1;
  return { offset, limit, fingerprint };
}

function decodeCursor(cursor: string, fingerprint: string): number {
  const read = readCursor(cursor);
  if (!read) throw badInput('"after" is not a cursor this API issued', 'after');
  if (read.fingerprint !== fingerprint) throw badInput('"after" is a cursor from a different query; pass the same arguments as the page it came from', 'after');
  return read.offset;
}

/** An upper bound on ids per argument keeps one request from becoming an unbounded `V(...)`. */
export const MAX_IDS = 1000;

/** Deduplicated: whether `V(a, a)` yields `a` once or twice depends on the backend. */
export function checkIds(ids: readonly string[], argument: string): string[] {
  if (ids.length > MAX_IDS) throw badInput(`At most ${MAX_IDS} ids are allowed`, argument);
  ids.forEach((id, i) => checkId(id, `${argument}[${i}]`));
  return [...new Set(ids)];
}

export function checkId(id: string, argument: string): string {
  if (id === '') throw badInput('Ids must not be empty', argument);
  return checkText(id, argument);
}

/** No element can be given an empty or blank label, so one in an argument is a mistake. */
export function checkLabel(label: string, argument: string): string {
  if (label.trim() === '') throw badInput('Labels must not be empty', argument);
  return checkText(label, argument);
}

export function optionalLabel(label: string | null | undefined, argument: string): string | undefined {
  return label === null || label === undefined ? undefined : checkLabel(label, argument);
}

/** Deduplicated and sorted, so that equal sets of labels plan (and batch) alike. */
export function checkLabels(labels: readonly string[] | null | undefined, argument: string): string[] {
  const list = labels ?? [];
  list.forEach((label, i) => checkLabel(label, `${argument}[${i}]`));
  return [...new Set(list)].sort();
}
