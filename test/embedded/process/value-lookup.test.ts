import { Graph, TINKERGRAPH, type Edge, type Vertex } from '../../../src/embedded/structure';
import { __, Cardinality, g, ids, modern, P, run, strategies, T, type Built } from './fixtures';

const strategy = (name: string, options?: object) => new strategies[name](options) as never;

/** A graph that counts the elements its scans hand out: V() and E() without the index read them all from here. */
class CountingGraph extends Graph {
  scanned = 0;

  override vertices(): IterableIterator<Vertex> {
    return this.counted(super.vertices());
  }

  override verticesWithLabel(label: string): Iterable<Vertex> {
    return this.counted(super.verticesWithLabel(label)[Symbol.iterator]());
  }

  override edges(): IterableIterator<Edge> {
    return this.counted(super.edges());
  }

  override edgesWithLabel(label: string): Iterable<Edge> {
    return this.counted(super.edgesWithLabel(label)[Symbol.iterator]());
  }

  private *counted<E>(elements: Iterator<E>): IterableIterator<E> {
    for (let r = elements.next(); !r.done; r = elements.next()) {
      this.scanned++;
      yield r.value;
    }
  }
}

/** modern, plus vertices with two labels, several values of a key, and numbers of several JS types. */
function graph(): CountingGraph {
  const graph = new CountingGraph(TINKERGRAPH);
  const source = modern();
  graph.transact((tx) => {
    for (const v of source.vertices()) {
      const copy = tx.addVertex(v.labels, v.id);
      for (const [key, values] of v.properties) for (const p of values) tx.addVertexProperty(copy, key, p.value, 'list');
    }
    for (const e of source.edges()) {
      const copy = tx.addEdge(e.label, graph.vertex(e.outV.id)!, graph.vertex(e.inV.id)!, e.id);
      for (const [key, p] of e.properties) tx.setEdgeProperty(copy, key, p.value);
    }
    const both = tx.addVertex(['software', 'person'], 'both');
    tx.addVertexProperty(both, 'name', 'marko', 'single');
    tx.addVertexProperty(both, 'age', 29n, 'single');
    const multi = tx.addVertex(['person'], 'multi');
    tx.addVertexProperty(multi, 'name', 'vadas', 'set');
    tx.addVertexProperty(multi, 'name', 'marko', 'set');
    tx.addVertexProperty(multi, 'age', 27.0, 'single');
  });
  // A value reaching an older vertex after the index holds the key: the lookup must still answer in order.
  graph.indexProperty('lang');
  graph.transact((tx) => tx.addVertexProperty(graph.vertex('1')!, 'lang', 'java', 'list'));
  return graph;
}

/** The traversal run with the index and with a scan: same results, same order. */
function bothWays(graph: CountingGraph, traversal: Built): unknown[] {
  graph.useValueIndex = false;
  const scanned = run(graph, traversal);
  graph.useValueIndex = true;
  const looked = run(graph, traversal);
  expect(looked).toEqual(scanned);
  return looked;
}

const withPartition = g.withStrategies(strategy('PartitionStrategy', { partitionKey: 'lang', writePartition: 'java', readPartitions: ['java'] }));

