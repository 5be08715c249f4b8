import aws4 from 'aws4';
import { request } from 'node:http';
import { Graph } from '../../../src/embedded/structure';
import type { GremlinServer } from '../../../src/embedded/server';
import { signUpgradeRequest } from '../../../src/neptune/sigv4';
import { denseGraph, GRAPHSON, Harness, t as T } from './helpers';

const KEY = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'us-east-1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, of whichever shape the assertions expect. */
  body: any;
}

const url = (server: GremlinServer, path = '/gremlin') => `http://127.0.0.1:${server.port}${path}`;

async function answer(res: Response): Promise<Answer> {
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function post(server: GremlinServer, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return answer(await fetch(url(server), { method: 'POST', body: text, headers }));
}

async function get(server: GremlinServer, gremlin: string, path = '/gremlin'): Promise<Answer> {
  return answer(await fetch(`${url(server, path)}?gremlin=${encodeURIComponent(gremlin)}`));
}

/** The values of a successful answer's GraphSON list. */
function data(res: Answer): unknown[] {
  expect(res.status).toBe(200);
  expect(res.body.result.data['@type']).toBe('g:List');
  return res.body.result.data['@value'];
}

/** Plain numbers of typed GraphSON numbers. */
const numbers = (values: unknown[]) => values.map((v) => (v as { '@value': number })['@value']);

function people(): Graph {
  const graph = new Graph();
  graph.transact((tx) => {
    const marko = tx.addVertex(['person'], 'marko');
    tx.addVertexProperty(marko, 'name', 'marko');
    tx.addVertexProperty(marko, 'age', 29);
    const josh = tx.addVertex(['person'], 'josh');
    tx.addVertexProperty(josh, 'name', 'josh');
    tx.addEdge('knows', marko, josh);
  });
  return graph;
}

describe('Gremlin over HTTP', () => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it("answers POST /gremlin with Gremlin Server's HTTP body in GraphSON 3", async () => {
    const server = await harness.server({ graphs: { g: people() } });
    const res = await post(server, { gremlin: "g.V('marko').out('knows').values('name')" });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toEqual({
      requestId: expect.stringMatching(UUID),
      status: { message: '', code: 200, attributes: { '@type': 'g:Map', '@value': [] } },
      result: { data: { '@type': 'g:List', '@value': ['josh'] }, meta: { '@type': 'g:Map', '@value': [] } },
    });
  });

  it('answers GET /gremlin?gremlin= and GET /?gremlin=, as in Neptune\'s curl example', async () => {
    const server = await harness.server({ graphs: { g: people() } });
    expect(numbers(data(await get(server, 'g.V().count()')))).toEqual([2]);
    expect(numbers(data(await get(server, "g.V().hasLabel('person').count()", '/')))).toEqual([2]);
    const vertex = data(await get(server, "g.V('marko')"));
    expect(vertex).toEqual([{ '@type': 'g:Vertex', '@value': { id: 'marko', label: 'person' } }]);
  });

  it('answers an empty result with 200 and an empty list, and a typed GraphSON Accept with its own content type', async () => {
    const server = await harness.server({ graphs: { g: people() } });
    const res = await post(server, { gremlin: "g.V().hasLabel('nobody')" }, { Accept: GRAPHSON });
    expect(res.headers.get('content-type')).toBe(GRAPHSON);
    expect(res.body.status.code).toBe(200);
    expect(data(res)).toEqual([]);
    const ranked = await post(server, { gremlin: 'g.V().count()' }, { Accept: `text/html, ${GRAPHSON};q=0.5, application/json; charset=utf-8;q=0.9` });
    expect(ranked.headers.get('content-type')).toBe('application/json');
    expect(numbers(data(ranked))).toEqual([2]);
  });

  it('answers untyped GraphSON 3 for types=false: plain JSON, elements marked by their type', async () => {
    const server = await harness.server({ graphs: { g: people() }, materializeProperties: 'all' });
    const untyped = async (gremlin: string) => {
      const res = await post(server, { gremlin }, { Accept: `${GRAPHSON};types=false` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${GRAPHSON};types=false`);
      expect(res.body.status).toEqual({ message: '', code: 200, attributes: {} });
      expect(res.body.result.meta).toEqual({});
      return res.body.result.data;
    };
    expect(await untyped("g.V('marko').values('age')")).toEqual([29]);
    expect(await untyped("g.V('marko').valueMap('name').with('~tinkerpop.valueMap.tokens')")).toEqual([{ id: 'marko', label: 'person', name: ['marko'] }]);
    expect(await untyped("g.V('josh')")).toEqual([{ id: 'josh', label: 'person', type: 'vertex', properties: { name: [{ id: expect.anything(), value: 'josh' }] } }]);
    expect(await untyped("g.E().project('e').by(identity())")).toEqual([
      { e: { id: expect.any(String), label: 'knows', type: 'edge', inVLabel: 'person', outVLabel: 'person', inV: 'josh', outV: 'marko' } },
    ]);
    expect(await untyped("g.V('marko').as('a').out().path().by('name')")).toEqual([{ labels: [['a'], []], objects: ['marko', 'josh'] }]);
    expect(await untyped("g.V().group().by(label).by(count())")).toEqual([{ person: 2 }]);
  });

  it('runs against the traversal source its aliases name', async () => {
    const server = await harness.server({ graphs: { g: new Graph(), social: people() } });
    expect(numbers(data(await post(server, { gremlin: 'g.V().count()', aliases: { g: 'social' } })))).toEqual([2]);
    const unknown = await post(server, { gremlin: 'g.V().count()', aliases: { g: 'nowhere' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'InvalidParameterException', detailedMessage: expect.stringContaining('[nowhere]') });
  });

  it("waits for the graph's lock like a WebSocket request: a session's open transaction holds back an HTTP write", async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, GRAPHSON);
    const tx = g.tx();
    await tx.begin().addV('person').property(T.id, 'in-session').iterate();
    const blocked = await post(server, { gremlin: "g.with('evaluationTimeout', 100).addV('person').property(id, 'from-http')" });
    expect(blocked.status).toBe(500);
    expect(blocked.body.code).toBe('TimeLimitExceededException');
    const waiting = post(server, { gremlin: "g.addV('person').property(id, 'from-http').id()" });
    await tx.commit();
    expect(data(await waiting)).toEqual(['from-http']);
    expect(data(await get(server, 'g.V().id().order()'))).toEqual(['from-http', 'in-session']);
  });

  it('returns every result in one body, however many batches the server takes', async () => {
    const server = await harness.server({ batchSize: 16 });
    const values = [...Array(150).keys()];
    const res = await post(server, { gremlin: `g.inject(${values.join(',')})` });
    expect(numbers(data(res))).toEqual(values);
  });

  it('writes, commits, and reads the write back', async () => {
    const server = await harness.server();
    const created = await post(server, { gremlin: "g.addV('person').property(id, 'p1').property('name', 'ada').id()" });
    expect(data(created)).toEqual(['p1']);
    expect(data(await get(server, "g.V('p1').values('name')"))).toEqual(['ada']);
    expect(server.graphs.g.vertex('p1')).toBeDefined();
  });

  it('binds bindings as values, never as Gremlin', async () => {
    const server = await harness.server({ graphs: { g: people() } });
    const byName = await post(server, { gremlin: "g.V().has('name', who).values('age')", bindings: { who: 'marko' } });
    expect(numbers(data(byName))).toEqual([29]);
    const typed = await post(server, { gremlin: "g.V().has('age', age).id()", bindings: { age: { '@type': 'g:Int32', '@value': 29 } } });
    expect(data(typed)).toEqual(['marko']);

    const sneaky = "x').drop().V().addV('y";
    const written = await post(server, { gremlin: "g.addV('note').property(id, 'n1').property('text', text).id()", bindings: { text: sneaky } });
    expect(data(written)).toEqual(['n1']);
    expect(data(await get(server, "g.V('n1').values('text')"))).toEqual([sneaky]);
    expect(server.graphs.g.vertexCount).toBe(3);
  });

  it('refuses bad input with a 4xx naming the problem, writes nothing, and keeps serving', async () => {
    const server = await harness.server({ graphs: { g: people() } });
    const before = server.graphs.g.vertexCount;
    const refusals: Array<[Promise<Answer>, number, string, RegExp]> = [
      [post(server, '{"gremlin": "g.addV()",'), 400, 'BadRequestException', /not valid JSON/],
      [post(server, '["g.addV()"]'), 400, 'BadRequestException', /JSON object/],
      [post(server, ''), 400, 'MissingParameterException', /empty/],
      [post(server, { bindings: {} }), 400, 'MissingParameterException', /\[gremlin\]/],
      [answer(await fetch(url(server))), 400, 'MissingParameterException', /\[gremlin\]/],
      [post(server, { gremlin: 42 }), 400, 'InvalidParameterException', /\[gremlin\]/],
      [post(server, { gremlin: 'g.addV(x)', bindings: ['person'] }), 400, 'InvalidParameterException', /\[bindings\]/],
      [post(server, { gremlin: 'g.addV(x)', bindings: { x: { '@type': 'g:Nonsense', '@value': 1 } } }), 400, 'InvalidParameterException', /binding \[x\].*g:Nonsense/],
      [post(server, { gremlin: "g.addV('person').property('name', 'x'" }), 400, 'MalformedQueryException', /end of input/],
      [post(server, { gremlin: "g.addV('person').sideEffect{ it.get().remove() }" }), 400, 'MalformedQueryException', /lambdas are not supported/],
      [post(server, { gremlin: 'g.addV(x)' }), 400, 'MalformedQueryException', /variable 'x' is not bound/],
      [
        post(server, { gremlin: "g.addV('person').map(f)", bindings: { f: { '@type': 'g:Lambda', '@value': { script: 'it.get()', language: 'gremlin-groovy', arguments: 1 } } } }),
        400,
        'UnsupportedOperationException',
        /map\(\) was given a lambda/,
      ],
      [post(server, { gremlin: "g.addV('person')" }, { Accept: 'text/plain' }), 400, 'BadRequestException', /Accept header: text\/plain/],
      [post(server, { gremlin: "g.addV('person')" }, { Accept: 'application/vnd.graphbinary-v1.0' }), 400, 'BadRequestException', /Accept header/],
    ];
    for (const [pending, status, code, detail] of refusals) {
      const res = await pending;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body.detailedMessage).toMatch(detail);
      expect(res.body.requestId).toMatch(UUID);
      expect(res.headers.get('content-type')).toBe('application/json');
    }
    expect(server.graphs.g.vertexCount).toBe(before);
    expect(numbers(data(await get(server, 'g.V().count()')))).toEqual([before]);
  });

  it('refuses a body over the cap with 400, after reading it, and keeps serving', async () => {
    const server = await harness.server();
    const padding = ' '.repeat(10 * 1024 * 1024);
    const res = await post(server, `{"gremlin": "g.addV('big')"${padding}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BadRequestException', detailedMessage: expect.stringContaining('Request size exceeds max allowed value of 10485760 bytes') });
    expect(server.graphs.g.vertexCount).toBe(0);
    expect(data(await post(server, { gremlin: "g.addV('small').label()" }))).toEqual(['small']);
  });

  it('forgets a client that leaves mid-upload, and still closes', async () => {
    const server = await harness.server();
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/gremlin', method: 'POST', headers: { 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"gremlin": "g.addV(', () => setTimeout(() => req.destroy(), 50));
    });
    expect(data(await post(server, { gremlin: "g.addV('after').label()" }))).toEqual(['after']);
    await server.close();
  });

  it('answers other methods with 405 and the methods it allows', async () => {
    const server = await harness.server();
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await answer(await fetch(url(server), { method, body: JSON.stringify({ gremlin: "g.addV('x')" }) }));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST');
      expect(res.body).toMatchObject({ code: 'MethodNotAllowedException', detailedMessage: expect.stringContaining(method) });
    }
    expect(server.graphs.g.vertexCount).toBe(0);
  });

  it('rolls back a write that fails part way, with the HTTP status Neptune gives the error', async () => {
    const server = await harness.server();
    await post(server, { gremlin: "g.addV('person').property(id, 'taken')" });
    const res = await post(server, {
      gremlin: "g.addV('person').property(id, 'fresh').property('name', 'x').addV('person').property(id, 'taken')",
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'ConstraintViolationException', detailedMessage: expect.stringContaining('taken') });
    expect(server.graphs.g.vertex('fresh')).toBeUndefined();
    expect(data(await get(server, 'g.V().id()'))).toEqual(['taken']);
  });

  it('answers an injected server-side fault with 500, like Neptune', async () => {
    const server = await harness.server();
    server.faults.failNext(1, 'ConcurrentModificationException');
    const res = await post(server, { gremlin: "g.addV('person')" });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('ConcurrentModificationException');
    expect(server.graphs.g.vertexCount).toBe(0);
  });

  it("stops at the query's or the server's evaluationTimeout with TimeLimitExceededException (500), and keeps serving", async () => {
    const slow = 'V().repeat(out().simplePath()).times(6).count()';
    const server = await harness.server({ graphs: { g: denseGraph(40) } });
    const started = Date.now();
    const res = await post(server, { gremlin: `g.with('evaluationTimeout', 200).${slow}` });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'TimeLimitExceededException', detailedMessage: expect.stringContaining('timeout') });
    expect(numbers(data(await get(server, 'g.V().count()')))).toEqual([40]);

    const strict = await harness.server({ graphs: { g: denseGraph(40) }, evaluationTimeoutMs: 200 });
    expect((await get(strict, `g.${slow}`)).body.code).toBe('TimeLimitExceededException');
  });
});

