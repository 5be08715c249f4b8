import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUpgradeRequest } from '../../../src/neptune/sigv4';
import gremlin from 'gremlin';
import { startCli, type RunningCli } from '../../support/cli';
import { GRAPHBINARY } from './helpers';

// Every case starts nereid from its TypeScript sources: several seconds each, and several times that on a busy machine.
jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const SHARED = join(ROOT, '../shared');

/** `nereid gremlin-server` on a free port, as a user would start it, with the URL it says it serves. */
async function startServer(args: string[], env: Record<string, string> = {}): Promise<{ cli: RunningCli; url: string }> {
  const cli = await startCli(['gremlin-server', '--port', '0', ...args], /ready at (ws:\/\/\S+)/, env);
  return { cli, url: cli.match[1] };
}

describe('nereid gremlin-server', () => {
  it('serves GraphSON and Neptune CSV files it was told to load, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gremlin-server-cli-'));
    const csv = join(dir, 'airports.csv');
    writeFileSync(csv, '~id,~label,code:String\nap1,airport,AUS\nap2,airport,LHR\n');
    const { cli, url } = await startServer(['--profile', 'tinkergraph', '--load', join(SHARED, 'tinkerpop/tinkerpop-crew.json'), '--load', csv]).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    try {
      const connection = new gremlin.driver.DriverRemoteConnection(url, { mimeType: GRAPHBINARY });
      const g = gremlin.process.traversal().withRemote(connection);
      try {
        expect(await g.V('1').values('name').toList()).toEqual(['marko']);
        expect(await g.V('ap2').values('code').toList()).toEqual(['LHR']);
        const http = /HTTP: POST (http:\/\/\S+)/.exec(cli.output())![1];
        const answer = await fetch(http, { method: 'POST', body: JSON.stringify({ gremlin: "g.V('ap1').values('code')" }) });
        expect(((await answer.json()) as { result: { data: unknown } }).result.data).toEqual({ '@type': 'g:List', '@value': ['AUS'] });
      } finally {
        await connection.close();
      }
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('requires SigV4 with --iam-region, checking against the key pair from the environment', async () => {
    const key = { accessKeyId: 'AKIDCLI', secretAccessKey: 'cli-secret' };
    const { cli, url } = await startServer(['--iam-region', 'eu-west-1'], { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey });
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
      await cli.stop();
    }
  });

  it('fails a traversal that would exhaust the heap with MemoryLimitExceededException, and keeps serving', async () => {
    // 30 vertices, every pair joined: four hops are 21 million paths, and dedup() must remember each one.
    const dir = mkdtempSync(join(tmpdir(), 'gremlin-server-heap-'));
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    writeFileSync(join(dir, 'v.csv'), ['~id,~label', ...ids.map((id) => `${id},n`)].join('\n'));
    const edges = ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => `${from}-${to},${from},${to},l`));
    writeFileSync(join(dir, 'e.csv'), ['~id,~from,~to,~label', ...edges].join('\n'));
    const { cli, url } = await startServer(['--load', join(dir, 'v.csv'), '--load', join(dir, 'e.csv')], {
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
      expect(await cli.stop()).toBe(0);
    }
  });

  it('relaunches itself with the heap --max-memory asks for, serves from the relaunched process, and stops with it', async () => {
    const { cli, url } = await startServer(['--max-memory', '300']);
    const parent = cli.child.pid!;
    const children = readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .filter((pid) => new RegExp(`^PPid:\\s+${parent}$`, 'm').test(readProc(pid, 'status')));
    try {
      expect(children).toHaveLength(1);
      expect(readProc(children[0], 'cmdline').split('\0')).toContain('--max-old-space-size=300');
      const connection = new gremlin.driver.DriverRemoteConnection(url, { mimeType: GRAPHBINARY });
      try {
        expect(await gremlin.process.traversal().withRemote(connection).inject(1).toList()).toEqual([1]);
      } finally {
        await connection.close();
      }
    } finally {
      expect(await cli.stop()).toBe(0);
    }
    expect(readProc(children[0], 'status')).toBe('');
  });

  it('refuses files it cannot load, saying why', async () => {
    await expect(startServer(['--load', join(ROOT, 'package.json'), '--load', join(ROOT, 'README.md')])).rejects.toThrow(/README\.md/);
  });
});

/** A /proc file of a process, empty once the process is gone. */
function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}
