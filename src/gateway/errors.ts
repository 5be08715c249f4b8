import { unwrapResolverError } from '@apollo/server/errors';
import type { ServerResponse } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { gatewayError } from '../errors';
import { logger } from '../logger';
import type { GraphqlErrorCode } from '../neptune/errors';
import { HttpRefusal } from '../security/http';
import { sendJson } from './http';

/** The codes of backend failures whose message is safe and useful to show; the rest are internal errors. */
const SHOWN_CODES = new Set<GraphqlErrorCode>(['BAD_USER_INPUT', 'CONFLICT', 'BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT']);

/**
 * A failed Gremlin request as clients see it. The connection layer classifies backend errors with a
 * `graphqlCode` and a message safe to show; anything unclassified is an internal error whose details stay in
 * the log.
 */
export function toGraphQLError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError) return err;
  const code = (err as { graphqlCode?: GraphqlErrorCode }).graphqlCode;
  if (code && SHOWN_CODES.has(code)) {
    const backendCode = (err as { code?: unknown }).code;
    // The client sees the message; operators need to see an unreachable or struggling backend too.
    if (code === 'BACKEND_UNAVAILABLE' || code === 'BACKEND_TIMEOUT') logger.warn({ err, code: backendCode }, 'Gremlin request failed');
    return gatewayError(code, (err as Error).message, typeof backendCode === 'string' ? { backendCode } : {});
  }
  logger.error({ err }, 'unclassified Gremlin failure');
  return gatewayError('INTERNAL_SERVER_ERROR', 'The graph backend failed unexpectedly');
}

/**
 * Errors we raised on purpose (coded GraphQLErrors) and Apollo's own request errors pass through; anything
 * else is a bug, logged in full and reported to the client without its message or stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  const deliberate = original instanceof GraphQLError && typeof original.extensions?.code === 'string';
  if (deliberate || (code !== undefined && code !== 'INTERNAL_SERVER_ERROR')) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // Apollo refuses some requests with an uncoded GraphQLError and a 4xx status (a persisted query's hash that
  // does not match its text, an unknown persisted-query version): the client's mistake, with a message written for it.
  if (original instanceof GraphQLError && isClientStatus(original.extensions?.http)) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_REQUEST' } };
  }
  logger.error({ err: original }, 'unexpected error while executing a GraphQL request');
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function isClientStatus(http: unknown): boolean {
  const status = (http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * A request that fails before Apollo sees it gets a GraphQL error body: refused (a bad or missing token, a
 * document not in the trusted list) with the refusal's status and code, or unreadable (a body that is not
 * JSON, or larger than the limit) with the body parser's status as BAD_REQUEST; `expose` is how body-parser
 * marks a message as safe to show. Anything else is a bug: logged, and a 500 without its message or stack.
 */
export function answerRequestError(res: ServerResponse, err: unknown, requestId: string): void {
  if (res.headersSent) {
    logger.error({ err, requestId }, 'unexpected error after the response started');
    res.destroy();
    return;
  }
  if (err instanceof HttpRefusal) {
    for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
    sendJson(res, err.status, { errors: [{ message: err.message, extensions: { code: err.code, requestId } }] });
    return;
  }
  const { status, expose, message } = (err ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
    sendJson(res, status, { errors: [{ message: String(message), extensions: { code: 'BAD_REQUEST', requestId } }] });
    return;
  }
  logger.error({ err, requestId }, 'unexpected error while serving an HTTP request');
  sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
}
