import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';

/**
 * The little the gateway needs of HTTP beside Apollo Server, on node:http itself: Express was dropped for
 * its cost per request (see the README's "The HTTP layer").
 */

/** A request's path and query string (`?` included, or empty), from its URL as sent. */
export function splitUrl(url: string | undefined): { path: string; search: string } {
  const target = url ?? '/';
  const question = target.indexOf('?');
  return question < 0 ? { path: target, search: '' } : { path: target.slice(0, question), search: target.slice(question) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.end(body);
}

export function redirect(res: ServerResponse, status: 301 | 302, location: string): void {
  res.statusCode = status;
  res.setHeader('location', location);
  res.end();
}

/** Whether a GET comes from a browser opening the URL (it prefers HTML over JSON, as Apollo tells one). */
export function prefersHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && new Negotiator(req).mediaType(['application/json', 'text/html']) === 'text/html';
}

export function acceptsGzip(req: IncomingMessage): boolean {
  return new Negotiator(req).encodings(['gzip'])[0] === 'gzip';
}

/** No such path (or not served in this configuration): a coded error, as for every other refusal. */
export function notFound(res: ServerResponse): void {
  sendJson(res, 404, { errors: [{ message: 'Not found: nereid serves GraphQL at /graphql', extensions: { code: 'NOT_FOUND' } }] });
}
