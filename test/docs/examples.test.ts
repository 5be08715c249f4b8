import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type DocumentNode } from 'graphql';
import { Graph } from '../../src/embedded/structure';
import { generateSocialGraph } from '../../src/sample/social-graph';
import { serve, type Nereid } from '../../src/serve';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import type { TestNereid } from '../support/nereid';
import { serveExample } from '../typed/datasets';

/**
 * The GraphQL printed in the docs works as printed: every schema block is a typed schema nereid accepts, and
 * every operation runs without errors, and finds something, on what the docs tell a reader to serve — the
 * sample social graph of `npm start`, with examples/social.graphql for the typed examples. Mutations run after
 * the queries, in the order printed. A block marked `<!-- runs on examples/ldbc-snb.graphql -->` on the line
 * before it runs on the LDBC dataset with that schema instead, as the docs tell a reader to serve it.
 */

const ROOT = join(__dirname, '..', '..');
const DOCS = ['README.md', 'docs/typed-schemas.md'];
const LDBC = 'examples/ldbc-snb.graphql';

interface Block {
  file: string;
  line: number;
  document: DocumentNode;
  /** The example schema it runs on, when not the sample social graph's. */
  example?: string;
}

function graphqlBlocks(file: string): Block[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(/(?:<!-- runs on (\S+) -->\n)?```graphql\n([\s\S]*?)```/g)) {
    const line = text.slice(0, match.index).split('\n').length + (match[1] ? 1 : 0);
    blocks.push({ file, line, document: parse(match[2]), example: match[1] });
  }
  return blocks;
}

const blocks = DOCS.flatMap(graphqlBlocks);
const schemas = blocks.filter((b) => b.document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION));
const operations = blocks.flatMap((b) =>
  b.document.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((d, i) => ({ where: `${b.file}:${b.line} #${i + 1}`, operation: d.operation, text: print(d), example: b.example })),
);
const onSocial = operations.filter((o) => o.example === undefined);
const ordered = [...onSocial.filter((o) => o.operation === 'query'), ...onSocial.filter((o) => o.operation !== 'query')];
const onLdbc = operations.filter((o) => o.example === LDBC);

async function answers(url: string, text: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(emptyRoots(body.data!)).toEqual([]);
}

/** Null, an empty list or a zero totalCount at the top of an answer means the example shows nothing. */
function emptyRoots(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([, value]) => {
      if (value === null || (Array.isArray(value) && value.length === 0)) return true;
      const count = (value as { totalCount?: unknown }).totalCount;
      return count === 0;
    })
    .map(([field]) => field);
}

describe('GraphQL in the docs', () => {
  it('finds the examples it checks', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(2);
    expect(operations.length).toBeGreaterThanOrEqual(8);
    expect(onLdbc.length).toBeGreaterThanOrEqual(1);
    expect(operations.filter((o) => o.example !== undefined && o.example !== LDBC)).toEqual([]);
  });

  it.each(schemas.map((s) => [`${s.file}:${s.line}`, s] as const))('the schema at %s is a valid typed schema', (where, block) => {
    expect(() => buildTypedSchema(print(block.document), where)).not.toThrow();
  });

  describe('on the sample social graph with examples/social.graphql', () => {
    let nereid: Nereid;

    beforeAll(async () => {
      const graph = new Graph();
      generateSocialGraph(graph);
      const schema = buildTypedSchema(readFileSync(join(ROOT, 'examples', 'social.graphql'), 'utf8'), 'examples/social.graphql');
      nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph, schema });
    });

    afterAll(() => nereid.stop());

    it.each(ordered.map((o) => [o.where, o.text] as const))('the operation at %s answers', async (_where, text) => {
      await answers(nereid.url, text);
    });
  });

  describe(`on the LDBC social network with ${LDBC}`, () => {
    let nereid: TestNereid;

    beforeAll(async () => {
      nereid = await serveExample('ldbc-snb.graphql', ['ldbc-snb/vertices.csv', 'ldbc-snb/edges.csv']);
    }, 120_000); // loading the dataset took 15-20 s on a busy machine, close to the default 30 s

    afterAll(() => nereid.stop());

    it.each(onLdbc.map((o) => [o.where, o.text] as const))('the operation at %s answers', async (_where, text) => {
      await answers(nereid.url, text);
    });
  });
});
