import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildExplorer, explorerIsStale } from '../../explorer/build';
import { DISCOVERY_QUERY, NEIGHBOURS_QUERY, starterQuery } from '../../explorer/src/starter';
import { loadServerSettings } from '../../src/gateway/settings';
import { SettingError } from '../../src/settings';
import { runCli, startCli, type RunningCli } from '../support/cli';
import { startNereid } from '../support/nereid';

// Building the bundle and starting nereid from its sources take tens of seconds on a busy machine.
jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
// .ci/run installs Debian's chromium and requires these tests; elsewhere they are skipped when it is missing.
const browserTests = existsSync(CHROMIUM) || process.env.NEREID_BROWSER_TESTS === 'required' ? describe : describe.skip;
if (!existsSync(CHROMIUM)) process.stderr.write(`test/explorer: ${CHROMIUM} is missing; the browser tests are skipped (apt-get install chromium)\n`);
const ARTIFACTS = join(__dirname, '..', 'artifacts');

async function ensureBuilt(): Promise<void> {
  if (explorerIsStale()) await buildExplorer();
}

async function gql(url: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return res.json();
}

describe('the playground setting', () => {
  it('defaults to the explorer outside production and to off in it; a flag wins over NEREID_PLAYGROUND', () => {
    const playground = (env: Record<string, string>, option: string | undefined, production: boolean) => loadServerSettings(env, { playground: option }, production).playground;
    expect(playground({}, undefined, false)).toBe('explorer');
    expect(playground({}, undefined, true)).toBe('off');
    expect(playground({ NEREID_PLAYGROUND: 'sandbox' }, undefined, true)).toBe('sandbox');
    expect(playground({ NEREID_PLAYGROUND: 'sandbox' }, 'explorer', false)).toBe('explorer');
    expect(() => playground({ NEREID_PLAYGROUND: 'graphiql' }, undefined, false)).toThrow(
      new SettingError('NEREID_PLAYGROUND', 'NEREID_PLAYGROUND: expected one of explorer, sandbox, off (got "graphiql")'),
    );
  });

  it('stops nereid serve with one line naming a bad --playground', async () => {
    expect(await runCli(['serve', '--port', '0', '--playground', 'graphiql'])).toEqual({
      code: 1,
      output: 'nereid: --playground: expected one of explorer, sandbox, off (got "graphiql")\n',
    });
  });

  it.each([
    ['explorer', 302, 'explorer', 302],
    ['sandbox', 302, undefined, 200],
    ['off', 404, undefined, 400],
  ] as const)('%s: / answers %d and a browser opening /graphql is sent to %s', async (playground, rootStatus, graphqlLocation, graphqlStatus) => {
    const nereid = await startNereid(undefined, { server: { playground } });
    try {
      const base = nereid.url.replace(/graphql$/, '');
      const root = await fetch(base, { redirect: 'manual' });
      expect(root.status).toBe(rootStatus);
      const browser = await fetch(nereid.url, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect([browser.status, browser.headers.get('location') ?? undefined]).toEqual([graphqlStatus, graphqlLocation]);
      if (playground === 'sandbox') expect(await browser.text()).toContain('embeddable-sandbox');
      // A client that is not a browser is never redirected.
      const client = await fetch(`${nereid.url}?query=%7B__typename%7D`, { headers: { accept: '*/*', 'apollo-require-preflight': '1' } });
      expect(((await client.json()) as any).data).toEqual({ __typename: 'Query' });
      if (playground === 'off') expect((await fetch(`${base}explorer`)).status).toBe(404);
    } finally {
      await nereid.stop();
    }
  });
});

browserTests('the explorer in Chromium, with no network beyond nereid', () => {
  let cli: RunningCli;
  let url: string;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    cli = await startCli(['serve', '--port', '0', '--host', '127.0.0.1'], /ready at (http:\S+)/);
    url = /ready at (http:\S+)/.exec(cli.output())![1];
    origin = new URL(url).origin;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    // Offline, as inside a VPC: every request the page makes anywhere but nereid fails (and is recorded).
    await page.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    });
  });
  afterAll(async () => {
    await browser?.close();
    await cli?.stop();
  });

  const nodeCount = () => page.evaluate(() => (globalThis as any).nereidExplorer.cy.nodes().length as number);

  it('opens / on the explorer with the starter query, runs it, and draws its graph beside the JSON', async () => {
    const starter = starterQuery(await gql(url, DISCOVERY_QUERY));
    const expected = await gql(url, starterQuery(await gql(url, DISCOVERY_QUERY)));
    const ids = new Set([expected.data.vertex.id, ...['follows', 'likes', 'posted'].flatMap((k) => expected.data.vertex[k].nodes.map((n: any) => n.id))]);

    await page.goto(`${origin}/`);
    expect(page.url()).toBe(`${origin}/explorer`);
    await page.locator('.graphiql-query-editor').getByText('vertex(id: "user:1")').waitFor();
    expect(starter).toContain('vertex(id: "user:1")');

    await page.locator('.graphiql-execute-button').click();
    await page.getByTestId('graph-note').getByText(/^Drawn: /).waitFor();
    await page.locator('.graphiql-response').getByText('"Ada Lovelace"').first().waitFor();
    expect(await nodeCount()).toBe(ids.size);
    expect(await page.evaluate(() => (globalThis as any).nereidExplorer.cy.edges().length)).toBe(ids.size - 1);
    // The Gremlin panel: the request count and time, and the traversal the server reports, as it printed it.
    await expect(page.getByTestId('gremlin-summary').textContent()).resolves.toMatch(/^1 request, [\d.]+ ms waiting on the graph$/);
    await expect(page.getByTestId('gremlin').locator('pre').first().textContent()).resolves.toBe(expected.extensions.gremlin.traversals[0].gremlin);
  });

  it('shows a vertex’s properties on hover and adds its neighbours on a click, with one GraphQL request', async () => {
    const friend = (await gql(url, `{ vertex(id: "user:1") { out(labels: ["FOLLOWS"], first: 1) { nodes { id } } } }`)).data.vertex.out.nodes[0].id;
    const drawn = new Set<string>(await page.evaluate(() => (globalThis as any).nereidExplorer.cy.nodes().map((n: any) => n.id())));
    const around = (await gql(url, NEIGHBOURS_QUERY, { id: friend })).data.vertex;
    const neighbours = [...around.outE.nodes.map((e: any) => e.inV.id), ...around.inE.nodes.map((e: any) => e.outV.id)];
    const expected = new Set([...drawn, ...neighbours]).size;

    const at = await page.evaluate((id) => {
      const cy = (globalThis as any).nereidExplorer.cy;
      const p = cy.getElementById(id).renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, friend);
    await page.mouse.move(at.x, at.y);
    await page.locator('.nx-tooltip').getByText(`${friend} (User)`).waitFor();

    const requests: string[] = [];
    page.on('request', (r) => r.url().endsWith('/graphql') && requests.push(r.postData() ?? ''));
    await page.mouse.click(at.x, at.y);
    await page.getByTestId('graph-note').getByText(new RegExp(`^${friend}: added `)).waitFor();
    expect(await nodeCount()).toBe(expected);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]).variables).toEqual({ id: friend });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'explorer.png') });
  });

  /** Replaces the editor's query with `query` and runs it. */
  async function run(query: string): Promise<void> {
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText types no keys, so the editor's bracket completion adds nothing.
    await page.keyboard.insertText(query);
    await page.locator('.graphiql-execute-button').click();
  }

  it('numbers a path’s vertices in order and highlights its edges', async () => {
    const query = '{ shortestPath(from: "user:1", to: "user:2", edgeLabels: ["FOLLOWS"]) { vertices { name: property(key: "name") } edges { id } } }';
    const path = (await gql(url, query.replace('name: property(key: "name")', 'id'))).data.shortestPath;
    expect(path.vertices.length).toBeGreaterThan(1);
    await run(query);
    await page.getByTestId('graph-note').getByText(/^Drawn: .* 1 path \(numbered in order\)/).waitFor();
    const drawn = await page.evaluate(() => {
      const cy = (globalThis as any).nereidExplorer.cy;
      return {
        vertices: cy.nodes('.path').map((n: any) => [n.id(), n.data('pathCaption')]),
        edges: cy.edges('.path').map((e: any) => [e.id(), e.source().id(), e.target().id()]),
      };
    });
    const ids = path.vertices.map((v: any) => v.id);
    expect(drawn.vertices.map(([id]: string[]) => id).sort()).toEqual([...ids].sort());
    for (const [id, caption] of drawn.vertices) expect(caption).toMatch(new RegExp(`^${ids.indexOf(id) + 1}\\. `));
    expect(drawn.edges).toEqual(path.edges.map((e: any, i: number) => [e.id, ids[i], ids[i + 1]]));
  });

  it('draws at most a few hundred vertices of a large result and says what it left out', async () => {
    const query = '{ vertices(label: "User", first: 100) { nodes { out(first: 20) { nodes { label } } } } }';
    const result = (await gql(url, query.replace(/\{ label \}/, '{ id }').replace('nodes { out', 'nodes { id out'))).data.vertices.nodes;
    const ids = new Set(result.flatMap((v: any) => [v.id, ...v.out.nodes.map((n: any) => n.id)]));
    await run(query);
    await page.getByTestId('graph-note').getByText(`Drawn: ${ids.size} vertices`).waitFor();
    const note = (await page.getByTestId('graph-note').textContent())!;
    const max = Number(/at most (\d+) vertices are drawn/.exec(note)![1]);
    expect(ids.size).toBeGreaterThan(max);
    expect(note).toContain(`not drawn: ${ids.size - max} vertices`);
    expect(await nodeCount()).toBe(max);
  });

  it('asked nothing of any other host, and logged no error', () => {
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
