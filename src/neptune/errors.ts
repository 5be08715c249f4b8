import type { ErrorCode } from '../errors';

/**
 * Every failure of a Gremlin request becomes a `GremlinRequestError`. Its `message` is written to be shown
 * to a frontend developer: no stack, no endpoint address, no credential; the original error is kept as
 * `cause` for logs only.
 */

/** The gateway error codes a Gremlin failure can map to. */
export type GraphqlErrorCode = Extract<
  ErrorCode,
  'BACKEND_UNAVAILABLE' | 'BACKEND_TIMEOUT' | 'CONFLICT' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR'
>;

export interface GremlinRequestErrorInit {
  /** Neptune's error code (e.g. `ConstraintViolationException`), or `ConnectionError`, `TimeoutError`, `CredentialsError`... */
  readonly code: string;
  /** The status the backend reported (Gremlin response status or HTTP upgrade status); undefined when it said nothing. */
  readonly status?: number;
  /** Repeating the same request may succeed and is safe. */
  readonly retryable: boolean;
  readonly graphqlCode: GraphqlErrorCode;
  /** Neptune's request id, for support cases. */
  readonly requestId?: string;
  /** A write was sent and the connection was lost before the answer: it may or may not have been applied. */
  readonly outcomeUnknown?: boolean;
}

export class GremlinRequestError extends Error implements GremlinRequestErrorInit {
  override readonly name = 'GremlinRequestError';
  readonly code: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly graphqlCode: GraphqlErrorCode;
  readonly requestId?: string;
  readonly outcomeUnknown: boolean;
  /** Attempts made, retries included; set by the client once it gives up. */
  attempts = 1;

