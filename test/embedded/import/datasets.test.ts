import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadNeptuneCsv } from '../../../src/embedded/import/neptune-csv';
import { Graph } from '../../../src/embedded/structure';

const DATASETS = join(__dirname, '../../../../shared/datasets');

/** What the files themselves say: distinct vertex ids and edge rows, read independently of the loader. */
function expectedCounts(vertexFiles: string[], edgeFiles: string[]) {
  const rows = (f: string) => (parse(readFileSync(f), { bom: true, skip_empty_lines: true }) as string[][]).slice(1);
  const vertexIds = new Set(vertexFiles.flatMap((f) => rows(f).map((r) => r[0])));
  const edgeIds = new Set(edgeFiles.flatMap((f) => rows(f).map((r) => r[0])));
  return { vertices: vertexIds.size, edges: edgeIds.size };
}

// Loading a whole dataset takes seconds (the LDBC one about 15 s on a busy machine): more than Jest's default to spare.
jest.setTimeout(120_000);

describe('loadNeptuneCsv on real data', () => {
  it('loads air-routes with the counts its rows give, typed as declared', async () => {
    const nodes = join(DATASETS, 'air-routes/air-routes-nodes.csv');
    const edges = join(DATASETS, 'air-routes/air-routes-edges.csv');
    const expected = expectedCounts([nodes], [edges]);
    expect(expected).toEqual({ vertices: 3749, edges: 57645 });

    const g = new Graph();
    const result = await loadNeptuneCsv(g, [edges, nodes]);
    expect({ vertices: result.vertices, edges: result.edges }).toEqual(expected);
    expect([g.vertexCount, g.edgeCount]).toEqual([expected.vertices, expected.edges]);

    const atl = g.vertex('1')!;
    expect(atl.label).toBe('airport');
    expect(atl.value('code')).toBe('ATL');
    expect(atl.value('runways')).toBe(5);
    expect(atl.value('lat')).toBeCloseTo(33.6367, 4);
    expect(atl.properties.has('author')).toBe(false);
    // A semicolon in a plain String column is text, not a separator.
    expect(g.vertex('0')!.value('desc')).toMatch(/Version: 1.0 .*; Graph created by/);
    const route = g.edge('3749')!;
    expect([route.outV.id, route.label, route.inV.id, route.value('dist')]).toEqual(['1', 'route', '3', 809]);
    expect(atl.degree('OUT', ['route'])).toBeGreaterThan(100);
  });

  it('loads ldbc-snb with the counts its rows give, String[] columns as set-cardinality values', async () => {
    const vertices = join(DATASETS, 'ldbc-snb/vertices.csv');
    const edges = join(DATASETS, 'ldbc-snb/edges.csv');
    const expected = expectedCounts([vertices], [edges]);
    expect(expected).toEqual({ vertices: 34735, edges: 70842 });

    const g = new Graph();
    const result = await loadNeptuneCsv(g, [vertices, edges]);
    expect({ vertices: result.vertices, edges: result.edges }).toEqual(expected);
    expect([g.vertexCount, g.edgeCount]).toEqual([expected.vertices, expected.edges]);

    const chong = g.vertex('person:4398046511192')!;
    expect(chong.label).toBe('Person');
    expect(chong.properties.get('language')!.map((p) => p.value)).toEqual(['zh', 'en']);
    expect(chong.properties.get('email')!.map((p) => p.value)).toEqual([
      'Chong4398046511192@gmail.com',
      'Chong4398046511192@gmx.com',
      'Chong4398046511192@yahoo.com',
      'Chong4398046511192@zoho.com',
    ]);
    expect(chong.value('birthday')).toBe(411868800000);
    expect(chong.properties.has('content')).toBe(false);
    const knows = g.edge('e1')!;
    expect([knows.outV.id, knows.label, knows.inV.id, knows.value('creationDate')]).toEqual([
      'person:4398046511192',
      'knows',
      'person:4398046511325',
      1278777892244,
    ]);
    expect([...g.verticesWithLabel('Person')].length).toBe(222);
  });
});
