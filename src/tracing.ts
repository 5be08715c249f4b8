import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

export const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

/**
 * nereid's spans go through the OpenTelemetry API only: without a registered tracer provider they cost
 * nothing and go nowhere. `startTracing` (src/cli/tracing.ts) registers one when an exporter is configured;
 * a test, or an application embedding `serve()`, can register its own.
 */
export const tracer = trace.getTracer('nereid', version);

/** Ends `span` with an error status naming `code` (a GraphQL or Gremlin error code). */
export function failSpan(span: Span, code: string, message?: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: message ?? code });
  span.setAttribute('error.type', code);
}
