import gremlin from 'gremlin';
import type { Graph } from '../../src/embedded/structure';

const { t } = gremlin.process;
const __ = gremlin.process.statics;
type G = gremlin.process.GraphTraversalSource;

/**
 * A server that assigns its own edge ids (JanusGraph refuses ids given by the client) holds a test's graph
 * under other edge ids than the test names. This map pairs each edge of the test's graph with the server's
 * copy (same ends, label and properties) so requests can name the test's ids and answers show them: the
 * suites then assert the same edges on every backend. Edges created later keep the server's ids.
 */
export class EdgeIdMap {
  private constructor(
    private readonly toServer: ReadonlyMap<string, string>,
    private readonly toTest: ReadonlyMap<string, string>,
  ) {}

  static readonly identity = new EdgeIdMap(new Map(), new Map());

  /** Pairs the edges of `graph` with those of the server `g` holds after the copy. */
  static async read(graph: Graph, g: G): Promise<EdgeIdMap> {
    if (graph.edgeCount === 0) return EdgeIdMap.identity;
    const remote = (await g.E().project('id', 'out', 'label', 'in', 'p').by(t.id).by(__.outV().id()).by(t.label).by(__.inV().id()).by(__.valueMap()).toList()) as Map<string, any>[];
    const buckets = new Map<string, { test: { id: string; p: string }[]; server: { id: string; p: string }[] }>();
    const bucket = (key: string) => buckets.get(key) ?? buckets.set(key, { test: [], server: [] }).get(key)!;
    for (const e of graph.edges()) {
      const p = canonical(new Map([...e.properties].map(([k, prop]) => [k, prop.value])));
      bucket(`${e.outV.id}\0${e.label}\0${e.inV.id}`).test.push({ id: e.id, p });
    }
    for (const e of remote) bucket(`${e.get('out')}\0${e.get('label')}\0${e.get('in')}`).server.push({ id: String(e.get('id')), p: canonical(e.get('p')) });
    const toServer = new Map<string, string>();
    for (const { test, server } of buckets.values()) {
      if (test.length !== server.length) throw new Error(`EdgeIdMap: the server holds ${server.length} edges where the test's graph has ${test.length}`);
      // Parallel edges are told apart by their properties; identical ones are interchangeable.
      const byP = (a: { p: string }, b: { p: string }) => (a.p < b.p ? -1 : a.p > b.p ? 1 : 0);
      test.sort(byP);
      server.sort(byP);
      test.forEach((e, i) => toServer.set(e.id, server[i]!.id));
    }
    return new EdgeIdMap(toServer, new Map([...toServer].map(([a, b]) => [b, a])));
  }

  /** A request's text or variables with the test's edge ids (whole string values) as the server's. */
  query(text: string): string {
    if (this.toServer.size === 0) return text;
    return text.replace(/"((?:[^"\\]|\\.)*)"/g, (literal, inner: string) => {
      const id = this.toServer.get(inner);
      return id === undefined ? literal : JSON.stringify(id);
    });
  }

  variables<T>(value: T): T {
    return this.walk(value, (s) => this.toServer.get(s) ?? s);
  }

  /** An answer with the server's ids, wherever they occur in a string (messages too), as the test's. */
  answer<T>(value: T): T {
    if (this.toTest.size === 0) return value;
    const pattern = new RegExp([...this.toTest.keys()].map(escape).join('|'), 'g');
    return this.walk(value, (s) => s.replace(pattern, (id) => this.toTest.get(id)!));
  }

  /** The test's id of an edge the server holds (its own id for one created later). */
  testId(serverId: string): string {
    return this.toTest.get(serverId) ?? serverId;
  }

  private walk<T>(value: T, map: (s: string) => string): T {
    if (typeof value === 'string') return map(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, map)) as T;
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.walk(v, map)])) as T;
    return value;
  }
}

function canonical(properties: Map<string, unknown>): string {
  return JSON.stringify([...properties].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Date ? v.toISOString() : v));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
