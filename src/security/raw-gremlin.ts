import gremlin from 'gremlin';
import type { GraphQLError } from 'graphql';
import { badInput, gatewayError } from '../errors';
import { compileTraversal, GremlinSyntaxError } from '../embedded/language';
import { __, anonymous, g, T, type Bytecode, type GraphTraversal } from '../gremlin/source';
import type { Run } from '../loaders/loaders';
import type { Operation } from '../operations/operation';
import { audit } from './audit';
import type { Principal } from './authenticate';
import { effectsOf } from './bytecode';
import type { Access } from './policy';

const { Vertex, Edge, VertexProperty, Property, Path } = gremlin.structure;

/** Results of one raw Gremlin call; more is QUERY_TOO_LARGE rather than a silently cut list. */
export const MAX_RAW_RESULTS = 10_000;

/** What a raw Gremlin call needs of its request (the request context is one): who asks, under which rules, and its `run`. */
export interface RawGremlinCaller {
  readonly requestId: string;
  readonly principal: Principal;
  readonly access?: Access;
  readonly run: Run;
}

/**
 * The raw `gremlin(query, bindings)` field (the seed's ExecuteGremlin): Gremlin text parsed by nereid's own
 * parser into bytecode (bindings are values, never text; lambdas do not parse), then run as any operation is,
 * through the request context, so the caller's rules, the deadline and the request accounting all apply.
 * Off unless the rules grant a caller's role `gremlin`, and read-only unless they grant `gremlin.write`.
 */
export async function runRawGremlin(context: RawGremlinCaller, query: string, bindings: unknown): Promise<unknown> {
  const what = query.length > 2000 ? `${query.slice(0, 2000)}…` : query;
  const refuse = (err: GraphQLError): never => {
    audit({ principal: context.principal, requestId: context.requestId, what, outcome: 'refused', error: err });
    throw err;
  };
  const access = context.access;
  const grant = access?.gremlin();
  if (!access || !grant?.allowed) {
    const message = 'Raw Gremlin is not allowed for this caller (the rules grant it to roles with "gremlin")';
    return refuse(access ? access.refuse(message) : gatewayError('FORBIDDEN', message));
  }
  if (bindings !== undefined && bindings !== null && (typeof bindings !== 'object' || Array.isArray(bindings))) {
    return refuse(badInput('bindings must be a JSON object of variable names to values', 'bindings'));
  }
  let bytecode: Bytecode;
  try {
    bytecode = compileTraversal(query).bind((bindings ?? {}) as Record<string, unknown>);
  } catch (err) {
    if (err instanceof GremlinSyntaxError) return refuse(badInput(`Gremlin: ${err.message}`, 'query'));
    throw err;
  }
  // Source instructions could remove or replace the strategy that carries the rules (withoutStrategies, tx()).
  if (bytecode.sourceInstructions.length > 0) {
    return refuse(badInput(`Gremlin: ${String(bytecode.sourceInstructions[0][0])}() is not allowed here; start the traversal with g.V(), g.E(), g.addV() ...`, 'query'));
  }
  const effects = effectsOf(bytecode);
  // io() reads and writes files on the database server's own disk, past every rule (a read-only role could
  // dump the whole graph there); Neptune refuses it, Gremlin Server runs it.
  if (effects.steps.has('io')) return refuse(badInput('Gremlin: io() is not allowed here; use nereid export and nereid load to move a graph', 'query'));
  const writes = effects.mutatingSteps.size > 0;
  if (writes && !grant.write) return refuse(access.refuse(`Raw Gremlin may only read for this caller; ${[...effects.mutatingSteps].join(', ')}() writes`));
  try {
    const raw = await context.run(new RawGremlin(bytecode, writes ? 'write' : 'read'));
    const results = raw.map(toJson(await propertiesOf(context, raw)));
    audit({ principal: context.principal, requestId: context.requestId, what, outcome: writes ? 'written' : 'read', results: results.length });
    return results;
  } catch (err) {
    // A write's own line comes from the request context; reads and refusals are logged here.
    if (!writes) audit({ principal: context.principal, requestId: context.requestId, what, outcome: 'failed', error: err });
    throw err;
  }
}

class RawGremlin implements Operation<unknown[]> {
  // g.V(x).properties(k).drop() writes and returns nothing; under the rules an element out of reach gives
  // nothing as well, as one that does not exist does in Gremlin.
  readonly mayWriteSilently = true;
  constructor(private readonly bytecode: Bytecode, readonly mode: 'read' | 'write') {}

