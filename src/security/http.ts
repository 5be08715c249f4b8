import type { RequestHandler, Response } from 'express';
import { ANONYMOUS, InvalidTokenError, type Authenticate, type Principal } from './authenticate';

/**
 * Authenticates each GraphQL request before Apollo sees it: a token that does not verify, or a missing one
 * where tokens are required, is refused with HTTP 401 and RFC 6750's `WWW-Authenticate` header, and the
 * request never reaches parsing or planning. The principal is left in `res.locals` for the request context.
 */
export function authentication(authenticate: Authenticate | undefined, required: boolean): RequestHandler {
  return (req, res, next) => {
    // The landing page (a GET without a query) shows nothing of the graph; its queries carry their own token.
    if (req.method === 'GET' && req.query.query === undefined) return next();
    const header = req.headers.authorization;
    if (!authenticate) {
      res.locals.principal = ANONYMOUS;
      return next();
    }
    if (header === undefined || header.trim() === '') {
      if (required) return refuse(res, undefined, 'A token is required: send "Authorization: Bearer <jwt>"');
      res.locals.principal = ANONYMOUS;
      return next();
    }
    const match = /^Bearer +([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(header);
    if (!match) return refuse(res, 'invalid_request', 'The Authorization header must be "Bearer <jwt>"');
    authenticate(match[1]).then(
      (principal) => {
        res.locals.principal = principal;
        next();
      },
      (err: unknown) => {
        if (err instanceof InvalidTokenError) return refuse(res, 'invalid_token', `Invalid token: ${err.message}`, err.message);
        next(err);
      },
    );
  };
}

export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}

function refuse(res: Response, error: 'invalid_token' | 'invalid_request' | undefined, message: string, description = message): void {
  // RFC 6750 3.1: a request with no credentials gets the challenge without an error code.
  const params = [`realm="nereid"`, ...(error ? [`error="${error}"`, `error_description="${description.replace(/["\\]/g, '')}"`] : [])];
  res.status(401).set('WWW-Authenticate', `Bearer ${params.join(', ')}`).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}
