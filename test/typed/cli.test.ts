import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli } from '../support/cli';

const AIR = '../shared/datasets/air-routes';

// Each case starts nereid from its sources and loads air-routes: seconds on a busy machine, not Jest's 30.
jest.setTimeout(120_000);

describe('nereid serve --schema', () => {
  it('serves a typed example over loaded CSV files beside the generic API', async () => {
    const cli = await startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--empty', '--schema', 'examples/air-routes.graphql', '--load', `${AIR}/air-routes-nodes.csv`, '--load', `${AIR}/air-routes-edges.csv`],
      /ready at (http:\S+)/,
    );
    try {
      const res = await fetch(cli.match[1], {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ airports(where: { code: { eq: "AUS" } }) { nodes { name routes(first: 1) { code } } } vertex(id: "3730") { typed { ... on Country { name } } } }` }),
      });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.data.airports.nodes[0].name).toBe('Austin Bergstrom International Airport');
      expect(body.data.airports.nodes[0].routes).toHaveLength(1);
      expect(body.data.vertex.typed).toEqual({ name: 'United States' });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('refuses an invalid schema before serving, naming file, line and problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nereid-schema-'));
    const file = join(dir, 'bad.graphql');
    writeFileSync(file, 'type User @vertex {\n  id: ID!\n  home: Place @edge(label: "LIVES_IN")\n}\ntype Place { name: String }\n');
    const { code, output } = await runCli(['serve', '--port', '0', '--empty', '--schema', file]);
    expect(code).toBe(1);
    expect(output).toContain(`${file}:3:3: @edge field User.home must return a @vertex type, or a union or interface of them (or a list of one), not Place, which has no @vertex`);
    expect(output).not.toContain('ready at');
  });
});
