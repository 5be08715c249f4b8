import type { EndpointConfig } from './config';
import { GremlinConnection, type ConnectionLogger, type OpenOptions } from './connection';
import { clientClosedError } from './transport-errors';

/** A connection reserved for one request; call `release` once the request settled. */
export interface Lease {
  readonly connection: GremlinConnection;
  release(): void;
}

interface Opening {
  readonly promise: Promise<GremlinConnection>;
  /** Requests waiting for this connection, counted as its load until it opens. */
  waiters: number;
}

/**
 * Up to `size` connections to one endpoint. The driver multiplexes requests on a socket by request id,
 * so a connection is shared: a request goes to an idle connection, else opens a new one while the pool
 * has room, else joins the least busy. Connections open lazily and are replaced when they drop.
 */
export class EndpointPool {
  private readonly live: GremlinConnection[] = [];
  private readonly opening = new Set<Opening>();
  /** Every connection not yet closed, retired ones included, so that `close()` reaches them all. */
  private readonly all = new Set<GremlinConnection>();
  private closed = false;

  constructor(
    readonly endpoint: EndpointConfig,
    private readonly size: number,
    private readonly open: (options: Pick<OpenOptions, 'endpoint' | 'onDrop'>) => Promise<GremlinConnection>,
    private readonly logger: ConnectionLogger,
  ) {}

  /** A connection for one request. Rejects with a GremlinRequestError when none can be opened. */
  async acquire(): Promise<Lease> {
    if (this.closed) throw clientClosedError();
    // A retired connection stays in `live` until its socket closes, but no longer counts against the pool size.
    const usable = this.live.filter((c) => c.usable);
    const best = leastBusy(usable);
    if (best && best.inFlight === 0) return lease(best);
    if (usable.length + this.opening.size < this.size) return lease(await this.openNew());

    let waitFor: Opening | undefined;
    for (const entry of this.opening) if (!waitFor || entry.waiters < waitFor.waiters) waitFor = entry;
    if (best && (!waitFor || best.inFlight <= waitFor.waiters)) return lease(best);
    waitFor!.waiters += 1;
    return lease(await waitFor!.promise);
  }

  /** Open connections (retired ones still closing included) and the requests on them, for metrics. */
  get load(): { connections: number; inFlight: number } {
    let inFlight = 0;
    for (const connection of this.all) inFlight += connection.inFlight;
    return { connections: this.all.size, inFlight };
  }

  /** Stop using the current connections (e.g. they reach an instance that is no longer the writer). */
  retireAll(): void {
    for (const connection of this.live.splice(0)) connection.retire();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.opening].map((entry) => entry.promise));
    this.live.length = 0;
    await Promise.all([...this.all].map((connection) => connection.close()));
    this.all.clear();
  }

  private openNew(): Promise<GremlinConnection> {
    const entry: Opening = {
      waiters: 1,
      promise: this.open({ endpoint: this.endpoint, onDrop: (c) => this.drop(c) }).then(async (connection) => {
        this.opening.delete(entry);
        this.all.add(connection);
        if (this.closed) {
          await connection.close();
          throw clientClosedError();
        }
        if (connection.alive) this.live.push(connection);
        return connection;
      }, (err: unknown) => {
        this.opening.delete(entry);
        throw err;
      }),
    };
    this.opening.add(entry);
    return entry.promise;
  }

  private drop(connection: GremlinConnection): void {
    const index = this.live.indexOf(connection);
    if (index >= 0) this.live.splice(index, 1);
    this.all.delete(connection);
    if (!this.closed) this.logger.warn({ endpoint: this.endpoint.url }, 'gremlin connection dropped; the next request reconnects');
  }
}

function lease(connection: GremlinConnection): Lease {
  connection.reserve();
  let released = false;
  return {
    connection,
    release() {
      if (released) return;
      released = true;
      connection.release();
    },
  };
}

function leastBusy(connections: readonly GremlinConnection[]): GremlinConnection | undefined {
  let best: GremlinConnection | undefined;
  for (const c of connections) if (!best || c.inFlight < best.inFlight) best = c;
  return best;
}
