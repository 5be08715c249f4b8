import { DATASETS, runDifferential } from './differential/run';
import { describeWithTools, startReferenceServer, type ReferenceServer } from './gremlin-server';

/**
 * A seeded slice of the differential run (bench/differential.ts runs thousands): random traversals on the
 * embedded engine and on TinkerGraph over the same data, through the same driver. Every difference must be
 * one of the known, explained ones (KNOWN_DIFFERENCES); a new one fails with both answers.
 */
describeWithTools(['java', 'javac', 'mvn'])('differential testing of the embedded engine against TinkerGraph', () => {
  let reference: ReferenceServer;
  beforeAll(async () => {
    reference = await startReferenceServer();
  }, 180_000);
  afterAll(() => reference?.stop());

  it.each([
    ['modern', 300],
    ['crew', 300],
  ])('%s: %i seeded traversals answer as on TinkerGraph', async (dataset, cases) => {
    const figures = await runDifferential(reference, dataset, await DATASETS[dataset]!(), cases, 20261207);
    expect(figures.mismatches).toEqual([]);
    // The run compared something: most traversals answer alike, few fail on both.
    expect(figures.same).toBeGreaterThan(cases * 0.8);
  }, 300_000);
});
