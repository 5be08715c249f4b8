import type { ApolloServerPlugin } from '@apollo/server';
import { SpanKind, context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { failSpan, tracer } from '../tracing';
import type { RequestContext } from '../request/context';

/**
 * The HTTP request's span (a server span continuing the caller's trace when it sends `traceparent`), ended
 * when the response is finished or the connection closes. It is `res.locals.span`, made active for the rest
 * of the request by `inRequestScope` (body parsing can lose the active context).
 */
export const httpSpans: RequestHandler = (req, res, next) => {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(
    `${req.method} ${req.path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': req.path, 'nereid.request_id': res.locals.requestId as string },
    },
    parent,
  );
  // Nothing records it and there is no trace to continue (no tracer provider registered, no `traceparent`):
  // the request goes on without the span, its listeners or a context of its own.
  if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return next();
  res.locals.span = span;
  const end = () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) failSpan(span, String(res.statusCode));
    span.end();
  };
  res.once('finish', end);
  res.once('close', () => {
    if (!res.writableFinished) failSpan(span, 'connection closed');
    end();
  });
  context.with(trace.setSpan(parent, span), next);
};

/**
 * A span per GraphQL operation, a child of the HTTP request's; named `query Name` (or `mutation`, ...) once
 * the operation is known. Gremlin requests and planning made for it are its children (see context.ts).
 */
export function operationSpans(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = tracer.startSpan('GraphQL operation', { kind: SpanKind.INTERNAL });
      // As for the HTTP request's span: without anything to record or continue, no hooks at all.
      if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return;
      contextValue.operation.span = span;
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          span.updateName(operation.name ? `${operation.operation} ${operation.name.value}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operation.name) span.setAttribute('graphql.operation.name', operation.name.value);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length > 0) {
            const codes = [...new Set(errors.map((e) => String(e.extensions?.code)))];
            span.setAttribute('graphql.error.codes', codes);
            failSpan(span, codes[0], errors[0].message);
          }
          span.end();
        },
      };
    },
  };
}
