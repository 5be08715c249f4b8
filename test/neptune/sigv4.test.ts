import { CredentialCache, REFRESH_BEFORE_EXPIRY_MS, type AwsCredentials } from '../../src/neptune/credentials';
import { amzDate, signUpgradeRequest } from '../../src/neptune/sigv4';
import { neptuneErrorBody, verifySigV4, type VerifyOptions } from '../../src/embedded/server/sigv4';

const KEY: AwsCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const TARGET = { host: 'db.cluster-x.us-east-1.neptune.amazonaws.com', port: 8182, path: '/gremlin' };
const SIGNED_AT = new Date('2024-03-01T12:00:00Z');

/** The request as the server sees it: Node lower-cases header names, and the driver adds a User-Agent. */
function asReceived(headers: Record<string, string>, extra: Record<string, string> = {}) {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...headers, 'User-Agent': 'gremlin-javascript/3.7.3', ...extra })) lower[k.toLowerCase()] = v;
  return { method: 'GET', url: TARGET.path, headers: lower };
}

const options = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
  region: 'us-east-1',
  credentials: [KEY],
  now: () => SIGNED_AT.getTime() + 1000,
  ...over,
});

function refusal(result: ReturnType<typeof verifySigV4>): string {
  if (result.ok) throw new Error('expected a refusal');
  expect(result.status).toBe(403);
  expect(result.code).toBe('AccessDeniedException');
  return result.message;
}

