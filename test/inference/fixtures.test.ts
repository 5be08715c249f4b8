import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNeptuneCsv } from '../../src/embedded/import/neptune-csv';
import { Graph } from '../../src/embedded/structure';
import { inferFrom, servable } from './infer';

const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');

/**
 * The committed schemas of the shared datasets, inferred again with the default options. When inference
 * changes on purpose, regenerate the fixture with the command in its `regenerate` line and review the diff.
 */
const FIXTURES = [
  { name: 'air-routes', files: ['air-routes/air-routes-nodes.csv', 'air-routes/air-routes-edges.csv'] },
  { name: 'ldbc-snb', files: ['ldbc-snb/vertices.csv', 'ldbc-snb/edges.csv'] },
];

describe.each(FIXTURES)('the inferred schema of $name', ({ name, files }) => {
  const fixture = join(__dirname, 'fixtures', `${name}.graphql`);
  const regenerate = `npx tsx src/cli/main.ts infer-schema ${files.map((f) => `--load ../shared/datasets/${f}`).join(' ')} -o test/inference/fixtures/${name}.graphql`;

  it(`has not drifted from test/inference/fixtures/${name}.graphql`, async () => {
    const graph = new Graph();
    await loadNeptuneCsv(graph, files.map((f) => join(DATASETS, f)));
    const inference = await inferFrom(graph);
    if (inference.sdl !== readFileSync(fixture, 'utf8')) {
      process.stderr.write(`${name}: inferred schema differs from the fixture; if intended, regenerate with\n  ${regenerate}\n`);
    }
    expect(inference.sdl).toBe(readFileSync(fixture, 'utf8'));
    expect(inference.peakInFlight).toBeLessThanOrEqual(2);
  }, 120_000);

  it('is accepted by the typed layer without edits', () => {
    expect(servable(readFileSync(fixture, 'utf8'))).toEqual([]);
  });
});
