import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNeptuneCsv } from '../../src/embedded/import/neptune-csv';
import { Graph } from '../../src/embedded/structure';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';

const ROOT = join(__dirname, '..', '..');
export const DATASETS = join(ROOT, '..', 'shared', 'datasets');

/** nereid serving an example schema over a shared Neptune CSV dataset, as `nereid serve --empty --schema --load` does. */
export async function serveExample(example: string, files: string[]): Promise<TestNereid> {
  const file = join(ROOT, 'examples', example);
  const schema = buildTypedSchema(readFileSync(file, 'utf8'), file);
  return startNereid(undefined, {
    schema,
    embeddedGraph: async () => {
      const graph = new Graph();
      await loadNeptuneCsv(graph, files.map((f) => join(DATASETS, f)));
      return graph;
    },
  });
}

/** Follows a connection page by page; each item must come exactly once. */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<{ items: T[]; hasNextPage: boolean; endCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const { items, hasNextPage, endCursor } = await fetchPage(after);
    all.push(...items);
    if (!hasNextPage) return all;
    after = endCursor;
  }
  throw new Error('more than 1000 pages');
}
