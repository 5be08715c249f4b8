import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { Cancelled } from './execute';
import { failureOf } from './errors';

/** Seconds, from 0.5 ms (an indexed lookup) to 30 s (a traversal near its timeout). */
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The embedded server's Prometheus metrics, registered in the registry it is given: its own (served at
 * `GET /metrics` on its HTTP port) or the gateway's, when `nereid serve` runs both in one process.
 */
export class EmbeddedMetrics {
  private readonly requests: Counter<'kind' | 'result'>;
  private readonly duration: Histogram<'kind'>;
  private readonly inFlight: Gauge;
  private readonly lockWait: Histogram;
  private readonly traversers: Counter;

  constructor(readonly registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'nereid_embedded_requests_total',
      help: 'Requests the embedded Gremlin Server answered, by kind (traversal, commit, rollback, close) and result (success, cancelled, or the Neptune error code)',
      labelNames: ['kind', 'result'],
      registers,
    });
    this.duration = new Histogram({
      name: 'nereid_embedded_request_duration_seconds',
      help: 'Time from a request arriving to its last response frame, lock waits included',
      labelNames: ['kind'],
      buckets: SECONDS,
      registers,
    });
    this.inFlight = new Gauge({ name: 'nereid_embedded_requests_in_flight', help: 'Requests the embedded Gremlin Server is working on', registers });
    this.lockWait = new Histogram({
      name: 'nereid_embedded_lock_wait_seconds',
      help: "Time a writing traversal waited for its graph's writer lock (reads take a snapshot and never wait)",
      buckets: SECONDS,
      registers,
    });
    this.traversers = new Counter({
      name: 'nereid_embedded_traversers_total',
      help: 'Results (traversers, or values for eval) the embedded server sent back',
      registers,
    });
  }

  /** Counts and times one request; rethrows its failure, labelled by Neptune's code for it. */
  async request<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const stop = this.duration.startTimer({ kind });
    this.inFlight.inc();
    try {
      const result = await work();
      this.requests.inc({ kind, result: 'success' });
      return result;
    } catch (err) {
      this.requests.inc({ kind, result: err instanceof Cancelled ? 'cancelled' : failureOf(err).code });
      throw err;
    } finally {
      this.inFlight.dec();
      stop();
    }
  }

  lockWaited(seconds: number): void {
    this.lockWait.observe(seconds);
  }

  sent(results: number): void {
    this.traversers.inc(results);
  }
}
