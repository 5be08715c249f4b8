import { createServer, type AddressInfo } from 'node:net';
import { runCli, startCli } from '../support/cli';

// Every case starts nereid from its TypeScript sources: several seconds each, and several times that on a busy machine.
jest.setTimeout(120_000);

const LDBC = '../shared/datasets/ldbc-snb';

async function gql(url: string, query: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
}

describe('nereid serve', () => {
  it('serves the sample social graph by default', async () => {
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1'], /ready at (http:\S+)/);
    try {
      const res = await gql(cli.match[1], `{ vertices(label: "User", first: 3) { totalCount nodes { out(labels: ["FOLLOWS"], first: 2) { totalCount } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.vertices.totalCount).toBe(250);
      expect(res.data.vertices.nodes).toHaveLength(3);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('answers queries over the LDBC social network loaded from Neptune CSV with --empty --load', async () => {
    const cli = await startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--empty', '--load', `${LDBC}/vertices.csv`, '--load', `${LDBC}/edges.csv`],
      /ready at (http:\S+)/,
    );
    try {
      const res = await gql(
        cli.match[1],
        `{
          people: vertices(label: "Person", first: 2, orderBy: [{ key: "firstName" }]) {
            totalCount
            nodes { id label firstName: property(key: "firstName") email: property(key: "email")
                    knows: both(labels: ["knows"], first: 3) { totalCount nodes { property(key: "lastName") } } }
          }
          users: vertices(label: "User") { totalCount }
        }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.people.totalCount).toBe(222);
      expect(res.data.users.totalCount).toBe(0);
      for (const person of res.data.people.nodes) {
        expect(person.label).toBe('Person');
        expect(person.id).toMatch(/^person:/);
        expect(typeof person.firstName).toBe('string');
        expect(person.knows.totalCount).toBeGreaterThanOrEqual(person.knows.nodes.length);
      }
      // One traversal per root field, nested pages and counts included.
      expect(res.extensions.gremlin.requests).toBe(2);
    } finally {
      await cli.stop();
    }
  });

  it('says at startup when the configured Gremlin endpoint does not answer, and keeps serving', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const endpoint = `ws://127.0.0.1:${closed}/gremlin`;
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--gremlin-endpoint', endpoint], /does not answer.*\n/);
    try {
      expect(cli.match[0]).toBe(
        `does not answer: Cannot connect to the graph database: connection refused. Queries fail with BACKEND_UNAVAILABLE and /ready answers 503 until it does.\n`,
      );
      expect(cli.output()).toContain(`nereid: warning: the Gremlin endpoint (${endpoint}) does not answer`);
      const url = /ready at (http:\S+)/.exec(cli.output())![1];
      const res = await gql(url, '{ vertex(id: "x") { id } }');
      expect(res.errors[0].extensions.code).toBe('BACKEND_UNAVAILABLE');
    } finally {
      await cli.stop();
    }
  });

  it('fails with a clear message on a bad option or a bad file', async () => {
    const port = await runCli(['serve', '--port', 'abc']);
    expect(port.code).not.toBe(0);
    expect(port.output).toMatch(/--port/);
    const file = await runCli(['serve', '--port', '0', '--empty', '--load', 'no-such-file.csv']);
    expect(file.code).not.toBe(0);
    expect(file.output).toMatch(/no-such-file\.csv/);
    expect(file.output).not.toMatch(/\n\s+at /);
  });

  it('takes lowered query limits from its flags', async () => {
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--max-nodes', '30'], /ready at (http:\S+)/);
    try {
      const post = async (query: string) => {
        const res = await fetch(cli.match[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
      };
      const over = await post(`{ vertices(label: "User", first: 31) { nodes { id } } }`);
      expect(over.status).toBe(400);
      expect(over.errors![0].extensions.code).toBe('QUERY_TOO_LARGE');
      expect(over.errors![0].message).toMatch(/more than the 30 allowed/);
      const under = await post(`{ vertices(label: "User", first: 30) { nodes { id } } }`);
      expect(under.errors).toBeUndefined();
      expect(under.data.vertices.nodes).toHaveLength(30);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('fails at startup, naming it, on a query limit that is not a whole number in range', async () => {
    const env = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], { NEREID_MAX_DEPTH: '0' });
    expect(env.code).not.toBe(0);
    expect(env.output).toBe('nereid: NEREID_MAX_DEPTH: expected a whole number from 1 to 1000 (got "0")\n');
    const flag = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--max-tokens', 'lots'], { NEREID_MAX_TOKENS: '900' });
    expect(flag.code).not.toBe(0);
    expect(flag.output).toBe('nereid: --max-tokens: expected a whole number from 10 to 1000000 (got "lots")\n');
  });
});
