import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadGraphSONAdjacency } from '../../src/embedded/io';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { copyToRemote, remote } from './copy-graph';
import { describeWithTools, PEERS_DIR, preparePeers, startReferenceServer, type ReferenceServer } from './gremlin-server';

const run = promisify(execFile);
const MODERN = join(__dirname, '..', '..', '..', 'shared', 'tinkerpop', 'tinkerpop-modern.json');

/**
 * Clients nereid did not write against the embedded server, each answer compared with Apache TinkerPop's own
 * Gremlin Server holding the same data: gremlinpython 3.7 over WebSocket (both serializers, a transaction and a
 * rollback), and curl on the HTTP `POST /gremlin` interface.
 */
describeWithTools(['java', 'javac', 'mvn', 'python3', 'curl'])('other clients against the embedded server, compared with TinkerPop Gremlin Server', () => {
  let embedded: GremlinServer;
  let reference: ReferenceServer;
  beforeAll(async () => {
    const [ref] = await Promise.all([startReferenceServer(), preparePeers('python')]);
    reference = ref;
    const graph = new Graph();
    loadGraphSONAdjacency(graph, MODERN);
    embedded = await startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' });
    const peer = remote(reference.url);
    await copyToRemote(graph, peer.g);
    await peer.close();
  }, 240_000);
  afterAll(async () => {
    await embedded?.close();
    await reference?.stop();
  });

  const python = async (url: string, serializer: string): Promise<Record<string, unknown>> => {
    const { stdout } = await run(join(PEERS_DIR, '.venv', 'bin', 'python'), [join(PEERS_DIR, 'python', 'client_check.py'), url, serializer, `py-${serializer}-`]);
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it.each(['graphbinary', 'graphson'])('gremlinpython with %s: a transaction commits, a rollback writes nothing, reads answer as on TinkerPop', async (serializer) => {
    const [ours, theirs] = await Promise.all([python(embedded.url, serializer), python(reference.url, serializer)]);
    expect(ours).toMatchObject({
      'inside the transaction, own writes': 3,
      'rolled back': 0,
      'set cardinality': ['en', 'fr'],
      'names by age': ['cy', 'ada', 'bob'],
      'two hops': ['cy'],
      numbers: { sum: 106, max: 41 },
      drop: 0,
    });
    expect(ours).toEqual(theirs);
  }, 120_000);

  const curl = async (url: string, gremlin: string): Promise<{ status: number; body: any }> => {
    const { stdout } = await run('curl', ['-s', '-X', 'POST', url, '-H', 'content-type: application/json', '-w', '\n%{http_code}', '-d', JSON.stringify({ gremlin, language: 'gremlin-lang' })]);
    const newline = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(newline + 1)), body: JSON.parse(stdout.slice(0, newline)) };
  };
  const httpUrl = (ws: string) => ws.replace(/^ws:/, 'http:');

  /**
   * GraphSON made comparable across the two servers: g:Int32 and g:Int64 as one integer type (see the count()
   * case below), map entries sorted (Gremlin maps are unordered), and, for results Gremlin gives no order, the
   * list itself sorted.
   */
  const comparable = (data: any, ordered: boolean): unknown => {
    const norm = (v: any): any => {
      if (Array.isArray(v)) return v.map(norm);
      if (!v || typeof v !== 'object') return v;
      if (v['@type'] === 'g:Int32' || v['@type'] === 'g:Int64') return { integer: v['@value'] };
      if (v['@type'] === 'g:Map') {
        const pairs: [string, unknown][] = [];
        for (let i = 0; i < v['@value'].length; i += 2) pairs.push([JSON.stringify(norm(v['@value'][i])), norm(v['@value'][i + 1])]);
        return { map: pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
    };
    const list = (norm(data) as { '@value': unknown[] })['@value'];
    return ordered ? list : [...list].map((x) => JSON.stringify(x)).sort();
  };

  // [script, whether Gremlin defines the order of its results]
  it.each([
    ["g.V().hasLabel('person').values('name').order()", true],
    ["g.V('1').out('knows').values('name').order()", true],
    ["g.V().has('person', 'age', gt(30)).order().by('age').valueMap('name', 'age')", true],
    ["g.E().hasLabel('created').count()", true],
    ["g.V('1').outE('knows').order().by('weight').project('to', 'weight').by(inV().values('name')).by('weight')", true],
    ['g.V().groupCount().by(label)', false],
    ["g.V('1').repeat(out()).times(2).path().by('name')", false],
    ["g.V('4').elementMap()", true],
    ["g.V().hasLabel('software').values('lang').dedup()", true],
    ["g.inject(1, 2.5d, 'x', true, 3000000000L)", true],
    ["g.V('1').outE('created').id()", false],
  ] as const)('curl POST /gremlin answers %s as TinkerPop does', async (gremlin, ordered) => {
    const [ours, theirs] = await Promise.all([curl(httpUrl(embedded.url), gremlin), curl(reference.httpUrl, gremlin)]);
    expect(ours.status).toBe(200);
    expect(ours.body.status.code).toBe(theirs.body.status.code);
    expect(comparable(ours.body.result.data, ordered)).toEqual(comparable(theirs.body.result.data, ordered));
  });

  it('curl POST /gremlin: an integer result in int range is g:Int32 on the embedded server, where TinkerPop types count() g:Int64', async () => {
    // The embedded engine has JavaScript's one number type and types a result by its value (src/embedded/io/numbers.ts);
    // JavaScript and Python clients read both as the same number, a Java client gets Integer instead of Long.
    const gremlin = "g.V('1').outE().count()";
    const [ours, theirs] = await Promise.all([curl(httpUrl(embedded.url), gremlin), curl(reference.httpUrl, gremlin)]);
    expect(ours.body.result.data['@value']).toEqual([{ '@type': 'g:Int32', '@value': 3 }]);
    expect(theirs.body.result.data['@value']).toEqual([{ '@type': 'g:Int64', '@value': 3 }]);
  });

  it('curl POST /gremlin: an unsuffixed decimal literal is a Double on the embedded server, a BigDecimal in TinkerPop gremlin-lang', async () => {
    const gremlin = 'g.inject(2.5)';
    const [ours, theirs] = await Promise.all([curl(httpUrl(embedded.url), gremlin), curl(reference.httpUrl, gremlin)]);
    expect(ours.body.result.data['@value']).toEqual([{ '@type': 'g:Double', '@value': 2.5 }]);
    expect(theirs.body.result.data['@value']).toEqual([{ '@type': 'gx:BigDecimal', '@value': 2.5 }]);
  });

  it("curl POST /gremlin: a failing traversal is Neptune's error JSON on the embedded server, TinkerPop's on the reference", async () => {
    const gremlin = "g.V('1').fail('no such thing')";
    const [ours, theirs] = await Promise.all([curl(httpUrl(embedded.url), gremlin), curl(reference.httpUrl, gremlin)]);
    // Neptune: {requestId, code, detailedMessage} with HTTP 500 (docs.aws.amazon.com/neptune/latest/userguide/errors-engine-codes.html).
    expect(ours.status).toBeGreaterThanOrEqual(400);
    expect(ours.body).toMatchObject({ code: expect.any(String), detailedMessage: expect.stringContaining('no such thing') });
    // TinkerPop: {message, Exception-Class, exceptions, stackTrace} with HTTP 500.
    expect(theirs.status).toBe(500);
    expect(theirs.body).toMatchObject({ message: expect.stringContaining('no such thing'), 'Exception-Class': expect.any(String) });
  });
});
