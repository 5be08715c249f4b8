import type { ReferenceServer } from './gremlin-server';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { nereidPeers?: ReferenceServer[] }).nereidPeers ?? [];
  await Promise.all(servers.map((s) => s.stop()));
}
