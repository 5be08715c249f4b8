import { logFormat } from '../../src/logger';
import { startCli } from '../support/cli';
import { fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('request ids', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  }, 120_000);
  afterAll(() => nereid.stop());

  it("echoes the caller's x-request-id and puts it in every error's extensions", async () => {
    const res = await post(nereid.url, JSON.stringify({ query: `{ a: vertices(first: -1) { totalCount } b: edge(id: "") { id } }` }), { 'x-request-id': 'lb-7f3a:42' });
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a:42');
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(2);
    for (const error of body.errors) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'lb-7f3a:42' });
  });

  it('makes one up (a UUID) when none is given, or the given one is not a plausible id', async () => {
    for (const headers of [{}, { 'x-request-id': 'has spaces' }, { 'x-request-id': 'x'.repeat(129) }] as Record<string, string>[]) {
      const res = await post(nereid.url, JSON.stringify({ query: `{ nope }` }), headers);
      const id = res.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: id });
    }
  });

  it('is in refusals made before GraphQL runs (a body that is not JSON) and on other paths', async () => {
    const res = await post(nereid.url, '{"query": ', { 'x-request-id': 'broken-body' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId: 'broken-body' });
    const health = await fetch(nereid.url.replace('/graphql', '/health'), { headers: { 'x-request-id': 'probe-1' } });
    expect(health.headers.get('x-request-id')).toBe('probe-1');
  });
});

describe('logs', () => {
  it('are JSON when not on a terminal, pretty on one, and LOG_FORMAT decides when set', () => {
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it("carry the request's id on every line written while serving it, Gremlin requests and errors included", async () => {
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--empty'], /ready at (http:\/\/\S+)/, { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' });
    try {
      const url = cli.match[1].replace('localhost', '127.0.0.1');
      // pino writes asynchronously: the startup line may follow the banner.
      await waitFor(cli.child.stdout!, () => cli.output().includes('"msg":"nereid is serving"'));
      const startup = cli.output().length;
      const ids = ['read-1', 'write-1', 'bad-1', 'missing-1'];
      await post(url, JSON.stringify({ query: `query Find { vertices(label: "X") { totalCount } }` }), { 'x-request-id': ids[0] });
      await post(url, JSON.stringify({ query: `mutation { createVertex(input: { label: "X", id: "x1" }) { id } }` }), { 'x-request-id': ids[1] });
      await post(url, JSON.stringify({ query: `{ vertices(first: -1) { totalCount } }` }), { 'x-request-id': ids[2] });
      await post(url, JSON.stringify({ query: `mutation { createEdge(input: { label: "E", from: "x1", to: "nobody" }) { id } }` }), { 'x-request-id': ids[3] });
      // A request's line is written when its response finishes, which may be just after the client has it.
      await waitFor(cli.child.stdout!, () => lines(cli.output().slice(startup)).filter((l) => l.msg === 'request completed' && ids.includes(l.requestId as string)).length === 4);
      const gateway = lines(cli.output().slice(startup)).filter((l) => l.component !== 'gremlin-server');
      expect(gateway.length).toBeGreaterThan(4);
      for (const line of gateway) expect(ids).toContain(line.requestId);
      const gremlin = gateway.filter((l) => l.msg === 'gremlin request');
      expect(gremlin.map((l) => l.requestId)).toEqual(expect.arrayContaining(['read-1', 'write-1', 'missing-1']));
      expect(gateway.find((l) => l.requestId === 'read-1' && l.msg === 'request completed')).toMatchObject({ operation: 'Find', status: 200, path: '/graphql' });
    } finally {
      await cli.stop();
    }
  }, 120_000);
});

function lines(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Resolves once `condition` holds, checking it again on each output from the process. */
function waitFor(output: NodeJS.ReadableStream, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      output.off('data', check);
      resolve();
    };
    output.on('data', check);
    check();
  });
}
