import { T, __, anonymous, type GraphTraversal } from '../gremlin/source';
import { decodeNested, nestedBranch, printNested, type NestedField } from './nested';
import type { EdgeRecord, FetchedKeys, PropertyBag, VertexRecord } from './records';

/**
 * Which properties to bring back with each element: every key, a named subset, or none (id and label only).
 * Fetching only the keys a query selects keeps responses small on wide vertices.
 */
export type KeySelection = 'all' | readonly string[];

export interface ProjectionNode {
  readonly element: 'vertex' | 'edge';
  readonly keys: KeySelection;
  /** Fields read from the element in the same traversal, each under its own `project()` key. */
  readonly nested?: readonly NestedField[];
}

/** Nested fields are projected under `@name`, apart from the element's own keys (`id`, `label`, ...). */
const NESTED_PREFIX = '@';

/** Merges what several selections need into one fetch. */
export function unionKeys(a: KeySelection, b: KeySelection): KeySelection {
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])].sort();
}

/** Appends `project(...)` turning each element into a map that `decodeVertex`/`decodeEdge` read. */
export function applyProjection(t: GraphTraversal, node: ProjectionNode): GraphTraversal {
  let projected = t.project(...projectionKeys(node)).by(T.id).by(T.label);
  if (node.element === 'edge') projected = projected.by(__.outV().id()).by(__.inV().id());
  if (fetchesProperties(node)) projected = projected.by(node.keys === 'all' ? __.valueMap() : __.valueMap(...node.keys));
  for (const field of node.nested ?? []) projected = projected.by(nestedBranch(field.node));
  return projected;
}

/** The same projection as an anonymous traversal, for use inside `by()` of a parent traversal. */
export function projectionTraversal(node: ProjectionNode): GraphTraversal {
  return applyProjection(anonymous(), node);
}

function projectionKeys(node: ProjectionNode): string[] {
  const keys = ['id', 'label'];
  if (node.element === 'edge') keys.push('outV', 'inV');
  if (fetchesProperties(node)) keys.push('properties');
  for (const field of node.nested ?? []) keys.push(NESTED_PREFIX + field.name);
  return keys;
}

function fetchesProperties(node: ProjectionNode): boolean {
  return node.keys === 'all' || node.keys.length > 0;
}

export function decodeVertex(value: unknown, node: ProjectionNode): VertexRecord {
  const map = value as Map<string, unknown>;
  return {
    id: String(map.get('id')),
    label: String(map.get('label')),
    properties: decodeProperties(map.get('properties')),
    fetchedKeys: fetchedKeys(node.keys),
    nested: decodeNestedFields(map, node),
  };
}

export function decodeEdge(value: unknown, node: ProjectionNode): EdgeRecord {
  const map = value as Map<string, unknown>;
  return {
    id: String(map.get('id')),
    label: String(map.get('label')),
    outV: String(map.get('outV')),
    inV: String(map.get('inV')),
    properties: decodeProperties(map.get('properties')),
    fetchedKeys: fetchedKeys(node.keys),
    nested: decodeNestedFields(map, node),
  };
}

function decodeNestedFields(map: Map<string, unknown>, node: ProjectionNode): ReadonlyMap<string, unknown> | undefined {
  if (!node.nested || node.nested.length === 0) return undefined;
  const fields = new Map<string, unknown>();
  for (const field of node.nested) {
    const value = decodeNested(map.get(NESTED_PREFIX + field.name), field.node);
    // Undefined: a member's field on another member's element, which no resolver of that type reads.
    if (value !== undefined) fields.set(field.name, value);
  }
  return fields;
}

/** One set per planned key list, shared by every record decoded with it (records never change it). */
const keySets = new WeakMap<readonly string[], ReadonlySet<string>>();

function fetchedKeys(keys: KeySelection): FetchedKeys {
  if (keys === 'all') return 'all';
  let set = keySets.get(keys);
  if (!set) {
    set = new Set(keys);
    keySets.set(keys, set);
  }
  return set;
}

/**
 * valueMap gives lists for vertex properties and single values for edge properties; records hold lists. Under
 * key rules the policy reads an edge's properties as lists too (src/security/policy.ts), taken as they are.
 */
function decodeProperties(value: unknown): PropertyBag {
  if (!(value instanceof Map)) return {};
  const bag: Record<string, readonly unknown[]> = {};
  for (const [key, v] of value as Map<string, unknown>) bag[key] = Array.isArray(v) ? v : [v];
  return bag;
}

export function printProjection(node: ProjectionNode): string {
  const keys = node.keys === 'all' ? ['*'] : node.keys;
  const nested = (node.nested ?? []).map((field) => `${field.name}: ${printNested(field.node)}`);
  return `${node.element}{${[...keys, ...nested].join(', ')}}`;
}
