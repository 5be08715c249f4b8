import { printTraversal } from '../../src/gremlin/print';
import type { ProjectionNode } from '../../src/operations/projection';
import { FetchElements } from '../../src/operations/read/fetch-elements';

/** A plan with nested fields prints as one tree and compiles to one traversal, a by() per nested field. */
describe('nested operation nodes', () => {
  const friends: ProjectionNode = {
    element: 'vertex',
    keys: ['name'],
    nested: [
      {
        name: 'friends',
        node: {
          kind: 'neighbours',
          query: {
            hop: { direction: 'OUT', edgeLabels: ['knows'], target: 'vertex' },
            filter: { kind: 'compare', key: 'age', op: 'gt', value: 30 },
            order: { keys: [{ key: 'name', descending: true }] },
            page: { offset: 0, limit: 2, fingerprint: 'f' },
            projection: { element: 'vertex', keys: [], nested: [{ name: 'degree', node: { kind: 'degree', hop: { direction: 'BOTH', edgeLabels: [], target: 'edge' } } }] },
            count: true,
          },
        },
      },
    ],
  };

  it('prints the whole tree', () => {
    expect(new FetchElements(['ada'], friends).print()).toBe(
      'FetchVertices(ids=1, vertex{name, friends: Neighbours(out[knows], where=age gt 30, order=name DESC, id ASC, page=[0, 2), vertex{degree: Degree(bothE[])}, count)})',
    );
  });

  it('compiles to one traversal: the page and the count inside the parent, the degree inside each neighbour', () => {
    expect(printTraversal(new FetchElements(['ada'], friends).traversal())).toBe(
      'g.V("ada").project("id", "label", "properties", "@friends").by(T.id).by(T.label).by(__.valueMap("name"))' +
        '.by(__.project("items", "total")' +
        '.by(__.out("knows").has("age", P.gt(30)).dedup().order().by(__.has("name").count(), Order.desc).by(__.coalesce(__.values("name"), __.constant("")), Order.desc).by(T.id, Order.asc).range(0, 2)' +
        '.project("id", "label", "@degree").by(T.id).by(T.label).by(__.bothE().dedup().count()).fold())' +
        '.by(__.out("knows").has("age", P.gt(30)).dedup().count()))',
    );
  });
});
