import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { GremlinServer } from '../../src/embedded/server';
import { runCli } from '../support/cli';
import { emptyServer } from './support';

jest.setTimeout(120_000);

let dir: string;
let server: GremlinServer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nereid-bad-rows-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test loads into an empty graph.
beforeEach(async () => {
  server = await emptyServer();
});

afterEach(() => server.close());

function files(vertices: string, edges: string): [string, string] {
  const v = join(dir, 'people.csv');
  const e = join(dir, 'knows.csv');
  writeFileSync(v, vertices);
  writeFileSync(e, edges);
  return [v, e];
}

const PEOPLE = '~id,~label,name:String,age:Int\np1,person,Ann,31\np2,person,Bob,forty\np3,person,Cid,27\n';
const KNOWS = '~id,~from,~to,~label,since:Int\nk1,p1,p3,knows,2020\nk2,p1,nobody,knows,2021\nk3,p3,p1,knows,2022\n';

describe('nereid load with bad rows', () => {
  it('stops at a row that does not read, naming file, line, column and reason, exit status 1', async () => {
    const [people, knows] = files(PEOPLE, KNOWS);
    const { code, output } = await runCli(['load', people, knows, '--gremlin-endpoint', server.url, '--state', join(dir, 's1.json')]);
    expect(code).toBe(1);
    expect(output).toContain(`${people}:3:4 (age:Int): "forty" is not an Int`);
    expect(output).toContain('fix the row and run the same command again');
  });

  it('stops at a row the endpoint refuses (an edge to a missing vertex), naming file and line', async () => {
    const [people, knows] = files(PEOPLE.replace('forty', '40'), KNOWS);
    const { code, output } = await runCli(['load', knows, people, '--gremlin-endpoint', server.url, '--state', join(dir, 's2.json')]);
    expect(code).toBe(1);
    expect(output).toMatch(new RegExp(`${knows.replace(/[.\\/]/g, '\\$&')}:3: the endpoint refused the edge: .*nobody`));
    expect(server.graphs.g.vertexCount).toBe(3);
  });

  it('with --skip-bad loads every other row, writes the bad ones with where and why, exit status 2', async () => {
    const [people, knows] = files(PEOPLE, KNOWS);
    const skipped = join(dir, 'skipped.csv');
    const { code, output } = await runCli(['load', people, knows, '--gremlin-endpoint', server.url, '--state', join(dir, 's3.json'), '--skip-bad', skipped]);
    expect(code).toBe(2);
    expect(output).toContain(`2 rows could not be loaded; written to ${skipped}`);
    const rows = parse(readFileSync(skipped)) as string[][];
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['file', 'line', 'row'],
      [people, '3', 'p2,person,Bob,forty'],
      [knows, '3', 'k2,p1,nobody,knows,2021'],
    ]);
    // p2 is left out, so the edges to it would be too; p1, p3 and both of their edges are in.
    expect(server.graphs.g.vertexCount).toBe(2);
    expect(server.graphs.g.edgeCount).toBe(2);
  });
});
