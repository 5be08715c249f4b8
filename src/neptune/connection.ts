import gremlin from 'gremlin';
import type { ConnectionConfig, EndpointConfig, Serializer } from './config';
import { graphBinaryWriter } from './graphbinary-writer';
import { guardedResponseReader } from './response-reader';
import { fromConnectFailure } from './transport-errors';
import { createUpgradeAgent, type UpgradeAgent } from './upgrade-agent';

export const MIME_TYPES: Readonly<Record<Serializer, string>> = {
  graphbinary: 'application/vnd.graphbinary-v1.0',
  graphson: 'application/vnd.gremlin-v3.0+json',
};

const CLOSE_GRACE_MS = 1_000;

/** Per-request arguments the driver puts in the request message. */
export interface RequestArgs {
  readonly requestId: string;
  readonly evaluationTimeout: number;
}

export interface ConnectionLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OpenOptions {
  readonly endpoint: EndpointConfig;
  readonly config: Pick<ConnectionConfig, 'serializer' | 'tls'>;
  /** Give up on a connect or upgrade that stays silent this long. */
  readonly connectTimeoutMs: number;
  /** Headers for the upgrade request, freshly signed when IAM auth is on. Throws a GremlinRequestError. */
  readonly headers: () => Promise<Record<string, string>>;
  readonly logger: ConnectionLogger;
  /** Called once when the socket closes or fails after having opened. */
  readonly onDrop: (connection: GremlinConnection) => void;
  /**
   * Binds every request on this connection to one server session (the driver's `session` option, as
   * `g.tx()` uses it): its writes stay in one transaction until a commit or rollback, and closing the
   * connection closes the session, which rolls back whatever was not committed.
   */
  readonly session?: string;
}

/**
 * One WebSocket to one endpoint, wrapping a driver Client that is never reopened: once its socket is
 * gone a new connection (with a new signature) takes its place, so a stale signature is never replayed.
 */
export class GremlinConnection {
  inFlight = 0;
  /** False once the socket closed or failed. */
  alive = true;
  private retired = false;
  private closing?: Promise<void>;

  private constructor(
    private readonly client: gremlin.driver.Client,
    private readonly upgrade: UpgradeAgent,
    readonly endpoint: EndpointConfig,
    private readonly session: string | undefined,
  ) {}

  /** Signs (when IAM auth is on), connects, and resolves once the upgrade succeeded. Rejects with a GremlinRequestError. */
  static async open(options: OpenOptions): Promise<GremlinConnection> {
    const headers = await options.headers();
    const upgrade = createUpgradeAgent(options.endpoint.secure, options.connectTimeoutMs);
    let connection: GremlinConnection | undefined;
    const client = new gremlin.driver.Client(options.endpoint.url, {
      traversalSource: 'g',
      session: options.session,
      mimeType: MIME_TYPES[options.config.serializer],
      reader: guardedResponseReader(options.config.serializer, (err) => {
        options.logger.warn({ endpoint: options.endpoint.url, err: String(err) }, 'unreadable gremlin response; retiring the connection');
        connection?.retire();
      }),
      writer: options.config.serializer === 'graphbinary' ? graphBinaryWriter : undefined,
      headers,
      ca: options.config.tls.ca === undefined ? undefined : [options.config.tls.ca],
      rejectUnauthorized: options.config.tls.rejectUnauthorized,
      agent: upgrade.agent,
    });
    connection = new GremlinConnection(client, upgrade, options.endpoint, options.session);
    let opened = false;
    const dropped = (reason: unknown) => {
      if (!connection.alive) return;
      connection.alive = false;
      // A failed open is reported by open() itself, not as a drop.
      if (!opened) return;
      options.logger.debug({ endpoint: options.endpoint.url, reason: String(reason) }, 'gremlin connection closed');
      options.onDrop(connection);
    };
    client.addListener('close', (code: number) => dropped(`close ${code}`));
    client.addListener('socketError', (err: unknown) => dropped(err));
    try {
      await client.open();
    } catch (err) {
      connection.alive = false;
      throw fromConnectFailure(err);
    }
    opened = true;
    options.logger.debug({ endpoint: options.endpoint.url }, 'gremlin connection opened');
    return connection;
  }

  /** Counts a request against this connection until `release`; the pool reserves before handing it out. */
  reserve(): void {
    this.inFlight += 1;
  }

  release(): void {
    this.inFlight -= 1;
    if (this.retired && this.inFlight === 0) void this.close();
  }

  async submit(bytecode: gremlin.process.Bytecode, args: RequestArgs): Promise<unknown[]> {
    const resultSet: gremlin.driver.ResultSet = await this.client.submit(
      bytecode,
      undefined,
      args as unknown as gremlin.driver.RequestOptions,
    );
    return resultSet.toArray();
  }

  /** Take no new requests; close once those in flight have settled. */
  retire(): void {
    this.retired = true;
    if (this.inFlight === 0) void this.close();
  }

  get usable(): boolean {
    return this.alive && !this.retired && this.closing === undefined;
  }

  /**
   * Closes the socket; requests still in flight fail with a lost connection. A peer that does not answer
   * the close handshake would hold it for `ws`'s 30 s close timeout, so after a short grace it is destroyed.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // The driver would reopen a dropped socket (with the old signature) just to send a session's close op.
      if (this.session !== undefined && !this.alive) return this.upgrade.destroySockets();
      // A refused session close op leaves the socket open: that too ends in destroying it.
      const closed = this.client.close().then(() => true, () => false);
      let timer: NodeJS.Timeout | undefined;
      const graceful = await Promise.race([
        closed,
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS))),
      ]);
      clearTimeout(timer);
      if (!graceful) {
        this.upgrade.destroySockets();
        await closed;
      }
    })();
    return this.closing;
  }
}
