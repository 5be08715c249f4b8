import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import send from 'send';
import { acceptsGzip, notFound, redirect, sendText } from './http';

/**
 * The explorer at /explorer: GraphiQL and a graph view, bundled at build time (explorer/build.ts) and served from
 * here, so it works with no network beyond nereid (inside a VPC beside Neptune). The playground setting chooses
 * what a browser opening /graphql gets.
 */

export const PLAYGROUNDS = ['explorer', 'sandbox', 'off'] as const;
export type Playground = (typeof PLAYGROUNDS)[number];

/** Apollo's own landing page at /graphql: Sandbox only when chosen; the explorer is served by `explorerRoutes`. */
export function landingPagePlugin<T extends BaseContext>(playground: Playground): ApolloServerPlugin<T> {
  return playground === 'sandbox' ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled();
}

/** Where `npm run build` puts the bundle, from src/gateway (tsx) and from dist/gateway (the build) alike. */
export const EXPLORER_ASSETS = join(__dirname, '..', '..', 'dist', 'explorer-app');

// The page loads nothing but its own files: the policy states it, and a browser enforces it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  // Monaco and React set inline styles; GraphiQL's fonts and icons are data: URLs inside its stylesheet.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nereid explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="explorer/explorer.css">
</head>
<body>
<div id="root"></div>
<script src="explorer/explorer.js"></script>
</body>
</html>
`;

/** The bundle's files built with a gzipped copy beside them (explorer/build.ts). */
const GZIPPED = /^\/(?:explorer\.(?:js|css)|workers\/(?:editor|json|graphql)\.js)$/;

/**
 * Serves `/` (a redirect), `/explorer` and the bundle's files under it, as `playground` says: a handler that
 * answers GET and HEAD on those paths and returns false for any other request; none when it is `off`.
 */
export function explorerRoutes(playground: Playground, assets = EXPLORER_ASSETS): ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | undefined {
  if (playground === 'off') return undefined;
  return (req, res, path) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/') {
      redirect(res, 302, 'explorer');
    } else if (path === '/explorer/') {
      // Relative URLs in the page resolve against /explorer; from /explorer/ they would miss.
      redirect(res, 301, '../explorer');
    } else if (path === '/explorer') {
      if (!existsSync(join(assets, 'explorer.js'))) {
        sendText(res, 503, 'text/plain; charset=utf-8', 'The explorer is not built: run `npm run build` (npm start does), then reload.\n');
        return true;
      }
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('cache-control', 'no-cache');
      sendText(res, 200, 'text/html; charset=utf-8', PAGE);
    } else if (path.startsWith('/explorer/')) {
      sendFile(req, res, path.slice('/explorer'.length), assets);
    } else {
      return false;
    }
    return true;
  };
}

/** One of the bundle's files (`file` from the URL, still encoded), gzipped when the browser takes it. */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string, assets: string): void {
  let path = file;
  const headers: Record<string, string> = { 'cache-control': 'no-cache' };
  if (GZIPPED.test(file)) {
    res.setHeader('vary', 'accept-encoding');
    if (acceptsGzip(req) && existsSync(join(assets, `${file}.gz`))) {
      path = `${file}.gz`;
      Object.assign(headers, { 'content-encoding': 'gzip', 'content-type': file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' });
    }
  }
  // send answers conditional requests (ETag, Last-Modified) and HEAD, and refuses paths leaving `assets` and dotfiles.
  send(req, path, { root: assets, index: false })
    .on('headers', (response: ServerResponse) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    })
    .on('error', (err: { status?: number }) => {
      if (err.status === 404) return notFound(res);
      res.statusCode = err.status ?? 500;
      res.end();
    })
    .pipe(res);
}
