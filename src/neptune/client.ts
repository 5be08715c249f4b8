import { randomUUID } from 'node:crypto';
import gremlin from 'gremlin';
import type { ConnectionConfig, EndpointConfig } from './config';
import { GremlinConnection, type ConnectionLogger } from './connection';
import { CredentialCache, defaultCredentialProvider, type CredentialProvider } from './credentials';
import { GremlinRequestError, fromResponseError, isResponseError } from './errors';
import { EndpointPool, type Lease } from './pool';
import { backoffDelay, waitUnlessAborted } from './retry';
import { signUpgradeRequest } from './sigv4';
import {
  clientClosedError,
  credentialsError,
  deadlineError,
  encodingError,
  fromConnectFailure,
  fromLostConnection,
} from './transport-errors';

export type Mode = 'read' | 'write';

export interface SubmitOptions {
  readonly mode: Mode;
  /**
   * A read that must see writes just made (read-your-writes): it goes to the writer, since a reader replica
   * may lag behind it. Retried as a read.
   */
  readonly fromWriter?: boolean;
  /** Overrides the configured `evaluationTimeout` for this request. */
  readonly timeoutMs?: number;
}

export interface GremlinClientDeps {
  /** Defaults to the AWS SDK's default provider chain; only used with IAM auth. */
  readonly credentials?: CredentialProvider;
  /** pino's Logger fits. */
  readonly logger?: ConnectionLogger;
}

const SILENT: ConnectionLogger = { debug: () => undefined, warn: () => undefined };
const PING_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The client waits a little longer than the server's own `evaluationTimeout`, so that the server's
 * timeout error (which names the cause) normally wins; the client deadline only catches a server or
 * network that stopped answering.
 */
export function clientDeadlineMs(evaluationTimeoutMs: number): number {
  return evaluationTimeoutMs + Math.max(500, Math.round(evaluationTimeoutMs / 10));
}

/**
 * The gateway's connection to Neptune or any TinkerPop Gremlin Server: bytecode in, deserialized results
 * out, with reads on the reader endpoint, writes on the writer, retries for transient errors, and errors
 * as `GremlinRequestError`.
 */
export class GremlinClient {
  private readonly closing = new AbortController();
  private closed?: Promise<void>;

  private constructor(
    private readonly config: ConnectionConfig,
    private readonly writer: EndpointPool,
    private readonly reader: EndpointPool | undefined,
    private readonly logger: ConnectionLogger,
    private readonly signer: UpgradeSigner,
  ) {}

  static create(config: ConnectionConfig, deps: GremlinClientDeps = {}): GremlinClient {
    const logger = deps.logger ?? SILENT;
    const signer = upgradeSigner(config, deps.credentials);
    const connectTimeoutMs = Math.min(config.timeoutMs, CONNECT_TIMEOUT_MS);
    const pool = (endpoint: EndpointConfig) =>
      new EndpointPool(
        endpoint,
        config.poolSize,
        (options) =>
          GremlinConnection.open({ ...options, config, logger, connectTimeoutMs, headers: () => signer.headers(endpoint) }),
        logger,
      );
    return new GremlinClient(config, pool(config.writer), config.reader && pool(config.reader), logger, signer);
  }

