import { printTraversal } from '../../src/gremlin/print';
import type { ProjectionNode } from '../../src/operations/projection';
import { ShortestPath } from '../../src/operations/read/shortest-path';
import { AdjacencyPage, SubgraphSize } from '../../src/operations/read/subgraph';
import { Traverse, type TraverseNode } from '../../src/operations/read/traverse';

const vertex: ProjectionNode = { element: 'vertex', keys: ['name'] };
const edge: ProjectionNode = { element: 'edge', keys: [] };
const V_PROJECTION = '__.project("id", "label", "properties").by(T.id).by(T.label).by(__.valueMap("name"))';
const E_PROJECTION = '__.project("id", "label", "outV", "inV").by(T.id).by(T.label).by(__.outV().id()).by(__.inV().id())';

describe('Traverse', () => {
  const base: TraverseNode = {
    start: ['a', 'b'],
    steps: [
      { direction: 'BOTH', edgeLabels: ['knows'], filter: { kind: 'compare', key: 'age', op: 'gt', value: 30 } },
      { direction: 'OUT', edgeLabels: [] },
    ],
    dedup: true,
    limit: 100,
    paths: false,
    shape: { vertex, edge },
  };

  it('walks plain hops and deduplicates after each step when only vertices are selected', () => {
    const op = new Traverse(base);
    expect(op.print()).toBe('Traverse(start=2, both[knows] where age gt 30, out[], dedup, limit=100, vertex{name})');
    expect(printTraversal(op.traversal())).toBe(
      `g.V("a", "b").both("knows").has("age", P.gt(30)).dedup().out().dedup().limit(100).project("id", "label", "properties").by(T.id).by(T.label).by(__.valueMap("name"))`,
    );
  });

  it('walks through edges and projects alternating path elements when paths are selected', () => {
    const op = new Traverse({ ...base, dedup: false, limit: 5, paths: true, steps: [{ direction: 'IN', edgeLabels: ['knows'] }] });
    expect(op.print()).toBe('Traverse(start=2, inE[knows].outV, limit=5, paths, vertex{name} edge{})');
    expect(printTraversal(op.traversal())).toBe(`g.V("a", "b").inE("knows").outV().limit(5).path().by(${V_PROJECTION}).by(${E_PROJECTION})`);
  });

  it('tracks vertex-only paths when no edges are selected', () => {
    const op = new Traverse({ ...base, paths: true, shape: { vertex }, steps: [{ direction: 'BOTH', edgeLabels: [] }] });
    expect(printTraversal(op.traversal())).toBe(`g.V("a", "b").both().dedup().limit(100).path().by(${V_PROJECTION})`);
  });

  it('decodes paths into final vertices, edges named once, and paths', () => {
    const v = (id: string) => new Map<string, unknown>([['id', id], ['label', 'P'], ['properties', new Map([['name', [id.toUpperCase()]]])]]);
    const e = (id: string, outV: string, inV: string) => new Map<string, unknown>([['id', id], ['label', 'k'], ['outV', outV], ['inV', inV]]);
    const op = new Traverse({ ...base, paths: true });
    const result = op.decode([{ objects: [v('a'), e('k1', 'a', 'b'), v('b'), e('k2', 'b', 'c'), v('c')] }, { objects: [v('a'), e('k1', 'a', 'b'), v('b'), e('k3', 'd', 'b'), v('d')] }]);
    expect(result.vertices.map((x) => x.id)).toEqual(['c', 'd']);
    expect(result.edges.map((x) => x.id)).toEqual(['k1', 'k2', 'k3']);
    expect(result.paths[1].vertices.map((x) => x.properties.name)).toEqual([['A'], ['B'], ['D']]);
    expect(result.paths[1].edges.map((x) => [x.outV, x.inV])).toEqual([['a', 'b'], ['d', 'b']]);
  });
});

describe('ShortestPath', () => {
  it('tries each depth in turn, a level-by-level search streaming its last hop', () => {
    const op = new ShortestPath({ from: 'a', to: 'b', direction: 'OUT', edgeLabels: ['knows'], maxHops: 3, shape: { vertex, edge } });
    expect(op.print()).toBe('ShortestPath(from, to, outE[knows].inV, maxHops=3, vertex{name} edge{})');
    const hop = '.outE("knows").inV()';
    const path = `.hasId("b").limit(1).path().by(${V_PROJECTION}).by(${E_PROJECTION})`;
    const depths = [
      `__${path}`,
      `__${hop}${path}`,
      `__.aggregate("seen2")${hop}.where(P.without(["seen2"])).dedup().aggregate(Scope.local, "reached2")${hop}${path}`,
      `__.filter(__.select("reached2").unfold()).aggregate("seen3")${hop}.where(P.without(["seen3"])).dedup().aggregate("seen3")${hop}.where(P.without(["seen3"])).dedup().aggregate(Scope.local, "reached3")${hop}${path}`,
    ];
    expect(printTraversal(op.traversal())).toBe(`g.V("a").or(__.hasId("b"), __.V("b").in("knows")).coalesce(${depths.join(', ')})`);
  });

  it('walks plain hops when the path edges are not selected, and decodes no result as null', () => {
    const op = new ShortestPath({ from: 'a', to: 'b', direction: 'BOTH', edgeLabels: [], maxHops: 1, shape: { vertex } });
    expect(printTraversal(op.traversal())).toContain('__.both().hasId("b").limit(1).path()');
    expect(op.decode([])).toBeNull();
  });
});

describe('subgraph fetching', () => {
  it('counts each part only one past its cap', () => {
    const op = new SubgraphSize({ label: 'Person', edgeLabels: ['knows'] });
    expect(printTraversal(op.traversal())).toBe(
      'g.inject(0).project("vertices", "edges").by(__.V().hasLabel("Person").limit(50001).count()).by(__.V().hasLabel("Person").outE("knows").where(__.inV().hasLabel("Person")).limit(100001).count())',
    );
    expect(op.decode([new Map([['vertices', 3], ['edges', 4]])])).toEqual({ vertices: 3, edges: 4 });
  });

  it('pages adjacency lists in id order, keeping only edges inside the subgraph', () => {
    const op = new AdjacencyPage({ label: 'Person', edgeLabels: [] }, 10_000);
    expect(op.print()).toBe('AdjacencyPage(label=Person, edges=[], [10000, 20000))');
    expect(printTraversal(op.traversal())).toBe(
      'g.V().hasLabel("Person").order().by(T.id, Order.asc).range(10000, 20000).project("id", "out").by(T.id).by(__.outE().where(__.inV().hasLabel("Person")).inV().id().fold())',
    );
  });

  it('takes every vertex and edge when neither label is given', () => {
    const op = new AdjacencyPage({ edgeLabels: ['a', 'b'] }, 0);
    expect(printTraversal(op.traversal())).toBe(
      'g.V().order().by(T.id, Order.asc).range(0, 10000).project("id", "out").by(T.id).by(__.outE("a", "b").inV().id().fold())',
    );
    expect(op.decode([new Map<string, unknown>([['id', 'x'], ['out', ['y', 'y']]])])).toEqual(new Map([['x', ['y', 'y']]]));
  });
});
