import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Span } from '@opentelemetry/api';
import { logger } from '../logger';
import { explainTraversal, type RequestContext } from '../request/context';
import type { GatewayMetrics } from './metrics';
import { endHttpSpan, startHttpSpan } from './tracing';

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

/** One HTTP request while the gateway serves it. */
export interface Served {
  readonly requestId: string;
  /** Its span, when traced (see ./tracing.ts). */
  readonly span?: Span;
  /** The GraphQL request's context, once Apollo asked for it. */
  graphql?: RequestContext;
}

/**
 * Everything the gateway does for every HTTP request, in one place and with one timer: gives it its id (echoed
 * as a response header), counts it in flight, starts its span, and when the response is done (or the
 * connection closed) ends the span, times the GraphQL operation and logs one line: method, path, status, time
 * and, for GraphQL, the operation and its Gremlin cost. Probes and scrapes (/health, /ready, /metrics) log at
 * debug, so they do not drown the requests.
 */
export function serving(req: IncomingMessage, res: ServerResponse, path: string, metrics: GatewayMetrics): Served {
  const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const started = performance.now();
  metrics.requestStarted();
  const served: Served = { requestId, span: startHttpSpan(req, path, requestId) };
  // A response emits `close` once it is finished, and also when its connection is closed before that.
  res.once('close', () => {
    const ms = performance.now() - started;
    const context = served.graphql;
    metrics.requestDone(context?.operation, ms / 1000);
    if (served.span) endHttpSpan(served.span, res);
    if (!res.writableFinished) return;
    const line = {
      requestId,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Math.round(ms * 100) / 100,
      ...(context && { operation: context.operation.name, gremlin: { requests: context.stats.requests, ms: Math.round(context.stats.ms * 100) / 100 } }),
    };
    if (context) logger.info(line, 'request completed');
    else logger.debug(line, 'request completed');
  });
  return served;
}

/**
 * The gateway's one Apollo plugin for every request: notes the operation's name and type (for the log line and
 * the metrics), puts the request id in every error's extensions (so a client's bug report leads to the
 * server's log lines), counts the errors by code and, with `stats`, reports how many Gremlin requests the
 * GraphQL request cost, how long it waited on them and each one as Gremlin text (explain: paste it into
 * Neptune's explain or profile) as `extensions.gremlin`.
 */
export function requestPlugin(metrics: GatewayMetrics, stats: boolean): ApolloServerPlugin<RequestContext> {
  const listener: Awaited<ReturnType<NonNullable<ApolloServerPlugin<RequestContext>['requestDidStart']>>> = {
    async didResolveOperation({ contextValue, operation }) {
      contextValue.operation.name = operation?.name?.value ?? null;
      contextValue.operation.type = operation?.operation;
    },
    async willSendResponse({ contextValue, response }) {
      if (response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      if (result.errors) {
        for (const error of result.errors) (error as { extensions?: Record<string, unknown> }).extensions = { ...error.extensions, requestId: contextValue.requestId };
        metrics.errorsSent(result.errors);
      }
      if (!stats) return;
      const { requests, ms, traversals } = contextValue.stats;
      result.extensions = { ...result.extensions, gremlin: { requests, ms: Math.round(ms * 100) / 100, traversals: traversals.map(explainTraversal) } };
    },
  };
  return { requestDidStart: async () => listener };
}
