import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { version } from '../tracing';

/**
 * Registers a tracer provider exporting spans over OTLP/HTTP when the standard variables configure an
 * endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; the exporter reads them
 * and `OTEL_EXPORTER_OTLP_HEADERS` itself), unless `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`.
 * The service is `OTEL_SERVICE_NAME` (default `nereid`), with `OTEL_RESOURCE_ATTRIBUTES` added. Returns the
 * provider's shutdown (which flushes the spans still batched), or undefined when tracing stays off.
 */
export function startTracing(env: NodeJS.ProcessEnv): (() => Promise<void>) | undefined {
  const configured = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (!configured || env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const resource = resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'nereid', 'service.version': version }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  // Also installs the AsyncLocalStorage context manager and the W3C trace-context propagator, so an incoming
  // `traceparent` header continues the caller's trace.
  provider.register();
  return () => provider.shutdown();
}
