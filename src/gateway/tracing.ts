import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, context, isSpanContextValid, propagation, type Span } from '@opentelemetry/api';
import { failSpan, tracer } from '../tracing';
import type { RequestContext } from '../request/context';

/**
 * The HTTP request's span: a server span continuing the caller's trace when it sends `traceparent`, or
 * undefined when nothing records it and there is no trace to continue (no tracer provider registered, no
 * `traceparent`), so the request goes on without a span or a context of its own. The gateway makes it active
 * for the GraphQL request and ends it with `endHttpSpan`.
 */
export function startHttpSpan(req: IncomingMessage, path: string, requestId: string): Span | undefined {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(
    `${req.method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': path, 'nereid.request_id': requestId } },
    parent,
  );
  return span.isRecording() || isSpanContextValid(span.spanContext()) ? span : undefined;
}

/** Ends the HTTP request's span once its response is finished, or its connection closed before that. */
export function endHttpSpan(span: Span, res: ServerResponse): void {
  span.setAttribute('http.response.status_code', res.statusCode);
  if (!res.writableFinished) failSpan(span, 'connection closed');
  else if (res.statusCode >= 500) failSpan(span, String(res.statusCode));
  span.end();
}

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
