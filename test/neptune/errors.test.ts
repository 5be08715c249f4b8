import { GremlinRequestError, NEPTUNE_ERROR_RULES, fromResponseError, parseNeptuneMessage, safeDetail } from '../../src/neptune/errors';
import { fromConnectFailure, fromLostConnection } from '../../src/neptune/transport-errors';

function responseError(statusCode: number, statusMessage: string, statusAttributes?: Map<string, unknown> | object) {
  return Object.assign(new Error(`Server error: ${statusMessage} (${statusCode})`), { name: 'ResponseError', statusCode, statusMessage, statusAttributes });
}

/** As Gremlin Server 3.7 sends its attributes (the driver reads them as a Map over GraphBinary and GraphSON 3). */
const thrown = (...exceptions: string[]) => new Map<string, unknown>([['exceptions', exceptions], ['stackTrace', 'java.lang.Exception: x\n\tat Foo.bar(Foo.java:1)']]);

const neptune = (code: string, detailedMessage: string) => JSON.stringify({ requestId: 'req-1', code, detailedMessage });

describe('fromResponseError', () => {
  it('reads Neptune JSON status messages', () => {
    const err = fromResponseError(responseError(400, neptune('ConstraintViolationException', 'Vertex with id already exists: u1')));
    expect(err).toBeInstanceOf(GremlinRequestError);
    expect(err).toMatchObject({
      code: 'ConstraintViolationException',
      status: 400,
      retryable: false,
      graphqlCode: 'CONFLICT',
      requestId: 'req-1',
      outcomeUnknown: false,
    });
    expect(err.message).toBe('The change conflicts with the data in the graph: Vertex with id already exists: u1');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it.each(Object.entries(NEPTUNE_ERROR_RULES))('maps %s as its rule says', (code, rule) => {
    const err = fromResponseError(responseError(500, neptune(code, 'detail')));
    expect([err.code, err.retryable, err.graphqlCode]).toEqual([code, rule.retry, rule.graphql]);
  });

  it('follows the documented retry column, except TimeLimitExceededException and ConstraintViolationException', () => {
    const retried = Object.entries(NEPTUNE_ERROR_RULES).filter(([, r]) => r.retry).map(([c]) => c).sort();
    expect(retried).toEqual([
      'CancelledByUserException',
      'ConcurrentModificationException',
      'FailureByQueryException',
      'InternalFailureException',
      'MemoryLimitExceededException',
      'QueryLimitExceededException',
      'ReadOnlyViolationException',
      'ThrottlingException',
      'TooManyRequestsException',
    ]);
  });

  it('falls back to the TinkerPop status and keeps only the first line of a plain message', () => {
    const err = fromResponseError(responseError(499, 'Invalid argument\n  at Foo.bar(Foo.java:1)\n  at Baz'));
    expect(err).toMatchObject({ code: 'InvalidRequestArgumentsError', graphqlCode: 'BAD_USER_INPUT', retryable: false, requestId: undefined });
    expect(err.message).toBe('The graph database rejected an argument of the request: Invalid argument');
    expect(fromResponseError(responseError(596, 'busy'))).toMatchObject({ code: 'ServerTemporaryError', retryable: true });
    expect(fromResponseError(responseError(555, ''))).toMatchObject({ code: 'ServerError', graphqlCode: 'INTERNAL_SERVER_ERROR' });
    expect(fromResponseError(responseError(555, '')).message).toBe('The graph database failed to process the request');
  });

  it("reads TinkerPop's taken-id message (Gremlin Server with TinkerGraph, JanusGraph) as Neptune's ConstraintViolationException", () => {
    // As TinkerPop 3.7.4's Gremlin Server sends it for g.addV().property(id, 'u1') with u1 taken.
    const err = fromResponseError(responseError(500, 'Vertex with id already exists: u1'));
    expect(err).toMatchObject({ code: 'ConstraintViolationException', graphqlCode: 'CONFLICT', retryable: false });
    expect(err.message).toBe('The change conflicts with the data in the graph: Vertex with id already exists: u1');
    expect(fromResponseError(responseError(500, 'Edge with id already exists: e1'))).toMatchObject({ graphqlCode: 'CONFLICT' });
    // JanusGraph 1.1.0's Gremlin Server (in-memory backend).
    expect(fromResponseError(responseError(500, 'Vertex with given id already exists: ada'))).toMatchObject({ graphqlCode: 'CONFLICT' });
    expect(fromResponseError(responseError(500, 'Some Vertex with id already exists: u1'))).toMatchObject({ graphqlCode: 'INTERNAL_SERVER_ERROR' });
  });

  it("reads a server's refusal of a client-given id (JanusGraph) as Neptune's InvalidParameterException, BAD_USER_INPUT", () => {
    // JanusGraph 1.1.0 for g.addE('knows').property(id, 'k9')...: it assigns every edge id itself.
    const edge = fromResponseError(responseError(500, 'Edge does not support user supplied identifiers'));
    expect(edge).toMatchObject({ code: 'InvalidParameterException', graphqlCode: 'BAD_USER_INPUT', retryable: false });
    expect(edge.message).toBe('A value is invalid or out of range: Edge does not support user supplied identifiers');
    // JanusGraph 1.1.0 with custom string vertex ids, for g.addV().property(id, 'a-b').property('k', 1).
    expect(fromResponseError(responseError(500, 'Custom string id contains reserved string (-): a-b'))).toMatchObject({ graphqlCode: 'BAD_USER_INPUT' });
    expect(fromResponseError(responseError(500, 'Edge does not support user supplied identifiers, or so'))).toMatchObject({ graphqlCode: 'INTERNAL_SERVER_ERROR' });
  });

  // Messages, statuses and exception classes as Gremlin Server 3.7.3 (TinkerGraph) sent them for raw Gremlin.
  it.each<[string, number, string, string[]]>([
    ["call() of an unknown service", 500, 'Unrecognized service: tinker.degree.centrality', ['java.lang.IllegalArgumentException']],
    ['property(T.id) on an existing vertex', 500, 'T.id is immutable on existing elements', ['java.lang.IllegalStateException']],
    ['io() of a missing file', 500, 'x does not exist', ['java.lang.IllegalStateException']],
    ['range(5, 2), refused while reading the bytecode', 599, 'null: .range(Integer, Integer)', ['java.lang.IllegalStateException', 'java.lang.reflect.InvocationTargetException', 'java.lang.IllegalArgumentException']],
    ['connectedComponent() without a GraphComputer', 500, 'VertexComputing steps must be executed with a GraphComputer: [ConnectedComponentVertexProgramStep(...)]', ['org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.VerificationException']],
    ['bothV() on a vertex', 500, 'class org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerVertex cannot be cast to class org.apache.tinkerpop.gremlin.structure.Edge', ['java.lang.ClassCastException']],
    ['math() dividing by zero', 500, 'Division by zero!', ['java.lang.ArithmeticException']],
    ['a feature the graph lacks', 500, 'Graph does not support adding vertices', ['java.lang.UnsupportedOperationException']],
  ])("reads TinkerPop's refusal of %s, by its exception class, as BAD_USER_INPUT with the server's message", (_what, status, message, exceptions) => {
    const err = fromResponseError(responseError(status, `${message}\n\tat Foo.bar(Foo.java:1)`, thrown(...exceptions)));
    expect(err).toMatchObject({ graphqlCode: 'BAD_USER_INPUT', retryable: false, status });
    // The first line only: no stack.
    expect(err.message.slice(err.message.indexOf(': ') + 2)).toBe(message);
  });

  it("reads TinkerTransactionGraph's commit conflict as Neptune's ConcurrentModificationException: CONFLICT, retried", () => {
    // Gremlin Server 3.7.3 with TinkerTransactionGraph, for the commit of a session whose vertex another committed since.
    const message = 'Conflict: element modified in another transaction';
    const err = fromResponseError(responseError(500, message, thrown('org.apache.tinkerpop.gremlin.structure.util.TransactionException')));
    expect(err).toMatchObject({ code: 'ConcurrentModificationException', graphqlCode: 'CONFLICT', retryable: true, status: 500 });
    expect(err.message).toBe(`A concurrent change to the same data conflicted with this request: ${message}`);
    // Only as the outermost exception: wrapped in another, it stays the server's failure.
    expect(fromResponseError(responseError(500, message, thrown('java.lang.RuntimeException', 'org.apache.tinkerpop.gremlin.structure.util.TransactionException')))).toMatchObject({ graphqlCode: 'INTERNAL_SERVER_ERROR', retryable: false });
  });

  it('reads only the outermost exception class, and keeps the status rule for others', () => {
    expect(fromResponseError(responseError(500, 'T.id is immutable on existing elements', thrown('java.lang.IllegalStateException')))).toMatchObject({ code: 'BadRequestException', graphqlCode: 'BAD_USER_INPUT' });
    // The driver's attributes when the server sent none.
    expect(fromResponseError(responseError(500, 'T.id is immutable on existing elements', {}))).toMatchObject({ code: 'ServerError', graphqlCode: 'INTERNAL_SERVER_ERROR' });
    // A traversal over its evaluationTimeout (Gremlin Server 3.7.3) stays a timeout.
    expect(fromResponseError(responseError(598, 'A timeout occurred during traversal evaluation', thrown('org.apache.tinkerpop.gremlin.process.traversal.util.TraversalInterruptedException')))).toMatchObject({ graphqlCode: 'BACKEND_TIMEOUT' });
    // A failure of the server wrapping a refusal stays the server's failure; so does an exception not in the table.
    expect(fromResponseError(responseError(500, 'boom', thrown('java.lang.RuntimeException', 'java.lang.IllegalArgumentException')))).toMatchObject({ code: 'ServerError', graphqlCode: 'INTERNAL_SERVER_ERROR' });
    expect(fromResponseError(responseError(500, 'Java heap space', thrown('java.lang.OutOfMemoryError')))).toMatchObject({ graphqlCode: 'INTERNAL_SERVER_ERROR' });
    expect(fromResponseError(responseError(597, 'x', new Map([['exceptions', 'java.lang.IllegalStateException']])))).toMatchObject({ code: 'EvaluationError', graphqlCode: 'INTERNAL_SERVER_ERROR' });
    // The taken-id message decides before the class it comes with (IllegalArgumentException).
    expect(fromResponseError(responseError(500, 'Vertex with id already exists: ada', thrown('java.lang.IllegalArgumentException')))).toMatchObject({ graphqlCode: 'CONFLICT' });
  });

  it('reads status 595 (a fail() step in the query) as the query\'s own refusal, not retried', () => {
    const err = fromResponseError(responseError(595, 'boom', new Map<string, unknown>([['failStepMessage', 'boom'], ['exceptions', ['org.apache.tinkerpop.gremlin.process.traversal.step.sideEffect.FailStep$FailException']]])));
    expect(err).toMatchObject({ code: 'FailStepError', graphqlCode: 'BAD_USER_INPUT', retryable: false });
    expect(err.message).toBe('The query failed on the graph database: boom');
  });

  it('keeps an unknown Neptune code, as an internal error', () => {
    expect(fromResponseError(responseError(500, neptune('BrandNewException', 'x')))).toMatchObject({
      code: 'BrandNewException',
      graphqlCode: 'INTERNAL_SERVER_ERROR',
      retryable: false,
    });
  });
});

describe('parseNeptuneMessage', () => {
  it('ignores what is not a Neptune JSON message', () => {
    expect(parseNeptuneMessage(undefined)).toBeUndefined();
    expect(parseNeptuneMessage('plain text')).toBeUndefined();
    expect(parseNeptuneMessage('{not json')).toBeUndefined();
    expect(parseNeptuneMessage('{"code": 5, "detailedMessage": "m"}')).toEqual({ code: undefined, detailedMessage: 'm', requestId: undefined });
  });
});

describe('safeDetail', () => {
  it('removes addresses, hosts, URLs, key ids and signatures, and shortens', () => {
    expect(safeDetail('failed at wss://db.cluster-x.us-east-1.neptune.amazonaws.com:8182/gremlin now')).toBe('failed at <url> now');
    expect(safeDetail('host db.cluster-x.us-east-1.neptune.amazonaws.com:8182 down')).toBe('host <host> down');
    expect(safeDetail('connect ECONNREFUSED 10.0.12.7:8182')).toBe('connect ECONNREFUSED <address>');
    expect(safeDetail('key AKIAIOSFODNN7EXAMPLE Signature=abc123')).toBe('key <key> Signature=<redacted>');
    expect(safeDetail('x'.repeat(400))).toHaveLength(301);
    expect(safeDetail(undefined)).toBe('');
  });
});

describe('fromConnectFailure', () => {
  const errno = (code: string, message = `connect ${code} 10.0.0.1:8182`) => Object.assign(new Error(message), { code });

  it.each([
    [errno('ECONNREFUSED'), 'ConnectionError', true, 'Cannot connect to the graph database: connection refused'],
    [errno('ECONNRESET'), 'ConnectionError', true, 'Cannot connect to the graph database: connection reset'],
    [errno('ETIMEDOUT'), 'ConnectionError', true, 'Cannot connect to the graph database: connection timed out'],
    [errno('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example'), 'ConnectionError', false, 'Cannot connect to the graph database: host name not found'],
    [errno('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'ConnectionError', false, 'Cannot connect to the graph database: its TLS certificate is not trusted'],
    [new Error('Unexpected server response: 403'), 'AccessDeniedException', false, expect.stringMatching(/refused the connection \(HTTP 403\)/)],
    [
      new Error('Unexpected server response code 403 with body:\n{"requestId":"r-9","code":"AccessDeniedException","detailedMessage":"Signature expired: 20240301T120000Z is now earlier than 20240301T120600Z"}'),
      'AccessDeniedException',
      false,
      'The graph database refused the connection (HTTP 403: Signature expired: 20240301T120000Z is now earlier than 20240301T120600Z); check the IAM credentials, region and neptune-db permissions of the gateway',
    ],
    [new Error('Unexpected server response: 503'), 'ConnectionError', true, expect.stringMatching(/HTTP 503/)],
    [new Error('Unexpected server response code 404 with body:\n{"code":"BadRequestException","detailedMessage":"The Gremlin endpoint is /gremlin"}'), 'ConnectionError', false, 'Cannot connect to the graph database: the server answered the WebSocket upgrade with HTTP 404 (The Gremlin endpoint is /gremlin)'],
    [new Error('Unexpected server response: 404'), 'ConnectionError', false, expect.stringMatching(/HTTP 404/)],
    // A Neptune code in the body decides, by the documented retry column; without one, 429 and 5xx are worth another try.
    [new Error('Unexpected server response code 429 with body:\n{"code":"TooManyRequestsException","detailedMessage":"Too many requests"}'), 'ConnectionError', true, expect.stringMatching(/HTTP 429 \(Too many requests\)/)],
    [new Error('Unexpected server response: 429'), 'ConnectionError', true, expect.stringMatching(/HTTP 429/)],
    [new Error('Unexpected server response code 500 with body:\n{"code":"BadRequestException","detailedMessage":"Request too large"}'), 'ConnectionError', false, expect.stringMatching(/HTTP 500/)],
  ])('%s', (err, code, retryable, message) => {
    const mapped = fromConnectFailure(err);
    expect(mapped).toMatchObject({ code, retryable, graphqlCode: 'BACKEND_UNAVAILABLE', outcomeUnknown: false });
    expect(mapped.message).toEqual(message);
    expect(mapped.message).not.toMatch(/10\.0\.0\.1|db\.example/);
  });
});

describe('fromLostConnection', () => {
  it('lets a read be retried and marks a write as of unknown outcome', () => {
    expect(fromLostConnection(new Error('Connection has been closed.'), false)).toMatchObject({ retryable: true, outcomeUnknown: false });
    expect(fromLostConnection(new Error('Connection has been closed.'), true)).toMatchObject({ retryable: false, outcomeUnknown: true });
  });
});
