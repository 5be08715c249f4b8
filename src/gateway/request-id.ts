import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { context, trace, type Span } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { logger, requestScope } from '../logger';
import type { RequestContext } from '../request/context';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The caller's `x-request-id` when it is a plausible id (a load balancer's or a client's: 1 to 128 printable
 * ASCII characters, no spaces), else a new UUID: a header is copied into logs and responses, so anything
 * that could forge a log line or bloat it is replaced rather than trusted.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[\x21-\x7e]{1,128}$/.test(value) ? value : randomUUID();
}

/**
 * Gives each HTTP request its id (`res.locals.requestId`), echoes it as a response header, and logs one line
 * when the response is done: method, path, status, time and, for GraphQL, the operation and its Gremlin cost.
 * Probes and scrapes (/health, /ready, /metrics) log at debug, so they do not drown the requests.
 */
export const requestIds: RequestHandler = (req, res, next) => {
  const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
  res.locals.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const started = performance.now();
  // Captured now: routers mounted on a path rewrite req.url while the request passes through them.
  const { method, path } = req;
  res.once('finish', () => {
    const context = res.locals.graphql as RequestContext | undefined;
    const line = {
      requestId,
      method,
      path,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 100) / 100,
      ...(context && { operation: context.operation.name, gremlin: { requests: context.stats.requests, ms: Math.round(context.stats.ms * 100) / 100 } }),
    };
    if (context) logger.info(line, 'request completed');
    else logger.debug(line, 'request completed');
  });
  next();
};

/**
 * Runs the rest of the request in its scope, so every line logged while serving it carries its id, and with its
 * HTTP span active (see ./tracing.ts).
 */
export const inRequestScope: RequestHandler = (_req, res, next) => {
  const span = res.locals.span as Span | undefined;
  const scoped = () => requestScope.run({ requestId: res.locals.requestId as string }, next);
  if (span) context.with(trace.setSpan(context.active(), span), scoped);
  else scoped();
};

/** Puts the request id in every error's extensions, so a client's bug report leads to the server's log lines. */
export function requestIdPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          contextValue.operation.name = operation?.name?.value ?? null;
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { extensions?: Record<string, unknown> }).extensions = { ...error.extensions, requestId: contextValue.requestId };
          }
        },
      };
    },
  };
}