describe('signUpgradeRequest', () => {
  it('signs GET /gremlin for neptune-db with Host as host:port', () => {
    const headers = signUpgradeRequest(TARGET, 'us-east-1', KEY, SIGNED_AT);
    expect(headers.Host).toBe(`${TARGET.host}:8182`);
    expect(headers['X-Amz-Date']).toBe('20240301T120000Z');
    expect(headers.Authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240301\/us-east-1\/neptune-db\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['X-Amz-Security-Token']).toBeUndefined();
  });

  it('adds and signs the session token of temporary credentials', () => {
    const headers = signUpgradeRequest(TARGET, 'us-east-1', { ...KEY, sessionToken: 'TOKEN' }, SIGNED_AT);
    expect(headers['X-Amz-Security-Token']).toBe('TOKEN');
    expect(headers.Authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token');
  });

  it('formats X-Amz-Date in ISO 8601 basic format', () => {
    expect(amzDate(new Date('2024-12-31T23:59:59.999Z'))).toBe('20241231T235959Z');
  });
});

describe('verifySigV4 against signUpgradeRequest', () => {
  const signed = () => signUpgradeRequest(TARGET, 'us-east-1', KEY, SIGNED_AT);

  it('accepts a fresh signature and names the key', () => {
    expect(verifySigV4(asReceived(signed()), options())).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
  });

  it('accepts temporary credentials with their session token, from a lookup function', () => {
    const temp = { ...KEY, sessionToken: 'TOKEN' };
    const headers = signUpgradeRequest(TARGET, 'us-east-1', temp, SIGNED_AT);
    const lookup = (id: string) => (id === temp.accessKeyId ? temp : undefined);
    expect(verifySigV4(asReceived(headers), options({ credentials: lookup })).ok).toBe(true);
    const forged = asReceived(headers, { 'X-Amz-Security-Token': 'OTHER' });
    expect(refusal(verifySigV4(forged, options({ credentials: lookup })))).toMatch(/security token included in the request is invalid/);
  });

  it('accepts within the skew either way and refuses beyond it', () => {
    const at = (offsetMs: number) => options({ now: () => SIGNED_AT.getTime() + offsetMs });
    expect(verifySigV4(asReceived(signed()), at(5 * 60_000)).ok).toBe(true);
    expect(verifySigV4(asReceived(signed()), at(-5 * 60_000)).ok).toBe(true);
    expect(refusal(verifySigV4(asReceived(signed()), at(5 * 60_000 + 1000)))).toBe(
      'Signature expired: 20240301T120000Z is now earlier than 20240301T120001Z',
    );
    expect(refusal(verifySigV4(asReceived(signed()), at(-(5 * 60_000 + 1000))))).toBe(
      'Signature not yet current: 20240301T120000Z is still later than 20240301T115959Z',
    );
    expect(verifySigV4(asReceived(signed()), { ...at(60_000), maxSkewMs: 30_000 }).ok).toBe(false);
  });

  it('refuses a missing Authorization header', () => {
    const { Authorization: _, ...rest } = signed();
    expect(refusal(verifySigV4(asReceived(rest), options()))).toBe('Missing Authentication Token');
  });

  it('refuses a missing X-Amz-Date header', () => {
    const { 'X-Amz-Date': _, ...rest } = signed();
    expect(refusal(verifySigV4(asReceived(rest), options()))).toMatch(/requires existence of either a 'X-Amz-Date'/);
  });

  it('refuses an unknown access key', () => {
    const other = signUpgradeRequest(TARGET, 'us-east-1', { ...KEY, accessKeyId: 'AKIDOTHER' }, SIGNED_AT);
    expect(refusal(verifySigV4(asReceived(other), options()))).toBe('The security token included in the request is invalid.');
  });

  it('refuses a known key signed with the wrong secret', () => {
    const other = signUpgradeRequest(TARGET, 'us-east-1', { ...KEY, secretAccessKey: 'not-the-secret' }, SIGNED_AT);
    expect(refusal(verifySigV4(asReceived(other), options()))).toMatch(/^The request signature we calculated does not match/);
  });

  it('refuses the wrong region', () => {
    const other = signUpgradeRequest(TARGET, 'eu-west-1', KEY, SIGNED_AT);
    expect(refusal(verifySigV4(asReceived(other), options()))).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
  });

  it('refuses the wrong service', () => {
    expect(refusal(verifySigV4(asReceived(signed()), options({ service: 'execute-api' })))).toBe(
      "Credential should be scoped to correct service: 'execute-api'.",
    );
  });

  it('refuses a tampered signed header, path or method', () => {
    const mismatch = /^The request signature we calculated does not match/;
    expect(refusal(verifySigV4(asReceived(signed(), { Host: 'evil.example.com:8182' }), options()))).toMatch(mismatch);
    expect(refusal(verifySigV4({ ...asReceived(signed()), url: '/gremlin?x=1' }, options()))).toMatch(mismatch);
    expect(refusal(verifySigV4({ ...asReceived(signed()), method: 'POST' }, options()))).toMatch(mismatch);
  });

  it('refuses a changed X-Amz-Date even within the skew', () => {
    const req = asReceived(signed(), { 'X-Amz-Date': '20240301T120001Z' });
    expect(refusal(verifySigV4(req, options()))).toMatch(/^The request signature we calculated does not match/);
  });

  it('refuses a tampered signature', () => {
    const headers = signed();
    const last = headers.Authorization!.slice(-1) === '0' ? '1' : '0';
    const tampered = asReceived(headers, { Authorization: headers.Authorization!.slice(0, -1) + last });
    expect(refusal(verifySigV4(tampered, options()))).toMatch(/^The request signature we calculated does not match/);
  });

  it('ignores unsigned headers such as User-Agent', () => {
    expect(verifySigV4(asReceived(signed(), { 'User-Agent': 'something else' }), options()).ok).toBe(true);
  });

  it.each([
    ['Bearer abc', /Unsupported Authorization Type: Bearer/],
    ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/us-east-1/neptune-db/aws4_request', /requires 'Credential', 'SignedHeaders' and 'Signature'/],
    ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/us-east-1, SignedHeaders=host;x-amz-date, Signature=00', /Credential is malformed/],
    ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240302/us-east-1/neptune-db/aws4_request, SignedHeaders=host;x-amz-date, Signature=00', /Date in Credential scope does not match/],
    ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/us-east-1/neptune-db/aws4_request, SignedHeaders=x-amz-date, Signature=00', /'host' must be a signed header/],
    ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/us-east-1/neptune-db/aws4_request, SignedHeaders=host;x-amz-date;x-custom, Signature=00', /Signed header 'x-custom' is missing/],
  ])('refuses the malformed Authorization %s', (authorization, message) => {
    expect(refusal(verifySigV4(asReceived(signed(), { Authorization: authorization }), options()))).toMatch(message);
  });

  it('refuses an impossible date', () => {
    const req = asReceived(signed(), { 'X-Amz-Date': '20240231T120000Z' });
    expect(refusal(verifySigV4(req, options()))).toBe('Invalid date format: 20240231T120000Z');
  });
});

describe('verifySigV4 against the AWS SigV4 test suite', () => {
  it('accepts get-vanilla, computed independently of our signer', () => {
    const req = {
      method: 'GET',
      url: '/',
      headers: {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
          'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      },
    };
    const at = Date.parse('2015-08-30T12:36:00Z');
    expect(verifySigV4(req, options({ service: 'service', now: () => at }))).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
  });
});

describe('neptuneErrorBody', () => {
  it('has the shape of Neptune engine errors', () => {
    expect(neptuneErrorBody({ code: 'AccessDeniedException', message: 'Missing Authentication Token' }, 'r-1')).toEqual({
      requestId: 'r-1',
      code: 'AccessDeniedException',
      detailedMessage: 'Missing Authentication Token',
    });
    expect(neptuneErrorBody({ code: 'X', message: 'y' }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CredentialCache', () => {
  it('fetches once, shares a pending fetch, and refreshes near expiry', async () => {
    let now = 0;
    let calls = 0;
    const cache = new CredentialCache(async () => {
      calls += 1;
      return { ...KEY, sessionToken: `t${calls}`, expiration: new Date(now + REFRESH_BEFORE_EXPIRY_MS + 60_000) };
    }, () => now);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
    now += 59_000;
    expect((await cache.get()).sessionToken).toBe('t1');
    now += 1_000;
    expect((await cache.get()).sessionToken).toBe('t2');
    expect(calls).toBe(2);
  });

  it('keeps credentials without expiry until invalidated, and retries after a failed fetch', async () => {
    let calls = 0;
    const cache = new CredentialCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('no credentials');
      return KEY;
    });
    await expect(cache.get()).rejects.toThrow('no credentials');
    await cache.get();
    await cache.get();
    expect(calls).toBe(2);
    cache.invalidate();
    await cache.get();
    expect(calls).toBe(3);
  });
});
