import { printTraversal } from '../../src/gremlin/print';
import { FetchElements, FetchNested } from '../../src/operations/read/fetch-elements';
import { pageFromInput } from '../../src/planner/arguments';

/** `V()` with no ids means every vertex: an operation over a list of ids must never send it for an empty list. */
describe('operations over ids', () => {
  const vertexKeys = { element: 'vertex', keys: [] } as const;
  const operations = (ids: string[]) => [
    new FetchElements(ids, vertexKeys),
    new FetchElements(ids, { element: 'edge', keys: [] }),
    new FetchNested(ids, { kind: 'degree', hop: { direction: 'OUT', edgeLabels: [], target: 'edge' } }),
    new FetchNested(ids, {
      kind: 'neighbours',
      query: {
        hop: { direction: 'OUT', edgeLabels: [], target: 'vertex' },
        order: { keys: [] },
        page: pageFromInput(2, undefined, 'f'),
        projection: vertexKeys,
        count: false,
      },
    }),
  ];

  it('start at exactly the given ids', () => {
    for (const op of operations(['a', 'b'])) expect(printTraversal(op.traversal())).toMatch(/^g\.[VE]\("a", "b"\)\./);
  });

  it('refuse an empty list rather than read the whole graph', () => {
    for (const op of operations([])) expect(() => op.traversal()).toThrow(/no ids/);
  });
});
