/**
 * Errors raised inside the embedded graph carry the exception code Neptune would report, so the server can
 * answer with Neptune's JSON error shape and clients (our gateway among them) can map codes without caring
 * which backend they talk to.
 */
export type NeptuneErrorCode =
  | 'BadRequestException'
  | 'ConstraintViolationException'
  | 'ConcurrentModificationException'
  | 'InvalidParameterException'
  | 'MalformedQueryException'
  | 'UnsupportedOperationException'
  | 'TimeLimitExceededException'
  | 'ReadOnlyViolationException'
  | 'MemoryLimitExceededException'
  | 'AccessDeniedException'
  | 'InternalFailureException'
  | 'CancelledByUserException'
  | 'FailureByQueryException'
  | 'QueryLimitExceededException'
  | 'ThrottlingException'
  | 'TooManyRequestsException';

export class GraphError extends Error {
  constructor(
    readonly code: NeptuneErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const constraintViolation = (message: string) => new GraphError('ConstraintViolationException', message);
export const invalidParameter = (message: string) => new GraphError('InvalidParameterException', message);
export const unsupported = (message: string) => new GraphError('UnsupportedOperationException', message);
export const malformedQuery = (message: string) => new GraphError('MalformedQueryException', message);
