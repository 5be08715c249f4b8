import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GremlinServer } from '../../src/embedded/server';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';
import { exportGraph } from '../../src/transfer/export';
import { loadFiles } from '../../src/transfer/load';
import { differences, dumpGraph, emptyServer, referenceServer } from './support';

jest.setTimeout(120_000);

// Every kind of value the format has, and the cells that need care: quotes and commas in ids, `;` inside an
// array item, several labels, a number beyond 32 bits, negative zero, dates with a zone.
const VERTICES = `~id,~label,name:String,alive:Bool,born:Date,score:Double,big:Long,small:Int,tags:String[],nick:String(single)
"a,1",person;employee,"Ann ""the"" first",true,1990-02-03T04:05:06Z,-0.0,9007199254740991,-7,x;y\\;z,annie
b2,person,Bob,false,2001-12-31,1.5e-300,12345678901,2147483647,,
c3,place,,,,NaN,,,solo,
`;
const EDGES = `~id,~from,~to,~label,weight:Double,since:Date,note:String
e1,"a,1",b2,knows,0.25,2020-01-01T00:00:00Z,"semi;colon"
e2,b2,c3,livesIn,,,
`;

let dir: string;
const servers: GremlinServer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nereid-round-trip-'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function loadInto(files: string[]): Promise<GremlinServer> {
  const server = await emptyServer();
  servers.push(server);
  const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: server.url }));
  try {
    await loadFiles(client, { files, batchSize: 2, concurrency: 2, statePath: join(dir, `state-${servers.length}.json`), resume: false });
  } finally {
    await client.close();
  }
  return server;
}

describe('nereid load and export on every value type', () => {
  it('loads the same graph as the embedded import, and exports files that reload as the same graph', async () => {
    const vertices = join(dir, 'v.csv');
    const edges = join(dir, 'e.csv');
    writeFileSync(vertices, VERTICES);
    writeFileSync(edges, EDGES);
    const reference = await referenceServer([vertices, edges]);
    servers.push(reference);
    const loaded = await loadInto([edges, vertices]);
    const expected = await dumpGraph(reference.url);
    expect(expected.size).toBe(5);
    expect(differences(expected, await dumpGraph(loaded.url))).toEqual([]);

    const out = join(dir, 'out');
    const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: loaded.url }));
    const result = await exportGraph(client, { dir: out, gzip: false, pageSize: 2 }).finally(() => client.close());
    expect(result.files.map((f) => f.path.slice(out.length + 1))).toEqual([
      'vertices-person__employee.csv',
      'vertices-person.csv',
      'vertices-place.csv',
      'edges-knows.csv',
      'edges-livesIn.csv',
    ]);
    expect(readFileSync(join(out, 'vertices-person__employee.csv'), 'utf8').split('\n')[1]).toBe(
      '"a,1",person;employee,"Ann ""the"" first",true,1990-02-03T04:05:06.000Z,0,9007199254740991,-7,x;y\\;z,annie',
    );
    expect(readFileSync(join(out, 'vertices-person.csv'), 'utf8').split('\n')[0]).toBe('~id,~label,name:String,alive:Bool,born:Date,score:Double,big:Long,small:Int');
    expect(readFileSync(join(out, 'edges-knows.csv'), 'utf8')).toBe(
      '~id,~from,~to,~label,weight:Double,since:Date,note:String\ne1,"a,1",b2,knows,0.25,2020-01-01T00:00:00.000Z,semi;colon\n',
    );
    const copy = await loadInto(result.files.map((f) => f.path));
    expect(differences(expected, await dumpGraph(copy.url))).toEqual([]);
  });
});
