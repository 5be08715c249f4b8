import { GremlinRequestError, NEPTUNE_ERROR_RULES, parseNeptuneMessage, safeDetail } from './errors';

/**
 * Failures on the client side of the wire: connecting, losing the socket, deadlines, credentials.
 * Messages name the kind of failure, never the address (Node's own messages carry host and IP).
 */

const RETRYABLE_SOCKET_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EAI_AGAIN: 'temporary DNS failure',
};

/** Could not open the WebSocket: nothing was sent, so any request may be repeated. */
export function fromConnectFailure(err: unknown): GremlinRequestError {
  const message = err instanceof Error ? err.message : String(err);
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;

  // ws says "Unexpected server response: 403"; the driver, reading the body, "...response code 403 with body:\n{...}".
  const upgrade = /Unexpected server response(?: code)?:? (\d{3})(?: with body:\s*([\s\S]*))?/.exec(message);
  if (upgrade) {
    const status = Number(upgrade[1]);
    const body = parseNeptuneMessage(upgrade[2]?.trim());
    const detail = safeDetail(body?.detailedMessage);
    if (status === 401 || status === 403) {
      return new GremlinRequestError(
        `The graph database refused the connection (HTTP ${status}${detail ? `: ${detail}` : ''}); ` +
          'check the IAM credentials, region and neptune-db permissions of the gateway',
        {
          code: body?.code ?? 'AccessDeniedException',
          status,
          retryable: false,
          graphqlCode: 'BACKEND_UNAVAILABLE',
          requestId: body?.requestId,
        },
        err,
      );
    }
    const reason = `the server answered the WebSocket upgrade with HTTP ${status}${detail ? ` (${detail})` : ''}`;
    // Nothing was sent yet, so Neptune's code (TooManyRequestsException is a 429) decides as it would for a request.
    const byCode = body?.code === undefined ? undefined : NEPTUNE_ERROR_RULES[body.code];
    return connectionError(reason, byCode ? byCode.retry : status >= 500 || status === 429, err, status);
  }
  if (errno && RETRYABLE_SOCKET_ERRORS[errno]) return connectionError(RETRYABLE_SOCKET_ERRORS[errno], true, err);
  if (errno === 'ENOTFOUND') return connectionError('host name not found', false, err);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(errno ?? '') || /certificate/i.test(message)) {
    return connectionError('its TLS certificate is not trusted', false, err);
  }
  if (/handshake has timed out/i.test(message)) return connectionError('the WebSocket handshake timed out', true, err);
  return connectionError('the connection failed', true, err);
}

function connectionError(reason: string, retryable: boolean, cause: unknown, status?: number): GremlinRequestError {
  return new GremlinRequestError(
    `Cannot connect to the graph database: ${reason}`,
    { code: 'ConnectionError', status, retryable, graphqlCode: 'BACKEND_UNAVAILABLE' },
    cause,
  );
}

/**
 * The socket dropped after the request was handed to it. A read can simply be repeated; a write may
 * already have been applied, so it is not repeated and the caller is told so.
 */
export function fromLostConnection(err: unknown, isWrite: boolean): GremlinRequestError {
  return new GremlinRequestError(
    isWrite
      ? 'The connection to the graph database was lost while the change was in flight; it may or may not have been applied'
      : 'The connection to the graph database was lost during the request',
    { code: 'ConnectionError', retryable: !isWrite, graphqlCode: 'BACKEND_UNAVAILABLE', outcomeUnknown: isWrite },
    err,
  );
}

/** No answer by the client's deadline. Never repeated; for a write, the caller is told it may have been applied. */
export function deadlineError(ms: number, isWrite: boolean): GremlinRequestError {
  const unknown = isWrite ? '; the change may or may not have been applied' : '';
  return new GremlinRequestError(`The graph database did not answer within ${ms} ms${unknown}`, {
    code: 'TimeoutError',
    retryable: false,
    graphqlCode: 'BACKEND_TIMEOUT',
    outcomeUnknown: isWrite,
  });
}

export function credentialsError(err: unknown): GremlinRequestError {
  return new GremlinRequestError(
    'The gateway could not obtain AWS credentials to sign its connection to the graph database',
    { code: 'CredentialsError', retryable: false, graphqlCode: 'BACKEND_UNAVAILABLE' },
    err,
  );
}

/** The driver failed before sending, with the socket still up: the request itself could not be encoded. */
export function encodingError(err: unknown): GremlinRequestError {
  return new GremlinRequestError(
    'The gateway could not encode the request for the graph database',
    { code: 'RequestEncodingError', retryable: false, graphqlCode: 'INTERNAL_SERVER_ERROR' },
    err,
  );
}

export function clientClosedError(): GremlinRequestError {
  return new GremlinRequestError('The connection to the graph database is closed; the gateway is shutting down', {
    code: 'ClientClosed',
    retryable: false,
    graphqlCode: 'BACKEND_UNAVAILABLE',
  });
}
