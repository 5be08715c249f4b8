import fc from 'fast-check';
import { equals } from '../../../src/embedded/process/compare';
import { Graph, TINKERGRAPH, type Cardinality, type Edge, type Transaction, type Vertex } from '../../../src/embedded/structure';

/** What a lookup must answer: the graph's vertices holding a value Gremlin-equal to `value`, in graph order. */
function scan(graph: Graph, key: string, value: unknown): string[] {
  return [...graph.vertices()].filter((v) => (v.properties.get(key) ?? []).some((p) => equals(p.value, value))).map((v) => v.id);
}

const lookup = (graph: Graph, key: string, value: unknown): string[] | undefined => graph.verticesWithValue(key, value)?.map((v) => v.id);

function scanEdges(graph: Graph, key: string, value: unknown): string[] {
  return [...graph.edges()].filter((e) => e.properties.has(key) && equals(e.value(key), value)).map((e) => e.id);
}

const lookupEdges = (graph: Graph, key: string, value: unknown): string[] | undefined => graph.edgesWithValue(key, value)?.map((e) => e.id);

const BIG = 2 ** 53 + 2;
/** Values that are Gremlin-equal across JS types (1 and 1n; a double beyond 2^53 and its bigint), and some that are not. */
const VALUES: unknown[] = [1, 1n, 2, -0, 0, BIG, BigInt(BIG), '1', 'x', true, new Date(0), new Date(0), 1.5, NaN];
const KEYS = ['k', 'm'];

type Op =
  | { op: 'addVertex'; labels: string[] }
  | { op: 'addProperty'; vertex: number; key: string; value: number; cardinality: Cardinality }
  | { op: 'removeProperty'; vertex: number; key: string; nth: number }
  | { op: 'removeVertex'; vertex: number }
  | { op: 'addEdge'; from: number; to: number }
  | { op: 'setEdgeProperty'; edge: number; key: string; value: number }
  | { op: 'removeEdgeProperty'; edge: number; key: string }
  | { op: 'removeEdge'; edge: number }
  | { op: 'check'; key: string };

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addVertex' as const), labels: fc.subarray(['a', 'b'], { minLength: 1 }) }),
  fc.record({ op: fc.constant('addProperty' as const), vertex: fc.nat(), key: fc.constantFrom(...KEYS), value: fc.nat(VALUES.length - 1), cardinality: fc.constantFrom<Cardinality>('single', 'set', 'list') }),
  fc.record({ op: fc.constant('addProperty' as const), vertex: fc.nat(), key: fc.constantFrom(...KEYS), value: fc.nat(VALUES.length - 1), cardinality: fc.constantFrom<Cardinality>('set') }),
  fc.record({ op: fc.constant('removeProperty' as const), vertex: fc.nat(), key: fc.constantFrom(...KEYS), nth: fc.nat() }),
  fc.record({ op: fc.constant('removeVertex' as const), vertex: fc.nat() }),
  fc.record({ op: fc.constant('addEdge' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('setEdgeProperty' as const), edge: fc.nat(), key: fc.constantFrom(...KEYS), value: fc.nat(VALUES.length - 1) }),
  fc.record({ op: fc.constant('removeEdgeProperty' as const), edge: fc.nat(), key: fc.constantFrom(...KEYS) }),
  fc.record({ op: fc.constant('removeEdge' as const), edge: fc.nat() }),
  fc.record({ op: fc.constant('check' as const), key: fc.constantFrom(...KEYS) }),
);

/** Every value of `key` looked up, compared with the scan: same vertices and edges, same order. */
function expectConsistent(graph: Graph, key: string): void {
  for (const value of VALUES) {
    expect([key, value, lookup(graph, key, value)]).toEqual([key, value, scan(graph, key, value)]);
    expect([key, value, lookupEdges(graph, key, value)]).toEqual([key, value, scanEdges(graph, key, value)]);
  }
}

function apply(graph: Graph, tx: Transaction, op: Op, ids: { next: number }): void {
  const vertices = [...graph.vertices()];
  const edges = [...graph.edges()];
  const pick = (i: number): Vertex | undefined => vertices[i % Math.max(1, vertices.length)];
  const pickEdge = (i: number): Edge | undefined => edges[i % Math.max(1, edges.length)];
  switch (op.op) {
    case 'addVertex':
      tx.addVertex(op.labels, `v${ids.next++}`);
      return;
    case 'addProperty': {
      const v = pick(op.vertex);
      if (v) tx.addVertexProperty(v, op.key, VALUES[op.value], op.cardinality);
      return;
    }
    case 'removeProperty': {
      const values = pick(op.vertex)?.properties.get(op.key);
      if (values) tx.removeVertexProperty(values[op.nth % values.length]);
      return;
    }
    case 'removeVertex': {
      const v = pick(op.vertex);
      if (v) tx.removeVertex(v);
      return;
    }
    case 'addEdge': {
      const [from, to] = [pick(op.from), pick(op.to)];
      if (from && to) tx.addEdge('e', from, to, `e${ids.next++}`);
      return;
    }
    case 'setEdgeProperty': {
      const e = pickEdge(op.edge);
      if (e) tx.setEdgeProperty(e, op.key, VALUES[op.value]);
      return;
    }
    case 'removeEdgeProperty': {
      const p = pickEdge(op.edge)?.properties.get(op.key);
      if (p) tx.removeEdgeProperty(p);
      return;
    }
    case 'removeEdge': {
      const e = pickEdge(op.edge);
      if (e) tx.removeEdge(e);
      return;
    }
    case 'check':
      expectConsistent(graph, op.key);
  }
}

