import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GremlinServer } from '../../src/embedded/server';
import { runCli } from '../support/cli';
import { LDBC, differences, dumpGraph, emptyServer, referenceServer, spawnCli } from './support';

// A whole dataset through the driver, twice, the CLI started from its sources: a minute or more on a busy machine.
// air-routes goes the same way in bench/transfer.ts.
jest.setTimeout(600_000);

const servers: GremlinServer[] = [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nereid-transfer-'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function server(files?: string[]): Promise<GremlinServer> {
  const s = files ? await referenceServer(files) : await emptyServer();
  servers.push(s);
  return s;
}

describe('nereid load and nereid export over WebSocket, LDBC SNB', () => {
  let loaded: GremlinServer;
  let loadedDump: Map<string, string>;

  it('loads the dataset, edge file first, killed mid-load and resumed, with the exact counts and the same graph as the embedded import', async () => {
    loaded = await server();
    const graph = loaded.graphs.g;
    const state = join(dir, 'ldbc.state.json');
    const args = ['load', LDBC[1], LDBC[0], '--gremlin-endpoint', loaded.url, '--state', state, '--batch-size', '200'];
    const first = spawnCli(args);
    // Killed without warning once the saved state holds some of the edge file (it is saved once a second, so
    // on a fast machine many edges can be in before that): the vertex file is done and some edge batches saved.
    let exited = false;
    void first.exit.then(() => (exited = true));
    const edgesSaved = (): boolean => {
      if (!existsSync(state)) return false; // written whole and renamed into place: never half a file
      const saved = JSON.parse(readFileSync(state, 'utf8')) as { files: { file: string; rowsDone: number; complete: boolean }[] };
      return saved.files.some((f) => f.file === resolve(LDBC[1]) && f.rowsDone > 0 && !f.complete);
    };
    while (!exited && !edgesSaved()) await new Promise((wait) => setTimeout(wait, 25));
    first.child.kill('SIGKILL');
    const killed = await first.exit;
    expect(killed.signal).toBe('SIGKILL');
    expect(graph.vertexCount).toBe(34_735);
    expect(graph.edgeCount).toBeLessThan(70_842);
    expect(existsSync(state)).toBe(true);

    const resumed = await runCli([...args, '--resume']);
    expect(resumed).toEqual({ code: 0, output: expect.stringContaining('resuming an interrupted load') });
    // Fewer rows than the files hold were sent again: the run started from the saved state.
    const [, vertices, edges] = /loaded ([\d,]+) vertices and ([\d,]+) edges/.exec(resumed.output)!.map((n) => Number(n.replace(/,/g, '')));
    expect(vertices).toBe(0);
    expect(edges).toBeLessThan(70_842);
    expect([graph.vertexCount, graph.edgeCount]).toEqual([34_735, 70_842]);
    expect(existsSync(state)).toBe(false);

    const reference = await server(LDBC);
    loadedDump = await dumpGraph(loaded.url);
    expect(differences(await dumpGraph(reference.url), loadedDump)).toEqual([]);
  });

  it('exports it as gzip CSV that loads into an empty server as the same graph, element by element', async () => {
    const out = join(dir, 'ldbc-export');
    const exported = await runCli(['export', '--gremlin-endpoint', loaded.url, '-o', out, '--gzip', '--page-size', '5000']);
    expect(exported).toEqual({ code: 0, output: expect.stringContaining('exported 34,735 vertices and 70,842 edges') });
    const files = readdirSync(out).sort();
    expect(files).toContain('vertices-Person.csv.gz');
    expect(files.every((f) => f.endsWith('.csv.gz'))).toBe(true);

    const copy = await server();
    const reloaded = await runCli(['load', ...files.map((f) => join(out, f)), '--gremlin-endpoint', copy.url, '--state', join(dir, 'copy.state.json')]);
    expect(reloaded).toEqual({ code: 0, output: expect.stringContaining('loaded 34,735 vertices and 70,842 edges') });
    expect(differences(loadedDump, await dumpGraph(copy.url))).toEqual([]);
  });
});
