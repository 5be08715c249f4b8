import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SpanKind, type Span } from '@opentelemetry/api';
import gremlin from 'gremlin';
import { TX_COMMIT, TX_ROLLBACK } from '../gremlin/source';
import { failSpan, tracer } from '../tracing';
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

/**
 * The requests of one transaction, all in one session on the writer. `commit` ends it; a transaction that is
 * not committed is rolled back when its session closes.
 */
export interface TransactionSubmitter {
  submit(bytecode: gremlin.process.Bytecode): Promise<unknown[]>;
  commit(): Promise<void>;
  /** Ends the transaction without its writes; the session closing would too, but this says so at once. */
  rollback(): Promise<void>;
}

/** Which endpoint served a request: reads go to the reader when there is one, everything else to the writer. */
export type EndpointRole = 'writer' | 'reader';

/** What the client reports for metrics; the gateway's Prometheus metrics implement it. */
export interface ClientInstruments {
  /** One attempt ended: `result` is `success` or the error's code. */
  attempted(endpoint: EndpointRole, seconds: number, result: string): void;
  /** An attempt failed with a retryable error and will be retried. */
  retrying(endpoint: EndpointRole, code: string): void;
}

export interface GremlinClientDeps {
  readonly instruments?: ClientInstruments;
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
  /** The connections of transactions under way, closed (so rolled back) with the client. */
  private readonly sessions = new Set<GremlinConnection>();

  private constructor(
    private readonly config: ConnectionConfig,
    private readonly writer: EndpointPool,
    private readonly reader: EndpointPool | undefined,
    private readonly logger: ConnectionLogger,
    private readonly signer: UpgradeSigner,
    private readonly instruments: ClientInstruments | undefined,
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
    return new GremlinClient(config, pool(config.writer), config.reader && pool(config.reader), logger, signer, deps.instruments);
  }