  print(): string {
    return `RawGremlin(${this.mode})`;
  }

  traversal(): GraphTraversal {
    // One more than allowed, to tell "exactly the limit" from "more".
    return anonymous(this.bytecode).limit(MAX_RAW_RESULTS + 1);
  }

  decode(results: unknown[]): unknown[] {
    if (results.length > MAX_RAW_RESULTS) {
      throw gatewayError('QUERY_TOO_LARGE', `The traversal returned more than ${MAX_RAW_RESULTS} results; add a limit()`);
    }
    return results;
  }
}

type Properties = Map<unknown, Record<string, unknown>>;

/**
 * The properties of the elements in the results, in one more request per kind: Gremlin servers (Neptune among
 * them) return elements as references, without properties. Read under the same rules, so hidden keys stay hidden.
 */
async function propertiesOf(context: RawGremlinCaller, results: unknown[]): Promise<{ vertices: Properties; edges: Properties }> {
  const ids = { vertex: new Set<unknown>(), edge: new Set<unknown>() };
  const collect = (value: unknown): void => {
    if (value instanceof Vertex) ids.vertex.add((value as unknown as { id: unknown }).id);
    else if (value instanceof Edge) ids.edge.add((value as unknown as { id: unknown }).id);
    else if (value instanceof Path) (value as unknown as { objects: unknown[] }).objects.forEach(collect);
    else if (value instanceof Map) value.forEach((v, k) => (collect(k), collect(v)));
    else if (Array.isArray(value) || value instanceof Set) [...value].forEach(collect);
  };
  results.forEach(collect);
  const fetch = async (kind: 'vertex' | 'edge'): Promise<Properties> =>
    ids[kind].size === 0 ? new Map() : await context.run(new ElementProperties(kind, [...ids[kind]]));
  return { vertices: await fetch('vertex'), edges: await fetch('edge') };
}

class ElementProperties implements Operation<Properties> {
  readonly mode = 'read';
  constructor(private readonly kind: 'vertex' | 'edge', private readonly ids: unknown[]) {}

  print(): string {
    return `ElementProperties(${this.kind}, ${this.ids.length} ids)`;
  }

  traversal(): GraphTraversal {
    const start = this.kind === 'vertex' ? g.V(...this.ids) : g.E(...this.ids);
    return start.group().by(T.id).by(__.valueMap());
  }

  decode(results: unknown[]): Properties {
    const out: Properties = new Map();
    for (const [id, map] of (results[0] as Map<unknown, Map<string, unknown>> | undefined) ?? new Map()) {
      // A key with one value gives that value, with several a list, as everywhere in the API.
      out.set(id, Object.fromEntries([...map].map(([k, v]) => [k, Array.isArray(v) ? (v.length === 1 ? plain(v[0]) : v.map(plain)) : plain(v)])));
    }
    return out;
  }
}

function plain(value: unknown): unknown {
  return toJson({ vertices: new Map(), edges: new Map() })(value);
}

/** Driver values as JSON: elements as {id, label, properties}, maps as objects, paths as lists of objects. */
const toJson = (known: { vertices: Properties; edges: Properties }) => function toJson(value: unknown): unknown {
  if (value instanceof Vertex || value instanceof Edge) {
    const element = value as unknown as { id: unknown; label: string; outV?: { id: unknown }; inV?: { id: unknown } };
    const properties = (value instanceof Vertex ? known.vertices : known.edges).get(element.id) ?? {};
    return { id: toJson(element.id), label: element.label, properties, ...(element.outV && element.inV ? { outV: toJson(element.outV.id), inV: toJson(element.inV.id) } : {}) };
  }
  if (value instanceof VertexProperty || value instanceof Property) {
    const property = value as unknown as { key?: string; label?: string; value: unknown };
    return { key: property.key ?? property.label, value: toJson(property.value) };
  }
  if (value instanceof Path) {
    const path = value as unknown as { labels: unknown[]; objects: unknown[] };
    return { labels: path.labels.map((l) => (l instanceof Set ? [...l] : l)), objects: path.objects.map(toJson) };
  }
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [typeof k === 'object' && k !== null && 'elementName' in k ? (k as { elementName: string }).elementName : String(k), toJson(v)]));
  if (value instanceof Set || Array.isArray(value)) return [...value].map(toJson);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && 'elementName' in value) return (value as { elementName: string }).elementName;
  return value;
};
