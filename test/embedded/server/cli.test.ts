import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUpgradeRequest } from '../../../src/neptune/sigv4';
import gremlin from 'gremlin';
import { GRAPHBINARY } from './helpers';

const ROOT = join(__dirname, '../../..');
const SHARED = join(ROOT, '../shared');

/** Runs `nereid gremlin-server ...` as a user would, and resolves with its URL once it says it is ready. */
function startCli(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'gremlin-server', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /ready at (ws:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`gremlin-server exited with ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('nereid gremlin-server', () => {
  it('serves GraphSON and Neptune CSV files it was told to load, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gremlin-server-cli-'));
    const csv = join(dir, 'airports.csv');
    writeFileSync(csv, '~id,~label,code:String\nap1,airport,AUS\nap2,airport,LHR\n');
    const { child, url } = await startCli(['--profile', 'tinkergraph', '--load', join(SHARED, 'tinkerpop/tinkerpop-crew.json'), '--load', csv]).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    try {
      const connection = new gremlin.driver.DriverRemoteConnection(url, { mimeType: GRAPHBINARY });
      const g = gremlin.process.traversal().withRemote(connection);
      try {
        expect(await g.V('1').values('name').toList()).toEqual(['marko']);
        expect(await g.V('ap2').values('code').toList()).toEqual(['LHR']);
      } finally {
        await connection.close();
      }
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('requires SigV4 with --iam-region, checking against the key pair from the environment', async () => {
    const key = { accessKeyId: 'AKIDCLI', secretAccessKey: 'cli-secret' };
    const { child, url } = await startCli(['--iam-region', 'eu-west-1'], { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey });
    try {
      const { port } = new URL(url);
      const headers = signUpgradeRequest({ host: '127.0.0.1', port: Number(port), path: '/gremlin' }, 'eu-west-1', key);
      const signed = new gremlin.driver.DriverRemoteConnection(url, { mimeType: GRAPHBINARY, headers });
      try {
        expect(await gremlin.process.traversal().withRemote(signed).inject(1).toList()).toEqual([1]);
      } finally {
        await signed.close();
      }
      const unsigned = new gremlin.driver.DriverRemoteConnection(url, { mimeType: GRAPHBINARY });
      await expect(gremlin.process.traversal().withRemote(unsigned).inject(1).toList()).rejects.toThrow(/403/);
      await unsigned.close();
    } finally {
      await stop(child);
    }
  });

  it('fails a traversal that would exhaust the heap with MemoryLimitExceededException, and keeps serving', async () => {
    // 30 vertices, every pair joined: four hops are 21 million paths, and dedup() must remember each one.
    const dir = mkdtempSync(join(tmpdir(), 'gremlin-server-heap-'));
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    writeFileSync(join(dir, 'v.csv'), ['~id,~label', ...ids.map((id) => `${id},n`)].join('\n'));
    const edges = ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => `${from}-${to},${from},${to},l`));
    writeFileSync(join(dir, 'e.csv'), ['~id,~from,~to,~label', ...edges].join('\n'));
    const { child, url } = await startCli(['--load', join(dir, 'v.csv'), '--load', join(dir, 'e.csv')], {
      NODE_OPTIONS: '--max-old-space-size=128',
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
    try {
      const client = new gremlin.driver.Client(url, { mimeType: GRAPHBINARY });
      try {
        await expect(client.submit('g.V().both().both().both().both().path().dedup().count()')).rejects.toThrow(
          /MemoryLimitExceededException/,
        );
        expect((await client.submit('g.V().count()')).toArray()).toEqual([30]);
      } finally {
        await client.close();
      }
    } finally {
      expect(await stop(child)).toBe(0);
    }
  }, 120_000);

  it('refuses files it cannot load, saying why', async () => {
    await expect(startCli(['--load', join(ROOT, 'package.json'), '--load', join(ROOT, 'README.md')])).rejects.toThrow(/README\.md/);
  });
});