  /** Runs the bytecode and returns its results, each traverser repeated by its bulk. */
  submit(bytecode: gremlin.process.Bytecode, options: SubmitOptions): Promise<unknown[]> {
    // Started before anything is awaited, so its parent is the caller's active span.
    return tracer.startActiveSpan('gremlin request', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'gremlin', 'nereid.gremlin.mode': options.mode } }, async (span) => {
      try {
        return await this.submitWithRetries(bytecode, options, span);
      } catch (err) {
        const error = err as GremlinRequestError;
        span.setAttribute('nereid.gremlin.attempts', error.attempts);
        failSpan(span, error.code ?? 'unknown', error.message);
        throw err;
      } finally {
        span.end();
      }
    });
  }

  private async submitWithRetries(bytecode: gremlin.process.Bytecode, options: SubmitOptions, span: Span): Promise<unknown[]> {
    const pool = options.mode === 'write' || options.fromWriter ? this.writer : (this.reader ?? this.writer);
    // evaluationTimeout 0 means "no limit" to a Gremlin Server: never send it by accident.
    const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? this.config.timeoutMs));
    const role: EndpointRole = pool === this.writer ? 'writer' : 'reader';
    span.setAttribute('nereid.gremlin.endpoint', role);
    for (let retry = 0; ; retry += 1) {
      const started = performance.now();
      try {
        const results = await this.attempt(pool, bytecode, options.mode, timeoutMs);
        this.instruments?.attempted(role, (performance.now() - started) / 1000, 'success');
        span.setAttributes({ 'nereid.gremlin.attempts': retry + 1, 'nereid.gremlin.results': results.length });
        return results;
      } catch (err) {
        const error = err as GremlinRequestError;
        this.instruments?.attempted(role, (performance.now() - started) / 1000, error.code);
        this.learnFrom(error);
        if (!error.retryable || retry >= this.config.maxRetries || this.closing.signal.aborted) {
          error.attempts = retry + 1;
          throw error;
        }
        this.instruments?.retrying(role, error.code);
        span.addEvent('retry', { 'error.type': error.code, attempt: retry + 1 });
        const delayMs = backoffDelay(retry, { baseMs: this.config.retryBaseMs, maxDelayMs: this.config.retryMaxDelayMs });
        this.logger.warn(
          { code: error.code, mode: options.mode, attempt: retry + 1, delayMs, endpoint: pool.endpoint.url },
          'gremlin request failed; retrying',
        );
        if (!(await waitUnlessAborted(delayMs, this.closing.signal))) throw clientClosedError();
      }
    }
  }

  /**
   * Runs `work` as one transaction, as the driver's `g.tx()` does: a connection of its own to the writer
   * (signed like every connection) bound to a new session, whose requests `work` sends through `tx` and ends
   * with `tx.commit()`. Whatever `work` leaves uncommitted, by throwing or not, is rolled back when the
   * session closes, which happens before this settles.
   *
   * Requests inside are never retried one by one: after a failure the server has rolled back the earlier
   * ones, so a repeated request would commit the tail of a transaction without its head. The whole
   * transaction is retried instead, from the start in a new session, when a request (commit included) failed
   * with a retryable error such as Neptune's ConcurrentModificationException, or the connection was lost
   * before the commit was sent (the session's uncommitted work is lost with it); never when a commit's
   * outcome is unknown. `work` must therefore be safe to run again.
   */
  transaction<T>(work: (tx: TransactionSubmitter) => Promise<T>): Promise<T> {
    const attributes = { 'db.system.name': 'gremlin', 'nereid.gremlin.mode': 'write', 'nereid.gremlin.endpoint': 'writer' };
    return tracer.startActiveSpan('gremlin transaction', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        for (let retry = 0; ; retry += 1) {
          span.setAttribute('nereid.gremlin.attempts', retry + 1);
          const outcome = await this.transactionAttempt(work);
          if (outcome.ok) return outcome.value;
          const { error, failure, beforeCommit } = outcome;
          // A lost connection before the commit was sent lost the session and its uncommitted work with it.
          const again = failure !== undefined && (failure.outcomeUnknown ? beforeCommit : failure.retryable);
          if (!again || retry >= this.config.maxRetries || this.closing.signal.aborted) throw error;
          this.instruments?.retrying('writer', failure.code);
          span.addEvent('retry', { 'error.type': failure.code, attempt: retry + 1 });
          const delayMs = backoffDelay(retry, { baseMs: this.config.retryBaseMs, maxDelayMs: this.config.retryMaxDelayMs });
          this.logger.warn({ code: failure.code, attempt: retry + 1, delayMs, endpoint: this.writer.endpoint.url }, 'gremlin transaction failed; retrying it whole');
          if (!(await waitUnlessAborted(delayMs, this.closing.signal))) throw clientClosedError();
        }
      } catch (err) {
        failSpan(span, (err as GremlinRequestError).code ?? 'unknown', (err as Error).message);
        throw err;
      } finally {
        span.end();
      }
    });
  }

  /** One try of a transaction: `failure` is the Gremlin error that made `work` fail, if one did. */
  private async transactionAttempt<T>(
    work: (tx: TransactionSubmitter) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown; failure?: GremlinRequestError; beforeCommit: boolean }> {
    let connection: GremlinConnection | undefined;
    let failure: GremlinRequestError | undefined;
    let committing = false;
    let committed = false;
    const timeoutMs = Math.max(1, Math.round(this.config.timeoutMs));
    const send = async (bytecode: gremlin.process.Bytecode): Promise<unknown[]> => {
      if (committed) throw new Error('This transaction is already committed');
      // The driver would reopen a dropped socket for it, outside the session: the session is gone.
      if (!connection!.alive) throw fromLostConnection(new Error('the session connection closed'), true);
      const started = performance.now();
      try {
        const results = await this.request(connection!, bytecode, 'write', timeoutMs);
        this.instruments?.attempted('writer', (performance.now() - started) / 1000, 'success');
        return results;
      } catch (err) {
        const error = err as GremlinRequestError;
        this.instruments?.attempted('writer', (performance.now() - started) / 1000, error.code);
        this.learnFrom(error);
        // The first failure decides about a retry; a rollback failing after it changes nothing.
        failure ??= error;
        throw err;
      }
    };
    try {
      try {
        connection = await this.openSession();
      } catch (err) {
        if (err instanceof GremlinRequestError) this.learnFrom(err);
        throw err;
      }
      this.sessions.add(connection);
      const value = await work({
        submit: send,
        commit: async () => {
          committing = true;
          await send(TX_COMMIT);
          committed = true;
        },
        rollback: async () => {
          await send(TX_ROLLBACK);
        },
      });
      if (!committed) throw new Error('A transaction ended without a commit');
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: err, failure: failure ?? (err instanceof GremlinRequestError ? err : undefined), beforeCommit: !committing };
    } finally {
      if (connection) {
        this.sessions.delete(connection);
        await connection.close();
      }
    }
  }

  /** What a failure says about the connections to come, whatever request it was. */
  private learnFrom(error: GremlinRequestError): void {
    // The writer endpoint's DNS name now points at the new primary; old sockets still reach the old one.
    if (error.code === 'ReadOnlyViolationException') this.writer.retireAll();
    // Perhaps the credentials were rotated or revoked: fetch them anew for the next connection.
    if (error.code === 'AccessDeniedException') this.signer.invalidate();
  }

  private async openSession(): Promise<GremlinConnection> {
    if (this.closing.signal.aborted) throw clientClosedError();
    const endpoint = this.config.writer;
    return GremlinConnection.open({
      endpoint,
      config: this.config,
      logger: this.logger,
      connectTimeoutMs: Math.min(this.config.timeoutMs, CONNECT_TIMEOUT_MS),
      headers: () => this.signer.headers(endpoint),
      onDrop: () => undefined,
      session: randomUUID(),
    });
  }

  /** A trivial request to every endpoint, without retries; rejects with the first failure. For `/ready`. */
  async ping(): Promise<void> {
    const probe = new gremlin.process.Bytecode().addStep('inject', [0]);
    const pools = this.reader ? [this.writer, this.reader] : [this.writer];
    const timeoutMs = Math.min(this.config.timeoutMs, PING_TIMEOUT_MS);
    await Promise.all(pools.map((pool) => this.attempt(pool, probe, 'read', timeoutMs)));
  }

  /** Open connections and requests in flight per endpoint, for metrics. */
  load(): { endpoint: EndpointRole; connections: number; inFlight: number }[] {
    const writer = { endpoint: 'writer' as const, ...this.writer.load };
    return this.reader ? [writer, { endpoint: 'reader' as const, ...this.reader.load }] : [writer];
  }

  /** Closes every connection and cancels pending retries; safe to call more than once. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closing.abort();
      const sessions = [...this.sessions].map((connection) => connection.close());
      this.closed = Promise.all([this.writer.close(), this.reader?.close(), ...sessions]).then(() => undefined);
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
    try {
      return await this.request(lease.connection, bytecode, mode, timeoutMs);
    } finally {
      lease.release();
    }
  }

  /** One request on one connection, bounded by the client deadline; rejects with a GremlinRequestError. */
  private async request(connection: GremlinConnection, bytecode: gremlin.process.Bytecode, mode: Mode, timeoutMs: number): Promise<unknown[]> {
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
