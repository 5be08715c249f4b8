import { guardedResponseReader } from '../../src/neptune/response-reader';

const frame = (data: unknown) =>
  Buffer.from(JSON.stringify({ requestId: '00000000-0000-0000-0000-000000000001', status: { code: 200, message: '', attributes: { '@type': 'g:Map', '@value': [] } }, result: { data, meta: { '@type': 'g:Map', '@value': [] } } }));

describe('guardedResponseReader', () => {
  it("reads JanusGraph's edge id (RelationIdentifier, GraphSON 3) as its string form, inside an edge too", () => {
    // As JanusGraph 1.1.0's Gremlin Server sends g.E().id() and g.E() with its IoRegistry.
    const id = { '@type': 'janusgraph:RelationIdentifier', '@value': { relationId: '1zy-Sada-2dx-Sbob' } };
    const edge = { '@type': 'g:Edge', '@value': { id, label: 'knows', inVLabel: 'Person', outVLabel: 'Person', inV: 'bob', outV: 'ada' } };
    const reader = guardedResponseReader('graphson', () => {
      throw new Error('unexpected');
    });
    const res = reader.readResponse(frame({ '@type': 'g:List', '@value': [id, edge] })) as { result: { data: [string, { id: unknown }] } };
    expect(res.result.data[0]).toBe('1zy-Sada-2dx-Sbob');
    expect(res.result.data[1].id).toBe('1zy-Sada-2dx-Sbob');
  });
});
