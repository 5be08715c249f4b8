import { fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

/**
 * Every argument kind of the core API, given something wrong: each answer is a coded GraphQL error over
 * HTTP 200 (or 400 where GraphQL itself rejects the document), no Gremlin request is sent, the graph is
 * unchanged, and the server keeps answering.
 */
describe('bad input', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterAll(() => nereid.stop());

  const cases: [string, string, RegExp][] = [
    ['empty id', `{ vertex(id: "") { id } }`, /^id$/],
    ['empty edge id', `{ edge(id: "") { id } }`, /^id$/],
    ['empty id in a list', `{ vertices(ids: ["ada", ""]) { totalCount } }`, /^ids\[1\]$/],
    ['empty label', `{ vertices(label: "") { totalCount } }`, /^label$/],
    ['blank label, which no element can have', `{ pageRank(label: "  ") { rank } }`, /^label$/],
    ['negative first', `{ vertices(first: -1) { totalCount } }`, /^first$/],
    ['first over the maximum', `{ vertices(first: 101) { totalCount } }`, /^first$/],
    ['a cursor we never issued', `{ vertices(after: "bm9wZQ") { totalCount } }`, /^after$/],
    ['a comparison without a key', `{ vertices(where: { eq: 1 }) { totalCount } }`, /^where\.eq$/],
    ['an empty filter', `{ vertices(where: {}) { totalCount } }`, /^where$/],
    ['an object as a value', `{ vertices(where: { key: "age", eq: { a: 1 } }) { totalCount } }`, /^where\.eq$/],
    ['a list as a scalar value', `{ vertices(where: { key: "age", gt: [1] }) { totalCount } }`, /^where\.gt$/],
    ['an object inside in', `{ vertices(where: { key: "age", in: [1, { a: 2 }] }) { totalCount } }`, /^where\.in\[1\]$/],
    ['an integer no 64-bit long holds', `{ vertices(where: { key: "age", gt: 1e19 }) { totalCount } }`, /^where\.gt$/],
    ['an integer no 64-bit long holds inside notIn', `{ vertices(where: { key: "age", notIn: [1, -1e19] }) { totalCount } }`, /^where\.notIn\[1\]$/],
    ['an empty and', `{ vertices(where: { and: [] }) { totalCount } }`, /^where\.and$/],
    ['a nested mistake', `{ vertices(where: { or: [{ key: "a", eq: 1 }, { not: { exists: true } }] }) { totalCount } }`, /^where\.or\[1\]\.not\.exists$/],
    ['a system key in a filter', `{ vertices(where: { and: [{ key: "~label", eq: "Person" }] }) { totalCount } }`, /^where\.and\[0\]\.key$/],
    ['a system key in orderBy', `{ vertices(orderBy: [{ key: "~id" }]) { totalCount } }`, /^orderBy\[0\]\.key$/],
    ['an empty edge label', `{ vertex(id: "ada") { out(labels: [""]) { totalCount } } }`, /^labels\[0\]$/],
    ['an empty degree label', `{ vertex(id: "ada") { degree(labels: [""]) } }`, /^labels\[0\]$/],
    ['neighbour page too large', `{ vertex(id: "ada") { outE(first: 1000) { totalCount } } }`, /^first$/],
    ['traverse without steps', `{ traverse(start: ["ada"], steps: []) { vertices { id } } }`, /^steps$/],
    ['traverse without a start', `{ traverse(start: [], steps: [{ direction: OUT }]) { vertices { id } } }`, /^start$/],
    ['traverse with a negative limit', `{ traverse(start: ["ada"], steps: [{ direction: OUT }], limit: -2) { vertices { id } } }`, /^limit$/],
    ['shortestPath with too many hops', `{ shortestPath(from: "ada", to: "dee", maxHops: 1000) { length } }`, /^maxHops$/],
    ['pageRank with a damping factor of 1', `{ pageRank(dampingFactor: 1) { rank } }`, /^dampingFactor$/],
    ['pageRank with no iterations', `{ pageRank(iterations: 0) { rank } }`, /^iterations$/],
  ];

  it.each(cases)('%s is BAD_USER_INPUT naming the argument, with no Gremlin request for it', async (_name, query, argument) => {
    const res = await nereid.gql(query);
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.argument).toMatch(argument);
    expect(res.errors![0].extensions!.stacktrace).toBeUndefined();
    // A nested field's arguments are checked when it resolves, after its parent vertex was fetched.
    expect(res.extensions!.gremlin!.requests).toBe(query.startsWith('{ vertex(id: "ada")') ? 1 : 0);
  });

  it('answers GraphQL-level mistakes with 400 and a code, never 500', async () => {
    for (const query of [`{ vertex { id } }`, `{ vertex(id: 1.5) { id } }`, `{ nope }`, `{ vertex(id: "a") `, `{ vertices(first: "x") { totalCount } }`]) {
      const res = await nereid.gql(query);
      expect(res.status).toBe(400);
      expect(typeof res.errors![0].extensions!.code).toBe('string');
      expect(res.errors![0].extensions!.stacktrace).toBeUndefined();
    }
    const notJson = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    await expectCodedBody(notJson, 'BAD_REQUEST');
  });

  it('answers a body over the size limit with 413 and a coded error, without a stack trace', async () => {
    const tooLarge = await fetch(nereid.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ vertex(id: "${'x'.repeat(2_000_000)}") { id } }` }),
    });
    expect(tooLarge.status).toBe(413);
    await expectCodedBody(tooLarge, 'BAD_REQUEST');
  });

  /** The body is GraphQL's error shape, not Express's HTML error page, and names no source file. */
  async function expectCodedBody(res: Response, code: string): Promise<void> {
    const text = await res.text();
    expect(text).not.toMatch(/node_modules|\.js:\d+/);
    const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe(code);
  }

  // Both were INTERNAL_SERVER_ERROR when a fuzzer first sent them.
  it('refuses a subscription (the schema has none) as a validation error', async () => {
    for (const query of [`subscription { vertex(id: "ada") { id } }`, `subscription S { x }`]) {
      const res = await nereid.gql(query);
      expect(res.status).toBe(400);
      expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0].message).toMatch(/no subscription operations/);
    }
  });

  it('refuses a persisted query whose hash does not match, or of an unknown version, as BAD_REQUEST', async () => {
    const post = (extensions: object) =>
      fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', extensions }) });
    const wrongHash = await post({ persistedQuery: { version: 1, sha256Hash: 'abc' } });
    expect(wrongHash.status).toBe(400);
    await expectCodedBody(wrongHash, 'BAD_REQUEST');
    const wrongVersion = await post({ persistedQuery: { version: 2, sha256Hash: 'abc' } });
    expect(wrongVersion.status).toBe(400);
    await expectCodedBody(wrongVersion, 'BAD_REQUEST');
  });

  it('keeps serving after all of it, with the graph unchanged', async () => {
    const res = await nereid.gql(`{ vertex(id: "ada") { property(key: "name") } }`);
    expect(res.data!.vertex.property).toBe('Ada');
    expect(nereid.graph.vertexCount).toBe(6);
    expect(nereid.graph.edgeCount).toBe(7);
  });
});

describe('health', () => {
  it('reports liveness, and readiness only while Gremlin answers', async () => {
    const nereid = await startNereid();
    const base = nereid.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    await nereid.stop();
  });

  it('is not ready when the Gremlin endpoint is down, and says so with a coded error on queries', async () => {
    const nereid = await startNereid(undefined, { env: { GREMLIN_ENDPOINT: 'ws://127.0.0.1:9/gremlin', GREMLIN_MAX_RETRIES: '0' } });
    const base = nereid.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    const res = await nereid.gql(`{ vertex(id: "ada") { id } }`);
    expect(res.status).toBe(200);
    expect(res.errors![0].extensions!.code).toBe('BACKEND_UNAVAILABLE');
    await nereid.stop();
  });
});

describe('stats', () => {
  it('leaves extensions.gremlin out in production', async () => {
    const nereid = await startNereid(fillSocial, { production: true, security: { embedded: true } });
    const res = await nereid.gql(`{ vertex(id: "ada") { id } }`);
    expect(res.data!.vertex.id).toBe('ada');
    expect(res.extensions?.gremlin).toBeUndefined();
    const introspection = await nereid.gql(`{ __schema { queryType { name } } }`);
    expect(introspection.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await nereid.stop();
  });
});

describe('other paths and methods', () => {
  it('answer a coded 404 or 405 (with Allow), and /graphql/ is /graphql', async () => {
    const nereid = await startNereid();
    try {
      const base = nereid.url.replace('/graphql', '');
      const missing = await fetch(`${base}/nope`, { headers: { 'x-request-id': 'lost-1' } });
      expect([missing.status, missing.headers.get('x-request-id')]).toEqual([404, 'lost-1']);
      expect(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
      const wrongMethod = await fetch(`${base}/health`, { method: 'POST' });
      expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
      expect(((await wrongMethod.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
      const slash = await fetch(`${nereid.url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(((await slash.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
    } finally {
      await nereid.stop();
    }
  });
});

describe('CORS', () => {
  it('lets any origin call outside production, and only configured origins when told', async () => {
    const open = await startNereid();
    const preflight = (url: string, origin: string) =>
      fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect((await preflight(open.url, 'https://app.example.com')).headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    await open.stop();

    const closed = await startNereid(undefined, { env: { CORS_ORIGINS: 'https://app.example.com' } });
    expect((await preflight(closed.url, 'https://app.example.com')).headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect((await preflight(closed.url, 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    await closed.stop();
  });
});