  constructor(message: string, init: GremlinRequestErrorInit, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = init.code;
    this.status = init.status;
    this.retryable = init.retryable;
    this.graphqlCode = init.graphqlCode;
    this.requestId = init.requestId;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}

interface CodeRule {
  readonly retry: boolean;
  readonly graphql: GraphqlErrorCode;
  readonly summary: string;
}

const rule = (retry: boolean, graphql: GraphqlErrorCode, summary: string): CodeRule => ({ retry, graphql, summary });

/**
 * Neptune's engine error codes. `retry` follows the "OK to retry?" column of Neptune's "Graph Engine Error
 * Messages and Codes" page (docs.aws.amazon.com/neptune/latest/userguide/errors-engine-codes.html); the
 * busy-server codes also say "can be retried when the server is less busy" in the Neptune data API and
 * Streams exception references, and "Recommendations for using Gremlin write-requests in Lambda" asks to
 * retry ConcurrentModificationException with backoff and ReadOnlyViolationException after reconnecting to
 * the cluster endpoint. Two deliberate exceptions: TimeLimitExceededException is not retried, since the same
 * query would run into the same limit and only load the database further; nor is ConstraintViolationException,
 * which for the gateway's writes means an id is taken — the same request would be refused again, after
 * hundreds of milliseconds of backoff, before the client hears CONFLICT (which it may retry itself).
 *
 * Every code here answers a request that Neptune refused or rolled back as a whole (each request is its
 * own transaction), so repeating a write after one of them cannot apply it twice.
 */
export const NEPTUNE_ERROR_RULES: Readonly<Record<string, CodeRule>> = {
  AccessDeniedException: rule(false, 'BACKEND_UNAVAILABLE', 'The graph database refused the credentials of the gateway'),
  BadRequestException: rule(false, 'BAD_USER_INPUT', 'The graph database could not process the request'),
  CancelledByUserException: rule(true, 'INTERNAL_SERVER_ERROR', 'The query was cancelled on the graph database'),
  ConcurrentModificationException: rule(true, 'CONFLICT', 'A concurrent change to the same data conflicted with this request'),
  ConstraintViolationException: rule(false, 'CONFLICT', 'The change conflicts with the data in the graph'),
  FailureByQueryException: rule(true, 'INTERNAL_SERVER_ERROR', 'The query failed on the graph database'),
  InternalFailureException: rule(true, 'INTERNAL_SERVER_ERROR', 'The graph database failed to process the request'),
  InvalidNumericDataException: rule(false, 'BAD_USER_INPUT', 'A number is outside the range the graph database can store'),
  InvalidParameterException: rule(false, 'BAD_USER_INPUT', 'A value is invalid or out of range'),
  MalformedQueryException: rule(false, 'BAD_USER_INPUT', 'The graph database could not parse the query'),
  MemoryLimitExceededException: rule(true, 'BACKEND_UNAVAILABLE', 'The graph database ran out of memory for this query'),
  MissingParameterException: rule(false, 'BAD_USER_INPUT', 'A required value is missing'),
  QueryLimitExceededException: rule(true, 'BACKEND_UNAVAILABLE', 'The graph database is too busy'),
  QueryLimitException: rule(false, 'BAD_USER_INPUT', 'The query is longer than the graph database accepts'),
  QueryTooLargeException: rule(false, 'BAD_USER_INPUT', 'The query is larger than the graph database accepts'),
  ReadOnlyViolationException: rule(true, 'BACKEND_UNAVAILABLE', 'The graph database instance is read-only; a failover may be in progress'),
  ThrottlingException: rule(true, 'BACKEND_UNAVAILABLE', 'The graph database is throttling requests'),
  TimeLimitExceededException: rule(false, 'BACKEND_TIMEOUT', 'The query took longer than the time allowed'),
  TooManyRequestsException: rule(true, 'BACKEND_UNAVAILABLE', 'The graph database is too busy'),
  UnsupportedOperationException: rule(false, 'BAD_USER_INPUT', 'The graph database does not support this operation'),
};

/** TinkerPop response statuses, for servers that send no Neptune code. */
const TINKERPOP_STATUS_RULES: Readonly<Record<number, CodeRule & { code: string }>> = {
  401: { code: 'AccessDeniedException', ...NEPTUNE_ERROR_RULES.AccessDeniedException! },
  403: { code: 'AccessDeniedException', ...NEPTUNE_ERROR_RULES.AccessDeniedException! },
  407: { code: 'AccessDeniedException', ...NEPTUNE_ERROR_RULES.AccessDeniedException! },
  497: { code: 'RequestSerializationError', ...rule(false, 'INTERNAL_SERVER_ERROR', 'The graph database could not read the request') },
  498: { code: 'MalformedRequestError', ...rule(false, 'BAD_USER_INPUT', 'The graph database rejected the request as malformed') },
  499: { code: 'InvalidRequestArgumentsError', ...rule(false, 'BAD_USER_INPUT', 'The graph database rejected an argument of the request') },
  // A fail() step in the query: the query's own refusal, as Neptune's (and the embedded server's) BadRequestException.
  595: { code: 'FailStepError', ...rule(false, 'BAD_USER_INPUT', 'The query failed on the graph database') },
  596: { code: 'ServerTemporaryError', ...rule(true, 'BACKEND_UNAVAILABLE', 'The graph database is temporarily unavailable') },
  597: { code: 'EvaluationError', ...rule(false, 'INTERNAL_SERVER_ERROR', 'The graph database failed to evaluate the query') },
  598: { code: 'TimeLimitExceededException', ...NEPTUNE_ERROR_RULES.TimeLimitExceededException! },
  599: { code: 'ResponseSerializationError', ...rule(false, 'INTERNAL_SERVER_ERROR', 'The result could not be transferred') },
};

/**
 * Refusals that Gremlin servers without Neptune codes word in TinkerPop's (or JanusGraph's) own way, as the
 * Neptune code of the same refusal:
 * - an element id is taken (Graph.Exceptions.vertexWithIdAlreadyExists and edgeWithIdAlreadyExists; JanusGraph
 *   1.1 says "with given id"): Neptune's ConstraintViolationException, CONFLICT;
 * - an id the client gave that the server cannot take (Graph.Exceptions.userSuppliedIdsNotSupported, from
 *   JanusGraph for every edge id; JanusGraph's reserved characters in string vertex ids): a value the user
 *   chose, refused as a whole, so BAD_USER_INPUT rather than a failure of the backend.
 */
const TINKERPOP_REFUSALS: readonly { readonly pattern: RegExp; readonly code: string }[] = [
  { pattern: /^(?:Vertex|Edge) with (?:given )?id already exists: /, code: 'ConstraintViolationException' },
  { pattern: /^(?:Vertex|Edge|VertexProperty) does not support user supplied identifiers$|^Custom string id contains reserved string /, code: 'InvalidParameterException' },
];

/**
 * The Java exception a TinkerPop server names (status attribute `exceptions`, outermost first) for a refusal of
 * the request itself, as the Neptune code of the same refusal. Each was seen from Gremlin Server 3.7.3 with
 * TinkerGraph, with status 500 unless said:
 * - IllegalArgumentException: `call()` of an unknown service, `cap()` of an unknown side-effect, `asDate()` of
 *   a string that is no date;
 * - IllegalStateException: `property(T.id, ...)` on an existing element, a cardinality on an edge property,
 *   `addE()` without a from/to vertex, a `math()` variable that is no number, `io()` of a file that does not
 *   exist, and bytecode with arguments no step takes (`range(5, 2)`, status 599);
 * - VerificationException: what a strategy refuses, such as `connectedComponent()` or `pageRank()` without a
 *   GraphComputer;
 * - ClassCastException: a step given the wrong kind of element or value (`bothV()` on a vertex, `sum()` of
 *   strings); ArithmeticException: `math()` dividing by zero;
 * - UnsupportedOperationException: TinkerPop's Graph.Exceptions for a feature the graph does not have;
 * - TransactionException: TinkerTransactionGraph refusing a commit ("Conflict: element modified in another
 *   transaction") whose elements another transaction changed and committed since it read them. The refused
 *   transaction is rolled back whole, so it is Neptune's ConcurrentModificationException: CONFLICT, and run again.
 * Anything else (an exception TinkerPop raises for its own failures) keeps the status rule.
 */
const TINKERPOP_EXCEPTIONS: Readonly<Record<string, string>> = {
  'java.lang.ArithmeticException': 'BadRequestException',
  'java.lang.ClassCastException': 'BadRequestException',
  'java.lang.IllegalArgumentException': 'BadRequestException',
  'java.lang.IllegalStateException': 'BadRequestException',
  'java.lang.UnsupportedOperationException': 'UnsupportedOperationException',
  'org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.VerificationException': 'BadRequestException',
  'org.apache.tinkerpop.gremlin.structure.util.TransactionException': 'ConcurrentModificationException',
};

function tinkerPopRefusal(err: DriverResponseError): NeptuneMessage | undefined {
  const message = err.statusMessage;
  const code = TINKERPOP_REFUSALS.find(({ pattern }) => pattern.test(message ?? ''))?.code ?? TINKERPOP_EXCEPTIONS[outermostException(err) ?? ''];
  return code === undefined ? undefined : { code, detailedMessage: message };
}

/** The `exceptions` status attribute's first class (a Map over GraphBinary and GraphSON 3; `{}` when the server sent none). */
function outermostException(err: DriverResponseError): string | undefined {
  const exceptions: unknown = err.statusAttributes instanceof Map ? err.statusAttributes.get('exceptions') : undefined;
  return Array.isArray(exceptions) && typeof exceptions[0] === 'string' ? exceptions[0] : undefined;
}

const UNKNOWN_SERVER_ERROR = rule(false, 'INTERNAL_SERVER_ERROR', 'The graph database failed to process the request');

/** The shape of the driver's ResponseError (not exported by its type definitions). */
interface DriverResponseError extends Error {
  statusCode: number;
  statusMessage?: string;
  /** Gremlin Server's `exceptions` (Java class names, outermost first) and `stackTrace`; Neptune sends none. */
  statusAttributes?: Map<string, unknown> | object;
}

export function isResponseError(err: unknown): err is DriverResponseError {
  return err instanceof Error && typeof (err as Partial<DriverResponseError>).statusCode === 'number';
}

/** An error status the server answered with: the request was refused or rolled back as a whole. */
export function fromResponseError(err: DriverResponseError): GremlinRequestError {
  const neptune = parseNeptuneMessage(err.statusMessage) ?? tinkerPopRefusal(err);
  const byCode = neptune?.code === undefined ? undefined : NEPTUNE_ERROR_RULES[neptune.code];
  const byStatus = TINKERPOP_STATUS_RULES[err.statusCode];
  const chosen = byCode ?? byStatus ?? UNKNOWN_SERVER_ERROR;
  const code = neptune?.code ?? byStatus?.code ?? 'ServerError';
  const detail = safeDetail(neptune ? neptune.detailedMessage : err.statusMessage);
  return new GremlinRequestError(
    detail ? `${chosen.summary}: ${detail}` : chosen.summary,
    { code, status: err.statusCode, retryable: chosen.retry, graphqlCode: chosen.graphql, requestId: neptune?.requestId },
    err,
  );
}

interface NeptuneMessage {
  code?: string;
  detailedMessage?: string;
  requestId?: string;
}

/** Neptune puts `{"requestId", "code", "detailedMessage"}` JSON in the status message. */
export function parseNeptuneMessage(message: string | undefined): NeptuneMessage | undefined {
  if (!message || !message.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { code, detailedMessage, requestId } = parsed as Record<string, unknown>;
    return {
      code: typeof code === 'string' ? code : undefined,
      detailedMessage: typeof detailedMessage === 'string' ? detailedMessage : undefined,
      requestId: typeof requestId === 'string' ? requestId : undefined,
    };
  } catch {
    return undefined;
  }
}

const MAX_DETAIL_LENGTH = 300;

/**
 * The first line of a server message, shortened, with anything that could locate or authenticate the
 * backend replaced: URLs, AWS host names, IP addresses with ports, access key ids, signatures.
 */
export function safeDetail(message: string | undefined): string {
  if (!message) return '';
  let line = message.split(/\r?\n/, 1)[0]!.trim();
  line = line
    .replace(/\b(?:wss?|https?):\/\/\S+/gi, '<url>')
    .replace(/\b[\w.-]+\.amazonaws\.com(?:\.cn)?(?::\d+)?/gi, '<host>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<address>')
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '<key>')
    .replace(/Signature=[0-9a-f]+/gi, 'Signature=<redacted>');
  return line.length > MAX_DETAIL_LENGTH ? `${line.slice(0, MAX_DETAIL_LENGTH)}…` : line;
}
