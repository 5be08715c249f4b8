import { badInput } from '../errors';
import { checkId, checkLabel } from './arguments';
import { checkKey, checkPropertyMap, checkScalar } from './values';
import type { NewEdgeNode } from '../operations/write/edge-writes';
import type { PropertyWritesNode } from '../operations/write/property-writes';
import type { NewVertexNode } from '../operations/write/vertex-writes';

/** Mutation arguments checked and turned into write nodes; every mistake is BAD_USER_INPUT naming its argument. */

/**
 * A vertex a write needed, and the argument it came from (`input.from`, `to[1]`); `noun` and `labels`, when
 * given, say what this end must be where the ends of one write expect different things.
 */
export interface WriteEnd {
  readonly id: string;
  readonly argument: string;
  readonly noun?: string;
  readonly labels?: readonly string[];
}

export interface VertexInput {
  id?: string | null;
  label: string;
  properties?: unknown;
}

export interface EdgeInput extends VertexInput {
  from: string;
  to: string;
}

export function newVertex(input: VertexInput, argument = 'input'): NewVertexNode {
  return {
    id: optionalId(input.id, `${argument}.id`),
    label: checkLabel(input.label, `${argument}.label`),
    properties: { set: checkPropertyMap(input.properties, `${argument}.properties`), remove: [] },
  };
}

export function newEdge(input: EdgeInput, argument = 'input'): NewEdgeNode {
  return {
    id: optionalId(input.id, `${argument}.id`),
    label: checkLabel(input.label, `${argument}.label`),
    from: checkId(input.from, `${argument}.from`),
    to: checkId(input.to, `${argument}.to`),
    properties: { set: edgeProperties(input.properties, `${argument}.properties`), remove: [] },
  };
}

export function vertexWrites(set: unknown, remove: readonly string[] | null | undefined): PropertyWritesNode {
  return writes(checkPropertyMap(set, 'set'), remove);
}

export function edgeWrites(set: unknown, remove: readonly string[] | null | undefined): PropertyWritesNode {
  return writes(edgeProperties(set, 'set'), remove);
}

/** A batch mutation's inputs, at most `max` of them, no id given twice. */
export function batchOf<T, N extends { id?: string }>(inputs: readonly T[], make: (input: T, argument: string) => N, max: number): N[] {
  if (inputs.length === 0) throw badInput('Give at least one input', 'inputs');
  if (inputs.length > max) throw badInput(`At most ${max} inputs per batch (got ${inputs.length})`, 'inputs');
  const nodes = inputs.map((input, i) => make(input, `inputs[${i}]`));
  const seen = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (node.id === undefined) return;
    const first = seen.get(node.id);
    if (first !== undefined) throw badInput(`Id "${node.id}" is given twice, at inputs[${first}] and inputs[${i}]`, `inputs[${i}].id`);
    seen.set(node.id, i);
  });
  return nodes;
}

function optionalId(id: string | null | undefined, argument: string): string | undefined {
  return id === null || id === undefined ? undefined : checkId(id, argument);
}

function edgeProperties(value: unknown, argument: string): Map<string, string | number | boolean> {
  const map = checkPropertyMap(value, argument);
  const result = new Map<string, string | number | boolean>();
  for (const [key, v] of map) {
    if (Array.isArray(v)) throw badInput('Edge properties hold a single value, not a list', `${argument}.${key}`);
    result.set(key, checkScalar(v, `${argument}.${key}`));
  }
  return result;
}

function writes<V>(set: Map<string, V>, remove: readonly string[] | null | undefined): PropertyWritesNode {
  const removed = (remove ?? []).map((key, i) => checkKey(key, `remove[${i}]`));
  removed.forEach((key, i) => {
    if (set.has(key)) throw badInput(`"${key}" is both set and removed`, `remove[${i}]`);
  });
  return { set: set as PropertyWritesNode['set'], remove: [...new Set(removed)] };
}
