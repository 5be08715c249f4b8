import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { generateSocialGraph } from '../../src/sample/social-graph';
import { codesOf, hostileString, problemOf, requestArbitrary, type FuzzRequest } from '../support/fuzz';
import { startNereid, type TestNereid } from '../support/nereid';

/**
 * A small seeded slice of the fuzzing `npm run bench:fuzz` does at full count (bench/fuzz.ts): operations
 * generated from the live schema, valid and invalid, with hostile strings and numbers, deep nesting and many
 * aliases. No answer may be a 5xx, an error without a code, an internal error or a stack trace; the server
 * keeps serving; hostile strings come back exactly as stored.
 */
const SEED = 1107;
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

describe('fuzzing through HTTP', () => {
  let nereid: TestNereid;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    nereid = await startNereid();
    generateSocialGraph(nereid.graph);
    const introspection = await nereid.gql<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data!);
  }, 120_000);
  afterAll(() => nereid.stop());

  const send = async (request: FuzzRequest) => {
    const res = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: request.query, variables: request.variables }) });
    return { status: res.status, text: await res.text() };
  };

  it(`answers ${RUNS} generated operations with coded errors, never a 5xx or an internal error`, async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(schema), async (request) => {
        const { status, text } = await send(request);
        for (const code of codesOf(text)) codes.set(code, (codes.get(code) ?? 0) + 1);
        const problem = problemOf(status, text);
        if (problem) throw new Error(`${problem}\n${request.kind}: ${request.query.slice(0, 500)}\nvariables: ${JSON.stringify(request.variables)?.slice(0, 500)}\n=> ${text.slice(0, 500)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The slice reached both sides: answers with data and refusals of several kinds.
    expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
    expect([...codes.keys()].filter((c) => c !== 'ok').length).toBeGreaterThanOrEqual(3);
    expect((await fetch(nereid.url.replace('/graphql', '/health'))).status).toBe(200);
  }, 120_000);

  it('stores hostile strings as property values and keys, and reads them back verbatim, or refuses them with a code', async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (key, value) => {
        const created = await nereid.gql(`mutation ($p: JSON) { createVertex(input: { label: "Fuzz", properties: $p }) { id } }`, { p: { [key]: value } });
        if (created.errors) {
          expect(created.errors[0].extensions!.code).toBe('BAD_USER_INPUT');
          return;
        }
        stored += 1;
        const id = created.data!.createVertex.id as string;
        const read = await nereid.gql(`query ($id: ID!, $k: String!) { vertex(id: $id) { property(key: $k) } }`, { id, k: key });
        expect(read.errors).toBeUndefined();
        expect(read.data!.vertex.property).toBe(value);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 5) },
    );
    expect(stored).toBeGreaterThan(0);
  }, 120_000);
});
