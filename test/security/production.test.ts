import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runCli, startCli } from '../support/cli';
import { fillSocial } from '../support/social';
import { startNereid } from '../support/nereid';
import { post } from './support';

// The CLI cases start nereid from its TypeScript sources: several seconds each, more on a busy machine.
jest.setTimeout(120_000);

describe('production defaults', () => {
  it('refuses to start in production without an endpoint, with one line saying what to set', async () => {
    const { code, output } = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], { NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(output.trim().split('\n')).toEqual([
      'nereid: NODE_ENV=production and no Gremlin endpoint is configured: set NEPTUNE_ENDPOINT (or GREMLIN_ENDPOINT), or pass --embedded (NEREID_EMBEDDED=true) to serve the embedded graph',
    ]);
  });

  it('names a bad security setting in one line', async () => {
    const { code, output } = await runCli(['serve', '--port', '0', '--auth-jwt-secret', 'short']);
    expect(code).not.toBe(0);
    expect(output.trim()).toBe('nereid: --auth-jwt-secret: an HS256 secret needs at least 32 characters (got 5)');
  });

  it('serves the embedded graph in production with --embedded: no introspection, no landing page, no CORS origin, CSRF prevention on', async () => {
    const cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--embedded', '--empty'], /ready at (http:\S+)/, { NODE_ENV: 'production' });
    try {
      const url = cli.match[1];
      const introspection = await post(url, { query: '{ __schema { queryType { name } } }' });
      expect(introspection.status).toBe(400);
      expect(introspection.body.errors![0].message).toBe(
        'Introspection is turned off (as in production by default); set NEREID_INTROSPECTION=true or pass --introspection to allow "__schema"',
      );
      expect(JSON.stringify(introspection.body)).not.toMatch(/ApolloServer|introspection: true/);
      expect((await post(url, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });

      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/sandbox|embeddable/i);

      const cors = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(cors.headers.get('access-control-allow-origin')).toBeNull();

      const csrf = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
      expect(csrf.status).toBe(400);
      expect(await fetch(url.replace('/graphql', '/ready')).then((r) => r.status)).toBe(200);
    } finally {
      const code = await cli.stop();
      expect({ code, output: cli.output() }).toEqual({ code: 0, output: cli.output() });
    }
  });
});

describe('introspection, landing page and body size as settings', () => {
  it('turns introspection on in production when asked, and limits the body size', async () => {
    const nereid = await startNereid(fillSocial, { production: true, security: { embedded: true, introspection: true, bodyLimit: '2kb' } });
    try {
      expect((await post(nereid.url, { query: '{ __schema { queryType { name } } }' })).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const big = await post(nereid.url, { query: `{ __typename } # ${'x'.repeat(3000)}` });
      expect(big.status).toBe(413);
      expect(big.body.errors![0].extensions!.code).toBe('BAD_REQUEST');
    } finally {
      await nereid.stop();
    }
  });

  it('turns introspection off outside production when asked', async () => {
    const nereid = await startNereid(fillSocial, { security: { introspection: false } });
    try {
      const res = await post(nereid.url, { query: '{ __type(name: "Vertex") { name } }' });
      expect(res.status).toBe(400);
      expect(res.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await nereid.stop();
    }
  });
});

describe('trusted documents', () => {
  const allowed = '{ vertex(id: "ada") { id } }';
  const other = '{ vertices(label: "Person") { totalCount } }';
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const dir = mkdtempSync(join(tmpdir(), 'nereid-trusted-'));

  it.each([
    ['GraphQL Code Generator client preset', { [sha(allowed)]: allowed }],
    ['Apollo persisted query manifest', { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha(allowed), name: 'Ada', type: 'query', body: allowed }] }],
  ])('serves only the operations of a %s manifest, refusing any other before it is parsed', async (name, manifest) => {
    const file = join(dir, `${name.replace(/\W/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(manifest));
    const nereid = await startNereid(fillSocial, { security: { trustedDocuments: file } });
    try {
      const byText = await post(nereid.url, { query: allowed });
      expect(byText.body.data).toEqual({ vertex: { id: 'ada' } });
      const byId = await post(nereid.url, { documentId: `sha256:${sha(allowed)}` });
      expect(byId.body.data).toEqual({ vertex: { id: 'ada' } });
      const byApolloHash = await post(nereid.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha(allowed) } } });
      expect(byApolloHash.body.data).toEqual({ vertex: { id: 'ada' } });
      expect(byApolloHash.body.extensions!.gremlin!.requests).toBe(1);
      // A GET names its document in the query string; the CSRF header is what a browser's simple request lacks.
      const getById = await fetch(`${nereid.url}?documentId=${sha(allowed)}`, { headers: { 'apollo-require-preflight': '1' } });
      expect(((await getById.json()) as { data: unknown }).data).toEqual({ vertex: { id: 'ada' } });
      const getOther = await fetch(`${nereid.url}?query=${encodeURIComponent(other)}`, { headers: { 'apollo-require-preflight': '1' } });
      expect([getOther.status, ((await getOther.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_NOT_IN_LIST']);

      for (const body of [{ query: other }, { documentId: sha(other) }, { query: `${allowed} ` }, {}]) {
        const refused = await post(nereid.url, body);
        expect(refused.status).toBe(400);
        expect(refused.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
        // Refused before Apollo: no execution, so no Gremlin accounting at all.
        expect(refused.body.extensions).toBeUndefined();
        expect(refused.body.data).toBeUndefined();
      }
    } finally {
      await nereid.stop();
    }
  });

  it('reports a malformed manifest at startup', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }));
    await expect(startNereid(fillSocial, { security: { trustedDocuments: file } })).rejects.toThrow(/not an Apollo persisted query manifest/);
  });
});