describe('Gremlin over HTTP with SigV4', () => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());
  const iamServer = () => harness.server({ iam: { region: REGION, credentials: [KEY] } });

  /** Signed as awscurl and the AWS SDKs sign it: the body's hash is part of the signature. */
  function signedPost(server: GremlinServer, body: string, credentials = KEY, extra: Record<string, string> = {}): Record<string, string> {
    const signed = aws4.sign(
      {
        method: 'POST',
        host: `127.0.0.1:${server.port}`,
        path: '/gremlin',
        service: 'neptune-db',
        region: REGION,
        body,
        headers: { 'Content-Type': 'application/json', ...extra },
      },
      credentials,
    );
    const headers: Record<string, string> = {};
    // fetch sets Host and Content-Length itself, to the values signed.
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      if (!/^(host|content-length)$/i.test(name)) headers[name] = String(value);
    }
    return headers;
  }

  it('accepts a POST signed over its body and a signed GET', async () => {
    const server = await iamServer();
    const body = JSON.stringify({ gremlin: "g.addV('person').property(id, 'signed').id()" });
    expect(data(await post(server, body, signedPost(server, body)))).toEqual(['signed']);

    const path = `/gremlin?gremlin=${encodeURIComponent("g.V('signed').label()")}`;
    const headers = signUpgradeRequest({ host: '127.0.0.1', port: server.port, path }, REGION, KEY);
    const res = await answer(await fetch(url(server, path), { headers: { 'X-Amz-Date': headers['X-Amz-Date'], Authorization: headers.Authorization } }));
    expect(data(res)).toEqual(['person']);
  });

  it("refuses a missing, wrong or body-mismatched signature with 403 and Neptune's AccessDeniedException body, writing nothing", async () => {
    const server = await iamServer();
    const body = JSON.stringify({ gremlin: "g.addV('person').property(id, 'intruder')" });
    const tampered = JSON.stringify({ gremlin: "g.addV('person').property(id, 'tampered')" });
    const cases: Array<[Promise<Answer>, RegExp]> = [
      [post(server, body), /Missing Authentication Token/],
      [post(server, body, signedPost(server, body, { ...KEY, secretAccessKey: 'not-the-secret' })), /signature we calculated does not match/],
      [post(server, tampered, signedPost(server, body)), /signature we calculated does not match/],
      [post(server, tampered, signedPost(server, tampered, KEY, { 'X-Amz-Content-Sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })), /x-amz-content-sha256/],
      [get(server, 'g.V().count()'), /Missing Authentication Token/],
    ];
    for (const [pending, detail] of cases) {
      const res = await pending;
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ requestId: expect.stringMatching(UUID), code: 'AccessDeniedException', detailedMessage: expect.stringMatching(detail) });
    }
    expect(server.graphs.g.vertexCount).toBe(0);
  });
});
