import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express, { type Express } from 'express';

/**
 * The explorer at /explorer: GraphiQL and a graph view, bundled at build time (explorer/build.ts) and served from
 * here, so it works with no network beyond nereid (inside a VPC beside Neptune). The playground setting chooses
 * what a browser opening /graphql gets.
 */

export const PLAYGROUNDS = ['explorer', 'sandbox', 'off'] as const;
export type Playground = (typeof PLAYGROUNDS)[number];

/** Apollo's own landing page at /graphql: Sandbox only when chosen; the explorer is served by `serveExplorer`. */
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

/** Adds `/`, `/explorer` and `/graphql`'s browser redirect to `app`, as `playground` says; before the API's routes. */
export function serveExplorer(app: Express, playground: Playground, assets = EXPLORER_ASSETS): void {
  if (playground === 'off') return;
  app.get('/', (_req, res) => res.redirect(302, 'explorer'));
  app.get('/explorer', (req, res) => {
    // Relative URLs in the page resolve against /explorer; from /explorer/ they would miss.
    if (req.originalUrl.split('?')[0].endsWith('/')) return res.redirect(301, '../explorer');
    if (!existsSync(join(assets, 'explorer.js'))) {
      res.status(503).type('text/plain').send('The explorer is not built: run `npm run build` (npm start does), then reload.\n');
      return;
    }
    res.set('content-security-policy', CONTENT_SECURITY_POLICY).set('cache-control', 'no-cache').type('html').send(PAGE);
  });
  app.get(/^\/explorer\/(explorer\.(?:js|css)|workers\/(?:editor|json|graphql)\.js)$/, (req, res, next) => {
    // The bundle's files are built with a gzipped copy beside them (explorer/build.ts).
    const file = (req.params as Record<string, string>)[0];
    res.vary('accept-encoding');
    if (!req.acceptsEncodings('gzip') || !existsSync(join(assets, `${file}.gz`))) return next();
    res.set({ 'content-encoding': 'gzip', 'cache-control': 'no-cache' }).type(file.endsWith('.css') ? 'css' : 'js');
    res.sendFile(`${file}.gz`, { root: assets });
  });
  app.use('/explorer', express.static(assets, { index: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  if (playground === 'explorer') {
    app.get('/graphql', (req, res, next) => {
      // A browser opening the endpoint (as Apollo tells one from a client: it prefers HTML) and asking nothing.
      if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') return res.redirect(302, 'explorer');
      next();
    });
  }
}