  /** Runs the bytecode and returns its results, each traverser repeated by its bulk. */
  async submit(bytecode: gremlin.process.Bytecode, options: SubmitOptions): Promise<unknown[]> {
    const pool = options.mode === 'write' || options.fromWriter ? this.writer : (this.reader ?? this.writer);
    // evaluationTimeout 0 means "no limit" to a Gremlin Server: never send it by accident.
    const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? this.config.timeoutMs));
    for (let retry = 0; ; retry += 1) {
      try {
        return await this.attempt(pool, bytecode, options.mode, timeoutMs);
      } catch (err) {
        const error = err as GremlinRequestError;
        // The writer endpoint's DNS name now points at the new primary; old sockets still reach the old one.
        if (error.code === 'ReadOnlyViolationException') this.writer.retireAll();
        // Perhaps the credentials were rotated or revoked: fetch them anew for the next connection.
        if (error.code === 'AccessDeniedException') this.signer.invalidate();
        if (!error.retryable || retry >= this.config.maxRetries || this.closing.signal.aborted) {
          error.attempts = retry + 1;
          throw error;
        }
        const delayMs = backoffDelay(retry, { baseMs: this.config.retryBaseMs, maxDelayMs: this.config.retryMaxDelayMs });
        this.logger.warn(
          { code: error.code, mode: options.mode, attempt: retry + 1, delayMs, endpoint: pool.endpoint.url },
          'gremlin request failed; retrying',
        );
        if (!(await waitUnlessAborted(delayMs, this.closing.signal))) throw clientClosedError();
      }
    }
  }

  /** A trivial request to every endpoint, without retries; rejects with the first failure. For `/ready`. */
  async ping(): Promise<void> {
    const probe = new gremlin.process.Bytecode().addStep('inject', [0]);
    const pools = this.reader ? [this.writer, this.reader] : [this.writer];
    const timeoutMs = Math.min(this.config.timeoutMs, PING_TIMEOUT_MS);
    await Promise.all(pools.map((pool) => this.attempt(pool, probe, 'read', timeoutMs)));
  }

  /** Closes every connection and cancels pending retries; safe to call more than once. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closing.abort();
      this.closed = Promise.all([this.writer.close(), this.reader?.close()]).then(() => undefined);
    }
    return this.closed;
  }

  private async attempt(
    pool: EndpointPool,
    bytecode: gremlin.process.Bytecode,
    mode: Mode,
    timeoutMs: number,
  ): Promise<unknown[]> {
    let lease: Lease;
    try {
      lease = await pool.acquire();
    } catch (err) {
      throw err instanceof GremlinRequestError ? err : fromConnectFailure(err);
    }
    const { connection } = lease;
    const deadlineMs = clientDeadlineMs(timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // No answer even after the server's own timeout: the socket may be half-open. Stop using it.
        connection.retire();
        reject(deadlineError(deadlineMs, mode === 'write'));
      }, deadlineMs);
    });
    try {
      const request = connection.submit(bytecode, { requestId: randomUUID(), evaluationTimeout: timeoutMs });
      return expandBulk(await Promise.race([request, deadline]));
    } catch (err) {
      if (err instanceof GremlinRequestError) throw err;
      if (isResponseError(err)) throw fromResponseError(err);
      if (!connection.alive) throw fromLostConnection(err, mode === 'write');
      throw encodingError(err);
    } finally {
      clearTimeout(timer);
      lease.release();
    }
  }
}

interface UpgradeSigner {
  /** Headers for one upgrade request: freshly signed ones with IAM auth, none without. */
  headers(endpoint: EndpointConfig): Promise<Record<string, string>>;
  invalidate(): void;
}

function upgradeSigner(config: ConnectionConfig, provider: CredentialProvider | undefined): UpgradeSigner {
  if (!config.iamAuth) return { headers: async () => ({}), invalidate: () => undefined };
  const region = config.region!;
  let chain: Promise<CredentialProvider> | undefined;
  const cache = new CredentialCache(provider ?? (async () => (await (chain ??= defaultCredentialProvider()))()));
  return {
    async headers(endpoint) {
      let credentials;
      try {
        credentials = await cache.get();
      } catch (err) {
        throw credentialsError(err);
      }
      return signUpgradeRequest(endpoint, region, credentials);
    },
    invalidate: () => cache.invalidate(),
  };
}

function expandBulk(items: readonly unknown[]): unknown[] {
  const results: unknown[] = [];
  for (const item of items) {
    if (item instanceof gremlin.process.Traverser) {
      const { object, bulk } = item as unknown as { object: unknown; bulk: number | bigint };
      for (let i = 0, n = Number(bulk); i < n; i += 1) results.push(object);
    } else {
      results.push(item);
    }
  }
  return results;
}
