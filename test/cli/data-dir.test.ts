import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli, type RunningCli } from '../support/cli';

// Each case starts nereid from its sources several times: seconds each, several times that on a busy machine.
jest.setTimeout(180_000);

/**
 * `nereid serve --data-dir`: what the gateway acknowledged is there after a restart (a clean stop or kill -9),
 * what it refused is not, and CSV loaded into a new directory stays.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nereid-serve-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function gql(url: string, query: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
}

const serve = (...args: string[]) => startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dir, 'data'), ...args], /ready at (http:\S+)/);

function killed(cli: RunningCli): Promise<void> {
  return new Promise((resolve) => {
    cli.child.once('exit', () => resolve());
    cli.child.kill('SIGKILL');
  });
}

describe('nereid serve --data-dir', () => {
  it('keeps acknowledged mutations across a clean stop and a kill -9, and nothing of refused ones', async () => {
    let cli = await serve('--empty');
    let url = cli.match[1];
    const created = await gql(
      url,
      `mutation {
        a: createVertex(input: { id: "ada", label: "Person", properties: { name: "Ada", langs: ["en", "fr"], born: 1815 } }) { id }
        b: batchCreateVertices(inputs: [{ id: "bob", label: "Person" }, { id: "cy", label: "Person" }]) { id }
      }`,
    );
    expect(created.errors).toBeUndefined();
    const linked = await gql(url, `mutation { createEdge(input: { id: "k1", label: "KNOWS", from: "ada", to: "bob", properties: { since: 2020 } }) { id } }`);
    expect(linked.errors).toBeUndefined();
    // All or nothing: the second input names a missing vertex, so the first edge must not stay either.
    const refused = await gql(
      url,
      `mutation { batchCreateEdges(inputs: [{ id: "k2", label: "KNOWS", from: "bob", to: "cy" }, { id: "k3", label: "KNOWS", from: "bob", to: "nobody" }]) { id } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await cli.stop()).toBe(0);

    cli = await serve('--empty');
    url = cli.match[1];
    const query = `{
      ada: vertex(id: "ada") { label properties out(labels: ["KNOWS"]) { nodes { id } } }
      k1: edge(id: "k1") { properties }
      k2: edge(id: "k2") { id }
      people: vertices(label: "Person") { totalCount }
    }`;
    let res = await gql(url, query);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      ada: { label: 'Person', properties: { name: 'Ada', langs: ['en', 'fr'], born: 1815 }, out: { nodes: [{ id: 'bob' }] } },
      k1: { properties: { since: 2020 } },
      k2: null,
      people: { totalCount: 3 },
    });
    expect((await gql(url, `mutation { deleteVertex(id: "cy") { deleted } updateVertex(id: "ada", set: { name: "Ada L." }, remove: ["born"]) { id } }`)).errors).toBeUndefined();
    await killed(cli);

    cli = await serve('--empty');
    try {
      res = await gql(cli.match[1], `{ ada: vertex(id: "ada") { properties } cy: vertex(id: "cy") { id } people: vertices(label: "Person") { totalCount } }`);
      expect(res.data).toEqual({ ada: { properties: { name: 'Ada L.', langs: ['en', 'fr'] } }, cy: null, people: { totalCount: 2 } });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('keeps CSV loaded into a new directory, and does not load it again into one that holds a graph', async () => {
    const vertices = join(dir, 'v.csv');
    const edges = join(dir, 'e.csv');
    writeFileSync(vertices, '~id,~label,name:String,age:Int\nv1,Person,Ann,31\nv2,Person,Ben,42\n');
    writeFileSync(edges, '~id,~from,~to,~label,weight:Double\ne1,v1,v2,KNOWS,0.5\n');
    let cli = await serve('--empty', '--load', vertices, '--load', edges);
    await gql(cli.match[1], `mutation { createVertex(input: { id: "v3", label: "Person" }) { id } }`);
    await killed(cli);

    // The same command line again: the directory's graph, with the write made after the load, and no second load.
    cli = await serve('--empty', '--load', vertices, '--load', edges);
    try {
      const res = await gql(cli.match[1], `{ people: vertices(label: "Person") { totalCount } v1: vertex(id: "v1") { properties out { nodes { id } } } e1: edge(id: "e1") { properties } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ people: { totalCount: 3 }, v1: { properties: { name: 'Ann', age: 31 }, out: { nodes: [{ id: 'v2' }] } }, e1: { properties: { weight: 0.5 } } });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('seeds a new directory with the sample graph, once', async () => {
    let cli = await serve();
    await gql(cli.match[1], `mutation { deleteVertex(id: "user:1") { deleted } }`);
    expect(await cli.stop()).toBe(0);
    cli = await serve();
    try {
      const res = await gql(cli.match[1], `{ vertices(label: "User") { totalCount } vertex(id: "user:1") { id } }`);
      expect(res.data).toEqual({ vertices: { totalCount: 249 }, vertex: null });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