describe('V().has() answered from the property-value index', () => {
  it.each<[string, Built, string[]]>([
    ["has('name', v)", g.V().has('name', 'marko'), ['1', 'both', 'multi']],
    ["has(label, 'name', v)", g.V().has('person', 'name', 'marko'), ['1', 'both', 'multi']],
    ["hasLabel(l).has('name', v)", g.V().hasLabel('software').has('name', 'marko'), ['both']],
    ['hasLabel(l1, l2) keeps the label order of the scan', g.V().hasLabel('software', 'person').has('lang', 'java'), ['3', '5', '1']],
    ["has('age', 29) matches 29n", g.V().has('age', 29), ['1', 'both']],
    ["has('age', 27n) matches 27.0", g.V().has('age', BigInt(27)), ['2', 'multi']],
    ['P.eq', g.V().has('age', P.eq(32)), ['4']],
    ['P.within in graph order', g.V().has('name', P.within('peter', 'lop', 'marko')), ['1', '3', '6', 'both', 'multi']],
    ['P.within of nothing', g.V().has('name', P.within([])), []],
    ['a set-cardinality value', g.V().has('name', 'vadas'), ['2', 'multi']],
    ['a value nobody holds', g.V().has('name', 'nobody'), []],
    ['a key nobody has', g.V().has('nokey', 'x'), []],
    ['a V() in the middle', g.V('4').V().has('name', 'lop'), ['3']],
    ['a V() labelled with as()', g.V().as('a').has('name', 'josh').select('a'), ['4']],
    ['under SubgraphStrategy', g.withStrategies(strategy('SubgraphStrategy', { vertices: __.has('age', P.gt(28)) })).V().has('name', 'marko'), ['1', 'both']],
    ['under SubgraphStrategy hiding the key', g.withStrategies(strategy('SubgraphStrategy', { vertexProperties: __.not(__.hasKey('name')) })).V().has('name', 'marko'), []],
    ['under PartitionStrategy', withPartition.V().has('name', 'lop'), ['3']],
    ['under PartitionStrategy, by its hidden key', withPartition.V().has('lang', 'java'), []],
    ['an equality after has(T.label, l)', g.V().has(T.label, 'software').has('name', 'lop'), ['3']],
    ['an equality after other has() steps', g.V().hasLabel('person').has('age', P.lt(30)).as('young').has('name', 'marko'), ['1', 'both', 'multi']],
    ["E().has('weight', v)", g.E().has('weight', 0.4), ['9', '11']],
    ["E().hasLabel(l).has('weight', v)", g.E().hasLabel('knows').has('weight', P.within(1, 0.4)), ['8']],
    ["E().has(label, 'weight', v)", g.E().has('created', 'weight', 1n), ['10']],
    ['E().has() under SubgraphStrategy', g.withStrategies(strategy('SubgraphStrategy', { vertices: __.has('name', P.neq('josh')) })).E().has('weight', 0.4), ['9']],
    ['mergeV() matching a property', g.mergeV(new Map<unknown, unknown>([['name', 'marko']])), ['1', 'both', 'multi']],
    ['mergeV() matching a label and properties', g.mergeV(new Map<unknown, unknown>([[T.label, 'person'], ['age', 29], ['name', 'marko']])), ['1', 'both']],
  ])('%s: the scan’s results, in its order, without a scan', (_name, traversal, expected) => {
    const g1 = graph();
    expect(ids(bothWays(g1, traversal))).toEqual(expected);
    g1.scanned = 0;
    run(g1, traversal);
    expect(g1.scanned).toBe(0);
  });

  it('counts what a scan reads, so that the tests above would see one', () => {
    const g1 = graph();
    g1.useValueIndex = false;
    expect(ids(run(g1, g.V().has('person', 'name', 'josh')))).toEqual(['4']);
    expect(g1.scanned).toBe(g1.vertexCount);
  });

  it('creates with mergeV() what no vertex matches, as a scan would', () => {
    const created = (useValueIndex: boolean) => {
      const g1 = graph();
      g1.useValueIndex = useValueIndex;
      run(g1, g.mergeV(new Map<unknown, unknown>([[T.label, 'software'], ['name', 'vadas']])));
      return [...g1.vertices()].map((v) => [v.label, v.value('name')]);
    };
    expect(created(true)).toEqual(created(false));
    expect(created(true).at(-1)).toEqual(['software', 'vadas']);
  });

  it.each<[string, Built, unknown[]]>([
    ['writing another key', g.V().has('name', 'josh').property('age', 33).values('age'), [33]],
    ['dropping what it found', g.V().has('name', 'marko').drop(), []],
    ['writing the edges it found', g.E().has('weight', 0.4).property('checked', true).inV().id(), ['3', '3']],
    ['an upsert that finds', g.V().has('name', 'lop').fold().coalesce(__.unfold(), __.addV('software').property('name', 'lop')).id(), ['3']],
    ['an upsert that creates', g.V().has('name', 'zed').fold().coalesce(__.unfold(), __.addV('person').property(T.id, 'zed').property('name', 'zed')).id(), ['zed']],
  ])('answers a traversal %s from the index, as the scan would', (_name, traversal, expected) => {
    const indexed = graph();
    expect(run(indexed, traversal)).toEqual(expected);
    expect(indexed.scanned).toBe(0);
    const scanning = graph();
    scanning.useValueIndex = false;
    expect(run(scanning, traversal)).toEqual(expected);
    const contents = (g1: Graph) => [
      [...g1.vertices()].map((v) => [v.id, [...v.properties].map(([k, ps]) => [k, ps.map((p) => p.value)])]),
      [...g1.edges()].map((e) => [e.id, [...e.properties].map(([k, p]) => [k, p.value])]),
    ];
    expect(contents(indexed)).toEqual(contents(scanning));
  });

  it.each<[string, string[], string[]]>([
    ['after the last vertex found', ['a'], ['b', 'c']],
    ['between vertices found', ['a', 'c'], ['b', 'd']],
  ])('meets, when the traversal writes, vertices that come to match as it goes (%s), as the scan does', (_name, marked, expected) => {
    // a -> b -> d, and c alone: marking b from a makes b match before the scan reaches it.
    const chain = (useValueIndex: boolean) => {
      const graph = new CountingGraph(TINKERGRAPH);
      graph.useValueIndex = useValueIndex;
      graph.indexProperty('mark');
      graph.transact((tx) => {
        const [a, b] = ['a', 'b', 'c', 'd'].map((id) => tx.addVertex(['node'], id));
        for (const id of marked) tx.addVertexProperty(graph.vertex(id)!, 'mark', 'x');
        tx.addEdge('next', a, b);
        tx.addEdge('next', b, graph.vertex(marked.length > 1 ? 'd' : 'c')!);
      });
      return graph;
    };
    const marking = g.V().has('mark', 'x').out('next').property(Cardinality.single, 'mark', 'x').id();
    expect(run(chain(false), marking)).toEqual(expected);
    expect(run(chain(true), marking)).toEqual(expected);
  });

  it.each<[string, Built, string[]]>([
    ['P.gt', g.V().has('age', P.gt(30)), ['4', '6']],
    ['a list value', g.V().has('name', ['marko']), []],
    ['an equality after a has() with a nested traversal', g.V().has('age', __.is(P.gt(28))).has('name', 'marko'), ['1', 'both']],
    ['an equality after another has() in a nested traversal, where errors count', g.V('2').not(__.V().has('age', P.gt('x')).has('name', 'nobody')), []],
    ['a traversal that writes under SubgraphStrategy', g.withStrategies(strategy('SubgraphStrategy', { vertices: __.has('age', P.gt(28)) })).V().has('name', 'marko').property('seen', true), ['1', 'both']],
    ['a traversal that writes after two labels', g.V().hasLabel('software', 'person').has('lang', 'java').property('seen', true), ['3', '5', '1']],
    ['mergeV() under PartitionStrategy', withPartition.mergeV(new Map<unknown, unknown>([['name', 'lop']])), ['3']],
  ])('leaves %s to the scan, with the same answers', (_name, traversal, expected) => {
    const graph1 = graph();
    expect(ids(bothWays(graph1, traversal))).toEqual(expected);
    graph1.scanned = 0;
    run(graph1, traversal);
    expect(graph1.scanned).toBeGreaterThan(0);
  });
});
