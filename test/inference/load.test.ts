import type { Transaction, Vertex } from '../../src/embedded/structure';
import { graphOf, inferFrom, servable, typeSdl } from './infer';

function people(tx: Transaction, label: string, n: number): Vertex[] {
  return Array.from({ length: n }, (_, i) => {
    const v = tx.addVertex([label], `${label}${i}`);
    tx.addVertexProperty(v, 'n', i);
    return v;
  });
}

describe('the load inference puts on the server', () => {
  it('reads at most perLabel elements per label in windows of pageSize, one request for a small label', async () => {
    const graph = graphOf((tx) => {
      const many = people(tx, 'many', 10);
      people(tx, 'three', 3);
      people(tx, 'one', 1);
      for (let i = 0; i < 9; i++) tx.addEdge('next', many[i], many[i + 1]);
    });
    const { requests, sent } = await inferFrom(graph, { perLabel: 4, pageSize: 2, concurrency: 2 });
    const windows = sent.filter((s) => s.includes('.range(')).map((s) => /hasLabel\("(\w+)"\)\.range\((\d+), (\d+)\)/.exec(s)!.slice(1).join(' '));
    expect(windows.sort()).toEqual(['many 0 2', 'many 2 4', 'next 0 2', 'next 2 4', 'one 0 2', 'three 0 2', 'three 2 4']);
    expect(requests).toBe(2 + windows.length);
    expect(sent).toHaveLength(requests);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const graph = graphOf((tx) => {
      for (let l = 0; l < 8; l++) people(tx, `label${l}`, 3);
    });
    for (const concurrency of [1, 3]) {
      const { peakInFlight, requests } = await inferFrom(graph, { pageSize: 1, concurrency });
      expect(requests).toBe(2 + 8 * 4);
      expect(peakInFlight).toBe(concurrency);
    }
  });

  it('caps the edges looked at per sampled vertex, so a hub costs no more than any other vertex', async () => {
    const graph = graphOf((tx) => {
      const [hub, ...spokes] = people(tx, 'node', 301);
      for (const spoke of spokes) tx.addEdge('link', hub, spoke);
    });
    const { sent } = await inferFrom(graph, { edgesPerVertex: 5 });
    const vertexSample = sent.find((s) => s.includes('hasLabel("node")'))!;
    expect(vertexSample).toContain('__.outE().limit(5)');
    expect(vertexSample).toContain('__.inE().limit(5)');
  });

  it('finds a relationship that the sample of its edges misses, through the edges at sampled vertices', async () => {
    const graph = graphOf((tx) => {
      const cities = people(tx, 'City', 1);
      const persons = people(tx, 'Person', 5);
      const [company] = people(tx, 'Company', 1);
      for (const p of persons) tx.addEdge('isLocatedIn', p, cities[0]);
      tx.addEdge('isLocatedIn', company, cities[0]);
    });
    // The first 5 isLocatedIn edges all start at a Person; the Company's edge is the sixth.
    const { sdl } = await inferFrom(graph, { perLabel: 5 });
    expect(typeSdl(sdl, 'Company')).toContain('isLocatedIn: [City!]! @edge(label: "isLocatedIn", direction: OUT)');
    expect(typeSdl(sdl, 'City')).toContain('companyIsLocatedIn: [Company!]! @edge(label: "isLocatedIn", direction: IN)');
  });
});

describe('a graph with more labels than maxLabels', () => {
  it('samples the labels it read and says that there are more', async () => {
    const graph = graphOf((tx) => {
      for (const label of ['a', 'b', 'c']) people(tx, label, 1);
    });
    const { schema, labelsTruncated, requests } = await inferFrom(graph, { maxLabels: 2 });
    expect(labelsTruncated).toBe(true);
    expect(schema.vertexTypes.map((t) => t.label)).toEqual(['a', 'b']);
    expect(requests).toBe(4);
  });
});

describe('an edge label joining only vertices of unread labels', () => {
  it('gets no properties type, which no relationship field would name', async () => {
    const graph = graphOf((tx) => {
      const [a] = people(tx, 'a', 1);
      const [b] = people(tx, 'b', 1);
      tx.setEdgeProperty(tx.addEdge('e', b, b), 'w', 1);
      tx.addEdge('f', a, a);
    });
    const { sdl } = await inferFrom(graph, { maxLabels: 1 });
    expect(sdl).not.toContain('EProperties');
    expect(servable(sdl)).toEqual([]);
  });
});
