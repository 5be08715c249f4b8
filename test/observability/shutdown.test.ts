import gremlin from 'gremlin';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { startCli } from '../support/cli';

/**
 * SIGTERM to `nereid serve`: /ready answers 503 at once, a request in flight finishes with its answer, and the
 * process exits 0. The in-flight request is held deterministically: it is a mutation against a Gremlin server
 * this test runs, where a session's open transaction holds the graph's writer lock until the test commits it
 * (reads would not wait: they read a snapshot).
 */
describe('graceful shutdown', () => {
  let server: GremlinServer;
  beforeAll(async () => {
    server = await startGremlinServer();
  });
  afterAll(() => server.close());

  it('turns /ready 503, lets the in-flight request finish, then exits 0', async () => {
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1'], /ready at (http:\/\/\S+)/, {
      GREMLIN_ENDPOINT: server.url,
      // Long enough for a busy machine to see /ready's 503 before the listener closes; the test waits for events, not for it.
      NEREID_SHUTDOWN_DELAY_MS: '5000',
      LOG_LEVEL: 'info',
      // Not Jest's NODE_ENV=test, under which Apollo Server leaves termination signals alone anyway.
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
    });
    const base = cli.match[1].replace('localhost', '127.0.0.1').replace('/graphql', '');
    const session = new gremlin.driver.DriverRemoteConnection(server.url);
    let exited: Promise<number | null> | undefined;
    try {
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      const g = gremlin.process.AnonymousTraversalSource.traversal().withRemote(session);
      const tx = g.tx();
      await tx.begin().addV('Thing').property(gremlin.process.t.id, 'held').iterate();

      // The write waits for the session's transaction: it is in flight until the test commits.
      const inFlight = fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { updateVertex(id: "held", set: { seen: true }) { id seen: property(key: "seen") } }` }),
      });
      await until(async () => (await metricsText(base)).includes('nereid_gremlin_requests_in_flight{endpoint="writer"} 1'));

      exited = new Promise((resolve) => cli.child.once('exit', (code) => resolve(code)));
      cli.child.kill('SIGTERM');
      await until(async () => (await fetch(`${base}/ready`)).status === 503);
      expect(cli.child.exitCode).toBeNull();

      await tx.commit();
      const res = await inFlight;
      expect(res.status).toBe(200);
      // Committed before the write ran, so the write finds the vertex.
      expect(((await res.json()) as { data: unknown }).data).toEqual({ updateVertex: { id: 'held', seen: true } });
      expect(await exited).toBe(0);
      expect(cli.output()).toContain('shutting down');
    } finally {
      await session.close();
      if (!exited) await cli.stop();
    }
  }, 120_000);
});

async function metricsText(base: string): Promise<string> {
  return (await fetch(`${base}/metrics`)).text();
}

/** Polls `condition` until it holds: each check is a request to the server, so the loop waits on its answers. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
}
