import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startCli } from '../support/cli';
import { fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

/** An in-memory exporter that says when spans arrive, so a test waits for a span rather than for time. */
class WatchedExporter extends InMemorySpanExporter {
  private readonly watchers = new Set<() => void>();

  override export(spans: ReadableSpan[], done: Parameters<InMemorySpanExporter['export']>[1]): void {
    super.export(spans, done);
    for (const watcher of this.watchers) watcher();
  }

  /** The finished spans, once `ready` says the ones awaited are among them. */
  spansWhen(ready: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
    return new Promise((resolve) => {
      const check = () => {
        const spans = this.getFinishedSpans();
        if (!ready(spans)) return;
        this.watchers.delete(check);
        resolve(spans);
      };
      this.watchers.add(check);
      check();
    });
  }
}

describe('OpenTelemetry spans', () => {
  const exporter = new WatchedExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let nereid: TestNereid;
  beforeAll(async () => {
    provider.register();
    nereid = await startNereid(fillSocial);
  }, 120_000);
  afterAll(async () => {
    await nereid.stop();
    await provider.shutdown();
    trace.disable();
  });

  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('make one tree per request: HTTP request > GraphQL operation > planning and each Gremlin request', async () => {
    exporter.reset();
    const res = await fetch(nereid.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'traced-1' },
      body: JSON.stringify({ query: `query Friends { vertex(id: "ada") { id out(labels: ["knows"]) { totalCount } } }` }),
    });
    const body = (await res.json()) as { data: { vertex: { out: { totalCount: number } } }; extensions: { gremlin: { requests: number } } };
    expect(body.data.vertex.out.totalCount).toBeGreaterThan(0);
    // The HTTP span ends when the response has finished, a moment after the client may have read it.
    const spans = await exporter.spansWhen((all) => all.some((s) => s.name === 'POST /graphql'));

    const http = spans.find((s) => s.name === 'POST /graphql')!;
    expect(parentOf(http)).toBeUndefined();
    expect(http.attributes).toMatchObject({ 'http.response.status_code': 200, 'nereid.request_id': 'traced-1' });
    const operation = spans.find((s) => s.name === 'query Friends')!;
    expect(parentOf(operation)).toBe(http.spanContext().spanId);
    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Friends' });
    const gremlin = spans.filter((s) => s.name === 'gremlin request');
    expect(gremlin).toHaveLength(body.extensions.gremlin.requests);
    for (const span of gremlin) {
      expect(parentOf(span)).toBe(operation.spanContext().spanId);
      expect(span.attributes).toMatchObject({ 'db.system.name': 'gremlin', 'nereid.gremlin.endpoint': 'writer', 'nereid.gremlin.mode': 'read', 'nereid.gremlin.attempts': 1 });
    }
    // The root field plans its whole selection, nested pages included, in one go.
    const planning = spans.find((s) => s.name === 'plan Query.vertex')!;
    expect(parentOf(planning)).toBe(operation.spanContext().spanId);
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([http.spanContext().traceId]));
  });

  it("continue the caller's trace (traceparent) and mark errors with their code", async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(nereid.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: `mutation { createEdge(input: { label: "knows", from: "ada", to: "nobody" }) { id } }` }),
    });
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    const spans = await exporter.spansWhen((all) => all.some((s) => s.name === 'POST /graphql'));
    const http = spans.find((s) => s.name === 'POST /graphql')!;
    expect(http.spanContext().traceId).toBe(traceId);
    expect(parentOf(http)).toBe('00f067aa0ba902b7');
    const operation = spans.find((s) => s.name === 'mutation')!;
    expect(operation.status.code).toBe(2);
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
    expect(spans.filter((s) => s.name === 'gremlin request').map((s) => s.attributes['nereid.gremlin.mode'])).toContain('write');
  });
});

describe('the OTLP exporter', () => {
  it('sends the spans of nereid serve to OTEL_EXPORTER_OTLP_ENDPOINT, flushed at the latest on shutdown', async () => {
    const received: { path: string; body: Buffer }[] = [];
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        arrived();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--empty'], /ready at (http:\/\/\S+)/, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'nereid-under-test',
    });
    try {
      const url = cli.match[1].replace('localhost', '127.0.0.1');
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query Probe { vertices { totalCount } }` }) });
      expect(res.status).toBe(200);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
    await first;
    collector.close();
    const all = Buffer.concat(received.map((r) => r.body)).toString('latin1');
    expect(received.every((r) => r.path === '/v1/traces')).toBe(true);
    expect(all).toContain('nereid-under-test');
    expect(all).toContain('query Probe');
    expect(all).toContain('gremlin request');
  }, 120_000);
});
