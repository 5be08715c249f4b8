import type { Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ClientInstruments, EndpointRole } from '../neptune/client';

/** Seconds, from 1 ms to 30 s (GREMLIN_TIMEOUT_MS's default). */
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Operation names come from clients: past this many distinct ones (or a very long one) a name is counted as
 * `other`, so a client cannot grow the registry without bound.
 */
const MAX_OPERATION_NAMES = 200;
const MAX_OPERATION_NAME_LENGTH = 100;

/** What the gateway's metrics read from the Gremlin client and the HTTP server when scraped. */
export interface MetricSources {
  load(): { endpoint: EndpointRole; connections: number; inFlight: number }[];
}

/**
 * The gateway's Prometheus metrics, in a registry of their own (not prom-client's global one), so that
 * several gateways in one process (tests, the embedded server beside the gateway) each count their own.
 * Served at `GET /metrics`.
 */
export class GatewayMetrics implements ClientInstruments {
  readonly registry: Registry;
  private readonly operationDuration: Histogram<'operation_name' | 'operation_type'>;
  private readonly errors: Counter<'code'>;
  private readonly gremlinRequests: Counter<'endpoint' | 'result'>;
  private readonly gremlinDuration: Histogram<'endpoint'>;
  private readonly gremlinRetries: Counter<'endpoint' | 'code'>;
  /** Read when scraped: a plain count costs each request less than a gauge's label lookup twice. */
  private httpInFlight = 0;
  private readonly operationNames = new Set<string>();
  private sources?: MetricSources;
  private httpServer?: Server;

  /** `registry`: one to share (the embedded server's metrics join it under `nereid serve`); a new one by default. */
  constructor(registry?: Registry) {
    this.registry = registry ?? createRegistry();
    const registers = [this.registry];
    this.operationDuration = new Histogram({
      name: 'nereid_graphql_operation_duration_seconds',
      help: 'GraphQL operations from the request to the response, by operation name and type (query, mutation); refused operations are not timed',
      labelNames: ['operation_name', 'operation_type'],
      buckets: SECONDS,
      registers,
    });
    this.errors = new Counter({ name: 'nereid_graphql_errors_total', help: 'GraphQL errors sent to clients, by extensions.code', labelNames: ['code'], registers });
    this.gremlinRequests = new Counter({
      name: 'nereid_gremlin_requests_total',
      help: 'Gremlin request attempts (each retry counts), by endpoint (writer, reader) and result (success, or the error code)',
      labelNames: ['endpoint', 'result'],
      registers,
    });
    this.gremlinDuration = new Histogram({
      name: 'nereid_gremlin_request_duration_seconds',
      help: 'Gremlin request attempts from sending to the last response, by endpoint',
      labelNames: ['endpoint'],
      buckets: SECONDS,
      registers,
    });
    this.gremlinRetries = new Counter({
      name: 'nereid_gremlin_retries_total',
      help: 'Gremlin requests retried after a retryable error, by endpoint and the error code',
      labelNames: ['endpoint', 'code'],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'nereid_gremlin_connections',
      help: 'Open WebSocket connections to each Gremlin endpoint',
      labelNames: ['endpoint'],
      registers,
      collect() {
        this.reset();
        for (const { endpoint, connections } of self.sources?.load() ?? []) this.set({ endpoint }, connections);
      },
    });
    new Gauge({
      name: 'nereid_gremlin_requests_in_flight',
      help: 'Gremlin requests sent and not yet answered, by endpoint',
      labelNames: ['endpoint'],
      registers,
      collect() {
        this.reset();
        for (const { endpoint, inFlight } of self.sources?.load() ?? []) this.set({ endpoint }, inFlight);
      },
    });
    new Gauge({
      name: 'nereid_http_requests_in_flight',
      help: 'HTTP requests the gateway is answering',
      registers,
      collect() {
        this.set(self.httpInFlight);
      },
    });
    new Gauge({
      name: 'nereid_http_connections',
      help: 'Open client connections to the gateway',
      registers,
      async collect() {
        const server = self.httpServer;
        if (!server) return;
        this.set(await new Promise<number>((resolve) => server.getConnections((err, count) => resolve(err ? 0 : count))));
      },
    });
  }

  /** Where the gauges read their values when scraped. */
  observe(sources: MetricSources, httpServer: Server): void {
    this.sources = sources;
    this.httpServer = httpServer;
  }

  attempted(endpoint: EndpointRole, seconds: number, result: string): void {
    this.gremlinRequests.inc({ endpoint, result });
    this.gremlinDuration.observe({ endpoint }, seconds);
  }

  retrying(endpoint: EndpointRole, code: string): void {
    this.gremlinRetries.inc({ endpoint, code });
  }

  /** An HTTP request in flight from now until `requestDone`. */
  requestStarted(): void {
    this.httpInFlight += 1;
  }

  /**
   * Its response is finished or its connection closed; a GraphQL operation that was resolved (refused ones
   * are not timed) is timed from the request's arrival.
   */
  requestDone(operation: { name?: string | null; type?: string } | undefined, seconds: number): void {
    this.httpInFlight -= 1;
    if (operation?.type) this.operationDuration.observe({ operation_name: this.operationLabel(operation.name), operation_type: operation.type }, seconds);
  }

  /** Counts the errors a response carries (formatted, so each has its code). */
  errorsSent(errors: readonly { extensions?: Record<string, unknown> }[]): void {
    for (const error of errors) this.errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
  }

  private operationLabel(name: string | undefined | null): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (name.length > MAX_OPERATION_NAME_LENGTH || this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}

/** A registry with Node's process metrics (resident memory, CPU, event-loop lag, heap, GC) besides nereid's. */
export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