describe('the property-value index', () => {
  it('answers every lookup of vertices and edges as a scan would, across writes, rollbacks, drops and cardinalities', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ ops: fc.array(ops, { maxLength: 25 }), commit: fc.boolean() }), { minLength: 1, maxLength: 6 }), (transactions) => {
        const graph = new Graph(TINKERGRAPH);
        const ids = { next: 0 };
        for (const { ops: batch, commit } of transactions) {
          const tx = graph.begin();
          for (const op of batch) apply(graph, tx, op, ids);
          if (commit) tx.commit();
          else tx.rollback();
          for (const key of KEYS) expectConsistent(graph, key);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000); // 200 random histories took 17 s on a busy machine, close to the default 30 s

  it('keys Gremlin-equal numbers together: 1 and 1n, a double beyond 2^53 and its bigint', () => {
    const graph = new Graph();
    graph.transact((tx) => {
      tx.addVertexProperty(tx.addVertex(['n'], 'int'), 'n', 1);
      tx.addVertexProperty(tx.addVertex(['n'], 'long'), 'n', 1n);
      tx.addVertexProperty(tx.addVertex(['n'], 'big'), 'n', BigInt(BIG));
      tx.addVertexProperty(tx.addVertex(['n'], 'half'), 'n', 1.5);
    });
    expect(lookup(graph, 'n', 1)).toEqual(['int', 'long']);
    expect(lookup(graph, 'n', 1n)).toEqual(['int', 'long']);
    expect(lookup(graph, 'n', BIG)).toEqual(['big']);
    expect(lookup(graph, 'n', '1')).toEqual([]);
    expect(lookup(graph, 'n', NaN)).toEqual([]);
  });

  it('lists a vertex under each value of a set-cardinality key, and keeps it while an equal list value remains', () => {
    const graph = new Graph(TINKERGRAPH);
    graph.transact((tx) => {
      const v = tx.addVertex(['p'], 'v');
      tx.addVertexProperty(v, 'email', 'a@x', 'set');
      tx.addVertexProperty(v, 'email', 'b@x', 'set');
      tx.addVertexProperty(v, 'tag', 't', 'list');
      tx.addVertexProperty(v, 'tag', 't', 'list');
    });
    expect(lookup(graph, 'email', 'a@x')).toEqual(['v']);
    expect(lookup(graph, 'email', 'b@x')).toEqual(['v']);
    expect(lookup(graph, 'tag', 't')).toEqual(['v']);
    graph.transact((tx) => tx.removeVertexProperty(graph.vertex('v')!.properties.get('tag')![0]));
    expect(lookup(graph, 'tag', 't')).toEqual(['v']);
    graph.transact((tx) => tx.removeVertexProperty(graph.vertex('v')!.properties.get('tag')![0]));
    expect(lookup(graph, 'tag', 't')).toEqual([]);
  });

  it('answers in the graph order when a value reaches an older vertex later, and after a rollback restores a removed vertex in its place', () => {
    const graph = new Graph();
    graph.indexProperty('k'); // maintained from here on, rather than built from the finished graph
    graph.transact((tx) => {
      const first = tx.addVertex(['p'], 'first');
      const second = tx.addVertex(['p'], 'second');
      tx.addVertexProperty(second, 'k', 'x');
      tx.addVertexProperty(first, 'k', 'x');
      tx.addVertex(['p'], 'third');
    });
    expect(lookup(graph, 'k', 'x')).toEqual(['first', 'second']);
    const tx = graph.begin();
    tx.removeVertex(graph.vertex('first')!);
    expect(lookup(graph, 'k', 'x')).toEqual(['second']);
    tx.rollback();
    // A removal stays in place until it commits, so its rollback keeps the graph's order; lookups follow it.
    expect([...graph.vertices()].map((v) => v.id)).toEqual(['first', 'second', 'third']);
    expect(lookup(graph, 'k', 'x')).toEqual(['first', 'second']);
  });

  it('indexes a key at its first lookup, not before, and refuses values it does not hold', () => {
    const graph = new Graph(TINKERGRAPH);
    graph.transact((tx) => tx.addVertexProperty(tx.addVertex(['p'], 'v'), 'k', 'x'));
    expect(graph.indexedProperties()).toEqual([]);
    expect(lookup(graph, 'k', 'x')).toEqual(['v']);
    expect(graph.indexedProperties()).toEqual(['k']);
    expect(graph.verticesWithValue('k', ['x'])).toBeUndefined();
    expect(graph.verticesWithValue('k', null)).toBeUndefined();
  });

  it('answers a key no vertex holds without indexing it, and finds it once a vertex does', () => {
    const graph = new Graph();
    graph.transact((tx) => tx.addVertexProperty(tx.addVertex(['p'], 'v'), 'k', 'x'));
    for (let i = 0; i < 100; i++) expect(lookup(graph, `made-up-${i}`, 'x')).toEqual([]);
    const tx = graph.begin();
    tx.removeVertex(graph.vertex('v')!);
    expect(lookup(graph, 'k', 'x')).toEqual([]);
    tx.rollback();
    expect(graph.indexedProperties()).toEqual([]);
    graph.transact((tx2) => tx2.addVertexProperty(graph.vertex('v')!, 'made-up-1', 'x'));
    expect(lookup(graph, 'made-up-1', 'x')).toEqual(['v']);
    expect(lookup(graph, 'k', 'x')).toEqual(['v']);
    expect(graph.indexedProperties()).toEqual(['made-up-1', 'k']);
  });
});
