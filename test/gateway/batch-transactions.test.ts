import { fillSocial } from '../support/social';
import { startNereid, TEST_BACKEND, type TestNereid } from '../support/nereid';

/**
 * Batch mutations above one traversal's worth (500 inputs): one traversal per 500 in one transaction, then a
 * commit; on any failure a rollback and nothing written, with the error naming the input as for a small batch.
 */
describe('batch mutations in one transaction', () => {
  let nereid: TestNereid;
  beforeEach(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterEach(() => nereid.stop());

  const CREATE_VERTICES = `mutation($inputs: [VertexInput!]!) { batchCreateVertices(inputs: $inputs) { id } }`;
  const CREATE_EDGES = `mutation($inputs: [EdgeInput!]!) { batchCreateEdges(inputs: $inputs) { id } }`;
  const tags = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `t${from + i}`, label: 'Tag', properties: { n: from + i } }));
  const count = async (element: 'vertices' | 'edges', label: string): Promise<number> => {
    const res = await nereid.gql(`query($l: String) { ${element}(label: $l, first: 1) { totalCount } }`, { l: label });
    expect(res.errors).toBeUndefined();
    return res.data![element].totalCount;
  };
  const totals = async () => ({ vertices: await count('vertices', 'Tag'), edges: await count('edges', 'tagged') });

  it('creates 3,000 vertices and 2,000 edges, each batch in chunks of 500 and one commit', async () => {
    const vertices = await nereid.gql(CREATE_VERTICES, { inputs: tags(3000) });
    expect(vertices.errors).toBeUndefined();
    expect(vertices.data!.batchCreateVertices).toHaveLength(3000);
    expect(vertices.data!.batchCreateVertices[2999]).toEqual({ id: 't2999' });
    const sent = vertices.extensions!.gremlin!.traversals;
    expect(vertices.extensions!.gremlin!.requests).toBe(7);
    expect(sent.map((t) => t.endpoint)).toEqual(Array(7).fill('writer'));
    expect(sent[6].gremlin).toBe('g.tx().commit()');
    expect(await count('vertices', 'Tag')).toBe(3000);

    const edges = await nereid.gql(CREATE_EDGES, {
      inputs: Array.from({ length: 2000 }, (_, i) => ({ label: 'tagged', from: `t${i}`, to: `t${i + 1}`, properties: { i } })),
    });
    expect(edges.errors).toBeUndefined();
    expect(edges.data!.batchCreateEdges).toHaveLength(2000);
    expect(edges.extensions!.gremlin!.requests).toBe(5);
    expect(await count('edges', 'tagged')).toBe(2000);
    const last = await nereid.gql(`{ vertex(id: "t1999") { out(labels: ["tagged"]) { nodes { id } } } }`);
    expect(last.data!.vertex.out.nodes).toEqual([{ id: 't2000' }]);
  });

  it('writes nothing when an id in the last chunk is taken, and says which', async () => {
    await nereid.gql(CREATE_VERTICES, { inputs: tags(10) });
    const before = await totals();
    const inputs = tags(1200, 100);
    inputs[1150] = { id: 't3', label: 'Tag', properties: { n: 3 } };
    const res = await nereid.gql(CREATE_VERTICES, { inputs });
    expect(res.errors![0].extensions!.code).toBe('CONFLICT');
    expect(res.errors![0].message).toMatch(/"t3"/);
    expect(res.errors![0].extensions!.ids).toEqual(['t3']);
    expect(res.data).toBeNull();
    expect(await totals()).toEqual(before);
  });

  it('writes nothing when an edge end in the last chunk is missing, and names the input', async () => {
    await nereid.gql(CREATE_VERTICES, { inputs: tags(1001) });
    const before = await totals();
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ label: 'tagged', from: `t${i}`, to: `t${i + 1}` }));
    inputs[998] = { label: 'tagged', from: 't998', to: 'ghost' };
    const res = await nereid.gql(CREATE_EDGES, { inputs });
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'inputs[998].to' });
    expect(res.errors![0].message).toMatch(/"ghost" \(inputs\[998\]\.to\)/);
    expect(await totals()).toEqual(before);
  });

  it('refuses a batch over NEREID_MAX_BATCH before sending anything', async () => {
    const res = await nereid.gql(CREATE_VERTICES, { inputs: Array.from({ length: 10_001 }, () => ({ label: 'Tag' })) });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'inputs' });
    expect(res.errors![0].message).toMatch(/At most 10000 inputs per batch \(got 10001\)/);
    expect(res.extensions!.gremlin!.requests).toBe(0);

    // In place of this file's gateway, so that on the TinkerPop backend it reuses the worker's server.
    await nereid.stop();
    nereid = await startNereid(undefined, { env: { NEREID_MAX_BATCH: '600' } });
    const over = await nereid.gql(CREATE_VERTICES, { inputs: tags(601) });
    expect(over.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'inputs' });
    expect(over.extensions!.gremlin!.requests).toBe(0);
    const within = await nereid.gql(CREATE_VERTICES, { inputs: tags(600) });
    expect(within.errors).toBeUndefined();
    expect(within.extensions!.gremlin!.requests).toBe(3);
  });

  // JanusGraph's in-memory storage applies a commit's mutations without isolating readers from them: a reader
  // there can see part of a committed batch (never a chunk boundary, so not a chunk committed on its own). The
  // embedded server, TinkerTransactionGraph and Neptune show a commit whole.
  const isolatedCommit = TEST_BACKEND !== 'janusgraph';

  it('a reader during the batch sees all of it or none of it', async () => {
    let done = false;
    const batch = nereid.gql(CREATE_VERTICES, { inputs: tags(2000) }).finally(() => (done = true));
    const seen: number[] = [];
    while (!done) seen.push(await count('vertices', 'Tag'));
    expect((await batch).errors).toBeUndefined();
    if (isolatedCommit) expect(seen.filter((n) => n !== 0 && n !== 2000)).toEqual([]);
    else expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await count('vertices', 'Tag')).toBe(2000);
  });
});
