import { JanusGraphSchemaLog } from './janusgraph-schema';
import { startBackendServer, testBackend, type ReferenceServer } from './gremlin-server';

/**
 * With NEREID_TEST_BACKEND=tinkerpop (or janusgraph), one such Gremlin Server per Jest worker, started once for
 * the run: test/support/nereid.ts points each worker's gateways at its own (NEREID_TINKERPOP_URLS, by
 * JEST_WORKER_ID), so test files running side by side never share a graph. Otherwise nothing.
 */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  const backend = testBackend();
  if (backend === 'embedded') return;
  const servers = await Promise.all(Array.from({ length: Math.max(1, config.maxWorkers) }, () => startBackendServer(backend)));
  (globalThis as { nereidPeers?: ReferenceServer[] }).nereidPeers = servers;
  if (backend === 'janusgraph') for (const server of servers) new JanusGraphSchemaLog(server.url).reset();
  process.env.NEREID_TINKERPOP_URLS = servers.map((s) => s.url).join(',');
  console.log(`\n${backend} Gremlin Server(s) ${process.env.NEREID_TINKERPOP_URLS} started in ${servers.map((s) => s.startMs).join(', ')} ms`);
}
