import { GraphQLError } from 'graphql';

/**
 * The error codes clients see in `extensions.code`. Apollo's own codes (GRAPHQL_VALIDATION_FAILED,
 * BAD_USER_INPUT for variable coercion, ...) keep their meaning; these add the graph-specific ones.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BACKEND_UNAVAILABLE'
  | 'BACKEND_TIMEOUT'
  /** The graph's data does not fit a typed schema: a missing non-null property, several values for one. */
  | 'SCHEMA_MISMATCH'
  /** More elements than the gateway returns for one query or one field: ask for smaller pages. */
  | 'QUERY_TOO_LARGE'
  /** No valid token, and the rules allow an anonymous caller less than this. */
  | 'UNAUTHENTICATED'
  /** The rules do not allow the caller this; nothing was read or written. */
  | 'FORBIDDEN'
  | 'INTERNAL_SERVER_ERROR';

export function gatewayError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** A user's mistake in an argument; `argument` is the path of the offending argument, e.g. `where.and[1].gt`. */
export function badInput(message: string, argument?: string): GraphQLError {
  return gatewayError('BAD_USER_INPUT', message, argument ? { argument } : {});
}

export function notFound(message: string): GraphQLError {
  return gatewayError('NOT_FOUND', message);
}
