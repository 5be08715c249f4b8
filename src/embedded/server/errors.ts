import { GraphError, type NeptuneErrorCode } from '../errors';
import { SerializationError } from '../io';

/**
 * How failures travel back. The response status is Gremlin Server's code (ResponseStatusCode: 498 malformed
 * request, 499 invalid request arguments, 500 server error, 597 evaluation error, 598 timeout, 599
 * serialization error); the status message is Neptune's JSON error body, `{"requestId", "code",
 * "detailedMessage"}`, which is what Neptune puts there and what our gateway parses.
 *
 * Graph errors map by Neptune's own classification (the HTTP status its error table gives each code): the
 * client-side ones (400: MalformedQuery, ConstraintViolation, InvalidParameter, UnsupportedOperation,
 * BadRequest, ReadOnlyViolation) are evaluation errors, 597; the server-side ones (500: ConcurrentModification,
 * InternalFailure, MemoryLimitExceeded) are 500, as Neptune answers ConcurrentModificationException over
 * WebSocket; TimeLimitExceeded is Gremlin Server's timeout, 598.
 */
class ProtocolError extends Error {
  constructor(
    readonly status: 498 | 499,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export const malformedRequest = (message: string) => new ProtocolError(498, message);
export const invalidArguments = (message: string) => new ProtocolError(499, message);

export interface Failure {
  readonly status: number;
  readonly code: NeptuneErrorCode;
  readonly detailedMessage: string;
}

const SERVER_SIDE = new Set<NeptuneErrorCode>([
  'ConcurrentModificationException',
  'InternalFailureException',
  'MemoryLimitExceededException',
  // Raised only by fault injection (FaultInjector), as Neptune's busy or failing server would answer.
  'CancelledByUserException',
  'FailureByQueryException',
  'QueryLimitExceededException',
  'ThrottlingException',
  'TooManyRequestsException',
]);

export function failureOf(err: unknown): Failure {
  if (err instanceof ProtocolError) {
    return { status: err.status, code: err.status === 498 ? 'BadRequestException' : 'InvalidParameterException', detailedMessage: err.message };
  }
  if (err instanceof GraphError) {
    const status = err.code === 'TimeLimitExceededException' ? 598 : SERVER_SIDE.has(err.code) ? 500 : 597;
    return { status, code: err.code, detailedMessage: err.message };
  }
  if (err instanceof SerializationError) {
    return { status: 599, code: 'InternalFailureException', detailedMessage: `Error during serialization: ${err.message}` };
  }
  return { status: 500, code: 'InternalFailureException', detailedMessage: err instanceof Error ? err.message : String(err) };
}

export function neptuneMessage(requestId: string | null, failure: Failure): string {
  return JSON.stringify({ requestId, code: failure.code, detailedMessage: failure.detailedMessage });
}

/** Neptune's words for a query that ran out of time. */
export const timeLimitExceeded = () => new GraphError('TimeLimitExceededException', 'A timeout occurred within the script during evaluation.');
