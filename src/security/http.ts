import type { IncomingHttpHeaders } from 'node:http';
import { ANONYMOUS, InvalidTokenError, type Authenticate, type Principal } from './authenticate';

/** A request refused before Apollo sees it: answered with `status`, `headers` and one error coded `code`. */
export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/**
 * Authenticates each GraphQL request before Apollo sees it: a token that does not verify, or a missing one
 * where tokens are required, is refused with HTTP 401 and RFC 6750's `WWW-Authenticate` header (an
 * HttpRefusal), and the request never reaches parsing or planning. Resolves to the caller.
 */
export function authentication(authenticate: Authenticate | undefined, required: boolean): (headers: IncomingHttpHeaders) => Promise<Principal> {
  return async (headers) => {
    if (!authenticate) return ANONYMOUS;
    const header = headers.authorization;
    if (header === undefined || header.trim() === '') {
      if (required) throw refusal(undefined, 'A token is required: send "Authorization: Bearer <jwt>"');
      return ANONYMOUS;
    }
    const match = /^Bearer +([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(header);
    if (!match) throw refusal('invalid_request', 'The Authorization header must be "Bearer <jwt>"');
    try {
      return await authenticate(match[1]);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw refusal('invalid_token', `Invalid token: ${err.message}`, err.message);
      throw err;
    }
  };
}

function refusal(error: 'invalid_token' | 'invalid_request' | undefined, message: string, description = message): HttpRefusal {
  // RFC 6750 3.1: a request with no credentials gets the challenge without an error code.
  const params = [`realm="nereid"`, ...(error ? [`error="${error}"`, `error_description="${description.replace(/["\\]/g, '')}"`] : [])];
  return new HttpRefusal(401, 'UNAUTHENTICATED', message, { 'www-authenticate': `Bearer ${params.join(', ')}` });
}
