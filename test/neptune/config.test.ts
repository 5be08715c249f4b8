import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  isEndpointConfigured,
  loadConnectionConfig,
  regionInHostName,
} from '../../src/neptune/config';
import { SettingError } from '../../src/settings';

const NEPTUNE = 'my-db.cluster-abc123.eu-west-1.neptune.amazonaws.com';
const READER = 'my-db.cluster-ro-abc123.eu-west-1.neptune.amazonaws.com';

function configError(fn: () => unknown): SettingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SettingError) return err;
    throw err;
  }
  throw new Error('expected a SettingError');
}

describe('loadConnectionConfig', () => {
  it('builds wss endpoints for Neptune with the documented defaults', () => {
    const config = loadConnectionConfig({ NEPTUNE_ENDPOINT: NEPTUNE, NEPTUNE_READER_ENDPOINT: READER });
    expect(config.writer).toEqual({ url: `wss://${NEPTUNE}:8182/gremlin`, host: NEPTUNE, port: 8182, path: '/gremlin', secure: true });
    expect(config.reader?.url).toBe(`wss://${READER}:8182/gremlin`);
    expect(config).toMatchObject({
      iamAuth: false,
      region: undefined,
      serializer: 'graphbinary',
      timeoutMs: 30000,
      poolSize: 4,
      maxRetries: 3,
      retryBaseMs: 100,
      retryMaxDelayMs: 2000,
      tls: { ca: undefined, rejectUnauthorized: true },
    });
  });

  it('takes a plain ws:// server and adds /gremlin to a URL without path', () => {
    const config = loadConnectionConfig({ GREMLIN_ENDPOINT: 'ws://localhost:9000' });
    expect(config.writer).toEqual({ url: 'ws://localhost:9000/gremlin', host: 'localhost', port: 9000, path: '/gremlin', secure: false });
    expect(config.reader).toBeUndefined();
    expect(loadConnectionConfig({ GREMLIN_ENDPOINT: 'wss://g.example.com/custom' }).writer.url).toBe('wss://g.example.com:443/custom');
  });

  it('parses every variable', () => {
    const config = loadConnectionConfig({
      NEPTUNE_ENDPOINT: NEPTUNE,
      NEPTUNE_PORT: '8443',
      NEPTUNE_IAM_AUTH: 'TRUE',
      AWS_REGION: 'us-east-2',
      GREMLIN_SERIALIZER: 'GraphSON',
      GREMLIN_TIMEOUT_MS: '1500',
      GREMLIN_POOL_SIZE: '2',
      GREMLIN_MAX_RETRIES: '0',
      GREMLIN_RETRY_BASE_MS: '5',
      GREMLIN_RETRY_MAX_DELAY_MS: '50',
      GREMLIN_TLS_REJECT_UNAUTHORIZED: 'false',
    });
    expect(config).toMatchObject({
      writer: { port: 8443 },
      iamAuth: true,
      region: 'us-east-2',
      serializer: 'graphson',
      timeoutMs: 1500,
      poolSize: 2,
      maxRetries: 0,
      retryBaseMs: 5,
      retryMaxDelayMs: 50,
      tls: { rejectUnauthorized: false },
    });
  });

  it('lets options (the CLI) win over the environment, and ignores empty values', () => {
    const config = loadConnectionConfig(
      { GREMLIN_ENDPOINT: 'ws://env:1/gremlin', GREMLIN_POOL_SIZE: '9', GREMLIN_TIMEOUT_MS: '' },
      { gremlinEndpoint: 'ws://cli:2/gremlin', poolSize: 3, iamAuth: true, region: 'us-west-2', timeoutMs: undefined },
    );
    expect(config.writer.host).toBe('cli');
    expect(config.poolSize).toBe(3);
    expect(config.timeoutMs).toBe(30000);
    expect(config.iamAuth).toBe(true);
    expect(config.region).toBe('us-west-2');
  });

  it('infers the region from a Neptune host name for IAM auth', () => {
    expect(loadConnectionConfig({ NEPTUNE_ENDPOINT: NEPTUNE, NEPTUNE_IAM_AUTH: '1' }).region).toBe('eu-west-1');
    expect(regionInHostName('db.cluster-x.cn-north-1.neptune.amazonaws.com.cn')).toBe('cn-north-1');
    expect(regionInHostName('localhost')).toBeUndefined();
  });

  it('requires a region for IAM auth when the host does not name one', () => {
    const err = configError(() => loadConnectionConfig({ GREMLIN_ENDPOINT: 'ws://localhost:8182/gremlin', NEPTUNE_IAM_AUTH: 'true' }));
    expect(err.setting).toBe('AWS_REGION');
    expect(err.message).toMatch(/AWS_REGION is required with NEPTUNE_IAM_AUTH=true/);
  });

  it.each([
    [{ NEPTUNE_ENDPOINT: NEPTUNE, NEPTUNE_PORT: 'abc' }, 'NEPTUNE_PORT', /whole number from 1 to 65535.*"abc"/],
    [{ NEPTUNE_ENDPOINT: NEPTUNE, NEPTUNE_PORT: '70000' }, 'NEPTUNE_PORT', /whole number/],
    [{ NEPTUNE_ENDPOINT: `wss://${NEPTUNE}:8182/gremlin` }, 'NEPTUNE_ENDPOINT', /without scheme, port or path/],
    [{ NEPTUNE_ENDPOINT: NEPTUNE, NEPTUNE_IAM_AUTH: 'maybe' }, 'NEPTUNE_IAM_AUTH', /expected true or false/],
    [{ NEPTUNE_ENDPOINT: NEPTUNE, AWS_REGION: 'Mars' }, 'AWS_REGION', /AWS region/],
    [{ GREMLIN_ENDPOINT: 'http://localhost:8182/gremlin' }, 'GREMLIN_ENDPOINT', /ws:\/\/ or wss:\/\//],
    [{ GREMLIN_ENDPOINT: 'not a url' }, 'GREMLIN_ENDPOINT', /expected a URL/],
    [{ GREMLIN_ENDPOINT: 'ws://u:p@localhost/gremlin' }, 'GREMLIN_ENDPOINT', /credentials/],
    [{ GREMLIN_ENDPOINT: 'ws://h/g', GREMLIN_SERIALIZER: 'gryo' }, 'GREMLIN_SERIALIZER', /graphbinary or graphson/],
    [{ GREMLIN_ENDPOINT: 'ws://h/g', GREMLIN_TIMEOUT_MS: '1.5' }, 'GREMLIN_TIMEOUT_MS', /whole number/],
    [{ GREMLIN_ENDPOINT: 'ws://h/g', GREMLIN_POOL_SIZE: '0' }, 'GREMLIN_POOL_SIZE', /from 1 to 64/],
    [{ GREMLIN_ENDPOINT: 'ws://h/g', GREMLIN_MAX_RETRIES: '-1' }, 'GREMLIN_MAX_RETRIES', /from 0 to 10/],
    [{ NEPTUNE_ENDPOINT: NEPTUNE, GREMLIN_ENDPOINT: 'ws://h/g' }, 'GREMLIN_ENDPOINT', /both set/],
    [{ NEPTUNE_READER_ENDPOINT: READER }, 'NEPTUNE_READER_ENDPOINT', /needs NEPTUNE_ENDPOINT/],
    [{ GREMLIN_READER_ENDPOINT: 'ws://r/g' }, 'GREMLIN_READER_ENDPOINT', /needs GREMLIN_ENDPOINT/],
    [{}, 'NEPTUNE_ENDPOINT', /No Gremlin endpoint configured/],
  ])('refuses %j naming %s', (env, setting, message) => {
    const err = configError(() => loadConnectionConfig(env));
    expect(err.setting).toBe(setting);
    expect(err.message.startsWith(setting) || err.message.includes(setting)).toBe(true);
    expect(err.message).toMatch(message);
  });

  it('names the CLI flag when the bad value came from the options', () => {
    const err = configError(() => loadConnectionConfig({ GREMLIN_ENDPOINT: 'ws://h/g' }, { poolSize: 'many' }));
    expect(err.setting).toBe('--gremlin-pool-size');
    expect(err.message).toMatch(/^--gremlin-pool-size: expected a whole number/);
  });

  describe('GREMLIN_TLS_CA_FILE', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nereid-ca-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads a PEM bundle', () => {
      const file = path.join(dir, 'ca.pem');
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      fs.writeFileSync(file, pem);
      expect(loadConnectionConfig({ NEPTUNE_ENDPOINT: NEPTUNE, GREMLIN_TLS_CA_FILE: file }).tls.ca).toBe(pem);
    });

    it('refuses a missing file or one without a certificate', () => {
      const missing = configError(() =>
        loadConnectionConfig({ NEPTUNE_ENDPOINT: NEPTUNE, GREMLIN_TLS_CA_FILE: path.join(dir, 'nope.pem') }),
      );
      expect(missing.message).toMatch(/^GREMLIN_TLS_CA_FILE: cannot read .*nope\.pem.*ENOENT/);
      const junk = path.join(dir, 'junk.pem');
      fs.writeFileSync(junk, 'hello');
      expect(configError(() => loadConnectionConfig({ NEPTUNE_ENDPOINT: NEPTUNE, GREMLIN_TLS_CA_FILE: junk })).message).toMatch(
        /holds no PEM certificate/,
      );
    });
  });
});

describe('isEndpointConfigured', () => {
  it('is true for either endpoint from either source', () => {
    expect(isEndpointConfigured({})).toBe(false);
    expect(isEndpointConfigured({ NEPTUNE_ENDPOINT: ' ' })).toBe(false);
    expect(isEndpointConfigured({ NEPTUNE_ENDPOINT: NEPTUNE })).toBe(true);
    expect(isEndpointConfigured({}, { gremlinEndpoint: 'ws://h/g' })).toBe(true);
  });
});
