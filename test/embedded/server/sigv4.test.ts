import { request } from 'node:http';
import { signUpgradeRequest } from '../../../src/neptune/sigv4';
import type { GremlinServer } from '../../../src/embedded/server';
import { FORMATS, Harness } from './helpers';

const KEY = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'us-east-1';
const target = (server: GremlinServer, path = '/gremlin') => ({ host: '127.0.0.1', port: server.port, path });

/** The HTTP answer to an upgrade request with these headers (what a refused driver only sees as "Unexpected server response"). */
function upgrade(server: GremlinServer, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path: '/gremlin',
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, body: {} });
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(FORMATS)('SigV4 on the WebSocket upgrade, over %s', (_name, mimeType) => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());
  const iamServer = () => harness.server({ iam: { region: REGION, credentials: [KEY] } });

  it('accepts a driver connection signed for neptune-db with a known key', async () => {
    const server = await iamServer();
    const { g } = harness.remote(server, mimeType, { headers: signUpgradeRequest(target(server), REGION, KEY) });
    expect(await g.inject(1).toList()).toEqual([1]);
  });

  it('refuses a driver connection without a signature', async () => {
    const server = await iamServer();
    const { g } = harness.remote(server, mimeType);
    await expect(g.inject(1).toList()).rejects.toThrow(/403/);
  });
});

describe('SigV4 refusals', () => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it("answers a missing, wrong or stale signature with 403 and Neptune's AccessDeniedException body", async () => {
    const server = await harness.server({ iam: { region: REGION, credentials: [KEY] } });
    const fresh = await upgrade(server, signUpgradeRequest(target(server), REGION, KEY));
    expect(fresh.status).toBe(101);

    const missing = await upgrade(server, {});
    expect(missing).toMatchObject({ status: 403, body: { code: 'AccessDeniedException', detailedMessage: 'Missing Authentication Token' } });
    expect(missing.body.requestId).toEqual(expect.any(String));

    const wrongSecret = await upgrade(server, signUpgradeRequest(target(server), REGION, { ...KEY, secretAccessKey: 'not-the-secret' }));
    expect(wrongSecret).toMatchObject({ status: 403, body: { code: 'AccessDeniedException', detailedMessage: expect.stringContaining('signature') } });

    const stale = await upgrade(server, signUpgradeRequest(target(server), REGION, KEY, new Date(Date.now() - 20 * 60_000)));
    expect(stale).toMatchObject({ status: 403, body: { detailedMessage: expect.stringContaining('Signature expired') } });
  });

  it('protects /status too, and reports IAM as enabled', async () => {
    const server = await harness.server({ iam: { region: REGION, credentials: [KEY] } });
    const refused = await fetch(`http://127.0.0.1:${server.port}/status`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'AccessDeniedException' });
    const signed = signUpgradeRequest(target(server, '/status'), REGION, KEY);
    const ok = await fetch(`http://127.0.0.1:${server.port}/status`, { headers: { 'X-Amz-Date': signed['X-Amz-Date'], Authorization: signed.Authorization } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ features: { IAMAuthentication: 'enabled' } });
  });
});
