import gremlin from 'gremlin';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';
import { startCli } from './cli';

/**
 * Crash cycles against `nereid gremlin-server --data-dir`: a write load of multi-element transactions
 * (a batch is one traversal creating three vertices and two edges; some drop an earlier batch whole), the
 * server killed with SIGKILL after a seeded random number of acknowledged writes, restarted on the same
 * directory, and the graph checked: every acknowledged batch whole, every acknowledged drop gone, every
 * unacknowledged transaction whole or absent, and nothing else. Shared by the suite (a few cycles) and
 * bench/crash.ts (a hundred and more).
 */

export interface CrashReport {
  cycles: number;
  /** Transactions the server acknowledged. */
  acknowledged: number;
  /** Transactions in flight when the server died (no answer, or an error from the lost connection). */
  unacknowledged: number;
  /** Of those, how many had nevertheless been applied (committed, then the answer was lost). */
  unacknowledgedApplied: number;
  /** Acknowledged writes missing after a restart, or acknowledged drops back. Must be 0. */
  lost: number;
  /** Transactions found partly applied. Must be 0. */
  halfApplied: number;
  /** Elements nobody wrote. Must be 0. */
  unexpected: number;
  /** Restart times, ms from spawn to ready. */
  restartMs: number[];
}

export interface CrashOptions {
  readonly dataDir: string;
  readonly cycles: number;
  readonly seed: number;
  /** Concurrent writers; default 4. */
  readonly writers?: number;
  /** Acknowledged writes per cycle before the kill: uniform in [min, max]; default [5, 60]. */
  readonly writesBeforeKill?: readonly [number, number];
  readonly onCycle?: (cycle: number, report: CrashReport) => void;
}

const { t } = gremlin.process;
const g = gremlin.process.traversal().withGraph(new gremlin.structure.Graph());
const ELEMENTS = (n: number) => [`b${n}`, `b${n}-1`, `b${n}-2`, `b${n}-e1`, `b${n}-e2`];

const createBatch = (n: number) =>
  g
    .addV('batch').property(t.id, `b${n}`).property('n', n).as('a')
    .addV('item').property(t.id, `b${n}-1`).property('n', n).as('b')
    .addV('item').property(t.id, `b${n}-2`).property('name', `item ${n}`).as('c')
    .addE('has').from_('a').to('b').property(t.id, `b${n}-e1`).property('w', n / 2)
    .addE('has').from_('a').to('c').property(t.id, `b${n}-e2`)
    .getBytecode();

const dropBatch = (n: number) => g.V(`b${n}`, `b${n}-1`, `b${n}-2`).drop().getBytecode();

type BatchState = 'present' | 'absent' | 'uncertain';

export async function crashCycles(options: CrashOptions): Promise<CrashReport> {
  const rnd = mulberry32(options.seed);
  const [minWrites, maxWrites] = options.writesBeforeKill ?? [5, 60];
  const report: CrashReport = { cycles: 0, acknowledged: 0, unacknowledged: 0, unacknowledgedApplied: 0, lost: 0, halfApplied: 0, unexpected: 0, restartMs: [] };
  const batches = new Map<number, BatchState>();
  /** Batches whose unacknowledged transaction was a drop (else a create), to count those applied. */
  const uncertainDrops = new Set<number>();
  let next = 0;

  const start = async () => {
    const began = performance.now();
    const cli = await startCli(['gremlin-server', '--port', '0', '--data-dir', options.dataDir], /ready at (ws:\S+)/);
    report.restartMs.push(performance.now() - began);
    const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: cli.match[1], maxRetries: 0, poolSize: 2 }));
    return { cli, client };
  };

  const check = async (client: GremlinClient) => {
    const ids = new Set((await client.submit(g.V().id().getBytecode(), { mode: 'read' })) as string[]);
    for (const id of (await client.submit(g.E().id().getBytecode(), { mode: 'read' })) as string[]) ids.add(id);
    const known = new Set<string>();
    for (const [n, state] of batches) {
      const elements = ELEMENTS(n);
      elements.forEach((id) => known.add(id));
      const present = elements.filter((id) => ids.has(id)).length;
      if (present !== 0 && present !== elements.length) report.halfApplied++;
      if (state === 'present' && present !== elements.length) report.lost++;
      if (state === 'absent' && present !== 0) report.lost++;
      if (state === 'uncertain') {
        const now: BatchState = present === elements.length ? 'present' : 'absent';
        if ((now === 'absent') === uncertainDrops.has(n)) report.unacknowledgedApplied++;
        batches.set(n, now);
      }
    }
    uncertainDrops.clear();
    report.unexpected += [...ids].filter((id) => !known.has(id)).length;
  };

  let { cli, client } = await start();
  try {
    await check(client);
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const target = minWrites + Math.floor(rnd() * (maxWrites - minWrites + 1));
      let acknowledged = 0;
      let dead = false;
      const exited = new Promise<void>((resolve) => cli.child.once('exit', () => resolve()));
      const kill = () => {
        if (dead) return;
        dead = true;
        // A little jitter, so the kill does not always land right after an acknowledgement.
        setTimeout(() => cli.child.kill('SIGKILL'), Math.floor(rnd() * 4));
      };
      const writer = async () => {
        while (!dead) {
          const present = [...batches].filter(([, s]) => s === 'present').map(([n]) => n);
          const drop = present.length > 3 && rnd() < 0.2;
          const n = drop ? present[Math.floor(rnd() * present.length)] : next++;
          batches.set(n, 'uncertain');
          try {
            await client.submit(drop ? dropBatch(n) : createBatch(n), { mode: 'write' });
            batches.set(n, drop ? 'absent' : 'present');
            report.acknowledged++;
            if (++acknowledged >= target) kill();
          } catch {
            report.unacknowledged++;
            if (drop) uncertainDrops.add(n);
            // Nothing more to send to a server that is going away; any other failure is a finding.
            if (!dead) throw new Error(`a write failed before the kill (batch ${n})`);
          }
        }
      };
      await Promise.all(Array.from({ length: options.writers ?? 4 }, writer));
      await exited;
      await client.close();
      ({ cli, client } = await start());
      await check(client);
      report.cycles++;
      options.onCycle?.(cycle, report);
    }
  } finally {
    await client.close();
    await cli.stop();
  }
  return report;
}

/** A small seeded generator, so a failing run can be replayed with its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
