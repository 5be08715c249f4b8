import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGraph, sharedGraph, sharedGraphPaths } from '../../bench/generate-graph';
import { loadNeptuneCsv } from '../../src/embedded/import/neptune-csv';
import { Graph } from '../../src/embedded/structure';

describe('bench/generate-graph', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'nereid-gen-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes the same files for the same seed, different ones for another, and they load', async () => {
    const a = await generateGraph({ vertices: 500, seed: 7, out: dir() });
    const b = await generateGraph({ vertices: 500, seed: 7, out: dir() });
    const c = await generateGraph({ vertices: 500, seed: 8, out: dir() });
    expect(readFileSync(a.edgeFile, 'utf8')).toBe(readFileSync(b.edgeFile, 'utf8'));
    expect(readFileSync(a.vertexFile, 'utf8')).toBe(readFileSync(b.vertexFile, 'utf8'));
    expect(readFileSync(a.edgeFile, 'utf8')).not.toBe(readFileSync(c.edgeFile, 'utf8'));

    const graph = new Graph();
    const loaded = await loadNeptuneCsv(graph, [a.edgeFile, a.vertexFile]);
    expect(loaded).toMatchObject({ vertices: 500, edges: 5000 });
    // Power law: the busiest vertex has many times the average degree (20).
    const degrees = [...graph.vertices()].map((v) => v.degree('BOTH'));
    expect(Math.max(...degrees)).toBeGreaterThan(100);
    expect([...graph.edges()].every((e) => e.outV !== e.inV)).toBe(true);
  });

  it('generates a shared graph once, where sharedGraphPaths says, and reuses it', async () => {
    const root = dir();
    const first = await sharedGraph(300, root);
    expect(first).toEqual(sharedGraphPaths(300, root));
    expect(readFileSync(first.files[1], 'utf8').trim().split('\n')).toHaveLength(1 + 3000);
    const written = statSync(first.files[1]).mtimeMs;
    const again = await sharedGraph(300, root);
    expect(again).toEqual(first);
    expect(statSync(first.files[1]).mtimeMs).toBe(written);
    // Generated beside and renamed into place: nothing half-written is left behind.
    expect(readdirSync(root)).toEqual(['300-vertices']);
  });
});
