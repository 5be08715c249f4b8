import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, type JWTPayload } from 'jose';
import { afterRequest } from '../support/nereid';

export const SECRET = 'a-test-secret-of-at-least-32-characters!';

/** An HS256 token for SECRET, valid for an hour unless the claims say otherwise. */
export function token(claims: JWTPayload & { sub?: string } = {}, secret = SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ exp: now + 3600, iat: now, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

export interface Posted {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, any> }[]; extensions?: { gremlin?: { requests: number } } };
}

/** POSTs a GraphQL request (or any JSON body) with an optional bearer token. */
export async function post(url: string, body: object, bearer?: string, headers: Record<string, string> = {}): Promise<Posted> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }), ...headers },
    body: JSON.stringify(body),
  });
  const posted = { status: res.status, headers: res.headers, body: (await res.json()) as Posted['body'] };
  await afterRequest(url, body);
  return posted;
}

/** A JWKS endpoint on loopback whose key set a test can change, counting the fetches. */
export async function startJwksServer(): Promise<{ url: string; keys: object[]; fetches: () => number; close(): Promise<void> }> {
  const state = { keys: [] as object[], fetches: 0 };
  const server: Server = createServer((_req, res) => {
    state.fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    get keys() {
      return state.keys;
    },
    set keys(keys: object[]) {
      state.keys = keys;
    },
    fetches: () => state.fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
