import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { serve, type Nereid } from '../../src/serve';
import { fillSocial } from '../support/social';

/**
 * The gateway against an IAM-protected Gremlin endpoint (the embedded server verifying SigV4 like Neptune),
 * with credentials from the AWS SDK's default chain — here, the environment variables.
 */
const KEY = { accessKeyId: 'AKIDGATEWAYIAM', secretAccessKey: 'gateway-iam-secret-for-tests' };
const REGION = 'eu-west-1';

describe('IAM (SigV4) through the gateway', () => {
  let server: GremlinServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    const graph = new Graph();
    graph.transact(fillSocial);
    server = await startGremlinServer({ graphs: { g: graph }, iam: { region: REGION, credentials: [KEY] } });
  });
  afterAll(() => server.close());
  afterEach(() => {
    process.env = { ...saved };
  });

  async function gatewayWith(secretAccessKey: string): Promise<Nereid> {
    process.env.AWS_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    return serve({
      port: 0,
      host: '127.0.0.1',
      env: { GREMLIN_ENDPOINT: server.url, NEPTUNE_IAM_AUTH: 'true', AWS_REGION: REGION, GREMLIN_MAX_RETRIES: '0' },
    });
  }

  async function query(nereid: Nereid): Promise<any> {
    const res = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ vertex(id: "ada") { property(key: "name") } }' }) });
    return { status: res.status, ...((await res.json()) as object) };
  }

  it('signs the upgrade so the server accepts it', async () => {
    const nereid = await gatewayWith(KEY.secretAccessKey);
    try {
      const res = await query(nereid);
      expect(res.errors).toBeUndefined();
      expect(res.data.vertex.property).toBe('Ada');
      expect((await fetch(nereid.url.replace('/graphql', '/ready'))).status).toBe(200);
    } finally {
      await nereid.stop();
    }
  });

  it('signs the connection of a batch transaction too, which opens one of its own', async () => {
    const nereid = await gatewayWith(KEY.secretAccessKey);
    try {
      const inputs = Array.from({ length: 600 }, (_, i) => ({ id: `iam${i}`, label: 'Tag' }));
      const res = await fetch(nereid.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($inputs: [VertexInput!]!) { batchCreateVertices(inputs: $inputs) { id } }', variables: { inputs } }),
      });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.data.batchCreateVertices).toHaveLength(600);
      expect(body.extensions.gremlin.traversals.map((t: { gremlin: string }) => t.gremlin.slice(0, 10))).toEqual(['g.addV("Ta', 'g.addV("Ta', 'g.tx().com']);
    } finally {
      await nereid.stop();
    }
  });

  it('reports a refused signature as BACKEND_UNAVAILABLE without leaking the key, and is not ready', async () => {
    const nereid = await gatewayWith('not-the-secret');
    try {
      const res = await query(nereid);
      expect(res.status).toBe(200);
      expect(res.errors[0].extensions.code).toBe('BACKEND_UNAVAILABLE');
      expect(res.errors[0].message).toMatch(/refused the connection \(HTTP 403/);
      expect(JSON.stringify(res)).not.toContain(KEY.accessKeyId);
      expect((await fetch(nereid.url.replace('/graphql', '/ready'))).status).toBe(503);
    } finally {
      await nereid.stop();
    }
  });
});
