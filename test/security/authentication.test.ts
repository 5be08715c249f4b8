import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';
import { post, SECRET, startJwksServer, token } from './support';

jest.setTimeout(120_000);

const QUERY = { query: '{ vertex(id: "ada") { id } }' };

describe('authentication with an HS256 secret', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { security: { jwtSecret: SECRET, issuer: 'https://issuer.test', audience: 'nereid', required: true } });
  });
  afterAll(() => nereid.stop());

  const valid = (claims = {}) => token({ iss: 'https://issuer.test', aud: 'nereid', sub: 'u1', ...claims });

  it('serves a request with a valid token', async () => {
    const res = await post(nereid.url, QUERY, await valid());
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ vertex: { id: 'ada' } });
  });

  it('refuses a request without a token with 401 and a Bearer challenge, before any Gremlin request', async () => {
    const res = await post(nereid.url, QUERY);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="nereid"');
    expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it.each([
    ['expired', () => valid({ exp: Math.floor(Date.now() / 1000) - 3600 }), 'the token has expired'],
    ['wrongly signed', () => token({ iss: 'https://issuer.test', aud: 'nereid' }, 'another-secret-of-at-least-32-characters'), 'the token signature does not verify'],
    ['from another issuer', () => valid({ iss: 'https://elsewhere.test' }), 'the token has the wrong issuer'],
    ['for another audience', () => valid({ aud: 'billing' }), 'the token is for another audience'],
    ['not yet valid', () => valid({ nbf: Math.floor(Date.now() / 1000) + 3600 }), 'the token is not valid yet'],
    ['malformed', async () => 'not.a.jwt', 'the token is malformed'],
  ])('refuses a token %s with 401 invalid_token', async (_case, make, description) => {
    const res = await post(nereid.url, QUERY, await make());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="nereid", error="invalid_token", error_description="${description}"`);
    // Like every error, the refusal carries the request's id.
    expect(res.body.errors).toEqual([{ message: `Invalid token: ${description}`, extensions: { code: 'UNAUTHENTICATED', requestId: res.headers.get('x-request-id') } }]);
  });

  it('accepts a token that expired within the clock skew', async () => {
    const res = await post(nereid.url, QUERY, await valid({ exp: Math.floor(Date.now() / 1000) - 5 }));
    expect(res.status).toBe(200);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: 'https://issuer.test', aud: 'nereid', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    const res = await post(nereid.url, QUERY, `${header}.${payload}.`);
    expect(res.status).toBe(401);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const res = await post(nereid.url, QUERY, undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_request"/);
  });
});

describe('anonymous requests when tokens are optional', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { security: { jwtSecret: SECRET } });
  });
  afterAll(() => nereid.stop());

  it('serves a request without a token, and still refuses a bad one', async () => {
    expect((await post(nereid.url, QUERY)).status).toBe(200);
    expect((await post(nereid.url, QUERY, await token({}, 'another-secret-of-at-least-32-characters'))).status).toBe(401);
  });
});

describe('authentication with a JWKS URL', () => {
  afterEach(() => jest.useRealTimers());

  it('verifies RS256 and ES256 tokens, fetches the keys again for an unknown kid (rotation), and not for every forged kid', async () => {
    const jwks = await startJwksServer();
    const a = await generateKeyPair('RS256');
    const b = await generateKeyPair('ES256');
    jwks.keys = [{ ...(await exportJWK(a.publicKey)), kid: 'a', alg: 'RS256', use: 'sig' }];
    const nereid = await startNereid(fillSocial, { security: { jwksUrl: jwks.url, issuer: 'https://idp.test', required: true } });
    const sign = (key: Parameters<SignJWT['sign']>[0], kid: string, alg: string) =>
      new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg, kid }).setIssuer('https://idp.test').setIssuedAt().setExpirationTime('1h').sign(key);
    try {
      expect((await post(nereid.url, QUERY, await sign(a.privateKey, 'a', 'RS256'))).status).toBe(200);
      expect((await post(nereid.url, QUERY, await sign(a.privateKey, 'a', 'RS256'))).status).toBe(200);
      expect(jwks.fetches()).toBe(1);

      // The issuer rotates to key b. jose refetches an unknown kid once its cooldown (30 s) has passed since
      // the last fetch: the clock is moved past it rather than waited for.
      jwks.keys = [{ ...(await exportJWK(b.publicKey)), kid: 'b', alg: 'ES256', use: 'sig' }];
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
      jest.setSystemTime(Date.now() + 31_000);
      const rotated = await post(nereid.url, QUERY, await sign(b.privateKey, 'b', 'ES256'));
      expect(rotated.status).toBe(200);
      expect(jwks.fetches()).toBe(2);

      // A token naming a kid the issuer never published: refused, and within the cooldown no new fetch.
      const forged = await generateKeyPair('ES256');
      const res = await post(nereid.url, QUERY, await sign(forged.privateKey, 'zzz', 'ES256'));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect(jwks.fetches()).toBe(2);

      // The old key is gone from the set: its tokens no longer verify.
      expect((await post(nereid.url, QUERY, await sign(a.privateKey, 'a', 'RS256'))).status).toBe(401);
      // An HS256 token cannot slip through a JWKS-only configuration.
      expect((await post(nereid.url, QUERY, await token({ iss: 'https://idp.test' }))).status).toBe(401);
    } finally {
      jest.useRealTimers();
      await nereid.stop();
      await jwks.close();
    }
  });
});
