import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraphSONAdjacency } from '../../../src/embedded/io';
import { Graph, NEPTUNE, TINKERGRAPH } from '../../../src/embedded/structure';

const DATASETS = join(__dirname, '../../../../shared/tinkerpop');

describe('loadGraphSONAdjacency', () => {
  it('loads modern with string ids, labels, typed properties and each edge once', () => {
    const graph = new Graph(TINKERGRAPH);
    expect(loadGraphSONAdjacency(graph, join(DATASETS, 'tinkerpop-modern.json'))).toEqual({ vertices: 6, edges: 6, droppedMetaProperties: 0 });
    const marko = graph.vertex('1')!;
    expect(marko.label).toBe('person');
    expect(marko.value('name')).toBe('marko');
    expect(marko.value('age')).toBe(29);
    expect([...marko.edges('OUT')].map((e) => [e.id, e.label, e.inV.id, e.value('weight')])).toEqual([
      ['9', 'created', '3', 0.4],
      ['7', 'knows', '2', 0.5],
      ['8', 'knows', '4', 1],
    ]);
    expect(graph.vertex('3')!.degree('IN')).toBe(3);
  });

  it("keeps crew's multi-valued locations as a list and counts the meta-properties it drops", () => {
    const graph = new Graph(TINKERGRAPH);
    const summary = loadGraphSONAdjacency(graph, join(DATASETS, 'tinkerpop-crew.json'));
    expect(summary).toMatchObject({ vertices: 6, edges: 14 });
    expect(summary.droppedMetaProperties).toBeGreaterThan(0);
    expect(graph.vertex('1')!.properties.get('location')!.map((p) => p.value)).toEqual(['san diego', 'santa cruz', 'brussels', 'santa fe']);
  });

  it('loads grateful-dead and sink', () => {
    const grateful = new Graph(TINKERGRAPH);
    expect(loadGraphSONAdjacency(grateful, join(DATASETS, 'grateful-dead.json'))).toMatchObject({ vertices: 808, edges: 8049 });
    const sink = new Graph(TINKERGRAPH);
    loadGraphSONAdjacency(sink, join(DATASETS, 'tinkerpop-sink.json'));
    const loop = sink.vertex('1000')!;
    expect([...loop.edges('OUT')].map((e) => e.inV)).toEqual([loop]);
  });

  it('leaves the graph unchanged when a line is bad, and names the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adjacency-'));
    try {
      const file = join(dir, 'bad.json');
      writeFileSync(
        file,
        [
          '{"id":{"@type":"g:Int32","@value":1},"label":"a","outE":{"x":[{"id":2,"inV":{"@type":"g:Int32","@value":9}}]}}',
          '{"id":{"@type":"g:Int32","@value":3},"label":"b"}',
        ].join('\n'),
      );
      const graph = new Graph(NEPTUNE);
      expect(() => loadGraphSONAdjacency(graph, file)).toThrow(/bad\.json:1: .*vertex 9/);
      expect(graph.vertexCount).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
