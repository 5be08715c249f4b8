import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashCycles } from '../../support/crash-cycles';

// Six starts of nereid from its sources: several seconds each, several times that on a busy machine.
jest.setTimeout(300_000);

/**
 * kill -9 under a write load, restart on the same data directory, five times (seeded; bench/crash.ts runs
 * a hundred and more): no acknowledged write lost, no transaction half there.
 */
it('survives kill -9 under a write load with every acknowledged write and no half transaction', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nereid-crash-'));
  try {
    const report = await crashCycles({ dataDir, cycles: 5, seed: 11 });
    expect(report).toMatchObject({ cycles: 5, lost: 0, halfApplied: 0, unexpected: 0 });
    expect(report.acknowledged).toBeGreaterThanOrEqual(25);
    // The load was really cut mid-flight: some transactions never got their answer.
    expect(report.unacknowledged).toBeGreaterThan(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
